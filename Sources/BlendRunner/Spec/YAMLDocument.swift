import BlendCore
import Foundation
import Yams

/// A parsed YAML file as plain JSON data, with the line of every key and list item, so that
/// validation errors can point at the line to fix.
public struct YAMLDocument: Sendable {
    public var file: String
    public var root: JSONValue
    /// Dotted key path -> 1-based line. `--set` overrides record line nil under `overridden`.
    public var lines: [String: Int]
    public var overridden: Set<String> = []
    /// Mapping path -> its keys in the order written (mappings are unordered once parsed).
    public var keyOrder: [String: [String]] = [:]

    public init(file: String, root: JSONValue, lines: [String: Int]) {
        self.file = file
        self.root = root
        self.lines = lines
    }

    /// Parses `text`; a syntax error, a duplicate key or a non-mapping root is a SpecError.
    public static func parse(_ text: String, file: String) throws -> YAMLDocument {
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw SpecError(file: file, line: line(of: error), keyPath: "", message: "YAML syntax error: \(summary(of: error))")
        } catch {
            throw SpecError(file: file, line: nil, keyPath: "", message: "cannot read YAML: \(error)")
        }
        guard let node, case .mapping = node else {
            throw SpecError(file: file, line: 1, keyPath: "", message: "an experiment file must be a YAML mapping of keys (name:, dataset:, rankers:, ...)")
        }
        var lines: [String: Int] = [:]
        var order: [String: [String]] = [:]
        let root = try convert(node, path: "", file: file, lines: &lines, order: &order)
        var document = YAMLDocument(file: file, root: root, lines: lines)
        document.keyOrder = order
        return document
    }

    /// Converts a YAML value given on the command line (`3`, `[1,2]`, `text`).
    /// Key order of mappings inside the value is recorded under `path`.
    public static func value(_ text: String, option: String, path: String = "", order: inout [String: [String]]) throws -> JSONValue {
        var lines: [String: Int] = [:]
        do {
            guard let node = try Yams.compose(yaml: text) else { return .null }
            return try convert(node, path: path, file: option, lines: &lines, order: &order)
        } catch let error as SpecError {
            throw error
        } catch {
            throw SpecError(file: option, line: nil, keyPath: "", message: "not a YAML value: \(text)")
        }
    }

    /// The error location for `keyPath`: its own line, else its nearest parent's.
    public func error(_ keyPath: String, _ message: String) -> SpecError {
        if overridden.contains(where: { keyPath == $0 || keyPath.hasPrefix($0 + ".") || keyPath.hasPrefix($0 + "[") }) {
            return SpecError(file: "--set", line: nil, keyPath: keyPath, message: message)
        }
        var path = keyPath
        while !path.isEmpty {
            if let line = lines[path] { return SpecError(file: file, line: line, keyPath: keyPath, message: message) }
            if let cut = path.lastIndex(where: { $0 == "." || $0 == "[" }) { path = String(path[..<cut]) } else { path = "" }
        }
        return SpecError(file: file, line: nil, keyPath: keyPath, message: message)
    }

    private static func convert(_ node: Node, path: String, file: String, lines: inout [String: Int],
                                order: inout [String: [String]]) throws -> JSONValue {
        if let mark = node.mark, !path.isEmpty, lines[path] == nil { lines[path] = mark.line }
        switch node {
        case .alias:
            throw SpecError(file: file, line: node.mark?.line, keyPath: path, message: "YAML aliases are not supported; write the value out")
        case .scalar(let scalar):
            if scalar.style == .plain {
                if node.null != nil { return .null }
                if let b = node.bool { return .bool(b) }
                if let i = node.int { return .int(i) }
                if let d = node.float { return .double(d) }
            }
            return .string(scalar.string)
        case .sequence(let sequence):
            var items: [JSONValue] = []
            for (i, item) in sequence.enumerated() {
                items.append(try convert(item, path: "\(path)[\(i)]", file: file, lines: &lines, order: &order))
            }
            return .array(items)
        case .mapping(let mapping):
            var object: [String: JSONValue] = [:]
            var keys: [String] = []
            for (keyNode, valueNode) in mapping {
                guard case .scalar(let key) = keyNode else {
                    throw SpecError(file: file, line: keyNode.mark?.line, keyPath: path, message: "keys must be plain words")
                }
                let childPath = path.isEmpty ? key.string : path + "." + key.string
                if object[key.string] != nil {
                    throw SpecError(file: file, line: keyNode.mark?.line, keyPath: childPath, message: "duplicate key")
                }
                if let mark = keyNode.mark { lines[childPath] = mark.line }
                keys.append(key.string)
                object[key.string] = try convert(valueNode, path: childPath, file: file, lines: &lines, order: &order)
            }
            order[path] = keys
            return .object(object)
        }
    }

    private static func line(of error: YamlError) -> Int? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): return mark.line
        case .duplicatedKeysInMapping(_, let context): return context.mark.line
        default: return nil
        }
    }

    private static func summary(of error: YamlError) -> String {
        switch error {
        case .scanner(_, let problem, _, _), .parser(_, let problem, _, _), .composer(_, let problem, _, _): return problem
        case .duplicatedKeysInMapping(let keys, _): return "duplicate key \(keys.map { "'\($0)'" }.joined(separator: ", "))"
        default: return "\(error)"
        }
    }
}
