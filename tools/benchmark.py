"""The project's benchmark: wall time of the suite's phases against the embedded reference.

    make benchmark            (or: .venv/bin/python -m tools.benchmark [--repeat N])

Runs each phase as a real pytest run (the same commands as `make test`), records wall time and
the slowest scenarios from JUnit, and writes reports/benchmark.json. Compare the file between
commits; never put timing assertions into tests.
"""
from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PHASES = {
    "suite (playwright, -n 2)": ["-n", "2"],
    "suite (playwright, 1 worker)": [],
    "login (appium)": ["-m", "ui and (REQ-1 or REQ-1.1 or REQ-1.2 or REQ-1.3)", "--driver", "appium"],
    "api scenarios (-n 2)": ["-m", "api", "-n", "2"],
}


def run_phase(args: list[str]) -> tuple[float, list[tuple[str, float]], int]:
    with tempfile.TemporaryDirectory() as tmp:
        junit = Path(tmp) / "junit.xml"
        started = time.monotonic()
        proc = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", f"--junitxml={junit}",
                               f"--sc-results={Path(tmp) / 'results.json'}", *args],
                              cwd=ROOT, capture_output=True, text=True)
        wall = time.monotonic() - started
        cases = [(f"{c.get('name')}", float(c.get("time", 0))) for c in ET.parse(junit).iter("testcase")] \
            if junit.exists() else []
    return wall, sorted(cases, key=lambda c: -c[1])[:5], proc.returncode


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--phase", action="append", choices=list(PHASES), help="run only these phases")
    options = parser.parse_args()
    results = {}
    for name in options.phase or PHASES:
        walls, slowest, code = [], [], 0
        for _ in range(options.repeat):
            wall, slowest, code = run_phase(PHASES[name])
            walls.append(wall)
        results[name] = {"wall_seconds": round(statistics.median(walls), 2), "runs": [round(w, 2) for w in walls],
                         "exit_code": code, "slowest": [{"test": t, "seconds": round(s, 2)} for t, s in slowest]}
        print(f"{name:32s} {results[name]['wall_seconds']:7.1f}s  (exit {code})")
    out = ROOT / "reports" / "benchmark.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(results, indent=2))
    print(f"written {out}")
    return 0 if all(r["exit_code"] == 0 for r in results.values()) else 1


if __name__ == "__main__":
    raise SystemExit(main())
