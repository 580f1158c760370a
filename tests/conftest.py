"""The project's own tests. Merges the kill-matrix fragments written in this session into
reports/faults.json."""
from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

REPORTS = Path(__file__).resolve().parent.parent / "reports"
_STARTED = pytest.StashKey[float]()


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "killmatrix: runs the suite once per reference fault (slow; make kill-matrix)")


def pytest_sessionstart(session: pytest.Session) -> None:
    session.config.stash[_STARTED] = time.time()


def pytest_sessionfinish(session: pytest.Session) -> None:
    if hasattr(session.config, "workerinput"):
        return
    started = session.config.stash[_STARTED]
    fragments = sorted(p for p in (REPORTS / "faults").glob("*.json") if p.stat().st_mtime >= started)
    if not fragments:
        return
    faults = [json.loads(p.read_text()) for p in fragments]
    (REPORTS / "faults.json").write_text(json.dumps(faults, ensure_ascii=False, indent=2))
    killed = sum(f["killed"] for f in faults)
    print(f"\nKill matrix: {killed}/{len(faults)} faults killed → {REPORTS / 'faults.json'}")
