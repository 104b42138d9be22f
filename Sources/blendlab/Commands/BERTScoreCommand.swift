import ArgumentParser
import BlendCore
import BlendModels
import Foundation
import Synchronization

/// `blendlab bertscore`: BERTScore for JSON lines of `{"id", "candidate", "reference"}`.
struct BERTScoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bertscore",
        abstract: "BERTScore with the native encoder: {\"id\",\"candidate\",\"reference\"} in, {\"id\",\"precision\",\"recall\",\"f1\"} out.",
        discussion: """
            Greedy cosine matching of the token vectors of --layer (bert-score's num_layers), [CLS]/[SEP] weighted 0, \
            no baseline rescaling. With --idf, tokens are weighted by inverse document frequency over all references \
            in the input (as bert-score's idf=True).
            """
    )

    @Option(help: "Hugging Face model directory.")
    var model: String = "models/all-MiniLM-L6-v2"

    @Option(help: "JSON lines file; standard input when absent.")
    var input: String?

    @Option(help: "Hidden layer whose token vectors are matched (0 = embeddings).")
    var layer: Int = 6

    @Flag(help: "Weight tokens by idf over the references.")
    var idf = false

    @Option(help: "Texts per forward pass.")
    var batchSize: Int = 32

    @Option(help: "Cores the forward passes use (each runs single-threaded OpenBLAS on its share of a batch).")
    var threads: Int = 2

    struct Line: Decodable, Sendable {
        var id: JSONValue
        var candidate: String
        var reference: String
    }

    func run() async throws {
        let data = try input.map { path in
            guard let d = FileManager.default.contents(atPath: path) else { throw ValidationError("cannot read --input \(path)") }
            return d
        } ?? FileHandle.standardInput.readDataToEndOfFile()
        var lines: [Line] = []
        for (n, raw) in data.split(separator: UInt8(ascii: "\n")).enumerated() {
            do { lines.append(try JSONDecoder().decode(Line.self, from: Data(raw))) } catch {
                throw ValidationError("input line \(n + 1) is not a JSON object with \"id\", \"candidate\" and \"reference\"")
            }
        }
        Blas.setThreads(threads)
        let encoding = NativeTextEncoding(model: try EncoderModel(directory: model), batchSize: batchSize)
        let texts = Array(Set(lines.flatMap { [$0.candidate, $0.reference] })).sorted()
        let index = Dictionary(uniqueKeysWithValues: texts.enumerated().map { ($1, $0) })
        let embeddings = try await encoding.tokenEmbeddings(texts, layer: layer)
        let weights = idf ? BERTScore.IDF(references: try await encoding.tokenIDs(lines.map(\.reference))) : nil
        // The greedy matching of each pair, spread over the cores in contiguous chunks.
        let pairs = lines
        let chunks = Blas.partition(pairs.map { _ in 1 }, into: max(1, threads))
        let scored = Mutex([[String]](repeating: [], count: chunks.count))
        DispatchQueue.concurrentPerform(iterations: chunks.count) { k in
            let part = chunks[k].map { n -> String in
                let line = pairs[n]
                let s = BERTScore.score(candidate: embeddings[index[line.candidate]!], reference: embeddings[index[line.reference]!], idf: weights)
                return "{\"id\":\(line.id.canonical),\"precision\":\(s.precision),\"recall\":\(s.recall),\"f1\":\(s.f1)}\n"
            }
            scored.withLock { $0[k] = part }
        }
        let out = scored.withLock { $0.joined().joined() }
        FileHandle.standardOutput.write(Data(out.utf8))
    }
}
