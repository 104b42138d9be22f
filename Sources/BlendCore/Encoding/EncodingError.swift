/// Errors of components that use text encoders.
public enum EncodingError: Error, Equatable, Sendable, CustomStringConvertible {
    case noEncoder(component: String)

    public var description: String {
        switch self {
        case .noEncoder(let component):
            "\(component) needs a text encoder, but none was supplied (run it through blendlab, which provides the native encoder)"
        }
    }
}
