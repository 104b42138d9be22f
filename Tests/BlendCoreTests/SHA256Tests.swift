import BlendCore
import Foundation
import Testing

@Test("SHA-256 matches the FIPS 180-4 test vectors")
func sha256Vectors() {
    #expect(SHA256.hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    #expect(SHA256.hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    #expect(SHA256.hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
            == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    // 1,000,000 x "a" crosses many blocks.
    #expect(SHA256.hex(String(repeating: "a", count: 1_000_000)) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
}

@Test("SHA-256 hashes UTF-8 bytes of non-ASCII text")
func sha256Unicode() {
    // printf 'héllo wörld' | sha256sum
    #expect(SHA256.hex("héllo wörld") == "a1003f7d04a4115711d0b48a2eaf1359ce565d2d2a6fd65098dfcffadeeef59f")
}

@Test("an incremental SHA-256 fed in any pieces, or copied mid-way, gives the one-shot digest")
func sha256Incremental() {
    let text = Array(String(repeating: "blendlab ensembles 0123456789 ", count: 40).utf8)
    let whole = SHA256.hex(bytes: text)
    for cut in [0, 1, 55, 56, 63, 64, 65, 127, 128, 500, text.count] {
        var hasher = SHA256.Hasher()
        hasher.update(Array(text[..<cut]))
        var copy = hasher
        copy.update(Array(text[cut...]))
        #expect(SHA256.hex(digest: copy.finalize()) == whole)
        hasher.update(Array(text[cut...]))
        #expect(SHA256.hex(digest: hasher.finalize()) == whole)
    }
}

@Test("canonical JSON escapes quotes, backslashes and control characters, and keeps other UTF-8 as is")
func canonicalStringEscapes() {
    let value = JSONValue.object(["k\"ey": .string("a\"b\\c\nd\re\tf\u{1}g é ✓ 🙂"), "a": .array([.int(1), .null])])
    #expect(value.canonical == #"{"a":[1,null],"k\"ey":"a\"b\\c\nd\re\tf\u0001g é ✓ 🙂"}"#)
    #expect(value.canonicalBytes == Array(value.canonical.utf8))
}

@Test("trained heads store their floats packed, exactly, and still read the JSON arrays of earlier versions")
func packedHeadFloats() throws {
    var head = ScoreHead(inputs: 3, hidden: 2, seed: 7)
    head.shift = [0.1, -2.5e-8, .greatestFiniteMagnitude]
    head.scale = [1, 0.3333333, 4]
    let data = try JSONEncoder().encode(head)
    #expect(String(decoding: data, as: UTF8.self).contains("\"parameters\":\""))
    #expect(try JSONDecoder().decode(ScoreHead.self, from: data) == head)
    let legacy = #"{"inputs":1,"hidden":1,"parameters":[0.5,-1,2,0.25],"shift":[0],"scale":[1.5]}"#
    let old = try JSONDecoder().decode(ScoreHead.self, from: Data(legacy.utf8))
    #expect(old.parameters == [0.5, -1, 2, 0.25] && old.scale == [1.5])
    let projection = Projection(rows: 2, columns: 3)
    #expect(try JSONDecoder().decode(Projection.self, from: try JSONEncoder().encode(projection)) == projection)
}
