/// blendlab's version, written into every result's provenance.
public enum BlendlabVersion {
    public static let string = "0.1.0"
}
