import ArgumentParser
import BlendCore
import BlendData
import Foundation

/// `blendlab score`: lexical metrics of (hypothesis, reference) pairs given as JSON lines, on
/// the scales of the reference implementations (BLEU and chrF 0-100, ROUGE F 0-1).
struct ScoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "score",
        abstract: "Score JSON lines {\"id\", \"hypothesis\", \"reference\"} with lexical metrics.",
        discussion: """
            Reads standard input (or --input FILE) and writes one JSON line per input line: \
            {"id": ..., "<metric>": value, ...}. BLEU is sacreBLEU's sentence_bleu, chrF sacreBLEU's CHRF, \
            ROUGE rouge-score's F-measure. With --corpus, a last line {"corpus": {"bleu": ..., "chrf": ...}} \
            gives corpus-level BLEU and chrF. A missing "id" becomes the line number. A line that is not such an object is an error naming its number.
            """
    )

    struct Pair: Sendable {
        var id: JSONValue
        var hypothesis: String
        var reference: String

        /// The pair in a JSON-lines object, or an error naming the line and the key to fix.
        init(_ object: [String: JSONValue], line: Int, source: String) throws {
            func text(_ key: String) throws -> String {
                guard let value = object[key] else {
                    throw JSONLinesError.badLine(source: source, line: line, reason: "missing key \"\(key)\"")
                }
                guard case .string(let s) = value else {
                    throw JSONLinesError.badLine(source: source, line: line, reason: "\"\(key)\" must be a string")
                }
                return s
            }
            id = object["id"] ?? .int(line)
            hypothesis = try text("hypothesis")
            reference = try text("reference")
        }
    }

    @Option(help: "Comma-separated metrics: \(LexicalScorer.Metric.allCases.map(\.rawValue).joined(separator: ", ")).")
    var metric: String = "bleu,chrf,rouge-1,rouge-2,rouge-l,rouge-lsum"

    @Option(help: "Read JSON lines from FILE instead of standard input.")
    var input: String?

    @Flag(help: "Porter-stem ROUGE tokens (rouge-score's use_stemmer).")
    var stemming = false

    @Flag(help: "Also print corpus-level BLEU and chrF as a last line.")
    var corpus = false

    @Option(help: "Score with this many threads (default: the number of processors); output order is the input's.")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    func run() async throws {
        let scorer = LexicalScorer(metrics: try LexicalScorer.metrics(named: metric), stemming: stemming)
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
        let (pairs, groups) = try Self.read(JSONLinesReader(path: input))
        let values = await Self.scoreAll(pairs, groups: groups, scorer: scorer, jobs: jobs)
        var corpusStats = LexicalCorpus()
        var out = ""
        out.reserveCapacity(64 * 1024)
        let stdout = FileHandle.standardOutput
        for (pair, values) in zip(pairs, values) {
            out += "{\"id\":" + pair.id.canonical
            for (m, v) in zip(scorer.metrics, values) { out += ",\"\(m.rawValue)\":\(Self.number(v))" }
            out += "}\n"
            if corpus { corpusStats.add(hypothesis: pair.hypothesis, reference: pair.reference, metrics: scorer.metrics) }
            if out.utf8.count > 60 * 1024 { stdout.write(Data(out.utf8)); out = "" }
        }
        if corpus {
            var fields: [String] = []
            if scorer.metrics.contains(.bleu) { fields.append("\"bleu\":\(Self.number(corpusStats.bleuScore))") }
            if scorer.metrics.contains(.chrf) { fields.append("\"chrf\":\(Self.number(corpusStats.chrfScore))") }
            out += "{\"corpus\":{" + fields.joined(separator: ",") + "},\"segments\":\(corpusStats.segments)}\n"
        }
        stdout.write(Data(out.utf8))
    }

    /// The pairs in input order, and the pairs of each distinct reference. Equal references
    /// share one string (the first), so the copies parsed after it are freed as they are read.
    static func read(_ reader: JSONLinesReader) throws -> (pairs: [Pair], groups: [[Int]]) {
        var pairs: [Pair] = [], groups: [[Int]] = []
        var groupOf: [UTF8Key: Int] = [:]
        try reader.forEachFlatObject { line, object in
            var pair = try Pair(object, line: line, source: reader.sourceName)
            let key = UTF8Key(pair.reference)
            if let g = groupOf[key] {
                pair.reference = pairs[groups[g][0]].reference
                groups[g].append(pairs.count)
            } else {
                groupOf[key] = groups.count
                groups.append([pairs.count])
            }
            pairs.append(pair)
        }
        return (pairs, groups)
    }

    /// Every pair's values, in input order. Pairs with the same reference (`groups`) are scored
    /// together (its tokens and n-gram tables are prepared once, and are still in the CPU cache
    /// for the next hypothesis); the reference groups are cut into `jobs` contiguous chunks of
    /// about equal pair counts, scored concurrently.
    static func scoreAll(_ pairs: [Pair], groups: [[Int]], scorer: LexicalScorer, jobs: Int) async -> [[Double]] {
        var chunks: [[[Int]]] = [[]], size = 0
        let target = max(1, (pairs.count + jobs - 1) / jobs)
        for g in groups {
            if size >= target { chunks.append([]); size = 0 }
            chunks[chunks.count - 1].append(g)
            size += g.count
        }
        return await withTaskGroup(of: [(Int, [Double])].self) { group in
            for chunk in chunks {
                let work = chunk.map { g in (g, pairs[g[0]].reference, g.map { pairs[$0].hypothesis }) }
                group.addTask {
                    work.flatMap { indices, reference, hypotheses in Array(zip(indices, scorer.score(hypotheses: hypotheses, reference: reference))) }
                }
            }
            var out = [[Double]](repeating: [], count: pairs.count)
            for await part in group { for (i, values) in part { out[i] = values } }
            return out
        }
    }

    /// Shortest round-trip decimal form, valid JSON.
    static func number(_ v: Double) -> String { v.isFinite ? "\(v)" : "null" }
}
