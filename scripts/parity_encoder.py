#!/usr/bin/env python3
"""Parity of blendlab's native encoder with the Python reference implementations.

On a fixed, deterministic selection of development texts (candidate outputs from
data/alpaca_eval/results/*/model_outputs.json, ordered by the SHA-256 of "model/index"):
  1. token ids equal to the Hugging Face fast tokenizer's (no truncation);
  2. sentence embeddings within --embedding-tol (max abs) of sentence-transformers on PyTorch CPU;
  3. BERTScore P/R/F1 within --bertscore-tol of the bert-score package with the same model
     (model_type = the local model directory, num_layers = --layer), with and without idf,
     each candidate scored against the reference model's output for the same instruction.
Exits 1 when any check fails. Writes a summary to --report.
"""
import argparse, glob, hashlib, json, os, subprocess, sys, time


def select(data_dir, n, reference):
    refs, items = {}, []
    for path in sorted(glob.glob(os.path.join(data_dir, "results", "*", "model_outputs.json"))):
        model = os.path.basename(os.path.dirname(path))
        rows = json.load(open(path, encoding="utf-8"))
        for i, row in enumerate(rows):
            text = row.get("output")
            if not isinstance(text, str) or not text.strip():
                continue
            if model == reference:
                refs[row["instruction"]] = text
            else:
                key = hashlib.sha256(f"{model}/{i}".encode()).hexdigest()
                items.append((key, model, i, row["instruction"], text))
    items.sort()
    chosen = [it for it in items if it[3] in refs][:n]
    if len(chosen) < n:
        sys.exit(f"parity: only {len(chosen)} texts with a reference in {data_dir}; run `make data`")
    return [(f"{m}/{i}", text, refs[instr]) for _, m, i, instr, text in chosen]


def blendlab(binary, verb, lines, *args):
    data = "".join(json.dumps(l, ensure_ascii=False) + "\n" for l in lines).encode()
    out = subprocess.run([binary, verb, *args], input=data, capture_output=True, check=False)
    if out.returncode != 0:
        sys.exit(f"parity: {binary} {verb} failed: {out.stderr.decode()}")
    return [json.loads(l) for l in out.stdout.decode().splitlines() if l.strip()]


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--binary", default=".build/release/blendlab")
    p.add_argument("--model", default="models/all-MiniLM-L6-v2")
    p.add_argument("--data", default="data/alpaca_eval")
    p.add_argument("--reference", default="gpt4_1106_preview")
    p.add_argument("--count", type=int, default=200)
    p.add_argument("--layer", type=int, default=6)
    p.add_argument("--embedding-tol", type=float, default=1e-5)
    p.add_argument("--bertscore-tol", type=float, default=1e-4)
    p.add_argument("--report", default="bench/parity-encoder.md")
    a = p.parse_args()

    import numpy as np, torch
    from transformers import AutoTokenizer
    from sentence_transformers import SentenceTransformer
    import bert_score
    torch.set_num_threads(2)

    texts = select(a.data, a.count, a.reference)
    ids = [t[0] for t in texts]
    lines = [{"id": i, "text": t} for i, t, _ in texts]
    failures, rows = [], []

    # 1. Token ids, untruncated.
    tok = AutoTokenizer.from_pretrained(a.model)
    mine = {r["id"]: r["ids"] for r in blendlab(a.binary, "embed", lines, "--model", a.model, "--token-ids", "--max-length", "1000000")}
    equal = sum(mine[i] == tok(t)["input_ids"] for i, t, _ in texts)
    tokens = sum(len(mine[i]) for i in ids)
    rows.append(("token ids equal to tokenizers' (fast BertTokenizer)", f"{equal}/{len(texts)} texts ({tokens} tokens)"))
    if equal != len(texts):
        bad = [i for i, t, _ in texts if mine[i] != tok(t)["input_ids"]][:5]
        failures.append(f"token ids differ for {len(texts) - equal} texts, e.g. {bad}")

    # 2. Sentence embeddings (max_seq_length 256, batch 32, mean pooling, L2 normalisation).
    st = SentenceTransformer(a.model, device="cpu")
    ref = st.encode([t for _, t, _ in texts], batch_size=32, convert_to_numpy=True)
    got = {r["id"]: r["embedding"] for r in blendlab(a.binary, "embed", lines, "--model", a.model, "--batch-size", "32", "--threads", "2")}
    diff = float(np.max(np.abs(np.array([got[i] for i in ids], dtype=np.float64) - ref.astype(np.float64))))
    rows.append((f"max abs embedding difference vs sentence-transformers (max_seq_length {st.max_seq_length})", f"{diff:.3g}"))
    if not diff <= a.embedding_tol:
        failures.append(f"embeddings differ by {diff:.3g} > {a.embedding_tol}")

    # 3. BERTScore against the reference output, without and with idf.
    pairs = [{"id": i, "candidate": t, "reference": r} for i, t, r in texts]
    cands, refs = [t for _, t, _ in texts], [r for _, _, r in texts]
    for idf in (False, True):
        P, R, F = bert_score.score(cands, refs, model_type=a.model, num_layers=a.layer, idf=idf, batch_size=32,
                                   device="cpu", rescale_with_baseline=False)
        out = blendlab(a.binary, "bertscore", pairs, "--model", a.model, "--layer", str(a.layer), *(["--idf"] if idf else []))
        by = {r["id"]: r for r in out}
        d = {k: float(np.max(np.abs(np.array([by[i][k] for i in ids]) - v.numpy().astype(np.float64))))
             for k, v in (("precision", P), ("recall", R), ("f1", F))}
        rows.append((f"max abs BERTScore difference vs bert-score (layer {a.layer}, idf={idf})",
                     f"F1 {d['f1']:.3g}, P {d['precision']:.3g}, R {d['recall']:.3g} (mean F1 {float(F.mean()):.4f})"))
        if not max(d.values()) <= a.bertscore_tol:
            failures.append(f"BERTScore (idf={idf}) differs by {max(d.values()):.3g} > {a.bertscore_tol}")

    from importlib.metadata import version
    versions = ", ".join(f"{n} {version(n)}" for n in ("torch", "sentence-transformers", "transformers", "tokenizers", "bert-score"))
    report = ["# Native encoder parity", "", f"{len(texts)} development texts from {a.data} (model {a.model}); {versions}.", "",
              "| check | result |", "|---|---|"] + [f"| {k} | {v} |" for k, v in rows]
    report += ["", "PASS" if not failures else "FAIL: " + "; ".join(failures), ""]
    os.makedirs(os.path.dirname(a.report) or ".", exist_ok=True)
    open(a.report, "w").write("\n".join(report))
    print("\n".join(report))
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
