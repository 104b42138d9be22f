import BlendCore
import BlendStore
import Foundation

/// Candidates generated live (`generate:`): for each generator, sample and example, one cached
/// text (stage `generate`); the generated candidates replace the loaded ones, in generator order.
/// The oracle is left empty here; the judge stage fills it where a judge is configured.
enum GenerateStage {
    struct Outcome {
        var examples: [Example]
        var candidates: [ModelName]
        var hits: Int
        var misses: [CacheKey]
    }

    static func run(_ specs: [GeneratorSpec], examples: [Example], keys keyContext: KeyContext, generation: CachedGeneration, context: ComponentContext,
                    store: CacheStore, concurrency: Int, quiet: Bool) async throws -> Outcome {
        let generators = specs.map(\.made)
        var names: [ModelName] = []
        for g in generators {
            for name in g.candidateNames {
                guard !names.contains(name) else {
                    throw RunnerError.componentFailed(component: LLMGenerator.id, example: "-",
                                                      reason: "two generators produce the candidate name '\(name)'; give them distinct 'name:'s")
                }
                names.append(name)
            }
        }
        var texts = [[String]](repeating: [], count: examples.count)
        var hits = 0
        var misses: [CacheKey] = []
        for g in generators {
            for sample in 0..<g.samples {
                let keys = Self.keys(g, sample: sample, examples: examples, context: keyContext)
                let label = "generate \(g.candidateNames[sample].rawValue)"
                let outcome = try await CachedStage.run(label: label, keys: keys, store: store, concurrency: concurrency, quiet: quiet) { i in
                    try await g.generate(examples[i], sample: sample, context: context).text
                }
                for (i, text) in outcome.values.enumerated() { texts[i].append(text) }
                hits += outcome.hits
                misses += outcome.misses
            }
        }
        let generated = examples.enumerated().map { i, e in
            var e = e
            e.candidates = zip(names, texts[i]).map { Candidate(model: $0, text: $1) }
            e.oracle = .scores([:])
            return e
        }
        return Outcome(examples: generated, candidates: names, hits: hits, misses: misses)
    }

    /// The stage's cache keys: the generator's identity, the source text, the seed, the sample
    /// index and (from the key context) the backends' addresses.
    static func keys(_ g: LLMGenerator, sample: Int, examples: [Example], context: KeyContext) -> [CacheKey] {
        examples.map { e in
            var fields = context.fields(g, for: e)
            if case .object(var o) = fields {
                o["sample"] = .int(sample)
                fields = .object(o)
            }
            return CacheKey(stage: "generate", component: LLMGenerator.id, fields: fields)
        }
    }
}
