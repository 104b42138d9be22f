import BlendCore

/// Small hand-made examples for the core tests.
enum Fixtures {
    static func example(id: String = "e1", texts: [String], scores: [Double]) -> Example {
        let models = texts.indices.map { ModelName("m\($0)") }
        return Example(id: ExampleID(id), instruction: "Say something about \(id).",
                       references: ["ref": "a reference answer"],
                       candidates: zip(models, texts).map { Candidate(model: $0, text: $1) },
                       oracle: .scores(Dictionary(uniqueKeysWithValues: zip(models, scores))))
    }
}
