"""Runs the reliability checks against the built binary (make test-reliability):
crash safety, concurrent runs, broken input, determinism, environment faults.
Usage: run.py [crash concurrency corpus determinism environment]"""
import sys
import time

import common
import concurrency
import corpus
import crash
import determinism
import environment

CHECKS = {"crash": crash, "concurrency": concurrency, "corpus": corpus, "determinism": determinism, "environment": environment}


def main(names):
    errors, skipped = [], 0
    for name in names or list(CHECKS):
        common.log(f"{name}:")
        start = time.time()
        try:
            skipped += CHECKS[name].run() or 0
            common.log(f"  {name} passed ({time.time() - start:.1f}s)")
        except common.Failure as failure:
            errors.append(f"{name}: {failure}")
            common.log(f"  {name} FAILED ({time.time() - start:.1f}s)")
    common.log(f"reliability: {len(errors)} failed, {skipped} skipped")
    common.fail_exit(errors)


if __name__ == "__main__":
    main(sys.argv[1:])
