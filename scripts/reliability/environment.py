"""Environment faults: a full disk and a read-only cache directory must give a clear error
(exit 1, naming the cache or result file), never a crash, and must leave the cache intact.
Uses a tiny tmpfs (root can mount one here); where mounting is impossible the check is
skipped and counted, so the summary shows it."""
import os
import subprocess

from common import check, generate_data, write_experiment, blendlab, cache_rows, integrity, last_run_stage, scratch, log


def mount(directory, options):
    return subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", directory], capture_output=True).returncode == 0


def fill(directory):
    """Writes a filler file until the file system is full."""
    path = os.path.join(directory, "filler")
    fd = os.open(path, os.O_WRONLY | os.O_CREAT, 0o644)
    try:
        while os.write(fd, b"\0" * 4096) > 0:
            pass
    except OSError:
        pass
    finally:
        os.close(fd)
    return path


def expect_clean_failure(label, status, err, names):
    check(status == 1, f"{label}: exit {status}, expected 1 (negative = killed by a signal): {err.strip()[:300]}")
    check(err.startswith("error: "), f"{label}: no 'error:' line: {err.strip()[:300]}")
    check(names in err, f"{label}: message does not name {names}: {err.strip()[:300]}")


def run():
    work = scratch("environment")
    mnt = os.path.join(work, "fs")
    os.mkdir(mnt)
    if not mount(mnt, "size=8m"):
        log("  SKIPPED: cannot mount a tmpfs here (needs root with mount rights); disk-full and read-only not checked")
        return 1
    try:
        generate_data(os.path.join(work, "small.jsonl"), 20, 3)
        generate_data(os.path.join(work, "big.jsonl"), 600, 4)
        write_experiment(os.path.join(work, "small.yaml"), "small", "small.jsonl")
        write_experiment(os.path.join(work, "big.yaml"), "big", "big.jsonl")
        cache = os.path.join(mnt, "cache.sqlite")
        status, _, err = blendlab(["run", "small.yaml", "--cache", cache, "--results", "results"], work)
        check(status == 0, f"first run on the tmpfs failed: {err}")
        rows = cache_rows(cache)

        filler = fill(mnt)
        status, _, err = blendlab(["run", "big.yaml", "--cache", cache, "--results", "results", "--quiet"], work)
        expect_clean_failure("disk full (cache)", status, err, cache)
        log(f"  disk full, cache: exit {status}: {err.strip()[:150]}")
        status, _, err = blendlab(["run", "small.yaml", "--cache", os.path.join(work, "other.sqlite"),
                                   "--results", os.path.join(mnt, "results"), "--quiet"], work)
        expect_clean_failure("disk full (results)", status, err, os.path.join(mnt, "results"))
        log(f"  disk full, results: exit {status}: {err.strip()[:150]}")
        # Room to open the cache and start, not to finish: the write fails in the middle of ranking.
        os.truncate(filler, os.path.getsize(filler) - 480 * 1024)
        status, _, err = blendlab(["run", "big.yaml", "--cache", cache, "--results", "results", "--quiet"], work)
        expect_clean_failure("disk full mid-run", status, err, cache)
        log(f"  disk full, mid-run: exit {status}: {err.strip()[:150]}")
        check(integrity(cache) == "ok", "disk full mid-run: integrity_check failed")
        committed = cache_rows(cache)
        check(committed >= rows, f"disk full mid-run: cache lost rows ({rows} -> {committed})")
        os.remove(filler)
        status, _, err = blendlab(["run", "big.yaml", "--cache", cache, "--results", "results", "--quiet"], work)
        check(status == 0, f"after freeing space, the run failed: {err}")
        hits, _ = last_run_stage(cache, "rank")
        check(hits >= committed - rows, f"after disk full: re-run recomputed committed work ({hits} < {committed - rows})")
        log(f"  disk full, mid-run: {committed - rows} entries kept, re-run {hits} hits")
        check(integrity(cache) == "ok", "disk full: integrity_check failed")
        check(cache_rows(cache) >= rows, f"disk full: cache lost rows ({rows} -> {cache_rows(cache)})")

        check(subprocess.run(["mount", "-o", "remount,ro", mnt]).returncode == 0, "cannot remount read-only")
        status, _, err = blendlab(["run", "big.yaml", "--cache", cache, "--results", "results", "--quiet"], work)
        expect_clean_failure("read-only cache", status, err, cache)
        log(f"  read-only: exit {status}: {err.strip()[:150]}")
        check(subprocess.run(["mount", "-o", "remount,rw", mnt]).returncode == 0, "cannot remount read-write")
        check(integrity(cache) == "ok", "read-only: integrity_check failed")
        check(cache_rows(cache) >= rows, "read-only: cache lost rows")
        status, _, err = blendlab(["run", "small.yaml", "--cache", cache, "--results", "results", "--quiet"], work)
        check(status == 0, f"after the faults, a run on the same cache failed: {err}")
        return 0
    finally:
        subprocess.run(["umount", "-l", mnt], capture_output=True)
