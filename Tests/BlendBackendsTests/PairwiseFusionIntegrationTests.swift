import BlendCore
import BlendReport
import BlendRunner
import Foundation
import Testing

extension LiveServerIntegrationTests {
    /// A blender row on a pairwise ranker: oracle-pair + max-logits, its top 3, chat-fuser on the
    /// local server. Before pairwise rows gave full rankings this row did not exist.
    @Test func pairwiseRowFeedsTheFuserIntegration() async throws {
        try LiveServer.ensure()
        let dir = try scratchDirectory()
        let spec = try spec("""
            name: pair-fuse
            seed: 1
            dataset: {source: alpaca-eval, path: \(packageRoot)/data/alpaca_eval, candidates: [alpaca-7b, vicuna-7b, falcon-7b-instruct, wizardlm-13b], limit: 2}
            backends:
              local: {base_url: "http://127.0.0.1:8088/v1", retries: 1, backoff: 0.1, timeout: 120}
            rankers: [oracle, oracle-pair]
            fuse_rankers: [oracle-pair]
            top_k: [3]
            fusers: [{id: chat-fuser, backend: local, model: smollm2, max_tokens: 12, prompt_chars: 600}]
            metrics: [bleu, oracle-rank]
            """, in: dir)
        let options = RunOptions(cachePath: dir + "/cache.sqlite", resultsDirectory: dir, quiet: true)
        let doc = try await Runner(spec: spec, options: options).run()
        // fuse_rankers keeps the oracle row out of fusion: one blender row, on the pairwise row.
        #expect(doc.methods.filter { $0.group == .blender }.count == 1)
        let blender = try #require(doc.methods.first { $0.group == .blender })
        #expect(blender.label == "oracle-pair(bias=0,noise=0,scale=1) + max-logits top-3 + chat-fuser(smollm2@local)")
        // The fused text is scored by the reference metric; without a judge, oracle-rank does not apply.
        #expect(doc.aggregates[blender.key]?["bleu"]?.count == 2)
        #expect(doc.aggregates[blender.key]?["oracle-rank"] == nil)
        let texts = doc.examples.compactMap { $0.outcomes[blender.key]?.text }
        #expect(texts.count == 2 && texts.allSatisfy { $0.count > 0 })
        #expect(doc.usage?.first { $0.component == "chat-fuser" }?.calls == 2)
        let report = try String(contentsOfFile: dir + "/pair-fuse/report.md", encoding: .utf8)
        #expect(report.contains("| oracle-pair(bias=0,noise=0,scale=1) + max-logits top-3 + chat-fuser(smollm2@local) | "))
    }
}
