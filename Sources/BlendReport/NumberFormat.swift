import Foundation

/// How numbers are printed in tables: fixed decimals by magnitude, the same in every format.
enum NumberFormat {
    static func value(_ x: Double) -> String {
        guard x.isFinite else { return x.isNaN ? "NaN" : (x > 0 ? "inf" : "-inf") }
        let decimals = abs(x) >= 10 ? 1 : (abs(x) >= 1 ? 2 : 3)
        return String(format: "%.\(decimals)f", x)
    }

    static func pValue(_ p: Double) -> String {
        p < 0.001 ? "<0.001" : String(format: "%.3f", p)
    }

    /// A count or setting (K, comparisons): an integer when whole, else `value`.
    static func setting(_ x: Double) -> String {
        x.isFinite && x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : value(x)
    }
}
