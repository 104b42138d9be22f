#!/usr/bin/env python3
"""Parity of `blendlab score` with the reference implementations, on every development
(candidate, reference = gpt4_1106_preview) pair plus hand-made edge cases:
sacrebleu.sentence_bleu / sentence_chrf / corpus_bleu / corpus_chrf and rouge-score's
RougeScorer (F-measure; with and without Porter stemming). Then the ranker diagnostics of
`blendlab run` (a BLEU ranker against the oracle) against scipy.stats pearsonr / spearmanr /
kendalltau, footrule and top-K recall recomputed here.

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


EXPERIMENT = """name: parity-diagnostics
description: ranker diagnostics parity (scripts/parity_metrics.py)
seed: 1
dataset:
  source: alpaca-eval
  path: {data}
  candidates: [{models}]
  reference: gpt4_1106_preview
  annotator: weighted_alpaca_eval_gpt4_turbo
  on_missing: drop
rankers:
  - {{id: reference-metric, metric: bleu}}
metrics:
  - oracle-rank
"""


def competition_ranks(scores):
    return [1 + sum(1 for t in scores if t > s) for s in scores]


def check_diagnostics(args, tally):
    """Runs a BLEU ranker through `blendlab run` and recomputes its diagnostics with scipy."""
    import hashlib
    import warnings
    import numpy as np
    import sacrebleu
    from scipy import stats
    warnings.simplefilter("ignore")
    with tempfile.TemporaryDirectory() as tmp:
        spec = os.path.join(tmp, "parity-diagnostics.yaml")
        with open(spec, "w") as f:
            f.write(EXPERIMENT.format(data=os.path.abspath(args.data), models=", ".join(metrics_pairs.MODELS)))
        proc = subprocess.run([args.blendlab, "run", spec, "--quiet", "--results", tmp,
                               "--cache", os.path.join(tmp, "cache.sqlite")], capture_output=True, text=True)
        if proc.returncode != 0:
            sys.exit(f"blendlab run failed ({proc.returncode}): {proc.stderr.strip()}")
        with open(os.path.join(tmp, "parity-diagnostics", "result.json")) as f:
            doc = json.load(f)
    key = next(k for k in doc["diagnostics"] if k.startswith("ranker:reference-metric"))
    ours = doc["diagnostics"][key]

    def outputs(name):
        with open(os.path.join(args.data, "results", name, "model_outputs.json"), encoding="utf-8") as f:
            return {row["instruction"]: row["output"] for row in json.load(f)}
    texts = {m: outputs(m) for m in metrics_pairs.MODELS}
    refs = outputs(metrics_pairs.REFERENCE)
    by_id = {"ae-" + hashlib.sha256(i.encode("utf-8")).hexdigest()[:12]: i for i in refs}

    per_example = {"pearson": [], "spearman": [], "kendallTauB": []}
    columns = {}
    footrules, recalls = [], {k["k"]: [] for k in ours["topKRecall"]}
    for e in doc["examples"]:
        instruction = by_id[e["id"]]
        scores = [sacrebleu.sentence_bleu(texts[m][instruction], [refs[instruction]]).score for m in e["candidates"]]
        ranks, oracle = competition_ranks(scores), e["oracleRanks"]
        for name, fn in (("pearson", stats.pearsonr), ("spearman", stats.spearmanr), ("kendallTauB", stats.kendalltau)):
            v = fn(ranks, oracle)[0]
            if not np.isnan(v):
                per_example[name].append(v)
        for m, a, b in zip(e["candidates"], ranks, oracle):
            columns.setdefault(m, ([], []))
            columns[m][0].append(a)
            columns[m][1].append(b)
        footrules.append(sum(abs(a - b) for a, b in zip(ranks, oracle)))
        order = sorted(range(len(scores)), key=lambda i: (-scores[i], i))
        for k in recalls:
            top = sum(1 for r in oracle if r <= k)
            hits = sum(1 for i in order[:k] if oracle[i] <= k)
            recalls[k].append(hits / min(k, top) if top else 0.0)
    per_model = {"pearson": [], "spearman": [], "kendallTauB": []}
    for m in sorted(columns):
        a, b = columns[m]
        for name, fn in (("pearson", stats.pearsonr), ("spearman", stats.spearmanr), ("kendallTauB", stats.kendalltau)):
            v = fn(a, b)[0]
            if not np.isnan(v):
                per_model[name].append(v)
    for block, values in (("perExample", per_example), ("perModel", per_model)):
        for name, vs in values.items():
            tally.check(f"diagnostics {block}.{name}", key, ours[block][name], sum(vs) / len(vs))
        tally.check(f"diagnostics {block}.count", key, ours[block]["count"], len(values["pearson"]))
    tally.check("diagnostics footrule", key, ours["footrule"], sum(footrules) / len(footrules))
    for item in ours["topKRecall"]:
        tally.check(f"diagnostics top-{item['k']} recall", key, item["value"], sum(recalls[item["k"]]) / len(recalls[item["k"]]))


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

    check_diagnostics(args, tally)

    print(f"parity-metrics: {len(dev)} development pairs + {len(metrics_pairs.EDGE_CASES)} edge cases; "
          f"{len(stem_pairs)} pairs with stemming; corpus BLEU and chrF")
    print("  ranker diagnostics of a BLEU ranker (blendlab run) vs scipy.stats on the same ranks")
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
