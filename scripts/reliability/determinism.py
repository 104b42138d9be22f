"""Determinism: one experiment and seed, each run from a cold cache, gives byte-identical
result.json (apart from provenance) and report.md, with run.concurrency 1 and 2."""
import json
import os

from common import check, generate_data, write_experiment, blendlab, read_bytes, scratch, log


def without(path, keys):
    doc = json.loads(read_bytes(path))
    for key in keys:
        doc.pop(key, None)
    return json.dumps(doc, sort_keys=True).encode()


def run(seed=5, examples=400):
    work = scratch("determinism")
    generate_data(os.path.join(work, "data.jsonl"), examples, seed)
    write_experiment(os.path.join(work, "det.yaml"), "det", "data.jsonl")
    outputs = []
    for i, concurrency in enumerate((2, 2, 1)):
        status, _, err = blendlab(["run", "det.yaml", "--cache", f"cold{i}.sqlite", "--results", f"r{i}",
                                   "--set", f"run.concurrency={concurrency}"], work)
        check(status == 0, f"run {i} failed: {err}")
        folder = os.path.join(work, f"r{i}", "det")
        result = os.path.join(folder, "result.json")
        outputs.append((without(result, ["provenance"]), read_bytes(os.path.join(folder, "report.md")),
                        without(result, ["provenance", "spec"])))
    check(outputs[0][0] == outputs[1][0], "two cold runs gave different result.json")
    check(outputs[0][1] == outputs[1][1], "two cold runs gave different report.md")
    # The resolved spec (and so report.md's spec hash) records run.concurrency: compare the rest.
    check(outputs[0][2] == outputs[2][2], "run.concurrency=1 and =2 gave different result.json")
    log("  two cold runs byte-identical; concurrency 1 vs 2 identical results")
