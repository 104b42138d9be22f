import BlendCore
import BlendReport
import Foundation

extension NotebookSession {
    /// The result `request` names: from `results/NAME/result.json` or the notebook's store when
    /// either was computed from the same spec (and `--rerun` is off), else computed now through
    /// the cache and stored in `results/notebooks/NOTEBOOK/cells/NAME-HASH.json`.
    mutating func load(_ request: NotebookCell.Request, cell: Int, locate: (String, String) -> SpecError) async throws -> Loaded {
        let spec = try self.spec(for: request, cell: cell, locate: locate)
        let hash = spec.resolved.hash
        if let loaded = memo[hash] { return loaded }
        let published = (runner.options.resultsDirectory as NSString).appendingPathComponent(spec.name)
        let stored = ((runner.directory(for: notebook) as NSString).appendingPathComponent("cells") as NSString)
            .appendingPathComponent("\(spec.name)-\(hash.prefix(12)).json")
        var loaded: Loaded?
        if !runner.rerun {
            if let document = try? ResultFiles.read(from: published), document.computationHash == hash {
                loaded = Loaded(name: spec.name, document: document, folder: published,
                                provenance: provenance(document, spec.name, "shown from \(published)/result.json"))
            } else if let data = FileManager.default.contents(atPath: stored),
                      let document = try? JSONDecoder().decode(ResultDocument.self, from: data).upgraded(), document.computationHash == hash {
                loaded = Loaded(name: spec.name, document: document, folder: nil, provenance: provenance(document, spec.name, "shown from \(stored)"))
            }
        }
        if loaded == nil {
            var options = runner.options
            options.writesResults = false
            let (document, ledger) = try await Runner(spec: spec, options: options).runReporting()
            computed[cell, default: []] += ledger.lines
            try ResultFiles.writeAtomically(try ResultFiles.encode(document), to: stored)
            let hits = ledger.lines.reduce(0) { $0 + $1.cached }, total = ledger.lines.reduce(0) { $0 + $1.total }
            loaded = Loaded(name: spec.name, document: document, folder: nil,
                            provenance: provenance(document, spec.name, "computed by this render through the cache "
                                                   + "(\(hits) hits, \(total - hits) misses), stored in \(stored)"))
        }
        memo[hash] = loaded
        return loaded!
    }

    func provenance(_ document: ResultDocument, _ name: String, _ origin: String) -> NotebookPage.Provenance {
        NotebookPage.Provenance(experiment: name, specHash: document.provenance.specHash, commit: document.provenance.gitCommit,
                                computedAt: document.provenance.startedAt, origin: origin)
    }

    /// The validated spec of a request: the experiment file with the cell's `set:` applied (an
    /// error in an override points at the cell's line), or the inline experiment.
    mutating func spec(for request: NotebookCell.Request, cell: Int, locate: (String, String) -> SpecError) throws -> ExperimentSpec {
        if let inline = request.inline { return try ExperimentSpec.decode(inline, defaultName: "\(notebook.name)-cell-\(cell)") }
        let name = request.experiment ?? ""
        let file = ExperimentFile.path(for: name, experimentsDirectory: runner.experimentsDirectory)
        guard let data = FileManager.default.contents(atPath: file), let text = String(data: data, encoding: .utf8) else {
            let known = (try? FileManager.default.contentsOfDirectory(atPath: runner.experimentsDirectory))?
                .filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }.sorted() ?? []
            throw locate(request.keyPath, "no experiment '\(name)' (\(file) is missing or unreadable); known experiments: "
                         + (known.isEmpty ? "none" : known.joined(separator: ", ")))
        }
        inputs.insert(file)
        var document = try YAMLDocument.parse(text, file: file)
        do {
            try Overrides.apply(values: request.overrides, to: &document)
            return try ExperimentSpec.decode(document, defaultName: ((file as NSString).lastPathComponent as NSString).deletingPathExtension)
        } catch let error as SpecError where error.file == "--set" {
            let key = request.overrides.map(\.0).first {
                error.keyPath == $0 || error.keyPath.hasPrefix($0 + ".") || error.keyPath.hasPrefix($0 + "[")
            } ?? error.keyPath
            throw locate("set.\(key)", error.keyPath == key ? error.message : "\(error.keyPath): \(error.message)")
        }
    }
}
