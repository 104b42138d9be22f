import ArgumentParser
import BlendCore
import BlendData
import BlendModels
import Foundation

/// `blendlab compare`: (instruction, a, b) triples in, a pairwise comparator's logits out.
struct CompareCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare two candidates per JSON line {\"id\", \"instruction\", \"input\"?, \"a\", \"b\"} with a pairwise comparator.",
        discussion: """
            Each output line is {"id": ..., "logit": ...}: the logit that "a" beats "b" with "a" shown \
            first (> 0: "a" is better). A missing "id" becomes the line number. The comparator reads \
            the instruction and input as an experiment's examples do (instruction, a newline, input). \
            The output is written at the end, so an error leaves none; with --stream each line is \
            written as soon as its logit is computed.
            """
    )

    struct Line: Decodable {
        var id: JSONValue?
        var instruction: String
        var input: String?
        var a: String
        var b: String
    }

    @Option(help: "The pairwise comparator (a catalog ranker that compares two candidates).")
    var ranker: String = PairRMRanker.id

    @Option(help: "The comparator's model directory (its `model` parameter).")
    var model: String?

    @Option(name: .customLong("param"), help: "A comparator parameter KEY=VALUE (repeatable), e.g. --param source_tokens=512.")
    var params: [String] = []

    @Option(help: "Read JSON lines from FILE instead of standard input.")
    var input: String?

    @Flag(help: "Write each output line as soon as its logit is computed (an error then leaves the earlier lines written).")
    var stream = false

    func run() async throws {
        var values = try AggregateCommand.parse(params)
        if let model { values["model"] = .string(model) }
        guard case .pairwise(let comparator) = try Catalog.make(Catalog.rankers, kind: "ranker", id: ranker, params: values) else {
            throw ValidationError("--ranker \(ranker) is not a pairwise comparator")
        }
        var context = ComponentContext(seed: 0)
        context.encoders = NativeEncoderProvider()
        let reader = JSONLinesReader(path: input)
        var out = ""
        for (number, line) in try reader.decode(Line.self) {
            let example = Example(id: ExampleID("\(number)"), instruction: line.instruction, input: line.input ?? "",
                                  candidates: [Candidate(model: "a", text: line.a), Candidate(model: "b", text: line.b)], oracle: .scores([:]))
            let logit: Double
            do {
                logit = try await comparator.logit(example, 0, 1, context: context)
            } catch ModelError.invalidArgument(let reason) {
                throw JSONLinesError.badLine(source: reader.sourceName, line: number, reason: reason)
            }
            out += "{\"id\":" + (line.id ?? .int(number)).canonical + ",\"logit\":" + (logit.isFinite ? "\(logit)" : "null") + "}\n"
            // --stream: one unbuffered write per line, so a reader (scripts/parity_pairrm.py's timer) sees each logit on arrival.
            if stream {
                FileHandle.standardOutput.write(Data(out.utf8))
                out = ""
            }
        }
        FileHandle.standardOutput.write(Data(out.utf8))
    }
}
