/// Errors of components that use text encoders.
public enum EncodingError: BlendlabError, Equatable, Sendable, CustomStringConvertible {
    case noEncoder(component: String)
    case unsupported(what: String, encoder: String)

    public var description: String {
        switch self {
        case .noEncoder(let component):
            "\(component) needs a text encoder, but none was supplied (run it through blendlab, which provides the native encoder)"
        case .unsupported(let what, let encoder):
            "the text encoder \(encoder) does not support \(what); use the native encoder"
        }
    }
}
