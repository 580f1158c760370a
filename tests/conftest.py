"""The project's own tests. Merges the kill-matrix fragments into reports/faults.json."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

REPORTS = Path(__file__).resolve().parent.parent / "reports"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "killmatrix: runs the suite once per reference fault (slow; make kill-matrix)")


def pytest_sessionfinish(session: pytest.Session) -> None:
    if hasattr(session.config, "workerinput"):
        return
    if not any(item.get_closest_marker("killmatrix") for item in session.items):
        return
    fragments = sorted((REPORTS / "faults").glob("*.json"))
    if not fragments:
        return
    faults = [json.loads(p.read_text()) for p in fragments]
    (REPORTS / "faults.json").write_text(json.dumps(faults, ensure_ascii=False, indent=2))
    killed = sum(f["killed"] for f in faults)
    print(f"\nKill matrix: {killed}/{len(faults)} faults killed → {REPORTS / 'faults.json'}")
