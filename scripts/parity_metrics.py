#!/usr/bin/env python3
"""Parity of `blendlab score` with the reference implementations, on every development
(candidate, reference = gpt4_1106_preview) pair plus hand-made edge cases:
sacrebleu.sentence_bleu / sentence_chrf / corpus_bleu / corpus_chrf and rouge-score's
RougeScorer (F-measure; with and without Porter stemming).

Every value must agree within 1e-9 relative (values decided by integer counts come out
identical). Prints a summary; exits 1 on any mismatch, listing the first few.

Usage: parity_metrics.py [--blendlab PATH] [--data DIR] [--stem-every N] [--jobs N]
"""
import argparse
import json
import multiprocessing
import os
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import metrics_pairs  # noqa: E402

METRICS = ["bleu", "chrf", "rouge-1", "rouge-2", "rouge-l", "rouge-lsum"]
ROUGE_TYPES = {"rouge-1": "rouge1", "rouge-2": "rouge2", "rouge-l": "rougeL", "rouge-lsum": "rougeLsum"}
REL_TOL = 1e-9


def reference_scores(args):
    """The reference implementations' values for a chunk of pairs (runs in a worker)."""
    pairs, metrics, stemming = args
    import sacrebleu
    from rouge_score import rouge_scorer
    types = [ROUGE_TYPES[m] for m in metrics if m in ROUGE_TYPES]
    scorer = rouge_scorer.RougeScorer(types, use_stemmer=stemming) if types else None
    chrf = sacrebleu.CHRF()
    out = []
    for p in pairs:
        h, r = p["hypothesis"], p["reference"]
        row = {"id": p["id"]}
        if "bleu" in metrics:
            row["bleu"] = sacrebleu.sentence_bleu(h, [r]).score
        if "chrf" in metrics:
            row["chrf"] = chrf.sentence_score(h, [r]).score
        if scorer:
            scores = scorer.score(r, h)
            for m in metrics:
                if m in ROUGE_TYPES:
                    row[m] = scores[ROUGE_TYPES[m]].fmeasure
        out.append(row)
    return out


def run_reference(pairs, metrics, stemming, jobs):
    chunks = [pairs[i::jobs * 4] for i in range(jobs * 4)]
    with multiprocessing.Pool(jobs) as pool:
        parts = pool.map(reference_scores, [(c, metrics, stemming) for c in chunks])
    return {row["id"]: row for part in parts for row in part}


def run_blendlab(binary, pairs, metrics, extra):
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as f:
        path = f.name
    metrics_pairs.write_jsonl(pairs, path)
    try:
        proc = subprocess.run([binary, "score", "--metric", ",".join(metrics), "--input", path] + extra,
                              capture_output=True, text=True)
    finally:
        os.unlink(path)
    if proc.returncode != 0:
        sys.exit(f"blendlab score failed ({proc.returncode}): {proc.stderr.strip()}")
    rows = [json.loads(line) for line in proc.stdout.splitlines() if line.strip()]
    return {row["id"]: row for row in rows if "id" in row}, [row for row in rows if "corpus" in row]


def close(a, b):
    if a == b:
        return True
    return abs(a - b) <= REL_TOL * max(abs(a), abs(b))


class Tally:
    def __init__(self):
        self.compared = 0
        self.exact = 0
        self.max_abs = 0.0
        self.max_rel = 0.0
        self.mismatches = []

    def check(self, label, pair_id, ours, theirs):
        self.compared += 1
        if ours is None or theirs is None:
            self.mismatches.append((label, pair_id, ours, theirs))
            return
        diff = abs(ours - theirs)
        self.exact += ours == theirs
        self.max_abs = max(self.max_abs, diff)
        if diff > 0:
            self.max_rel = max(self.max_rel, diff / max(abs(ours), abs(theirs)))
        if not close(ours, theirs):
            self.mismatches.append((label, pair_id, ours, theirs))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--blendlab", default=".build/release/blendlab")
    parser.add_argument("--data", default="data/alpaca_eval")
    parser.add_argument("--stem-every", type=int, default=8, help="check stemmed ROUGE on every Nth pair")
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    if not os.path.exists(args.blendlab):
        sys.exit(f"{args.blendlab} does not exist; build it (swift build -c release --product blendlab)")
    if not os.path.isdir(args.data):
        sys.exit(f"{args.data} does not exist; run `make data` (blendlab data fetch alpaca-eval)")

    start = time.time()
    dev = metrics_pairs.dev_pairs(args.data)
    pairs = dev + metrics_pairs.edge_pairs()
    tally = Tally()

    ours, corpus = run_blendlab(args.blendlab, pairs, METRICS, ["--corpus"])
    theirs = run_reference(pairs, METRICS, False, args.jobs)
    for p in pairs:
        for m in METRICS:
            tally.check(m, p["id"], ours.get(p["id"], {}).get(m), theirs[p["id"]][m])

    stem_pairs = dev[::args.stem_every] + metrics_pairs.edge_pairs()
    rouge = list(ROUGE_TYPES)
    ours_s, _ = run_blendlab(args.blendlab, stem_pairs, rouge, ["--stemming"])
    theirs_s = run_reference(stem_pairs, rouge, True, args.jobs)
    for p in stem_pairs:
        for m in rouge:
            tally.check(m + " (stemmed)", p["id"], ours_s.get(p["id"], {}).get(m), theirs_s[p["id"]][m])

    import sacrebleu
    hyps, refs = [p["hypothesis"] for p in pairs], [p["reference"] for p in pairs]
    corpus_values = corpus[0]["corpus"] if corpus else {}
    tally.check("corpus bleu", "all", corpus_values.get("bleu"), sacrebleu.corpus_bleu(hyps, [refs]).score)
    tally.check("corpus chrf", "all", corpus_values.get("chrf"), sacrebleu.corpus_chrf(hyps, [refs]).score)

    print(f"parity-metrics: {len(dev)} development pairs + {len(metrics_pairs.EDGE_CASES)} edge cases; "
          f"{len(stem_pairs)} pairs with stemming; corpus BLEU and chrF")
    print(f"  {tally.compared} values compared, {tally.exact} bit-identical, "
          f"max abs diff {tally.max_abs:.3g}, max rel diff {tally.max_rel:.3g} (tolerance {REL_TOL:g} relative)")
    print(f"  took {time.time() - start:.1f} s")
    if tally.mismatches:
        print(f"FAILED: {len(tally.mismatches)} mismatches; first few:")
        for label, pair_id, a, b in tally.mismatches[:8]:
            print(f"  {label} {pair_id}: blendlab {a!r} vs reference {b!r}")
        sys.exit(1)
    print("parity-metrics: OK")


if __name__ == "__main__":
    main()
