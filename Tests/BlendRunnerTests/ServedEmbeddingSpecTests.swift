import BlendCore
@testable import BlendRunner
import Foundation
import Testing

/// `backend:` on the sentence-embedding components: decoding, labels, and cache keys (the
/// native components' keys stay as they were; the served ones carry the backend's address).
@Suite struct ServedEmbeddingSpecTests {
    let base = """
        name: t
        dataset: {source: jsonl, path: d.jsonl}
        backends:
          embed: {base_url: "http://127.0.0.1:8091/v1", model: smollm2-embed}

        """

    @Test func aServedEncoderTakesTheBackendsModelAndReadsNoModelDirectory() throws {
        let spec = try decode(base + "rankers: [{id: simcls, backend: embed}, {id: mbr-embedding, backend: embed, model: e5, dimensions: 256}, simcls]")
        #expect(spec.rankers.map(\.made.displayName) == ["simcls(backend=embed,model=smollm2-embed)", "mbr-embedding(backend=embed,dimensions=256,model=e5)", "simcls"])
        #expect(try spec.encoderModels() == [EncoderParameters.defaultModel])   // only the native simcls reads a directory
        #expect(spec.rankers.map(\.backendNames) == [["embed"], ["embed"], []])
    }

    @Test func badServedSettingsNameTheKey() {
        #expect(throws: SpecError.self) { try decode(base + "rankers: [{id: simcls, backend: embedd}]") }
        do {
            _ = try decode(base + "rankers: [{id: simcls, backend: embedd}]")
        } catch let error as SpecError {
            #expect(error.keyPath == "rankers[0].backend")
            #expect(error.message.contains("no backend named 'embedd'; backends: embed"))
        } catch { Issue.record("\(error)") }
        do {
            _ = try decode(base + "rankers: [{id: mbr-embedding, dimensions: 64}]")
            Issue.record("dimensions without a backend was accepted")
        } catch let error as SpecError {
            #expect(error.message.contains("dimensions") && error.message.contains("set backend: too"))
        } catch { Issue.record("\(error)") }
    }

    @Test func nativeKeysAreUnchangedAndServedKeysCarryTheAddress() throws {
        let example = Example(id: "q", instruction: "i", candidates: [Candidate(model: "a", text: "x"), Candidate(model: "b", text: "y")],
                              oracle: .scores([:]))
        let keys = KeyContext(seed: 1, backends: ["embed": .object(["base_url": .string("http://h/v1")])],
                              encoders: [EncoderParameters.defaultModel: .object(["files": .object(["model.safetensors": .string("abc")])])])
        let native = SimCLSRanker()
        #expect(native.identity.canonical == #"{"id":"simcls","params":{"model":"models/all-MiniLM-L6-v2"},"version":1}"#)
        #expect(!keys.fields(native, for: example).canonical.contains("backends"))
        #expect(keys.fields(native, for: example).canonical.contains("model.safetensors"))
        #expect(EmbeddingMBRRanker().identity.canonical == #"{"id":"mbr-embedding","params":{"model":"models/all-MiniLM-L6-v2"},"version":1}"#)

        let served = try SimCLSRanker.make(["backend": .string("embed"), "model": .string("m")])
        let fields = keys.fields(served, for: example).canonical
        #expect(fields.contains(#""backends":{"embed":{"base_url":"http://h/v1"}}"#))
        #expect(!fields.contains("encoders"))
        #expect(served.identity.canonical.contains(#""backend":"embed""#))
        // A stack whose embedding feature is served calls that backend.
        let stack = try StackRanker.make(["features": .array([.string("consensus-embedding")]), "encoder": .string("m"),
                                          "encoder_backend": .string("embed")])
        #expect(stack.backendNames == ["embed"] && stack.encoderModels.isEmpty)
        #expect(try StackRanker.make(["features": .array([.string("length")])]).identity.canonical.contains("encoder") == false)
    }
}
