"""Concurrent runs: two `blendlab run` processes on one cache at the same time, first of the
same experiment, then of two different ones. Both must finish with the result of a run alone,
and neither may fail with "database is locked"."""
import os

from common import check, generate_data, write_experiment, blendlab, start, result_without_provenance, integrity, scratch, log, leftover_partials


def run(seed=11, examples=600):
    work = scratch("concurrency")
    generate_data(os.path.join(work, "data.jsonl"), examples, seed)
    write_experiment(os.path.join(work, "a.yaml"), "a", "data.jsonl", seed=1)
    write_experiment(os.path.join(work, "b.yaml"), "b", "data.jsonl", seed=2, extra_rankers=["{id: reference-metric, metric: chrf}"])
    references = {}
    for name in ("a", "b"):
        status, _, err = blendlab(["run", f"{name}.yaml", "--cache", f"alone-{name}.sqlite", "--results", "alone"], work)
        check(status == 0, f"run of {name} alone failed: {err}")
        references[name] = result_without_provenance(os.path.join(work, "alone"), name)
    cases = (("same experiment", ("a", "a"), False), ("different experiments", ("a", "b"), False),
             ("same experiment, same results folder", ("a", "a"), True))
    for label, pair, shared in cases:
        cache = os.path.join(work, label.replace(" ", "-").replace(",", "") + ".sqlite")
        folders = [os.path.join(work, label.replace(" ", "-").replace(",", "") + ("" if shared else str(i))) for i in range(2)]
        procs = [start(["run", f"{name}.yaml", "--cache", cache, "--results", folders[i]], work) for i, name in enumerate(pair)]
        outputs = [p.communicate(timeout=300) for p in procs]
        for i, (p, (_, err)) in enumerate(zip(procs, outputs)):
            check("locked" not in err, f"{label}: process {i} hit a lock: {err}")
            check(p.returncode == 0, f"{label}: process {i} failed ({p.returncode}): {err}")
            got = result_without_provenance(folders[i], pair[i])
            check(got == references[pair[i]], f"{label}: process {i} result differs from a run alone")
        check(integrity(cache) == "ok", f"{label}: integrity_check failed")
        for folder, name in set(zip(folders, pair)):
            leftovers = leftover_partials(os.path.join(folder, name))
            check(not leftovers, f"{label}: partial files survived: {leftovers}")
        log(f"  {label}: both finished, results match runs alone")
