"""Bad input ends a run with one clear message, in seconds, never a traceback."""
from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def run_suite(*args: str, env: dict[str, str] | None = None, timeout: float = 120) -> tuple[subprocess.CompletedProcess[str], float]:
    started = time.monotonic()
    proc = subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=timeout, env={**os.environ, **(env or {})})
    return proc, time.monotonic() - started


def assert_clean_failure(proc: subprocess.CompletedProcess[str], *needles: str) -> None:
    output = proc.stdout + proc.stderr
    assert proc.returncode not in (0, 1), f"expected a usage/exit error, got {proc.returncode}:\n{output[-2000:]}"
    assert "Traceback" not in output, output[-3000:]
    for needle in needles:
        assert needle.casefold() in output.casefold(), f"{needle!r} not in:\n{output[-2000:]}"


def test_unreachable_target_url_ends_the_run_in_seconds() -> None:
    proc, seconds = run_suite("--target", "http://127.0.0.1:9", "-m", "REQ-1.1")
    assert_clean_failure(proc, "is not reachable at http://127.0.0.1:9")
    assert seconds < 20, f"took {seconds:.1f}s"


@pytest.mark.parametrize("target", ["ftp://example.com", "nowhere"])
def test_malformed_target_is_a_usage_error(target: str) -> None:
    proc, _ = run_suite("--target", target, "--collect-only")
    assert_clean_failure(proc, "ERROR:")


def test_missing_device_profile_names_the_known_ones() -> None:
    proc, _ = run_suite("--device", "nokia-3310", "--collect-only")
    assert_clean_failure(proc, "Unknown device profile 'nokia-3310'", "pixel-7")


def test_device_profile_without_a_section_for_the_driver() -> None:
    proc, _ = run_suite("--device", "iphone-13", "--driver", "appium", "--collect-only")
    assert_clean_failure(proc, "has no appium section")


def test_unknown_fault_is_refused() -> None:
    proc, seconds = run_suite("--fault", "no-such-fault", "-m", "REQ-1.1")
    assert_clean_failure(proc, "unknown fault(s): no-such-fault")
    assert seconds < 30


def test_unreachable_appium_server_ends_the_run_in_seconds() -> None:
    proc, seconds = run_suite("--driver", "appium", "--appium-url", "http://127.0.0.1:9", "-m", "REQ-1.2")
    assert_clean_failure(proc, "Appium server at http://127.0.0.1:9 does not answer")
    assert seconds < 30, f"took {seconds:.1f}s"


def test_appium_that_cannot_start_ends_the_run_in_seconds() -> None:
    # no `node` on PATH: the project's Appium server cannot start
    proc, seconds = run_suite("--driver", "appium", "-m", "REQ-1.2", env={"PATH": "/nonexistent"})
    assert_clean_failure(proc, "The Appium server could not be started")
    assert seconds < 30


def test_appium_without_the_chromium_driver_says_so(tmp_path: Path) -> None:
    proc, _ = run_suite("--driver", "appium", "-m", "REQ-1.2", env={"APPIUM_HOME": str(tmp_path / "empty-appium-home")})
    assert_clean_failure(proc, "could not start a session", "Could not find a driver")


def test_malformed_feature_file_names_the_file(tmp_path: Path) -> None:
    bad = ROOT / "features" / "zz_malformed_for_test.feature"
    bad.write_text("Feature: broken\n  Scenario: no steps\n    Given a step\n  Examples without outline\n  |a|\n")
    try:
        proc, _ = run_suite("--collect-only")
    finally:
        bad.unlink()
    assert_clean_failure(proc, "Malformed feature file", "zz_malformed_for_test.feature")


def test_unknown_requirement_tag_is_refused(tmp_path: Path) -> None:
    bad = ROOT / "features" / "zz_unknown_tag_for_test.feature"
    bad.write_text("Feature: unknown tag\n  @REQ-99.99\n  Scenario: tagged wrongly\n    Given a registered client\n")
    try:
        proc, _ = run_suite("--collect-only")
    finally:
        bad.unlink()
    output = proc.stdout + proc.stderr
    assert proc.returncode != 0 and "REQ-99.99" in output, output[-2000:]
