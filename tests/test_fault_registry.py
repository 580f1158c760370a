"""The fault registry is honest: every named fault is wired into the code path it breaks and
names requirements that exist in the catalog."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from fixtures.catalog import load_catalog
from reference.faults import FAULTS

ROOT = Path(__file__).resolve().parent.parent
SPA = (ROOT / "reference" / "web" / "app.js").read_text(encoding="utf-8")
BACKEND = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "reference").rglob("*.py") if p.name != "faults.py")
CATALOG = load_catalog()


@pytest.mark.parametrize("name", sorted(FAULTS))
def test_fault_names_known_requirements(name: str) -> None:
    unknown = [r for r in FAULTS[name].requirements if r not in CATALOG]
    assert FAULTS[name].requirements and not unknown, f"{name}: unknown requirement IDs {unknown}"


@pytest.mark.parametrize("name", sorted(FAULTS))
def test_fault_is_wired_into_the_code(name: str) -> None:
    quoted = re.compile(rf'["\']{re.escape(name)}["\']')
    sources = SPA if FAULTS[name].layer == "ui" else BACKEND + SPA
    assert quoted.search(sources), f"fault {name} is registered but no code path checks it"
