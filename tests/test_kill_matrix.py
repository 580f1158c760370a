"""The kill matrix: every named fault of the embedded reference, switched on alone, must make at
least one scenario of the requirements it breaks FAIL (an assertion, not a setup error).

Each fault runs the suite's scenarios selected by its requirement IDs (`-m "REQ-1.1 or API-1.1"`)
in a child pytest with `--fault NAME`. Results go to reports/faults.json (id, requirements,
killed, killed_by); a surviving fault fails this test and names the hole in the suite.
"""
from __future__ import annotations

import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from reference.faults import FAULTS

ROOT = Path(__file__).resolve().parent.parent
FRAGMENTS = ROOT / "reports" / "faults"

pytestmark = pytest.mark.killmatrix


def _testcases(junit: Path) -> list[tuple[str, str]]:
    """(name, outcome) for every test case of a JUnit file."""
    cases = []
    for case in ET.parse(junit).iter("testcase"):
        outcome = next((child.tag for child in case if child.tag in ("failure", "error", "skipped")), "passed")
        cases.append((f"{case.get('classname')}::{case.get('name')}", outcome))
    return cases


@pytest.mark.parametrize("name", sorted(FAULTS))
def test_fault_is_killed(name: str, tmp_path: Path) -> None:
    fault = FAULTS[name]
    junit = tmp_path / "junit.xml"
    selection = " or ".join(fault.requirements)
    command = [sys.executable, "-m", "pytest", "-m", selection, "--fault", name, f"--junitxml={junit}",
               f"--sc-results={tmp_path / 'results.json'}", "-q", "-x", "--no-header", "-p", "no:cacheprovider"]
    proc = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=900)
    cases = _testcases(junit) if junit.exists() else []
    killed_by = [case for case, outcome in cases if outcome == "failure"]
    FRAGMENTS.mkdir(parents=True, exist_ok=True)
    (FRAGMENTS / f"{name}.json").write_text(json.dumps({
        "id": name, "requirements": list(fault.requirements), "description": fault.description,
        "killed": bool(killed_by), "killed_by": killed_by, "selected": len(cases),
    }, ensure_ascii=False, indent=2))
    assert cases, f"fault {name}: no scenario selected by -m '{selection}'\n{proc.stdout[-2000:]}{proc.stderr[-2000:]}"
    assert killed_by, (f"fault {name} SURVIVED: {len(cases)} scenarios of {selection} ran and none failed "
                       f"({[c for c in cases if c[1] != 'passed']})\n{proc.stdout[-3000:]}")
