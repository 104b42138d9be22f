/// One row of the main table: an individual model, an oracle, a ranker, or a blender.
public struct MethodInfo: Sendable, Codable, Equatable {
    public enum Group: String, Sendable, Codable, CaseIterable {
        case llm, oracle, ranker, blender
        /// The paper's row-group titles.
        public var title: String {
            switch self {
            case .llm: "LLMs"
            case .oracle: "Oracles"
            case .ranker: "Rankers"
            case .blender: "LLM-Blender"
            }
        }
    }

    /// A component a row is made of: its catalog id and its name in tables (`pair-ranker(length)`).
    public struct ComponentRef: Sendable, Codable, Equatable {
        public var id: String
        public var name: String

        public init(id: String, name: String) {
            self.id = id
            self.name = name
        }
    }

    /// Unique within a document (`llm:vicuna-13b`, `ranker:random(seed=0)`).
    public var key: String
    public var label: String
    public var group: Group
    /// The component identity behind the row, for provenance; nil for individual models.
    public var component: JSONValue?
    /// The ranker of a ranker or blender row (a blender's: the row whose top K it fused).
    public var ranker: ComponentRef?
    /// The aggregation rule of a pairwise ranker's row.
    public var aggregation: ComponentRef?
    /// The fuser of a blender row.
    public var fuser: ComponentRef?
    /// The K of a blender row: how many top-ranked candidates the fuser read.
    public var topK: Int?
    /// Mean pairwise comparisons per example the row's rule read (the efficiency table's x).
    public var comparisons: Double?

    public init(key: String, label: String, group: Group, component: JSONValue?, ranker: ComponentRef? = nil,
                aggregation: ComponentRef? = nil, fuser: ComponentRef? = nil, topK: Int? = nil, comparisons: Double? = nil) {
        self.key = key
        self.label = label
        self.group = group
        self.component = component
        self.ranker = ranker
        self.aggregation = aggregation
        self.fuser = fuser
        self.topK = topK
        self.comparisons = comparisons
    }

    /// A schema-1 row with its typed fields read from its component identity, as schema-1 runs
    /// wrote it: `{"ranker": identity, "aggregation": identity, "comparisons": n}` for a pairwise
    /// row, `{"ranker": ..., "top_k": k, "fuser": identity}` for a blender, a plain identity for a
    /// pointwise ranker. A pairwise row's label was "<ranker name> + <rule name>", so the ranker's
    /// name is the label before its last " + ".
    public func upgraded() -> MethodInfo {
        guard case .object(let o)? = component else { return self }
        var copy = self
        func ref(_ value: JSONValue?) -> ComponentRef? {
            guard case .object(let c)? = value, case .string(let id)? = c["id"] else { return nil }
            return ComponentRef(id: id, name: id)
        }
        func number(_ value: JSONValue?) -> Double? {
            switch value {
            case .int(let i)?: Double(i)
            case .double(let d)?: d
            default: nil
            }
        }
        switch group {
        case .blender:
            copy.topK = copy.topK ?? number(o["top_k"]).map { Int($0) }
            copy.fuser = copy.fuser ?? ref(o["fuser"])
            if copy.ranker == nil, case .object(let inner)? = o["ranker"] {
                copy.ranker = ref(inner["ranker"]) ?? ref(o["ranker"])
            }
        case .llm:
            break
        case .oracle, .ranker:
            if let rule = ref(o["aggregation"]) {
                copy.aggregation = copy.aggregation ?? rule
                if copy.ranker == nil, let id = ref(o["ranker"])?.id {
                    let name = label.range(of: " + ", options: .backwards).map { String(label[..<$0.lowerBound]) } ?? id
                    copy.ranker = ComponentRef(id: id, name: name)
                }
                copy.comparisons = copy.comparisons ?? number(o["comparisons"])
            } else if copy.ranker == nil, let id = ref(component)?.id {
                copy.ranker = ComponentRef(id: id, name: label)
            }
        }
        return copy
    }
}
