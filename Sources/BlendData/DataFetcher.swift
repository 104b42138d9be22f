import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Puts a known data set under a data directory: copied from a local mirror directory when one
/// is given (`BLENDLAB_DATA_MIRROR`), else downloaded over HTTP(S) from the upstream repository
/// at a pinned commit. Each file is written to `NAME.part` and renamed, so an interrupted fetch
/// never leaves a truncated file under its real name, and files already present are kept.
public struct DataFetcher: Sendable {
    /// A data set blendlab knows how to fetch.
    public struct DataSet: Sendable {
        public var name: String
        /// Directory under the data directory (and under a mirror).
        public var directory: String
        /// Upstream base URL; file paths are appended.
        public var upstream: String
        public var files: [String]
    }

    public static let alpacaEvalCommit = "cd543a149df89434d8a54582c0151c0b945c3d20"
    public static let alpacaEvalModels = [
        "alpaca-7b", "vicuna-7b", "vicuna-13b", "oasst-sft-pythia-12b", "oasst-sft-llama-33b", "baize-v2-13b",
        "chatglm2-6b", "falcon-7b-instruct", "falcon-40b-instruct", "pythia-12b-mix-sft", "nous-hermes-13b",
        "wizardlm-13b", "minotaur-13b", "ultralm-13b",
    ]
    /// 33 more models' outputs and annotations on the same instructions, for training rankers on
    /// more varied pairs (`train_dataset:`); never evaluated candidates.
    public static let alpacaEvalTrainingModels = [
        "FuseChat-Gemma-2-9B-Instruct", "FuseChat-Llama-3.1-8B-Instruct", "FuseChat-Llama-3.2-1B-Instruct",
        "FuseChat-Llama-3.2-3B-Instruct", "FuseChat-Qwen-2.5-7B-Instruct", "OpenHermes-2.5-Mistral-7B",
        "Qwen-14B-Chat", "alpaca-farm-ppo-human", "alpaca-farm-ppo-sim-gpt4-20k", "claude", "claude-2", "claude-2.1",
        "claude-instant-1.2", "gemma-2b-it", "gemma-7b-it", "gpt-3.5-turbo-0301", "gpt-3.5-turbo-1106",
        "gpt35_turbo_instruct", "humpback-llama2-70b", "jina-chat", "minichat-3b", "oasst-rlhf-llama-33b",
        "openbuddy-falcon-40b-v9", "openbuddy-llama-30b-v7.1", "openbuddy-llama2-13b-v11.1",
        "openbuddy-llama2-70b-v10.1", "phi-2", "phi-2-sft", "text_davinci_001", "vicuna-13b-v1.5",
        "vicuna-13b-v1.5-togetherai", "vicuna-7b-v1.3", "vicuna-7b-v1.5",
    ]

    public static let known: [DataSet] = [
        DataSet(name: "alpaca-eval", directory: "alpaca_eval",
                upstream: "https://raw.githubusercontent.com/tatsu-lab/alpaca_eval/\(alpacaEvalCommit)",
                files: ["results/gpt4_1106_preview/model_outputs.json", "results/text_davinci_003/model_outputs.json"]
                    + (alpacaEvalModels + alpacaEvalTrainingModels).flatMap {
                        ["results/\($0)/model_outputs.json", "results/\($0)/weighted_alpaca_eval_gpt4_turbo/annotations.json"]
                    }),
    ]

    public var dataDirectory: String
    public var mirror: String?
    /// Replaces the data set's upstream base URL (tests point it at a local server).
    public var baseURL: String?

    public init(dataDirectory: String, mirror: String?, baseURL: String?) {
        self.dataDirectory = dataDirectory
        self.mirror = mirror
        self.baseURL = baseURL
    }

    public static func dataSet(named name: String) throws -> DataSet {
        guard let set = known.first(where: { $0.name == name }) else {
            throw DataError.missingFile(path: name, hint: "unknown data set; known: \(known.map(\.name).joined(separator: ", "))")
        }
        return set
    }

    /// Fetches every file of `set` that is not already there; returns (fetched, kept) counts.
    @discardableResult
    public func fetch(_ set: DataSet, progress: (String) -> Void = { _ in }) async throws -> (fetched: Int, kept: Int) {
        let target = (dataDirectory as NSString).appendingPathComponent(set.directory)
        var fetched = 0, kept = 0
        for file in set.files {
            let destination = (target as NSString).appendingPathComponent(file)
            if FileManager.default.fileExists(atPath: destination) { kept += 1; continue }
            try FileManager.default.createDirectory(atPath: (destination as NSString).deletingLastPathComponent,
                                                    withIntermediateDirectories: true)
            let data: Data
            if let mirror {
                let source = ((mirror as NSString).appendingPathComponent(set.directory) as NSString).appendingPathComponent(file)
                guard let d = FileManager.default.contents(atPath: source) else {
                    throw DataError.missingFile(path: source, hint: "The mirror named by BLENDLAB_DATA_MIRROR lacks this file; unset it to download from upstream.")
                }
                data = d
                progress("copied \(file)")
            } else {
                let url = (baseURL ?? set.upstream) + "/" + file
                data = try await Self.download(url)
                progress("downloaded \(file) (\(data.count) bytes)")
            }
            let part = destination + ".part"
            guard FileManager.default.createFile(atPath: part, contents: data) else {
                throw DataError.fetchFailed(url: file, reason: "cannot write \(part)")
            }
            guard rename(part, destination) == 0 else {
                throw DataError.fetchFailed(url: file, reason: "cannot rename \(part) to \(destination)")
            }
            fetched += 1
        }
        return (fetched, kept)
    }

    static func download(_ address: String) async throws -> Data {
        guard let url = URL(string: address) else { throw DataError.fetchFailed(url: address, reason: "not a URL") }
        var request = URLRequest(url: url)
        request.timeoutInterval = 60
        return try await withCheckedThrowingContinuation { continuation in
            URLSession.shared.dataTask(with: request) { data, response, error in
                if let error {
                    continuation.resume(throwing: DataError.fetchFailed(url: address, reason: error.localizedDescription))
                } else if let http = response as? HTTPURLResponse, http.statusCode != 200 {
                    continuation.resume(throwing: DataError.fetchFailed(url: address, reason: "HTTP \(http.statusCode)"))
                } else {
                    continuation.resume(returning: data ?? Data())
                }
            }.resume()
        }
    }
}
