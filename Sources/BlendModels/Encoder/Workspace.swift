/// Scratch buffers for one BERT forward pass, sized for its packed token count: the fused
/// query/key/value rows (`[T × 3H]`), the attention context and its projection (`[T × H]`
/// each), the feed-forward activations and one sequence-head's scores.
final class Workspace {
    let qkv, context, attended, intermediate, scores: UnsafeMutablePointer<Float>
    private let all: UnsafeMutableBufferPointer<Float>

    init(tokens: Int, hidden: Int, intermediate size: Int, maxLength: Int) {
        let th = tokens * hidden
        all = .allocate(capacity: 5 * th + tokens * size + maxLength * maxLength + 1)
        let base = all.baseAddress ?? UnsafeMutablePointer<Float>.allocate(capacity: 1)
        qkv = base
        context = base + 3 * th
        attended = base + 4 * th
        intermediate = base + 5 * th
        scores = intermediate + tokens * size
    }

    deinit { all.deallocate() }
}
