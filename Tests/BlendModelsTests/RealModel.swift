import Foundation
@testable import BlendModels

/// all-MiniLM-L6-v2 from `make models` (the Makefile's `test` target depends on `models`).
enum RealModel {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("models/all-MiniLM-L6-v2").path

    static let shared: Result<EncoderModel, ModelError> = {
        do { return .success(try EncoderModel(directory: directory)) } catch let error as ModelError {
            return .failure(error)
        } catch {
            return .failure(.corrupt(path: directory, reason: "\(error)"))
        }
    }()

    /// The loaded model; a missing model fails the test with the error saying to run `make models`.
    static func load() throws -> EncoderModel { try shared.get() }
}

func maxAbsDifference(_ a: [Float], _ b: [Float]) -> Float {
    zip(a, b).reduce(0) { max($0, abs($1.0 - $1.1)) }
}

func cosine(_ a: [Float], _ b: [Float]) -> Float {
    zip(a, b).reduce(0) { $0 + $1.0 * $1.1 } / (a.reduce(0) { $0 + $1 * $1 }.squareRoot() * b.reduce(0) { $0 + $1 * $1 }.squareRoot())
}
