"""Shared helpers for the reliability checks: the built binary, scratch folders, a generated
data set large enough that ranking takes seconds, and result comparison without provenance."""
import json
import os
import random
import sqlite3
import subprocess
import sys
import tempfile
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
BIN = os.environ.get("BLENDLAB_BIN", os.path.join(ROOT, ".build", "release", "blendlab"))

WORDS = ("the model answer prime number river city light quick brown fox jumps over lazy dog "
         "energy water data science graph tensor cache result paper rank fuse blend score").split()


class Failure(Exception):
    pass


def check(condition, message):
    if not condition:
        raise Failure(message)


def scratch(label):
    return tempfile.mkdtemp(prefix="rl-" + label + "-")


def generate_data(path, examples, seed, words=60, models=6):
    """A JSON-lines data set of `examples` rows, each with `models` candidates of about `words`
    words, a gold reference and judge scores; deterministic for a seed."""
    rng = random.Random(seed)
    with open(path, "w", encoding="utf-8") as f:
        for i in range(examples):
            text = lambda: " ".join(rng.choice(WORDS) for _ in range(words))
            row = {"id": f"q{i}", "instruction": f"Question {i}: {text()[:40]}",
                   "references": {"gold": text()},
                   "candidates": [{"model": f"m{m}", "text": text(), "score": round(rng.random(), 6)}
                                  for m in range(models)]}
            f.write(json.dumps(row) + "\n")


def write_experiment(path, name, data, seed=7, extra_rankers=()):
    rankers = ["oracle", "random", "{id: reference-metric, metric: bleu}", "{id: reference-metric, metric: rouge-l}"]
    rankers += list(extra_rankers)
    with open(path, "w", encoding="utf-8") as f:
        f.write(f"name: {name}\nseed: {seed}\n"
                f"dataset: {{source: jsonl, path: {data}, reference: gold}}\n"
                f"rankers: [{', '.join(rankers)}]\n"
                "metrics: [oracle-rank, {id: top-k, k: 3}, judge-score]\n")


def blendlab(args, cwd, timeout=300):
    """Runs the binary to completion; returns (status, stdout, stderr)."""
    p = subprocess.run([BIN] + args, cwd=cwd, capture_output=True, text=True, timeout=timeout)
    return p.returncode, p.stdout, p.stderr


def start(args, cwd):
    return subprocess.Popen([BIN] + args, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def result_without_provenance(results_dir, name):
    with open(os.path.join(results_dir, name, "result.json"), encoding="utf-8") as f:
        doc = json.load(f)
    doc.pop("provenance", None)
    return doc


def read_bytes(path):
    with open(path, "rb") as f:
        return f.read()


def cache_rows(cache, stage=None):
    if not os.path.exists(cache):
        return 0
    db = sqlite3.connect(cache, timeout=60)
    try:
        if stage is None:
            return db.execute("SELECT COUNT(*) FROM cache_entry").fetchone()[0]
        return db.execute("SELECT COUNT(*) FROM cache_entry WHERE stage = ?", (stage,)).fetchone()[0]
    except sqlite3.OperationalError:
        return 0  # killed before the schema was created
    finally:
        db.close()


def integrity(cache):
    db = sqlite3.connect(cache, timeout=60)
    try:
        return db.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        db.close()


def last_run_stage(cache, stage):
    """(hits, misses) of `stage` in the most recent run, from the store's run records."""
    db = sqlite3.connect(cache, timeout=60)
    try:
        row = db.execute("SELECT hits, misses FROM run_stage WHERE run_id = (SELECT MAX(id) FROM run) AND stage = ?",
                         (stage,)).fetchone()
        return row if row else (0, 0)
    finally:
        db.close()


def log(line):
    print(line, flush=True)


def timed(label, body):
    t = time.time()
    body()
    log(f"  {label}: ok ({time.time() - t:.1f}s)")


def fail_exit(errors):
    for e in errors:
        print("FAIL: " + e, file=sys.stderr)
    sys.exit(1 if errors else 0)


def leftover_partials(folder):
    """Files a killed or concurrent writer could leave behind: hidden temporaries and
    `.NAME.partial-PID` files, anywhere under the experiment's results folder."""
    found = []
    for root, _, files in os.walk(folder):
        for f in files:
            if f.startswith(".") or ".partial-" in f or ".nosync" in f:
                found.append(os.path.relpath(os.path.join(root, f), folder))
    return sorted(found)
