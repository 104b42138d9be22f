import BlendCore
import BlendReport
import Foundation
import Testing

// The pages of a small real run (Tests/Fixtures/notebook-mini: `blendlab run` on a 3-model
// JSON-lines data set with pointwise and pairwise rankers), so the goldens see what the runner
// writes, not only a hand-made document. After an intended change:
// BLENDLAB_UPDATE_GOLDEN=1 swift test ... --filter RealRunGoldenTests, then review the diff.
struct RealRunGoldenTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../Fixtures/notebook-mini/results/mini").standardized.path

    @Test("golden Markdown and CSV of a real run's result.json")
    func realRun() throws {
        let document = try ResultFiles.read(from: Self.directory)
        #expect(document.methods.contains { $0.label.hasSuffix("+ bubble") }, "the fixture has a pairwise row per rule")
        #expect(try golden("real-run-report.md", MarkdownReport.render(document)))
        for table in HTMLReport.plainTables(document) {
            #expect(try golden("real-run-\(table.id).csv", table.csv), "\(table.id)")
        }
    }
}
