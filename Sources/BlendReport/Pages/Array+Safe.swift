/// Bounds-checked element access, for indices read from a result file.
extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
