import ArgumentParser
import BlendBackends
import BlendCore
import BlendModels
import BlendRunner
import BlendStore
import Foundation

/// `blendlab embed`: sentence embeddings (or token ids) for JSON lines of `{"id", "text"}`.
struct EmbedCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "embed",
        abstract: "Embed texts with the native encoder or a served model: JSON lines {\"id\",\"text\"} in, {\"id\",\"embedding\"} out.",
        discussion: """
            Reads JSON lines from --input or standard input and writes one line per text, in input order, to \
            standard output. Embeddings are mean-pooled over tokens and L2-normalised (sentence-transformers). \
            With --token-ids, writes {"id","ids"} (the WordPiece ids with [CLS]/[SEP], truncated) instead. \
            With --backend URL, --model names a model that server serves at /v1/embeddings; its vectors \
            (L2-normalised) are cached in --cache under the same keys as an experiment's (stage embed), \
            --batch-size texts per request.
            """
    )

    @Option(help: "Hugging Face model directory (config.json, vocab.txt, model.safetensors); with --backend, the served model.")
    var model: String = EncoderParameters.defaultModel

    @Option(help: "Base URL of an OpenAI-compatible server, up to /v1, to embed with instead of the native encoder.")
    var backend: String?
    @Option(help: "With --backend: the vector size to ask for (models that support it).")
    var dimensions: Int?
    @Option(name: .customLong("api-key-env"), help: "With --backend: the environment variable holding the API key.")
    var apiKeyEnv: String?
    @Option(help: "With --backend: requests in flight at once.")
    var concurrency: Int = 1
    @OptionGroup var paths: PathOptions

    @Option(help: "JSON lines file; standard input when absent.")
    var input: String?

    @Option(help: "Texts per forward pass.")
    var batchSize: Int = 32

    @Option(help: "Cores the forward passes use (each runs single-threaded OpenBLAS on its share of a batch).")
    var threads: Int = 2

    @Option(help: "Maximum tokens per text, [CLS] and [SEP] included (longer texts are truncated).")
    var maxLength: Int = 256

    @Flag(help: "Write token ids instead of embeddings.")
    var tokenIds = false

    struct Line: Decodable {
        var id: JSONValue
        var text: String
    }

    func run() async throws {
        guard batchSize >= 1, threads >= 1, maxLength >= 2 else {
            throw ValidationError("--batch-size and --threads must be at least 1, --max-length at least 2")
        }
        let lines = try Self.readLines(input)
        if let backend { return try await served(lines, backend: backend) }
        let model = try EncoderModel(directory: model)
        Blas.setThreads(threads)
        let start = Date()
        var out = ""
        if tokenIds {
            for line in lines {
                let ids = model.tokenizer.encode(line.text, maxLength: maxLength)
                out += "{\"id\":\(line.id.canonical),\"ids\":[\(ids.map(String.init).joined(separator: ","))]}\n"
            }
        } else {
            let vectors = try model.embed(lines.map(\.text), batchSize: batchSize, maxLength: maxLength)
            for (line, v) in zip(lines, vectors) {
                out += "{\"id\":\(line.id.canonical),\"embedding\":[\(v.map { "\($0)" }.joined(separator: ","))]}\n"
            }
        }
        let seconds = Date().timeIntervalSince(start)
        FileHandle.standardOutput.write(Data(out.utf8))
        let rate = String(format: "%d texts in %.2fs (%.1f texts/s)", lines.count, seconds, Double(lines.count) / max(seconds, 1e-9))
        FileHandle.standardError.write(Data("embed: \(rate), \(threads) threads, OpenBLAS \(Blas.kernels) kernels, \(Kernels.isaName) element-wise passes\n".utf8))
    }

    /// The texts' vectors from `/v1/embeddings` of `backend`, through the cache.
    func served(_ lines: [Line], backend: String) async throws {
        guard !tokenIds else { throw ValidationError("--token-ids reads the native tokenizer; it does not go with --backend") }
        guard model != EncoderParameters.defaultModel else { throw ValidationError("--backend needs --model: the name of a model the server serves") }
        guard concurrency >= 1, dimensions.map({ $0 >= 1 }) ?? true else { throw ValidationError("--concurrency and --dimensions must be at least 1") }
        let config = BackendConfig(name: "cli", baseURL: backend, apiKeyEnv: apiKeyEnv, concurrency: concurrency)
        let service = CachedEmbeddings(backends: ["cli": try OpenAIBackend(config: config)], store: try CacheStore(path: paths.cache),
                                       batches: ["cli": batchSize])
        let encoder = ServedTextEncoding(service: service, backend: "cli", model: model, dimensions: dimensions)
        let start = Date()
        let vectors = try await encoder.sentenceEmbeddings(lines.map(\.text))
        var out = ""
        for (line, v) in zip(lines, vectors) {
            out += "{\"id\":\(line.id.canonical),\"embedding\":[\(v.map { "\($0)" }.joined(separator: ","))]}\n"
        }
        FileHandle.standardOutput.write(Data(out.utf8))
        let stage = await service.embedStage()
        let seconds = String(format: "%.2f", Date().timeIntervalSince(start))
        FileHandle.standardError.write(Data("embed: \(lines.count) texts in \(seconds)s from \(backend) (\(stage.hits) cached, \(stage.misses.count) sent)\n".utf8))
    }

    static func readLines(_ path: String?) throws -> [Line] {
        let data: Data
        if let path {
            guard let d = FileManager.default.contents(atPath: path) else { throw ValidationError("cannot read --input \(path)") }
            data = d
        } else {
            data = FileHandle.standardInput.readDataToEndOfFile()
        }
        let decoder = JSONDecoder()
        var lines: [Line] = []
        for (n, raw) in data.split(separator: UInt8(ascii: "\n")).enumerated() where !raw.allSatisfy({ $0 == 32 || $0 == 13 }) {
            do { lines.append(try decoder.decode(Line.self, from: Data(raw))) } catch {
                throw ValidationError("input line \(n + 1) is not a JSON object with \"id\" and a string \"text\"")
            }
        }
        return lines
    }
}
