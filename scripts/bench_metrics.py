#!/usr/bin/env python3
"""Throughput of `blendlab score` against the reference implementations on every development
(candidate, reference) pair, in the same run: sacrebleu.sentence_bleu (BLEU),
sacrebleu CHRF().sentence_score (chrF) and rouge-score RougeScorer(["rougeL"]) (ROUGE-L).

blendlab is timed as a whole process (start-up, JSON-lines parsing and output included) with
one thread (--jobs 1); the references as a Python loop over in-memory pairs; the runs are
interleaved and every figure is a median of 3. Throughput is pairs per CPU second (user + system), which a busy shared machine disturbs
far less than wall time; wall-clock figures are given too, including blendlab with all cores.
Writes bench/metrics.md and prints it. Targets (issue 19): BLEU >= 50x, chrF >= 30x, ROUGE-L
>= 20x the reference per CPU second.

Usage: bench_metrics.py [--blendlab PATH] [--data DIR] [--out FILE]
"""
import argparse
import datetime
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import metrics_pairs  # noqa: E402

TARGET = {"bleu": 50.0, "rouge-l": 20.0, "chrf": 30.0}
REPEATS = 3


def children_cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def time_blendlab(binary, path, metric, jobs):
    """(CPU seconds, wall seconds) of one `blendlab score` process."""
    cpu, start = children_cpu(), time.perf_counter()
    proc = subprocess.run([binary, "score", "--metric", metric, "--jobs", str(jobs), "--input", path],
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    wall, cpu = time.perf_counter() - start, children_cpu() - cpu
    if proc.returncode != 0:
        sys.exit(f"blendlab score --metric {metric} failed: {proc.stderr.strip()}")
    return cpu, wall


def time_reference(metric, pairs):
    import sacrebleu
    from rouge_score import rouge_scorer
    if metric == "bleu":
        def score(h, r):
            return sacrebleu.sentence_bleu(h, [r]).score
    elif metric == "chrf":
        chrf = sacrebleu.CHRF()

        def score(h, r):
            return chrf.sentence_score(h, [r]).score
    else:
        scorer = rouge_scorer.RougeScorer(["rougeL"])

        def score(h, r):
            return scorer.score(r, h)["rougeL"].fmeasure
    cpu, start = time.process_time(), time.perf_counter()
    for p in pairs:
        score(p["hypothesis"], p["reference"])
    return time.process_time() - cpu, time.perf_counter() - start


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--blendlab", default=".build/release/blendlab")
    parser.add_argument("--data", default="data/alpaca_eval")
    parser.add_argument("--out", default="bench/metrics.md")
    args = parser.parse_args()
    if not os.path.exists(args.blendlab):
        sys.exit(f"{args.blendlab} does not exist; build it (swift build -c release --product blendlab)")
    pairs = metrics_pairs.dev_pairs(args.data)
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as f:
        path = f.name
    metrics_pairs.write_jsonl(pairs, path)
    rows = []
    try:
        for metric, reference in [("bleu", "sacrebleu.sentence_bleu"), ("rouge-l", "rouge-score rougeL"),
                                  ("chrf", "sacrebleu CHRF().sentence_score")]:
            # Interleaved: blendlab (1 thread), blendlab (all cores), the reference, REPEATS times.
            ours, ours_all, theirs, loads = [], [], [], []
            for _ in range(REPEATS):
                ours.append(time_blendlab(args.blendlab, path, metric, 1))
                ours_all.append(time_blendlab(args.blendlab, path, metric, os.cpu_count() or 1))
                theirs.append(time_reference(metric, pairs))
                loads.append(os.getloadavg()[0])
            med = statistics.median
            n = len(pairs)
            ours_cpu, ours_wall = med(c for c, _ in ours), med(w for _, w in ours)
            theirs_cpu, theirs_wall = med(c for c, _ in theirs), med(w for _, w in theirs)
            rows.append((metric, reference, n / ours_cpu, n / theirs_cpu, theirs_cpu / ours_cpu,
                         n / ours_wall, n / med(w for _, w in ours_all), n / theirs_wall, min(loads), max(loads)))
    finally:
        os.unlink(path)

    load = os.getloadavg()
    lines = [
        "# Lexical metric throughput",
        "",
        f"{len(pairs)} development (candidate, reference = gpt4_1106_preview) pairs of data/alpaca_eval, "
        f"measured {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC on {os.cpu_count()} cores "
        f"(load average {load[0]:.1f} at the end). blendlab: the release binary as a whole process "
        "(start-up and JSON-lines parsing included), one thread (`--jobs 1`) unless said. "
        f"Reference: a Python loop over the same pairs in memory. Each side ran {REPEATS} times, interleaved "
        "(blendlab, blendlab on all cores, reference, then again), and every figure is the median. Pairs/s are per CPU second "
        "(user + system), robust to other load on the machine; the wall-clock columns depend on that load. "
        "Produced by `make bench-metrics` (scripts/bench_metrics.py).",
        "",
        "| metric | reference implementation | blendlab pairs/CPU-s | reference pairs/CPU-s | ratio | target "
        "| blendlab wall pairs/s (1 thread) | blendlab wall pairs/s (all cores) | reference wall pairs/s | load average during |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for metric, reference, ours, theirs, ratio, wall1, wall_all, wall_ref, load_lo, load_hi in rows:
        lines.append(f"| {metric} | {reference} | {ours:,.0f} | {theirs:,.1f} | {ratio:,.1f}x | >= {TARGET[metric]:g}x "
                     f"| {wall1:,.0f} | {wall_all:,.0f} | {wall_ref:,.1f} | {load_lo:.1f}-{load_hi:.1f} |")
    text = "\n".join(lines) + "\n"
    os.makedirs(os.path.dirname(args.out) or ".", exist_ok=True)
    with open(args.out, "w") as f:
        f.write(text)
    print(text)
    missed = [m for m, _, _, _, ratio, *_ in rows if ratio < TARGET[m]]
    if missed:
        print(f"below target: {', '.join(missed)}")


if __name__ == "__main__":
    main()
