import Foundation

/// The parts of a SentencePiece `ModelProto` (`spm.model`) that tokenization reads: the pieces
/// with their scores and types, the model type and unknown id of the trainer spec, and the
/// normaliser spec's name (transformers 5 replaces the model's own normaliser, see
/// `DebertaTokenizer`).
///
/// Field numbers follow sentencepiece's `sentencepiece_model.proto`: ModelProto.pieces = 1,
/// trainer_spec = 2, normalizer_spec = 3; SentencePiece.piece = 1, score = 2, type = 3;
/// TrainerSpec.model_type = 3, unk_id = 40; NormalizerSpec.name = 1.
public struct SentencePieceModel: Sendable {
    public enum PieceType: Int, Sendable {
        case normal = 1, unknown = 2, control = 3, userDefined = 4, unused = 5, byte = 6
    }

    public struct Piece: Sendable, Equatable {
        public var text: String
        public var score: Float
        public var type: PieceType
    }

    public var pieces: [Piece]
    /// TrainerSpec.model_type: 1 unigram, 2 BPE, 3 word, 4 char.
    public var modelType: Int = 1
    public var unkID = 0
    public var normalizerName = ""

    /// Reads `path`; a missing file or a file that is not a SentencePiece model is an error
    /// naming it.
    public static func load(path: String) throws -> SentencePieceModel {
        guard let data = FileManager.default.contents(atPath: path) else { throw ModelError.missingFile(path: path) }
        do { return try SentencePieceModel(bytes: [UInt8](data)) } catch let error as ProtobufReader.Malformed {
            throw ModelError.corrupt(path: path, reason: "not a SentencePiece model: \(error.description)")
        }
    }

    init(bytes: [UInt8]) throws {
        pieces = []
        var reader = ProtobufReader(bytes[...])
        while let (number, field) = try reader.next() {
            switch (number, field) {
            case (1, .bytes(let b)): pieces.append(try Self.piece(b))
            case (2, .bytes(let b)): try readTrainer(b)
            case (3, .bytes(let b)): try readNormalizer(b)
            default: continue
            }
        }
        guard !pieces.isEmpty else { throw ProtobufReader.Malformed(description: "it has no pieces") }
    }

    static func piece(_ bytes: ArraySlice<UInt8>) throws -> Piece {
        var reader = ProtobufReader(bytes)
        var piece = Piece(text: "", score: 0, type: .normal)
        while let (number, field) = try reader.next() {
            switch (number, field) {
            case (1, .bytes(let b)): piece.text = String(decoding: b, as: UTF8.self)
            case (2, .fixed32(let v)): piece.score = Float(bitPattern: v)
            case (3, .varint(let v)): piece.type = PieceType(rawValue: Int(v)) ?? .normal
            default: continue
            }
        }
        return piece
    }

    mutating func readTrainer(_ bytes: ArraySlice<UInt8>) throws {
        var reader = ProtobufReader(bytes)
        while let (number, field) = try reader.next() {
            switch (number, field) {
            case (3, .varint(let v)): modelType = Int(v)
            case (40, .varint(let v)): unkID = Int(Int32(truncatingIfNeeded: v))
            default: continue
            }
        }
    }

    mutating func readNormalizer(_ bytes: ArraySlice<UInt8>) throws {
        var reader = ProtobufReader(bytes)
        while let (number, field) = try reader.next() {
            switch (number, field) {
            case (1, .bytes(let b)): normalizerName = String(decoding: b, as: UTF8.self)
            default: continue
            }
        }
    }
}
