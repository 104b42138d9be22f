import BlendCore
import BlendStore
import Foundation

/// What a blender row produced for one example: the example its metrics read (with the fused
/// text appended as a candidate and judged against the others, when a judge is configured)
/// and the output to evaluate.
struct BlendedOutput: Sendable {
    var example: Example
    var output: EvaluatedOutput
    var text: String
}

/// Fusion (stage `fuse`): for every ranker row, top-K and fuser, one "blender" row (the paper's
/// PairRanker + GenFuser) whose fused text per example is cached by the fuser's identity, the
/// source and the ranked top-K texts. With a judge, the fused text is compared with every
/// candidate (stage `judge`), so `oracle-rank` and `top-k` apply to it as to a selection.
enum FuseStage {
    struct Outcome {
        var methods: [Runner.Method]
        var hits: [String: Int]
        var misses: [String: [CacheKey]]
    }

    static func run(fusers specs: [FuserSpec], topK: [Int], rankers: [(info: MethodInfo, order: [[Int]])], examples: [Example],
                    judge: LLMJudgeRanker?, keys keyContext: KeyContext, generation: CachedGeneration, context: ComponentContext, store: CacheStore,
                    concurrency: Int, quiet: Bool) async throws -> Outcome {
        let fusers = specs.map(\.made)
        var result = Outcome(methods: [], hits: [:], misses: [:])
        for (info, order) in rankers {
            for k in topK {
                for fuser in fusers {
                    let ranked = order.map { Array($0.prefix(k)) }
                    let keys = examples.enumerated().map { i, e -> CacheKey in
                        var fields = keyContext.fields(fuser, for: e)
                        if case .object(var o) = fields {
                            o["ranked"] = .array(ranked[i].map { .object(["model": .string(e.candidates[$0].model.rawValue),
                                                                          "text": .string(SHA256.hex(e.candidates[$0].text))]) })
                            fields = .object(o)
                        }
                        return CacheKey(stage: "fuse", component: type(of: fuser).id, fields: fields)
                    }
                    let label = "\(info.label) top-\(k) + \(fuser.displayName)"
                    let fused = try await CachedStage.run(label: "fuse " + label, keys: keys, store: store, concurrency: concurrency,
                                                          quiet: quiet) { i in
                        try await fuser.fuse(examples[i], ranked: ranked[i], context: context)
                    }
                    result.hits["fuse", default: 0] += fused.hits
                    result.misses["fuse", default: []] += fused.misses
                    var outputs = zip(examples, fused.values).map { BlendedOutput(example: $0, output: .text($1), text: $1) }
                    if let judge {
                        let name = ModelName("fused")   // not the row label, so cache keys do not depend on table names
                        let augmented = outputs.map { o -> Example in
                            var e = o.example
                            e.candidates.append(Candidate(model: name, text: o.text))
                            return e
                        }
                        let verdicts = try await JudgeStage.verdicts(
                            judge, examples: augmented, pairs: { e in (0..<e.candidates.count - 1).map { (e.candidates.count - 1, $0) } },
                            label: "judge " + label, keys: keyContext, generation: generation, context: context, store: store,
                            concurrency: concurrency, quiet: quiet)
                        result.hits["judge", default: 0] += verdicts.hits
                        result.misses["judge", default: []] += verdicts.misses
                        outputs = zip(augmented, verdicts.values).map { e, v in
                            var e = e
                            if case .pairwise(let existing) = e.oracle { e.oracle = .pairwise(existing + v) }
                            return BlendedOutput(example: e, output: .candidate(e.candidates.count - 1), text: e.candidates.last?.text ?? "")
                        }
                    }
                    let key = "blender:" + label
                    var method = Runner.Method(info: MethodInfo(key: key, label: label, group: .blender,
                                                                component: .object(["ranker": info.component ?? .null, "top_k": .int(k),
                                                                                    "fuser": fuser.identity]),
                                                                ranker: info.ranker,
                                                                fuser: MethodInfo.ComponentRef(id: type(of: fuser).id, name: fuser.displayName),
                                                                topK: k),
                                               model: nil, ranker: nil)
                    method.blended = outputs
                    result.methods.append(method)
                }
            }
        }
        return result
    }
}
