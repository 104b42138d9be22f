import BlendCore
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
