#!/usr/bin/env python3
"""Benchmark: blendlab's native encoder vs sentence-transformers on PyTorch CPU.

Embeds the same development texts (candidate outputs from data/alpaca_eval, a fixed selection
ordered by the SHA-256 of "model/index") with both, 2 threads each, batch 32, max_seq_length 256.
Throughput counts tokenisation and the forward passes, not loading the model; each side runs
--repeat times, alternating, and the best run counts (the machine is shared). blendlab's peak RSS is the whole
process's (/usr/bin/time's maximum resident set size, model load included). Writes --report (Markdown).
"""
import argparse, glob, hashlib, json, os, platform, re, subprocess, sys, tempfile, time


def select(data_dir, n):
    items = []
    for path in sorted(glob.glob(os.path.join(data_dir, "results", "*", "model_outputs.json"))):
        model = os.path.basename(os.path.dirname(path))
        for i, row in enumerate(json.load(open(path, encoding="utf-8"))):
            if isinstance(row.get("output"), str) and row["output"].strip():
                items.append((hashlib.sha256(f"{model}/{i}".encode()).hexdigest(), f"{model}/{i}", row["output"]))
    items.sort()
    if len(items) < n:
        sys.exit(f"bench: only {len(items)} texts in {data_dir}; run `make data`")
    return [(k, t) for _, k, t in items[:n]]


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--binary", default=".build/release/blendlab")
    p.add_argument("--model", default="models/all-MiniLM-L6-v2")
    p.add_argument("--data", default="data/alpaca_eval")
    p.add_argument("--count", type=int, default=1000)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--batch-size", type=int, default=32)
    p.add_argument("--repeat", type=int, default=3)
    p.add_argument("--report", default="bench/encoder.md")
    a = p.parse_args()

    texts = select(a.data, a.count)
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as f:
        for k, t in texts:
            f.write(json.dumps({"id": k, "text": t}, ensure_ascii=False) + "\n")
        path = f.name

    import torch
    from sentence_transformers import SentenceTransformer
    torch.set_num_threads(a.threads)
    st = SentenceTransformer(a.model, device="cpu")
    tok = st.tokenizer
    tokens = [min(len(tok(t)["input_ids"]), st.max_seq_length) for _, t in texts]
    st.encode([t for _, t in texts[:64]], batch_size=a.batch_size)  # warm-up

    # Runs alternate (blendlab, PyTorch, blendlab, ...) so both see the same machine load.
    # blendlab's peak RSS comes from /usr/bin/time (%M): a child forked straight from this
    # process would inherit PyTorch's resident pages into its own high-water mark.
    rates, walls, torch_rates, peaks = [], [], [], []
    timer = ["/usr/bin/time", "-f", "%M", "-o", path + ".rss"] if os.path.exists("/usr/bin/time") else []
    for _ in range(a.repeat):
        start = time.perf_counter()
        out = subprocess.run([*timer, a.binary, "embed", "--input", path, "--model", a.model, "--threads", str(a.threads),
                              "--batch-size", str(a.batch_size)], capture_output=True, text=True)
        walls.append(time.perf_counter() - start)
        if out.returncode != 0:
            sys.exit(f"bench: blendlab embed failed: {out.stderr}")
        m = re.search(r"in ([0-9.]+)s", out.stderr)
        rates.append(len(texts) / float(m.group(1)))
        if timer:
            peaks.append(int(open(path + ".rss").read().split()[-1]) / 1024)
        assert len(out.stdout.splitlines()) == len(texts)
        start = time.perf_counter()
        st.encode([t for _, t in texts], batch_size=a.batch_size, convert_to_numpy=True)
        torch_rates.append(len(texts) / (time.perf_counter() - start))
    if not timer:
        sys.exit("bench: /usr/bin/time is needed to measure blendlab's peak RSS (apt-get install time)")
    peak_mb = max(peaks)
    os.unlink(path)
    os.unlink(path + ".rss")

    mine, theirs = max(rates), max(torch_rates)
    load = os.getloadavg()
    lines = [
        "# Native encoder benchmark",
        "",
        f"{len(texts)} development texts (AlpacaEval candidate outputs), all-MiniLM-L6-v2, max_seq_length {st.max_seq_length} "
        f"(mean {sum(tokens) / len(tokens):.0f} tokens after truncation, {sum(tokens)} in all), batch {a.batch_size}, "
        f"{a.threads} threads each. Best of {a.repeat} runs; model loading excluded from throughput.",
        "",
        "| | texts/s | runs (texts/s) |",
        "|---|---|---|",
        f"| blendlab (Swift + OpenBLAS, release) | {mine:.1f} | {', '.join(f'{r:.1f}' for r in rates)} |",
        f"| sentence-transformers {__import__('sentence_transformers').__version__} on torch {torch.__version__} | {theirs:.1f} | "
        f"{', '.join(f'{r:.1f}' for r in torch_rates)} |",
        "",
        f"Ratio blendlab / PyTorch: **{mine / theirs:.2f}x** (target >= 1.0x).",
        f"blendlab peak RSS (whole process, model load included): **{peak_mb:.0f} MB** (target <= 500 MB); "
        f"wall time per run including load: {', '.join(f'{w:.1f}s' for w in walls)}.",
        "",
        f"Machine: {platform.machine()}, {os.cpu_count()} CPUs, load average {load[0]:.2f} / {load[1]:.2f} / {load[2]:.2f} "
        "at the end (shared with other builds, so absolute numbers vary).",
        "",
    ]
    os.makedirs(os.path.dirname(a.report) or ".", exist_ok=True)
    open(a.report, "w").write("\n".join(lines))
    print("\n".join(lines))


if __name__ == "__main__":
    main()
