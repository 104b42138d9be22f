/// Errors of planning and running, with what to do about them.
public enum RunnerError: Error, Sendable, CustomStringConvertible {
    case unknownBaseline(String, known: [String])
    case noExamples(String)
    case componentFailed(component: String, example: String, reason: String)
    case cannotWrite(path: String, reason: String)
    case missingResult(path: String)
    case badView(String)

    public var description: String {
        switch self {
        case .unknownBaseline(let b, let known):
            "baseline '\(b)' is not a method of this experiment; methods: \(known.joined(separator: ", "))"
        case .noExamples(let why): "no examples to evaluate: \(why)"
        case .componentFailed(let component, let example, let reason):
            "\(component) failed on example \(example): \(reason). Work finished before it is kept in the cache; fix and run again."
        case .cannotWrite(let path, let reason): "cannot write \(path): \(reason)"
        case .missingResult(let path): "\(path) does not exist; run the experiment first (blendlab run NAME)."
        case .badView(let why): "topk_views: \(why)"
        }
    }
}
