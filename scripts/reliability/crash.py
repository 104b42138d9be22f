"""Crash safety: SIGKILL a run at five seeded moments (loading, inside the rank stage after a
seeded number of committed entries, evaluating or writing), then re-run. The re-run must give the uninterrupted
result (apart from provenance), the cache must pass PRAGMA integrity_check, and the re-run's
rank hits must cover every rank entry committed before the kill."""
import os
import random
import signal
import subprocess
import time

from common import (check, leftover_partials, generate_data, write_experiment, blendlab, start, result_without_provenance,
                    read_bytes, cache_rows, integrity, last_run_stage, scratch, log)

KILLS = 5


def plant_abandoned_partial(folder):
    """What a run killed while writing result.json leaves: a partial file named after a process
    that no longer runs. The next run must remove it."""
    os.makedirs(folder, exist_ok=True)
    dead = subprocess.Popen(["true"])
    dead.wait()
    with open(os.path.join(folder, f".result.json.partial-{dead.pid}"), "w") as f:
        f.write('{"half": ')


def run(seed=20261129, examples=1500):
    work = scratch("crash")
    generate_data(os.path.join(work, "data.jsonl"), examples, seed)
    write_experiment(os.path.join(work, "crash.yaml"), "crash", "data.jsonl")
    t0 = time.time()
    status, _, err = blendlab(["run", "crash.yaml", "--cache", "ref.sqlite", "--results", "ref"], work)
    duration = time.time() - t0
    check(status == 0, f"uninterrupted run failed ({status}): {err}")
    reference = result_without_provenance(os.path.join(work, "ref"), "crash")
    reference_md = read_bytes(os.path.join(work, "ref", "crash", "report.md"))
    log(f"  uninterrupted run: {duration:.1f}s")

    rng = random.Random(seed)
    results = os.path.join(work, "results")
    total = 4 * examples
    # Seeded moments: one while loading, three when the rank stage has committed a seeded share of
    # its entries (so the kill lands inside a ranker, mid-batch), one late (evaluating, writing).
    moments = [("time", duration * rng.uniform(0.0, 0.1))]
    moments += [("rows", max(1, int(total * (i + rng.random()) / 3))) for i in range(3)]
    moments += [("time", duration * rng.uniform(0.85, 1.0))]
    for k, (kind, at) in enumerate(moments):
        cache = os.path.join(work, f"kill{k}.sqlite")
        p = start(["run", "crash.yaml", "--cache", cache, "--results", results], work)
        began = time.time()
        while p.poll() is None:
            if kind == "time" and time.time() - began >= at:
                break
            if kind == "rows" and cache_rows(cache, "rank") >= at:
                break
            time.sleep(0.01)
        moment = time.time() - began
        finished = p.poll() is not None
        if not finished:
            os.kill(p.pid, signal.SIGKILL)
        _, err = p.communicate()
        stage = ([line.strip() for line in err.replace("\r", "\n").splitlines() if line.strip()] or ["(nothing printed)"])[-1]
        committed = cache_rows(cache, "rank")
        if os.path.exists(cache):
            check(integrity(cache) == "ok", f"kill {k} at {moment:.2f}s: integrity_check failed")
        plant_abandoned_partial(os.path.join(results, "crash"))
        status, _, err = blendlab(["run", "crash.yaml", "--cache", cache, "--results", results], work)
        check(status == 0, f"kill {k}: re-run failed ({status}): {err}")
        hits, misses = last_run_stage(cache, "rank")
        check(hits >= committed, f"kill {k}: re-run recomputed committed work ({hits} hits < {committed} committed)")
        check(hits + misses == total, f"kill {k}: rank stage saw {hits + misses} items, expected {total}")
        check(result_without_provenance(results, "crash") == reference, f"kill {k}: result.json differs from the uninterrupted run")
        check(read_bytes(os.path.join(results, "crash", "report.md")) == reference_md, f"kill {k}: report.md differs")
        check(integrity(cache) == "ok", f"kill {k}: integrity_check failed after the re-run")
        leftovers = leftover_partials(os.path.join(results, "crash"))
        check(not leftovers, f"kill {k}: half-written files survived: {leftovers}")
        log(f"  kill {k} ({kind} {at:.2f}) at {moment:.2f}s ({'had finished' if finished else stage[:60]}): "
            f"{committed} rank entries committed, re-run {hits} hits / {misses} misses")
