import BlendCore

/// What can go wrong loading or running a native encoder. Messages say what to fix.
public enum ModelError: BlendlabError, Equatable, Sendable, CustomStringConvertible {
    case missingFile(path: String)
    case corrupt(path: String, reason: String)
    case missingTensor(name: String, path: String)
    case badShape(name: String, expected: [Int], found: [Int])
    case unsupported(String)
    case invalidArgument(String)

    public var description: String {
        switch self {
        case .missingFile(let path):
            "model file \(path) is missing; run `make models` to fetch the model weights"
        case .corrupt(let path, let reason):
            "model file \(path) is unreadable (\(reason)); delete it and run `make models` again"
        case .missingTensor(let name, let path):
            "tensor \(name) is missing from \(path); is this a BERT-family model? Run `make models` for all-MiniLM-L6-v2"
        case .badShape(let name, let expected, let found):
            "tensor \(name) has shape \(found), expected \(expected); the weights do not match config.json"
        case .unsupported(let what): "unsupported model: \(what)"
        case .invalidArgument(let what): what
        }
    }
}
