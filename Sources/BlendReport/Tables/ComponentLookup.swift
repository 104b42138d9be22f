import BlendCore

/// Reading fields of a method's component identity (`{"id": ..., "version": ..., "params": {...}}`),
/// looking in the identity itself and then in its `params`.
enum ComponentLookup {
    static func field(_ name: String, in component: JSONValue?) -> JSONValue? {
        guard case .object(let object)? = component else { return nil }
        if let value = object[name] { return value }
        if case .object(let params)? = object["params"], let value = params[name] { return value }
        return nil
    }

    /// A readable name for a value: a string, a number, or an object's `id`.
    static func name(_ value: JSONValue?) -> String? {
        switch value {
        case .string(let s)?: s
        case .int(let i)?: String(i)
        case .double(let d)?: NumberFormat.value(d)
        case .object(let o)?: name(o["id"])
        default: nil
        }
    }

    static func number(_ value: JSONValue?) -> Double? {
        switch value {
        case .int(let i)?: Double(i)
        case .double(let d)?: d
        default: nil
        }
    }
}
