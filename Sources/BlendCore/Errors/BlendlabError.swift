/// An error a user can act on: what to fix (`errorMessage`) and the process exit status the
/// CLI ends with (`exitCode`): 2 for a wrong experiment file, parameter or component id (fix
/// the input and run again), 1 for everything else (data, cache, model, backend, run).
/// Every domain's error type adopts it; the root command maps it to standard error and the
/// exit status in one place (`Blendlab.main`), so commands just throw.
public protocol BlendlabError: Error {
    /// The process exit status: 2 for a bad experiment file or parameter, else 1.
    var exitCode: Int32 { get }
    /// The message after `error: `, saying what to fix.
    var errorMessage: String { get }
}

extension BlendlabError {
    public var exitCode: Int32 { 1 }
}

extension BlendlabError where Self: CustomStringConvertible {
    public var errorMessage: String { description }
}
