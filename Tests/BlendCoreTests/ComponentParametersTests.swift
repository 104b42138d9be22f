@testable import BlendCore
import Testing

/// The parameter structs of every catalog component: defaults in one place, unknown keys and
/// wrong types rejected with their path, flat groups, choices, and identity = encoded parameters.
@Suite("Component parameters")
struct ComponentParametersTests {
    @Test func absentKeysKeepTheStructsDefaults() throws {
        let p = try PairRanker.Parameters.decode(["max_epochs": .int(3)])
        #expect(p.training.maxEpochs == 3)
        #expect(p.training.patience == TrainingSettings().patience)
        #expect(p.model == EncoderParameters.defaultModel)
        // A component's own defaults for a shared group: simcls trains longer than the head rankers.
        #expect(try SimCLSRanker.Parameters.decode([:]).training.maxEpochs == 10)
    }

    @Test func unknownKeysAreErrorsThatListTheKnownOnes() {
        #expect(throws: ParameterError.unknown(key: "sed", known: ["seed"])) { try RandomRanker.Parameters.decode(["sed": .int(1)]) }
        do {
            _ = try PairRanker.Parameters.decode(["max_epoch": .int(1)])
            Issue.record("no error")
        } catch let error as ParameterError {
            guard case .unknown(let key, let known) = error else { Issue.record("\(error)"); return }
            #expect(key == "max_epoch")
            #expect(known.contains("max_epochs") && known.contains("source_tokens") && !known.contains("training"))
        } catch { Issue.record("\(error)") }
    }

    @Test func wrongTypesAndChoicesSayWhatWasExpected() {
        #expect(throws: ParameterError.wrongType(key: "k", expected: "a number", found: "a string")) {
            try EloRule.Parameters.decode(["k": .string("big")])
        }
        #expect(throws: ParameterError.wrongType(key: "budget", expected: "an integer", found: "a number")) {
            try FullSortRule.Parameters.decode(["budget": .double(1.5)])
        }
        #expect(throws: ParameterError.invalid(key: "prefer", message: "'middle' is not one of longest, shortest")) {
            try LengthRanker.Parameters.decode(["prefer": .string("middle")])
        }
        #expect(throws: ParameterError.invalid(key: "k", message: "must be positive")) { try EloRule.Parameters.decode(["k": .int(0)]) }
    }

    @Test func numbersConvertWhereExactAndAValueStandsForAListOfOne() throws {
        #expect(try FullSortRule.Parameters.decode(["budget": .double(4)]).budget == 4)
        #expect(try EloRule.Parameters.decode(["k": .int(16)]).k == 16)
        #expect(try ChatFuser.Parameters.decode(["stop": .string("\n")]).sampling.stop == ["\n"])
        #expect(try StackRanker.Parameters.decode(["l2": .double(0.5)]).l2 == [0.5])
        #expect(try StackRanker.Parameters.decode(["features": .string("lexical")]).features.items == TextFeature.lexical)
    }

    @Test func theIdentityIsTheEncodedParameters() throws {
        let rule = try EloRule.make(["k": .int(16)])
        #expect(rule.identity.canonical == #"{"id":"elo","params":{"k":16},"version":1}"#)
        let judge = try LLMJudgeRanker.make([:])
        #expect(judge.parameters["sampling"]?["seed"] == .null, "sampling keeps its seed: null in keys")
        #expect(judge.parameters["candidate_chars"] == nil)
        #expect(rule.k == 16, "parameters read as the component's properties")
    }
}
