"""The reference app carries every test ID of the contract in pages/testids.py, and screen
objects use no locator other than those IDs."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from pages.testids import all_ids

ROOT = Path(__file__).resolve().parent.parent
APP_SOURCE = (ROOT / "reference" / "web" / "app.js").read_text(encoding="utf-8")


@pytest.mark.parametrize("name,test_id", sorted(all_ids().items()))
def test_reference_app_carries_the_test_id(name: str, test_id: str) -> None:
    assert re.search(rf'["`]{re.escape(test_id)}["`]', APP_SOURCE), f"{name} ({test_id}) is not in reference/web/app.js"


def test_test_ids_are_unique() -> None:
    values = list(all_ids().values())
    assert len(values) == len(set(values)), sorted(v for v in values if values.count(v) > 1)


@pytest.mark.parametrize("path", sorted(p for p in (ROOT / "pages").glob("*.py") if p.name != "testids.py"),
                         ids=lambda p: p.name)
def test_screen_objects_speak_only_in_test_ids(path: Path) -> None:
    source = path.read_text(encoding="utf-8")
    assert "data-testid" not in source and "xpath" not in source.lower() and "locator(" not in source, path.name
    assert not re.search(r"^\s*assert\b", source, re.M), f"{path.name}: screen objects return values, they never assert"


def test_steps_never_touch_drivers_or_locators() -> None:
    for path in (ROOT / "steps").glob("*.py"):
        source = path.read_text(encoding="utf-8")
        assert "data-testid" not in source and ".page." not in source and "webdriver" not in source, path.name
        assert "sleep(" not in source, f"{path.name} sleeps"
