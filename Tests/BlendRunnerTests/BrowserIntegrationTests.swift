import BlendReport
import Foundation
import Testing

/// Headless Chromium, found on the PATH or at /usr/bin/chromium (Debian's `chromium` package).
let chromium: String? = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
    .first { FileManager.default.isExecutableFile(atPath: $0) }

/// Runs Chromium headless on `url` with `arguments`; returns its standard output.
func headless(_ arguments: [String], url: String) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: chromium ?? "/usr/bin/chromium")
    let profile = NSTemporaryDirectory() + "blendlab-chromium-" + UUID().uuidString
    process.arguments = ["--headless", "--disable-gpu", "--no-sandbox", "--no-first-run", "--hide-scrollbars",
                         "--user-data-dir=\(profile)", "--virtual-time-budget=2000"] + arguments + [url]
    let output = Pipe()
    process.standardOutput = output
    process.standardError = FileHandle(forWritingAtPath: "/dev/null")
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    try? FileManager.default.removeItem(atPath: profile)
    return String(decoding: data, as: UTF8.self)
}

@Test("integration (headless Chromium): the published site and a hostile run's pages load, show their tables, and run no injected script",
      .enabled(if: chromium != nil, "needs chromium (make setup installs it)"))
func browserLoadsPages() async throws {
    let (dir, results) = try await hostileRun()
    // Control: the same payloads unescaped do run in this browser, so their absence below means something.
    try write("<html><head><title>t</title></head><body>\(Hostile.script)\(Hostile.image)</body></html>", to: dir + "/canary.html")
    let canary = try headless(["--dump-dom"], url: "file://" + dir + "/canary.html")
    #expect(canary.contains("<title>PWNED</title>") && canary.contains("<blink"), "the canary payload did not run: \(canary)")
    let folder = results + "/exp"
    for (page, expected) in [("index.html", [">exp</a></td>", ">examples</a>", "main (<a href=\"exp/tables/main.tex\">tex</a>"]),
                             ("exp/index.html", ["<h2>Main table</h2>", ">Oracles</th>", "<td>a <small>(baseline)</small></td>",
                                                 "<h2>Which model is oracle-best</h2>", "<svg"]),
                             ("exp/examples.html", ["<h2>Where methods disagree</h2>", "<b>h0&lt;b&gt;</b>"])] {
        let dom = try headless(["--dump-dom"], url: "file://" + results + "/" + page)
        #expect(dom.contains("</html>"), "\(page): Chromium printed no DOM")
        for cell in expected { #expect(dom.contains(cell), "\(page) lacks \(cell)") }
        // The payloads would set the title to PWNED or add a <blink> element if they ran.
        #expect(!dom.contains("<title>PWNED"), "\(page): an injected script set the title")
        #expect(!dom.contains("<blink"), "\(page): an injected handler added an element")
        #expect(!dom.contains("<script") && !dom.contains("<img"), "\(page): injected markup became elements")
    }
    for (name, size) in [("screenshot.png", "1280,1800"), ("screenshot-phone.png", "390,1600")] {
        _ = try headless(["--screenshot=\(folder)/\(name)", "--window-size=\(size)"], url: "file://" + folder + "/index.html")
        let png = try Data(contentsOf: URL(fileURLWithPath: folder + "/" + name))
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]), "\(name) is not a PNG")
    }
    print("screenshots: \(folder)/screenshot.png, \(folder)/screenshot-phone.png")
}
