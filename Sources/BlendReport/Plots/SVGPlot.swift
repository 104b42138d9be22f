import Foundation

/// Small inline-SVG charts for the HTML pages: no scripts, no external assets, every label
/// HTML-escaped, well-formed XML. The charts scale with the page width (`viewBox`, width 100 %).
public enum SVGPlot {
    public struct Point: Sendable {
        public var x: Double
        public var y: Double
        public var low: Double?
        public var high: Double?

        public init(x: Double, y: Double, low: Double? = nil, high: Double? = nil) {
            self.x = x
            self.y = y
            self.low = low
            self.high = high
        }
    }

    public struct Series: Sendable {
        public var name: String
        public var points: [Point]

        public init(name: String, points: [Point]) {
            self.name = name
            self.points = points
        }
    }

    static let palette = ["#3465a4", "#cc6600", "#4e9a06", "#a40000", "#75507b", "#c4a000"]

    /// Horizontal bars from 0 to each value, labelled with the name and the value.
    public static func bars(title: String, items: [(label: String, value: Double)]) -> String {
        let left = 200.0, right = 60.0, width = 640.0, bar = 18.0, gap = 6.0, top = 30.0
        let height = top + Double(items.count) * (bar + gap) + 30
        let ticks = niceTicks(low: 0, high: max(items.map(\.value).max() ?? 1, 1e-9))
        let maxValue = ticks.last ?? 1
        let scale = (width - left - right) / maxValue
        var out = open(width: width, height: height, title: title)
        out += text(title, x: left, y: 18, attributes: "font-weight=\"600\"")
        for t in ticks {
            let x = left + t * scale
            out += "<line x1=\"\(f(x))\" y1=\"\(f(top - 4))\" x2=\"\(f(x))\" y2=\"\(f(height - 26))\" stroke=\"#e4e4e4\"/>\n"
            out += text(label(t), x: x, y: height - 10, attributes: "text-anchor=\"middle\" fill=\"#666\"")
        }
        for (i, item) in items.enumerated() {
            let y = top + Double(i) * (bar + gap)
            out += text(shorten(item.label, to: 26), x: left - 6, y: y + bar - 5, attributes: "text-anchor=\"end\"")
            out += "<rect x=\"\(f(left))\" y=\"\(f(y))\" width=\"\(f(max(item.value, 0) * scale))\" height=\"\(f(bar))\" fill=\"\(palette[0])\"/>\n"
            out += text(String(format: "%.2f", item.value), x: left + max(item.value, 0) * scale + 4, y: y + bar - 5, attributes: "fill=\"#333\"")
        }
        return out + "</svg>\n"
    }

    /// Lines through each series' points with a shaded band from `low` to `high` where given.
    public static func lines(title: String, xLabel: String, yLabel: String, series: [Series]) -> String {
        let width = 640.0, height = 340.0, left = 64.0, right = 20.0, top = 34.0, bottom = 56.0
        let points = series.flatMap(\.points)
        let xs = xTicks(points.map(\.x))
        let ys = niceTicks(low: points.map { $0.low ?? $0.y }.min() ?? 0, high: points.map { $0.high ?? $0.y }.max() ?? 1)
        let (x0, x1, y0, y1) = (xs.first ?? 0, xs.last ?? 1, ys.first ?? 0, ys.last ?? 1)
        func px(_ x: Double) -> Double { left + (x - x0) / max(x1 - x0, 1e-12) * (width - left - right) }
        func py(_ y: Double) -> Double { height - bottom - (y - y0) / max(y1 - y0, 1e-12) * (height - top - bottom) }
        var out = open(width: width, height: height, title: title)
        out += text(title, x: left, y: 18, attributes: "font-weight=\"600\"")
        for t in ys {
            out += "<line x1=\"\(f(left))\" y1=\"\(f(py(t)))\" x2=\"\(f(width - right))\" y2=\"\(f(py(t)))\" stroke=\"#e4e4e4\"/>\n"
            out += text(label(t), x: left - 6, y: py(t) + 4, attributes: "text-anchor=\"end\" fill=\"#666\"")
        }
        for t in xs { out += text(label(t), x: px(t), y: height - bottom + 18, attributes: "text-anchor=\"middle\" fill=\"#666\"") }
        out += "<line x1=\"\(f(left))\" y1=\"\(f(height - bottom))\" x2=\"\(f(width - right))\" y2=\"\(f(height - bottom))\" stroke=\"#999\"/>\n"
        out += text(xLabel, x: (left + width - right) / 2, y: height - bottom + 38, attributes: "text-anchor=\"middle\"")
        out += text(yLabel, x: 14, y: (top + height - bottom) / 2,
                    attributes: "text-anchor=\"middle\" transform=\"rotate(-90 14 \(f((top + height - bottom) / 2)))\"")
        for (i, s) in series.enumerated() {
            let color = palette[i % palette.count]
            let sorted = s.points.sorted { $0.x < $1.x }
            let banded = sorted.filter { $0.low != nil && $0.high != nil }
            if banded.count > 1 {
                let upper = banded.map { "\(f(px($0.x))),\(f(py($0.high ?? $0.y)))" }
                let lower = banded.reversed().map { "\(f(px($0.x))),\(f(py($0.low ?? $0.y)))" }
                out += "<polygon points=\"\((upper + lower).joined(separator: " "))\" fill=\"\(color)\" fill-opacity=\"0.15\" stroke=\"none\"/>\n"
            }
            out += "<polyline points=\"\(sorted.map { "\(f(px($0.x))),\(f(py($0.y)))" }.joined(separator: " "))\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"2\"/>\n"
            for p in sorted { out += "<circle cx=\"\(f(px(p.x)))\" cy=\"\(f(py(p.y)))\" r=\"3\" fill=\"\(color)\"/>\n" }
            let lx = left + 10 + Double(i % 3) * 180, ly = top + 4 + Double(i / 3) * 16
            out += "<rect x=\"\(f(lx))\" y=\"\(f(ly - 9))\" width=\"10\" height=\"10\" fill=\"\(color)\"/>\n"
            out += text(shorten(s.name), x: lx + 14, y: ly, attributes: "")
        }
        return out + "</svg>\n"
    }

    /// Ticks for the x axis: the distinct values themselves when they are few whole numbers
    /// (K, comparisons), else round ticks.
    static func xTicks(_ values: [Double]) -> [Double] {
        let distinct = Set(values).sorted()
        if !distinct.isEmpty, distinct.count <= 12, distinct.allSatisfy({ $0 == $0.rounded() }) {
            return distinct.count == 1 ? [distinct[0] - 1, distinct[0], distinct[0] + 1] : distinct
        }
        return niceTicks(low: values.min() ?? 0, high: values.max() ?? 1)
    }

    /// Round tick values covering [low, high]: 4 to 8 steps of 1, 2 or 5 times a power of ten.
    static func niceTicks(low: Double, high: Double) -> [Double] {
        guard low.isFinite, high.isFinite else { return [0, 1] }
        let span = high - low > 1e-12 ? high - low : max(abs(high), 1)
        let raw = span / 5
        let magnitude = pow(10, floor(log10(raw)))
        let step = [1.0, 2, 5, 10].map { $0 * magnitude }.first { raw <= $0 } ?? magnitude * 10
        let start = floor(low / step) * step
        var ticks: [Double] = []
        var t = start
        while t < high + step * 0.999 && ticks.count < 12 { ticks.append(t); t += step }
        if ticks.count < 2 { ticks.append(start + step) }
        return ticks
    }

    static func open(width: Double, height: Double, title: String) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(f(width)) \(f(height))\" width=\"100%\" "
            + "style=\"max-width: \(f(width))px\" role=\"img\" aria-label=\"\(Escape.html(title))\" font-size=\"12\" font-family=\"system-ui, sans-serif\">\n"
            + "<title>\(Escape.html(title))</title>\n"
    }

    static func text(_ s: String, x: Double, y: Double, attributes: String) -> String {
        "<text x=\"\(f(x))\" y=\"\(f(y))\"\(attributes.isEmpty ? "" : " " + attributes)>\(Escape.html(s))</text>\n"
    }

    static func shorten(_ s: String, to limit: Int = 28) -> String { s.count > limit ? String(s.prefix(limit - 1)) + "…" : s }
    static func f(_ x: Double) -> String { String(format: "%.1f", x) }
    static func label(_ x: Double) -> String {
        abs(x - x.rounded()) < 1e-9 ? String(Int(x.rounded())) : String(format: abs(x) < 1 ? "%.2f" : "%.1f", x)
    }
}
