/// A fuser writes a new answer from an example's top-K candidates (best first), as the paper's
/// GenFuser does (digest section 4). The runner makes one "blender" row per ranker, K and fuser.
public protocol Fuser: Component, BackendUser {
    /// The fused text for `example` from the candidates at `ranked` (indices, best first).
    func fuse(_ example: Example, ranked: [Int], context: ComponentContext) async throws -> String
}

extension Fuser {
    public static var reads: ExampleInputs { [.source] }
}
