/// Scratch buffers for one forward pass, sized for its packed token count.
final class Workspace {
    let q, k, v, context, intermediate, scores: UnsafeMutablePointer<Float>
    private let all: UnsafeMutableBufferPointer<Float>

    init(tokens: Int, hidden: Int, intermediate size: Int, maxLength: Int) {
        let th = tokens * hidden
        all = .allocate(capacity: 4 * th + tokens * size + maxLength * maxLength + 1)
        let base = all.baseAddress ?? UnsafeMutablePointer<Float>.allocate(capacity: 1)
        q = base
        k = base + th
        v = base + 2 * th
        context = base + 3 * th
        intermediate = base + 4 * th
        scores = base + 4 * th + tokens * size
    }

    deinit { all.deallocate() }
}
