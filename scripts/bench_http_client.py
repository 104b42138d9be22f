#!/usr/bin/env python3
"""The HTTP client's cost while a local LLM server generates (issue 19): `blendlab generate` of the
old and the new binary, interleaved, on the same instructions (the first AlpacaEval ones, each run
tagged so the server's prefix cache does not carry over), against the real llama.cpp server. Two
settings: the client on any core, and the client pinned to core 0 (`taskset -c 0`; the server's
threads stay unpinned), where a client that busy-waits takes a core from the server. Records per
run the wall time, the client's CPU (user + system, os.wait4), the completion tokens, and the
server's own decode and prompt times per token from its log (llama.cpp's llama_perf lines), with
the 1-minute load average before and after; a run that fails is recorded as failed, with its
message. Writes FILE (Markdown) and FILE's .json after every run; --render rewrites FILE from the .json.
  bench_http_client.py (--old BIN --old-rev REV --new BIN | --render) [--rounds N] [--prompts K] [--pinned-prompts K]
                       [--backend URL] [--model M] [--server-log LOG] [--note TEXT] [--render] --out FILE"""
import argparse, json, os, re, shutil, statistics, subprocess, tempfile, time
from bench_cold_runs import cpu_model, git_label

DECODE = re.compile(r"\s eval time =\s+([\d.]+) ms /\s+(\d+) runs")
PROMPT = re.compile(r"prompt eval time =\s+([\d.]+) ms /\s+(\d+) tokens")

def instructions(k):
    outputs = os.path.join("data", "alpaca_eval", "results", "gpt4_1106_preview", "model_outputs.json")
    if not os.path.exists(outputs):
        raise SystemExit(f"{outputs} is missing: run `make data` first")
    return [row["instruction"] for row in json.load(open(outputs))[:k]]

def server_times(log, offset):
    """(decode ms per token, prompt ms per token, decoded tokens) of the log's lines after offset."""
    with open(log) as f:
        f.seek(offset)
        text = f.read()
    decode = [(float(ms), int(n)) for ms, n in DECODE.findall(text)]
    prompt = [(float(ms), int(n)) for ms, n in PROMPT.findall(text)]
    per = lambda xs: sum(ms for ms, _ in xs) / max(1, sum(n for _, n in xs))
    return per(decode), per(prompt), sum(n for _, n in decode)

def generate(argv, prompts, a, scratch, tag):
    shutil.rmtree(scratch, ignore_errors=True)
    os.makedirs(scratch)
    source = os.path.join(scratch, "prompts.jsonl")
    with open(source, "w") as f:
        for i, text in enumerate(prompts):
            f.write(json.dumps({"id": f"p{i}", "prompt": f"({tag}) {text}"}) + "\n")
    offset = os.path.getsize(a.server_log)
    before = os.getloadavg()[0]
    t0 = time.monotonic()
    command = argv + ["generate", "--backend", a.backend, "--model", a.model, "--input", source,
                      "--cache", os.path.join(scratch, "cache.sqlite"), "--max-tokens", str(a.max_tokens)]
    out = open(os.path.join(scratch, "out.jsonl"), "w+")
    err = open(os.path.join(scratch, "err.txt"), "w+")
    proc = subprocess.Popen(command, stdout=out, stderr=err)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.monotonic() - t0
    if os.waitstatus_to_exitcode(status) != 0:
        # a failed call is a result here (the old client pinned to a core has timed out every attempt)
        err.seek(0)
        lines = err.read().strip().splitlines() or ["no message"]
        return dict(wall=wall, cpu=usage.ru_utime + usage.ru_stime, failed=lines[-1][:300], load=(before, os.getloadavg()[0]))
    out.seek(0)
    tokens = sum(json.loads(line)["usage"]["completion_tokens"] for line in out if line.strip())
    time.sleep(0.5)  # the server writes its timing lines after the answer
    decode, prompt, decoded = server_times(a.server_log, offset)
    return dict(wall=wall, cpu=usage.ru_utime + usage.ru_stime, tokens=tokens, decode_ms=decode,
                prompt_ms=prompt, decoded=decoded, load=(before, os.getloadavg()[0]))

def main():
    p = argparse.ArgumentParser()
    p.add_argument("--old"); p.add_argument("--old-rev"); p.add_argument("--new")
    p.add_argument("--rounds", type=int, default=3)
    p.add_argument("--prompts", type=int, default=8)
    p.add_argument("--pinned-prompts", type=int, default=1)
    p.add_argument("--max-tokens", type=int, default=128)
    p.add_argument("--backend", default="http://127.0.0.1:8088/v1")
    p.add_argument("--model", default="smollm2")
    p.add_argument("--server-log", default=".llm-server/server-8088.log")
    p.add_argument("--out", required=True)
    p.add_argument("--note", action="append", default=[], help="a paragraph the Markdown carries under its table")
    p.add_argument("--render", action="store_true", help="rewrite FILE from the runs FILE's .json holds, running nothing")
    a = p.parse_args()
    settings = [("any core", [], instructions(a.prompts)),
                ("client on core 0", ["taskset", "-c", "0"], instructions(a.pinned_prompts))]
    raw = os.path.splitext(a.out)[0] + ".json"
    if a.render:
        saved = json.load(open(raw))
        runs = {tuple(key.split("/", 1)): v for key, v in saved["runs"].items()}
        ended = time.strftime("%Y-%m-%dT%H:%MZ", time.gmtime(os.path.getmtime(raw)))
        write(a, [tuple(side) for side in saved["sides"]], settings, runs,
              saved.get("at") or f"{ended[:10]} (the last run that finished written at {ended[11:]})")
        return print(open(a.out).read())
    if not (a.old and a.old_rev and a.new):
        p.error("give --old BIN --old-rev REV --new BIN, or --render")
    if not os.path.exists(a.server_log):
        raise SystemExit(f"{a.server_log} is missing: start the server with `make llm-server`")
    sides = [("old", git_label(a.old_rev), a.old), ("new", git_label("HEAD"), a.new)]
    runs = {(s, k): [] for s, _, _ in settings for k, _, _ in sides}
    scratch = tempfile.mkdtemp()
    serial = 0
    started = time.strftime("%Y-%m-%dT%H:%MZ", time.gmtime())
    try:
        for setting, prefix, prompts in settings:
            for r in range(a.rounds):
                for key, _, binary in sides:
                    serial += 1
                    run = generate(prefix + [binary], prompts, a, os.path.join(scratch, "run"), f"{time.time_ns()}-{serial}")
                    runs[(setting, key)].append(run)
                    what = f"failed: {run['failed']}" if "failed" in run else f"decode {run['decode_ms']:.1f} ms/token"
                    print(f"http-client: {setting}, {key}, round {r + 1}: {run['wall']:.1f} s wall, {run['cpu']:.2f} s CPU, {what}", flush=True)
                    json.dump({"sides": sides, "at": started, "runs": {f"{s}/{k}": v for (s, k), v in runs.items()}}, open(raw, "w"), indent=1)
                    write(a, sides, settings, runs, started)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    print(open(a.out).read())

def write(a, sides, settings, runs, started):
    med = lambda xs: statistics.median(xs) if xs else float("nan")
    out = ["# The HTTP client while the LLM server generates", "",
           f"Measured from {started} on {os.cpu_count()} cores ({cpu_model()}) by "
           f"scripts/bench_http_client.py: `blendlab generate --model {a.model} --max-tokens {a.max_tokens}` against the local "
           f"llama.cpp server ({a.backend}, 2 threads), the old and the new binary interleaved, median of the rounds. "
           "Decode and prompt are the server's own times per token from its log; CPU is the client's user + system time; "
           "load is the 1-minute load average before and after each run.", ""]
    out += [f"- {key}: {label}" for key, label, _ in sides]
    out += ["", "| setting | prompts | side | rounds (failed) | wall (s) | slowest wall (s) | client CPU (s) | client CPU / wall | completion tokens | "
            "server decode (ms/token) | server prompt (ms/token) | load |", "|---|---|---|---|---|---|---|---|---|---|---|---|"]
    failures = []
    for setting, _, prompts in settings:
        for key, _, _ in sides:
            failures += [f"- {setting}, {key}: a run failed after {x['wall']:.0f} s ({x['cpu']:.0f} s CPU): {x['failed']}"
                         for x in runs[(setting, key)] if "failed" in x]
            rs = [x for x in runs[(setting, key)] if "failed" not in x]
            if not rs:
                continue
            loads = ", ".join(f"{x['load'][0]:.2f}-{x['load'][1]:.2f}" for x in rs)
            out.append(f"| {setting} | {len(prompts)} | {key} | {len(rs)} ({len(runs[(setting, key)]) - len(rs)}) | {med([x['wall'] for x in rs]):.1f} | "
                       f"{max(x['wall'] for x in rs):.1f} | {med([x['cpu'] for x in rs]):.2f} | {med([x['cpu'] / x['wall'] for x in rs]):.2f} | "
                       f"{med([x['tokens'] for x in rs]):.0f} | {med([x['decode_ms'] for x in rs]):.1f} | "
                       f"{med([x['prompt_ms'] for x in rs]):.1f} | {loads} |")
    if failures:
        out += ["", "The medians are over the runs that finished. Failed runs:"] + failures
    for note in a.note:
        out += ["", note]
    open(a.out, "w").write("\n".join(out) + "\n")

if __name__ == "__main__":
    main()
