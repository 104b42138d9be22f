#!/usr/bin/env python3
"""Parity and speed of the native PairRM at full size (`make parity-pairrm`): blendlab's
`compare --ranker pair-rm` vs transformers' DebertaV2Model + PairRM's head on PyTorch CPU.

The model is a random-weight DeBERTa-v3-large (PairRM's config as scripts/pairrm_fixtures.py
writes it: 24 layers x 1024, 16 heads, intermediate 4096; seed 0, LayerNorms off the identity)
with a random head (seed 1, weights x4 and x20 as the 2-layer fixture), in PairRM-hf layout in
--out (git-ignored), on the SentencePiece model of the fixtures (`make pairrm-fixtures`), so its
vocabulary is that model's (4,005 ids), not 128,005: the encoder's cost does not depend on it.

Inputs: --pairs real (instruction, a, b) triples from data/alpaca_eval (three models' outputs for
the same instruction), picked at evenly spaced quantiles of their tokenize_pair length up to
--max-ids (1,280 by default, so that the target runs in minutes on 2 cores; 2048 = every length); ids by upstream's tokenize_pair with PairRM's
defaults (source 1224, candidates 412). Both sides get one warm-up pair (not timed) and then the
measured pairs one at a time, unpadded (upstream pads a batch to 2,048 under an attention mask,
which changes nothing in the logits and only adds work).

Speed: each side is a subprocess (the native CLI; this script's --torch-worker for PyTorch), with
2 threads (OPENBLAS_NUM_THREADS / torch.set_num_threads), runs interleaved (native, torch, native,
...), --repeat runs each; pairs/s = measured pairs / (arrival of the last logit - arrival of the
warm-up's), so model loading is not counted but tokenisation is; the median run counts. Peak RSS
is each process's (/usr/bin/time's maximum resident set, model load included).

Fails (exit 1) unless every |native - torch| <= --tolerance on every run. Writes --report.
"""
import argparse, glob, hashlib, json, os, platform, shutil, statistics, subprocess, sys, tempfile, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pairrm_fixtures import ADDED, PAIRRM_CONFIG, tokenize_pair  # noqa: E402

TOKENIZER_FILES = ["spm.model", "added_tokens.json", "tokenizer_config.json"]


def load_tokenizer(directory):
    from transformers import DebertaV2Tokenizer
    tok = DebertaV2Tokenizer.from_pretrained(directory)
    tok.add_tokens(ADDED)
    return tok


def build_model(out, fixtures):
    """The full-size random PairRM in PairRM-hf layout (skipped when --out already holds this config)."""
    added = json.load(open(os.path.join(fixtures, "added_tokens.json")))
    cfg = dict(PAIRRM_CONFIG, vocab_size=max(added.values()) + 1,
               **{k: added[t] for k, t in [("source_prefix_id", "<|source|>"), ("cand1_prefix_id", "<|candidate1|>"),
                                           ("cand2_prefix_id", "<|candidate2|>"), ("cand_prefix_id", "<|candidate|>")]})
    stamp = hashlib.sha256(json.dumps(cfg, sort_keys=True).encode() + open(os.path.join(fixtures, "spm.model"), "rb").read()).hexdigest()
    done = os.path.join(out, ".done")
    if os.path.exists(done) and open(done).read() == stamp:
        return cfg
    import torch
    from safetensors.torch import save_file
    from transformers import DebertaV2Config, DebertaV2Model
    os.makedirs(out, exist_ok=True)
    for name in TOKENIZER_FILES:
        shutil.copyfile(os.path.join(fixtures, name), os.path.join(out, name))
    torch.manual_seed(0)
    model = DebertaV2Model(DebertaV2Config(**cfg)).eval()
    with torch.no_grad():
        for name, p in model.named_parameters():
            if "LayerNorm" in name:
                p.add_(torch.randn_like(p) * 0.1)
    h = cfg["hidden_size"]
    torch.manual_seed(1)
    head = torch.nn.Sequential(torch.nn.Dropout(cfg["drop_out"]), torch.nn.Linear(2 * h, h), torch.nn.Tanh(),
                               torch.nn.Dropout(cfg["drop_out"]), torch.nn.Linear(h, cfg["n_tasks"])).eval()
    with torch.no_grad():
        head[1].weight.mul_(4)
        head[4].weight.mul_(20)
    tensors = {"pretrained_model." + k: v.contiguous() for k, v in model.state_dict().items()}
    tensors.update({"head_layer." + k: v.contiguous() for k, v in head.state_dict().items()})
    save_file(tensors, os.path.join(out, "model.safetensors"))
    json.dump(cfg, open(os.path.join(out, "config.json"), "w"), indent=1)
    open(done, "w").write(stamp)
    return cfg


def pick_triples(data_dir, tok, n, max_ids):
    """n triples at evenly spaced quantiles of tokenize_pair length among those of at most max_ids
    ids (of the first 3 models' 805 rows, every 5th instruction), plus a short warm-up triple first."""
    paths = sorted(glob.glob(os.path.join(data_dir, "results", "*", "model_outputs.json")))[:3]
    if len(paths) < 3:
        sys.exit(f"parity-pairrm: fewer than 3 models in {data_dir}; run `make data`")
    rows = [json.load(open(p, encoding="utf-8")) for p in paths]
    pool = []
    for k in range(0, min(len(r) for r in rows), 5):
        t = {"instruction": rows[0][k]["instruction"], "a": rows[1][k]["output"], "b": rows[2][k]["output"]}
        if all(isinstance(v, str) and v.strip() and not any(p in v for p in ADDED) for v in t.values()):
            _, ids = tokenize_pair(tok, [t["instruction"]], [t["a"]], [t["b"]])
            pool.append((len(ids[0]), k, t))
    pool.sort(key=lambda x: (x[0], x[1]))
    warm = pool[len(pool) // 20]
    pool = [x for x in pool if x[0] <= max_ids]
    picks = [pool[round(i * (len(pool) - 1) / (n - 1))] for i in range(n)] if n > 1 else [pool[len(pool) // 2]]
    out = [{"id": "warmup", **warm[2]}] + [{"id": f"row-{k}", **t} for _, k, t in picks]
    return out, [warm[0]] + [length for length, _, _ in picks]


def torch_worker(model_dir, threads):
    """Reads triples (JSON lines) from stdin, writes {id, logit} per pair as it is computed."""
    import torch
    from safetensors.torch import load_file
    from transformers import DebertaV2Config, DebertaV2Model
    torch.set_num_threads(threads)
    cfg = json.load(open(os.path.join(model_dir, "config.json")))
    tensors = load_file(os.path.join(model_dir, "model.safetensors"))
    model = DebertaV2Model(DebertaV2Config(**cfg)).eval()
    model.load_state_dict({k[len("pretrained_model."):]: v for k, v in tensors.items() if k.startswith("pretrained_model.")})
    h = cfg["hidden_size"]
    head = torch.nn.Sequential(torch.nn.Dropout(cfg["drop_out"]), torch.nn.Linear(2 * h, h), torch.nn.Tanh(),
                               torch.nn.Dropout(cfg["drop_out"]), torch.nn.Linear(h, cfg["n_tasks"])).eval()
    head.load_state_dict({k[len("head_layer."):]: v for k, v in tensors.items() if k.startswith("head_layer.")})
    del tensors
    tok = load_tokenizer(model_dir)
    for line in sys.stdin:
        t = json.loads(line)
        _, ids = tokenize_pair(tok, [t["instruction"]], [t["a"]], [t["b"]])
        x = torch.tensor(ids)
        with torch.no_grad():
            encs = model(input_ids=x, attention_mask=torch.ones_like(x)).last_hidden_state
            src = encs[torch.where(x == cfg["source_prefix_id"])]
            c1 = encs[torch.where(x == cfg["cand1_prefix_id"])]
            c2 = encs[torch.where(x == cfg["cand2_prefix_id"])]
            logit = (head(torch.cat([src, c1], -1)) - head(torch.cat([src, c2], -1))).mean(-1)
        sys.stdout.write(json.dumps({"id": t["id"], "logit": logit.item()}) + "\n")
        sys.stdout.flush()


def timed_run(argv, env, inputs, count):
    """Runs argv under /usr/bin/time with `inputs` on stdin; returns (logits by id, pairs/s, peak RSS MiB)."""
    with tempfile.NamedTemporaryFile(suffix=".rss", delete=False) as f:
        rss_path = f.name
    proc = subprocess.Popen(["/usr/bin/time", "-f", "%M", "-o", rss_path, *argv], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    proc.stdin.write("".join(json.dumps(t, ensure_ascii=False) + "\n" for t in inputs))
    proc.stdin.close()
    logits, arrivals = {}, []
    for line in proc.stdout:
        arrivals.append(time.perf_counter())
        row = json.loads(line)
        logits[row["id"]] = row["logit"]
    err = proc.stderr.read()
    if proc.wait() != 0 or len(logits) != len(inputs):
        sys.exit(f"parity-pairrm: {argv[0]} failed (exit {proc.returncode}, {len(logits)} of {len(inputs)} logits): {err[-2000:]}")
    peak = int(open(rss_path).read().split()[-1]) / 1024
    os.unlink(rss_path)
    return logits, count / (arrivals[-1] - arrivals[0]), peak


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--binary", default=".build/release/blendlab")
    p.add_argument("--fixtures", default=".build-fixtures/pairrm")
    p.add_argument("--out", default=".build-fixtures/pairrm-full")
    p.add_argument("--data", default="data/alpaca_eval")
    p.add_argument("--pairs", type=int, default=8)
    p.add_argument("--max-ids", type=int, default=1280, help="longest pair (ids) to pick; 2048 = all")
    p.add_argument("--repeat", type=int, default=3)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--tolerance", type=float, default=1e-4)
    p.add_argument("--report", default="bench/parity-pairrm.md")
    p.add_argument("--torch-worker", metavar="DIR", help=argparse.SUPPRESS)
    a = p.parse_args()
    if a.torch_worker:
        return torch_worker(a.torch_worker, a.threads)
    if not os.path.exists(os.path.join(a.fixtures, "spm.model")):
        sys.exit(f"parity-pairrm: no tokenizer fixture in {a.fixtures}; run `make pairrm-fixtures`")
    if not os.path.exists("/usr/bin/time"):
        sys.exit("parity-pairrm: /usr/bin/time is needed to measure peak RSS (apt-get install time)")

    start = time.time()
    cfg = build_model(a.out, a.fixtures)
    built = time.time() - start
    tok = load_tokenizer(a.out)
    inputs, lengths = pick_triples(a.data, tok, a.pairs, a.max_ids)
    print(f"parity-pairrm: model ready in {built:.0f}s; {a.pairs} pairs of {lengths[1:]} ids (+ warm-up of {lengths[0]})", flush=True)

    env = dict(os.environ, OPENBLAS_NUM_THREADS=str(a.threads), OMP_NUM_THREADS=str(a.threads), MKL_NUM_THREADS=str(a.threads))
    native_argv = [a.binary, "compare", "--ranker", "pair-rm", "--model", a.out, "--stream"]
    torch_argv = [sys.executable, os.path.abspath(__file__), "--torch-worker", a.out, "--threads", str(a.threads)]
    native, reference, diffs = [], [], []
    first = None
    for r in range(a.repeat):
        for name, argv, runs in [("native", native_argv, native), ("torch", torch_argv, reference)]:
            logits, rate, peak = timed_run(argv, env, inputs, a.pairs)
            runs.append((logits, rate, peak))
            print(f"parity-pairrm: run {r + 1} {name}: {rate:.3f} pairs/s, peak RSS {peak:.0f} MiB", flush=True)
        first = first or reference[0][0]
        diffs.append(max(abs(native[-1][0][t["id"]] - first[t["id"]]) for t in inputs))
    max_diff = max(diffs)
    per_pair = [(t["id"], n, first[t["id"]], native[0][0][t["id"]]) for t, n in zip(inputs, lengths)]
    mine = statistics.median(r for _, r, _ in native)
    theirs = statistics.median(r for _, r, _ in reference)
    load = os.getloadavg()
    import torch, transformers
    swift = subprocess.run(["swift", "--version"], capture_output=True, text=True).stdout.splitlines()
    verdict = "PASS" if max_diff <= a.tolerance else "FAIL"
    lines = [
        "# PairRM at full size: native vs PyTorch",
        "",
        "Written by `make parity-pairrm` (scripts/parity_pairrm.py). A random-weight DeBERTa-v3-large PairRM "
        f"({cfg['num_hidden_layers']} layers x {cfg['hidden_size']}, {cfg['num_attention_heads']} heads, intermediate "
        f"{cfg['intermediate_size']}, position_buckets {cfg['position_buckets']}, vocabulary {cfg['vocab_size']} of the "
        "SentencePiece fixture; seed 0, head seed 1) in PairRM-hf layout; `blendlab compare --ranker pair-rm` vs "
        "transformers' DebertaV2Model + PairRM's head, on real AlpacaEval triples tokenized by upstream's "
        "tokenize_pair (source 1224, candidates 412), one pair at a time, unpadded.",
        "",
        f"- Date: {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}",
        f"- Machine: {platform.machine()}, {os.cpu_count()} CPUs, load average {load[0]:.2f} / {load[1]:.2f} / {load[2]:.2f} (1/5/15 min, at the end)",
        f"- Versions: {swift[0] if swift else 'swift ?'}; torch {torch.__version__}, transformers {transformers.__version__}, Python {platform.python_version()}",
        f"- Threads: {a.threads} each (OPENBLAS_NUM_THREADS for blendlab, torch.set_num_threads for PyTorch)",
        "",
        "## Parity",
        "",
        f"{verdict}: max |native - torch| over {a.pairs} pairs (+ the warm-up) and {a.repeat} native runs = "
        f"{max_diff:.3g} (tolerance {a.tolerance:g}).",
        "",
        "| pair | ids | torch logit | native logit | abs diff |",
        "|---|---:|---:|---:|---:|",
        *[f"| {i} | {n} | {t:.6f} | {m:.6f} | {abs(t - m):.2g} |" for i, n, t, m in per_pair],
        "",
        "## Speed",
        "",
        f"{a.pairs} pairs ({sum(lengths[1:])} ids in all), after one warm-up pair; {a.repeat} runs each, interleaved; "
        "median run. Peak RSS: each process's maximum resident set (model load included).",
        "",
        "| | pairs/s (median) | runs | peak RSS |",
        "|---|---:|---|---:|",
        f"| blendlab (native) | {mine:.3f} | {', '.join(f'{r:.3f}' for _, r, _ in native)} | {max(x for _, _, x in native):.0f} MiB |",
        f"| transformers (PyTorch CPU) | {theirs:.3f} | {', '.join(f'{r:.3f}' for _, r, _ in reference)} | {max(x for _, _, x in reference):.0f} MiB |",
        "",
        f"Ratio native / PyTorch: {mine / theirs:.2f}x.",
        "",
    ]
    os.makedirs(os.path.dirname(a.report) or ".", exist_ok=True)
    open(a.report, "w").write("\n".join(lines))
    print("\n".join(lines))
    if verdict != "PASS":
        sys.exit(f"parity-pairrm: max |diff| {max_diff:.3g} > {a.tolerance:g}")


if __name__ == "__main__":
    main()
