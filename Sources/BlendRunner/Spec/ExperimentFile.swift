import BlendCore
import Foundation

/// Finds, reads and validates an experiment file by name (`smoke` -> `Experiments/smoke.yaml`)
/// or path, with `--set` overrides applied before validation.
public enum ExperimentFile {
    public static func path(for nameOrPath: String, experimentsDirectory: String) -> String {
        if nameOrPath.hasSuffix(".yaml") || nameOrPath.hasSuffix(".yml") || nameOrPath.contains("/") { return nameOrPath }
        return (experimentsDirectory as NSString).appendingPathComponent(nameOrPath + ".yaml")
    }

    public static func load(_ nameOrPath: String, experimentsDirectory: String = "Experiments",
                            overrides: [String] = []) throws -> ExperimentSpec {
        let file = path(for: nameOrPath, experimentsDirectory: experimentsDirectory)
        guard let data = FileManager.default.contents(atPath: file) else {
            let known = (try? FileManager.default.contentsOfDirectory(atPath: experimentsDirectory))?
                .filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }.sorted() ?? []
            throw SpecError(file: file, line: nil, keyPath: "",
                            message: "no such experiment file; known experiments: \(known.isEmpty ? "none" : known.joined(separator: ", "))")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw SpecError(file: file, line: nil, keyPath: "", message: "the file is not valid UTF-8")
        }
        var document = try YAMLDocument.parse(text, file: file)
        try Overrides.apply(overrides, to: &document)
        let stem = ((file as NSString).lastPathComponent as NSString).deletingPathExtension
        return try ExperimentSpec.decode(document, defaultName: stem)
    }
}
