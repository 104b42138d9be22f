"""Broken and hostile input: every experiment in Tests/Corpus/cases.json runs against a cache
that already holds entries. Each must exit with its expected code and message (naming the
file, row or key), never die from a signal, and leave every cached row in place."""
import json
import os
import shutil

from common import check, blendlab, cache_rows, integrity, scratch, log

CORPUS = os.path.join(os.path.dirname(__file__), "..", "..", "Tests", "Corpus")


def generate_huge(path, megabytes=5):
    """One example whose first candidate is `megabytes` MB of text (generated, not committed)."""
    text = ("lorem ipsum dolor sit amet " * (megabytes * 1024 * 1024 // 27 + 1))[: megabytes * 1024 * 1024]
    row = {"id": "big", "instruction": "Write a lot.", "references": {"gold": "a little"},
           "candidates": [{"model": "a", "text": text, "score": 0.2}, {"model": "b", "text": "a little", "score": 0.8}]}
    with open(path, "w", encoding="utf-8") as f:
        f.write(json.dumps(row) + "\n")


def run():
    work = scratch("corpus")
    shutil.copytree(CORPUS, work, dirs_exist_ok=True)
    generate_huge(os.path.join(work, "data", "huge-text.jsonl"))
    cache = os.path.join(work, "cache.sqlite")
    status, _, err = blendlab(["run", "good.yaml", "--cache", cache, "--results", "results"], work)
    check(status == 0, f"the good experiment failed: {err}")
    with open(os.path.join(CORPUS, "cases.json"), encoding="utf-8") as f:
        cases = json.load(f)
    failures = []
    for case in cases:
        before = cache_rows(cache)
        status, _, err = blendlab(["run", case["experiment"], "--cache", cache, "--results", "results", "--quiet"], work)
        problems = []
        if status != case["exit"]:
            problems.append(f"exit {status}, expected {case['exit']}")
        if case["message"] not in err:
            problems.append(f"message lacks {case['message']!r}")
        if status != 0 and not err.startswith("error: "):
            problems.append("no 'error:' line")
        if cache_rows(cache) < before:
            problems.append(f"cache lost rows ({before} -> {cache_rows(cache)})")
        if integrity(cache) != "ok":
            problems.append("integrity_check failed")
        if problems:
            failures.append(f"{case['experiment']}: {'; '.join(problems)}; stderr: {err.strip()[:300]}")
        log(f"  {case['experiment']:28} exit {status}  {err.strip().splitlines()[-1][:110] if err.strip() else ''}")
    # Comparison matrices for `blendlab aggregate`: each is an error naming the line, exit 1.
    for name, message in [("matrix-nan.jsonl", "line 1: not valid JSON"),
                          ("matrix-not-square.jsonl", "line 1: the comparison matrix is not square"),
                          ("matrix-empty.jsonl", "line 1:")]:
        status, out, err = blendlab(["aggregate", "--rule", "max-logits", "--input", name], work)
        if status != 1 or message not in err or not err.startswith("error: ") or out:
            failures.append(f"{name}: exit {status}, stdout {out.strip()[:100]!r}, stderr {err.strip()[:200]!r}")
        log(f"  {name:28} exit {status}  {err.strip().splitlines()[-1][:110] if err.strip() else ''}")
    check(not failures, "corpus cases failed:\n    " + "\n    ".join(failures))
