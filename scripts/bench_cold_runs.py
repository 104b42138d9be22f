#!/usr/bin/env python3
"""Cold runs side by side (issue 19): each experiment file runs with an empty cache and results
directory, once per side per round, the two sides interleaved (a, b, a, b, ...). The sides are
either two binaries (--old BIN --new BIN: the speed work's before and after) or one binary on one
core and on all of them (--cores BIN: `taskset -c 0` with run.concurrency=1, against the default).
Records wall time, the process's CPU time (user + system; the LLM server's is not in it), peak
RSS, the 1-minute load average before and after, and each stage's line of the run's log, whose
times it also tabulates per stage. Writes FILE (Markdown) and FILE's .json (every run), after each
run, so a failure later loses nothing measured; --resume keeps the runs the .json holds.
  bench_cold_runs.py (--old BIN (--old-rev REV | --old-label L) --new BIN [--new-label L] | --cores BIN [--label L])
                     [--rounds N] [--set KEY=VALUE ...] [--note TEXT ...] [--resume] --out FILE SPEC[:N]...
SPEC:N runs that experiment N rounds instead of --rounds."""
import argparse, json, os, re, shutil, statistics, subprocess, tempfile, time

# a stage's last line ends "(12.34s)"; a training's, "in 51 s; weights e716ee962119"
STAGE_TIME = re.compile(r"\((\d+(?:\.\d+)?)s\)$|in (\d+) s; weights \w+$")

def cold_run(argv, spec, extra, scratch):
    shutil.rmtree(scratch, ignore_errors=True)
    os.makedirs(scratch)
    log = open(os.path.join(scratch, "log.txt"), "w+")
    before = os.getloadavg()[0]
    t0 = time.monotonic()
    command = argv + ["run", spec, "--cache", os.path.join(scratch, "cache.sqlite"),
                      "--results", os.path.join(scratch, "results")] + extra
    proc = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.monotonic() - t0
    log.seek(0)
    text = log.read()
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{text[-3000:]}")
    stages = [l.strip() for l in text.splitlines() if STAGE_TIME.search(l.strip())]
    return dict(wall=wall, cpu=usage.ru_utime + usage.ru_stime, rss=usage.ru_maxrss / 1024,
                load=(before, os.getloadavg()[0]), stages=stages)

def git_label(rev):
    """'abc1234 (2026-12-07) subject', marked when rev is HEAD and what the binary is built from
    (Sources, Package.swift) has uncommitted changes."""
    label = subprocess.run(["git", "log", "-1", "--format=%h (%ad) %s", "--date=short", rev],
                           capture_output=True, text=True, check=True).stdout.strip()[:120]
    dirty = rev == "HEAD" and subprocess.run(["git", "diff", "--quiet", "HEAD", "--", "Sources", "Package.swift"]).returncode != 0
    return label + (", Sources with uncommitted changes" if dirty else "")

def sides_of(a):
    """(key, label, argv, extra run arguments) of the two sides."""
    sets = [x for kv in a.set for x in ("--set", kv)]
    if a.cores:
        label = a.label or git_label("HEAD")
        return [("1 core", f"{label}, `taskset -c 0`, run.concurrency=1", ["taskset", "-c", "0", a.cores], sets + ["--set", "run.concurrency=1"]),
                (f"{os.cpu_count()} cores", f"{label}, every core, run.concurrency as the file sets it", [a.cores], sets)]
    return [("old", a.old_label or git_label(a.old_rev), [a.old], sets), ("new", a.new_label or git_label("HEAD"), [a.new], sets)]

def main():
    p = argparse.ArgumentParser()
    # a label left out is the commit's `git log` line (--old-rev for the old binary, HEAD otherwise)
    p.add_argument("--old"); p.add_argument("--old-rev"); p.add_argument("--old-label")
    p.add_argument("--new"); p.add_argument("--new-label")
    p.add_argument("--cores"); p.add_argument("--label")
    p.add_argument("--rounds", type=int, default=1)
    p.add_argument("--set", action="append", default=[], help="KEY=VALUE passed to every run")
    p.add_argument("--note", action="append", default=[], help="a paragraph the Markdown carries under its header")
    p.add_argument("--out")
    p.add_argument("--resume", action="store_true",
                   help="keep the runs OUT.json already holds (same sides) and run only the missing rounds")
    p.add_argument("specs", nargs="+")
    a = p.parse_args()
    if not a.cores and not (a.old and a.new and (a.old_rev or a.old_label)):
        p.error("give --old BIN with --old-rev or --old-label, and --new BIN; or --cores BIN")
    a.rounds_of = {}
    for i, spec in enumerate(a.specs):
        name, _, n = spec.rpartition(":")
        a.specs[i] = name if n.isdigit() else spec
        a.rounds_of[a.specs[i]] = int(n) if n.isdigit() else a.rounds
    sides = sides_of(a)
    labels = {key: label for key, label, _, _ in sides}
    raw = os.path.splitext(a.out)[0] + ".json"
    saved = {"labels": labels, "set": a.set, "runs": []}
    if a.resume and os.path.exists(raw):
        saved = json.load(open(raw))
        if saved["labels"] != labels or saved.get("set", []) != a.set:
            raise SystemExit(f"{raw} holds runs of other sides or settings ({saved['labels']}); remove it or drop --resume")
    runs = {(s, key): [r for r in saved["runs"] if r["spec"] == s and r["side"] == key] for s in a.specs for key in labels}
    scratch = tempfile.mkdtemp()
    try:
        for spec in a.specs:
            for r in range(a.rounds_of[spec]):
                for key, label, argv, extra in sides:
                    if len(runs[(spec, key)]) > r:
                        continue
                    run = dict(spec=spec, side=key, at=time.strftime("%Y-%m-%dT%H:%MZ", time.gmtime()),
                               **cold_run(argv, spec, extra, os.path.join(scratch, "run")))
                    runs[(spec, key)].append(run)
                    saved["runs"].append(run)
                    print(f"cold-runs: {spec}, {key}, round {r + 1}: {run['wall']:.0f} s wall, load {run['load'][0]:.2f}-{run['load'][1]:.2f}", flush=True)
                    json.dump(saved, open(raw, "w"), indent=1)
                    write(a, sides, runs)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    write(a, sides, runs)
    print(open(a.out).read())

def stage_seconds(lines):
    """{stage name: seconds} from a run's stage lines ("train pair-ranker", "compare pair-ranker", ...)."""
    out = {}
    for line in lines:
        m = STAGE_TIME.search(line)
        out[line.split(":", 1)[0]] = float(m.group(1) or m.group(2))
    return out

def write(a, sides, runs):
    med = lambda xs: statistics.median(xs) if xs else float("nan")
    (ka, _, _, _), (kb, _, _, _) = sides
    times = sorted(r["at"] for rs in runs.values() for r in rs) or ["-"]
    how = ("the binary on one core (`taskset -c 0`, run.concurrency=1) and on every core" if a.cores
           else "the old and the new binary")
    out = ["# Cold runs" + (": one core against all" if a.cores else ""), "",
           f"Runs started from {times[0]} to {times[-1]} on {os.cpu_count()} cores ({cpu_model()}) by "
           f"scripts/bench_cold_runs.py: `blendlab run SPEC{''.join(' --set ' + kv for kv in a.set)}` with an empty "
           f"cache and results directory, {how} interleaved, the rounds per side as the table gives (median shown), "
           "nothing else running but the local LLM server. CPU is the blendlab process's user + system time (the LLM "
           "server's generation is not in it); load is the 1-minute load average before and after each run.", ""]
    out += [f"- {key}: {label}" for key, label, _, _ in sides]
    for note in a.note:
        out += ["", note]
    out += ["", f"| experiment | rounds | {ka} wall (s) | {kb} wall (s) | {kb} / {ka} | {ka} CPU (s) | {kb} CPU (s) | "
            f"{ka} peak RSS (MB) | {kb} peak RSS (MB) | load ({ka}; {kb}) |", "|---|---|---|---|---|---|---|---|---|---|"]
    for spec in a.specs:
        ra, rb = runs[(spec, ka)], runs[(spec, kb)]
        if not ra or not rb:
            wall_a = f"{med([x['wall'] for x in ra]):.1f}" if ra else "not measured"
            out.append(f"| {spec} | {a.rounds_of[spec]} | {wall_a} | not measured | | | | | | |")
            continue
        wa, wb = med([x["wall"] for x in ra]), med([x["wall"] for x in rb])
        loads = lambda xs: ", ".join(f"{x['load'][0]:.2f}-{x['load'][1]:.2f}" for x in xs)
        out.append(f"| {spec} | {min(len(ra), len(rb))} | {wa:.1f} | {wb:.1f} | {wb / wa:.2f} | {med([x['cpu'] for x in ra]):.0f} | "
                   f"{med([x['cpu'] for x in rb]):.0f} | {max(x['rss'] for x in ra):.0f} | {max(x['rss'] for x in rb):.0f} | "
                   f"{loads(ra)}; {loads(rb)} |")
    for spec in a.specs:
        ra, rb = runs[(spec, ka)], runs[(spec, kb)]
        if not ra or not rb:
            continue
        sa = [stage_seconds(r["stages"]) for r in ra]
        sb = [stage_seconds(r["stages"]) for r in rb]
        out += ["", f"## {spec}: each stage (median seconds over the rounds)", "",
                f"| stage | {ka} (s) | {kb} (s) | {kb} / {ka} |", "|---|---|---|---|"]
        for name in sa[0]:
            ta, tb = med([s[name] for s in sa if name in s]), med([s[name] for s in sb if name in s])
            ratio = f"{tb / ta:.2f}" if ta > 0 and tb == tb else ""
            out.append(f"| {name} | {ta:.2f} | {tb:.2f} | {ratio} |")
    for spec in a.specs:
        for key, _, _, _ in sides:
            if runs[(spec, key)]:
                out += ["", f"## {spec}, {key}: the last round's stage lines", "", "```"] + runs[(spec, key)][-1]["stages"] + ["```"]
    open(a.out, "w").write("\n".join(out) + "\n")

def cpu_model():
    for line in open("/proc/cpuinfo"):
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return "unknown CPU"

if __name__ == "__main__":
    main()
