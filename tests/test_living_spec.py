"""Unit tests of the living-spec builder and of the reporting plugin (fixtures/reporting.py)."""
from __future__ import annotations

import json
import os
import textwrap
from pathlib import Path

import pytest

from fixtures import living_spec
from fixtures.living_spec import build_model, main, render_html, requirement_status, summary_line

pytest_plugins = ["pytester"]

REPO_ROOT = Path(__file__).resolve().parent.parent


def result(nodeid: str, requirements: list[str], outcome: str, reason: str | None = None, *,
           run: str = "playwright", driver: str | None = "playwright", target: str = "reference",
           name: str | None = None) -> dict:
    return {
        "nodeid": nodeid, "name": name or nodeid.split("::")[-1], "feature": "Login screen",
        "feature_file": "features/auth/login.feature", "requirements": requirements, "outcome": outcome,
        "reason": reason, "duration": 0.1, "driver": driver, "target": target, "run": run,
    }


def entry(rid: str, **extra) -> dict:
    return {"id": rid, "section": "1. Login screen", "section_ru": "1. Экран входа",
            "en": f"English text of {rid}", "ru": f"Русский текст {rid}", "source": {"ru": 1, "en": 2}, **extra}


# --------------------------------------------------------------------------- status rules


@pytest.mark.parametrize(
    ("catalog_entry", "scenarios", "expected"),
    [
        pytest.param(entry("REQ-1.1"), [], ("not-covered", None), id="no-scenarios"),
        pytest.param(entry("REQ-1.1"), [result("a", [], "passed")], ("passed", None), id="passed"),
        pytest.param(entry("REQ-1.1"), [result("a", [], "passed"), result("b", [], "failed", "boom")],
                     "failed", id="one-failure-wins"),
        pytest.param(entry("REQ-1.1"), [result("a", [], "passed"), result("b", [], "error", "error in setup: x")],
                     "failed", id="setup-error-is-failure"),
        pytest.param(entry("REQ-1.1"), [result("a", [], "passed"), result("b", [], "skipped", "not-runnable: no farm")],
                     ("passed", None), id="passed-beats-not-runnable"),
        pytest.param(entry("REQ-1.1"), [result("a", [], "skipped", "not-runnable: no test-support API"),
                                        result("b", [], "skipped", "not-runnable: no test-support API", run="appium")],
                     ("not-runnable", "no test-support API"), id="all-not-runnable"),
        pytest.param(entry("REQ-1.1"), [result("a", [], "skipped", "flaky, see ticket")],
                     "not-covered", id="plain-skip-is-not-coverage"),
        pytest.param(entry("REQ-1.1", status="pending", reason="design not provided"), [],
                     ("pending", "design not provided"), id="catalog-pending"),
        pytest.param(entry("REQ-1.1", status="pending", reason="design not provided"),
                     [result("a", [], "skipped", "not-runnable: x")],
                     ("pending", "design not provided"), id="pending-without-executed-scenarios"),
        pytest.param(entry("REQ-1.1", status="pending", reason="design not provided"),
                     [result("a", [], "passed")], ("passed", None), id="executed-beats-pending"),
        pytest.param(entry("REQ-1.1", status="not-runnable", reason="needs a real SMS gateway"), [],
                     ("not-runnable", "needs a real SMS gateway"), id="catalog-not-runnable"),
    ],
)
def test_requirement_status(catalog_entry, scenarios, expected):
    status, reason = requirement_status(catalog_entry, scenarios)
    if isinstance(expected, tuple):
        assert (status, reason) == expected
    else:
        assert status == expected
        assert reason


def test_failed_reason_names_the_scenario_run_and_message():
    status, reason = requirement_status(entry("REQ-1.2"), [result("t::wrong_code", [], "failed", "AssertionError: no error",
                                                                   run="appium", driver="appium", name="Wrong code")])
    assert status == "failed"
    assert reason == "Wrong code [appium, appium]: AssertionError: no error"


def test_model_lists_every_catalog_id_with_summary_and_unknown_ids():
    catalog = {rid: entry(rid, **extra) for rid, extra in [
        ("REQ-1.1", {}), ("REQ-1.2", {}), ("REQ-1.3", {}), ("REQ-1.4", {}),
        ("REQ-2.1", {"status": "pending", "reason": "design not provided"}),
    ]}
    results = [
        result("t.py::a", ["REQ-1.1"], "passed"),
        result("t.py::a", ["REQ-1.1"], "passed", run="appium", driver="appium"),
        result("t.py::b", ["REQ-1.2", "REQ-9.9"], "failed", "boom"),
        result("t.py::c", ["REQ-1.3"], "skipped", "not-runnable: no test-support API", target="staging"),
    ]
    model = build_model(catalog, results)
    by_id = {r["id"]: r for r in model["requirements"]}
    assert list(by_id) == list(catalog)
    assert {rid: r["status"] for rid, r in by_id.items()} == {
        "REQ-1.1": "passed", "REQ-1.2": "failed", "REQ-1.3": "not-runnable", "REQ-1.4": "not-covered",
        "REQ-2.1": "pending",
    }
    assert model["summary"] == {"passed": 1, "failed": 1, "not-covered": 1, "not-runnable": 1, "pending": 1, "total": 5,
                                "passed_api_only": 0}
    assert [s["run"] for s in by_id["REQ-1.1"]["scenarios"]] == ["playwright", "appium"]
    assert set(by_id["REQ-1.1"]["scenarios"][0]) == {"name", "feature", "nodeid", "run", "driver", "outcome", "reason"}
    assert by_id["REQ-1.3"]["reason"] == "no test-support API"
    assert model["unknown_ids"] == [{"id": "REQ-9.9", "scenarios": ["t.py::b"]}]
    assert model["target"] == "reference, staging"
    assert model["generated_at"]


def test_summary_line():
    model = {"summary": {"passed": 3, "failed": 1, "not-covered": 2, "not-runnable": 4, "pending": 5, "total": 15,
                         "passed_api_only": 2}}
    assert summary_line(model) == (
        "Requirements: 3 passed / 15 total (1 failed, 2 not covered, 4 not runnable, 5 pending; "
        "2 screen requirements passed through the API only)")


def test_screen_requirement_backed_only_by_api_scenarios_says_so():
    catalog = {"REQ-8.7": {"id": "REQ-8.7", "en": "slot taken"}, "REQ-1.1": {"id": "REQ-1.1", "en": "login"},
               "API-3.6": {"id": "API-3.6", "en": "book"}}
    results = [{"nodeid": "f::race", "requirements": ["REQ-8.7", "API-3.6"], "outcome": "passed", "driver": None},
               {"nodeid": "f::login", "requirements": ["REQ-1.1"], "outcome": "passed", "driver": "playwright"}]
    model = build_model(catalog, results)
    evidence = {r["id"]: r["evidence"] for r in model["requirements"]}
    assert evidence == {"REQ-8.7": "api", "REQ-1.1": "ui", "API-3.6": "api"}
    assert model["summary"]["passed_api_only"] == 1
    html = render_html(model)
    assert html.count("Verified through the API only") == 1


# --------------------------------------------------------------------------- HTML


def test_html_escapes_text_and_shows_both_languages_and_statuses():
    catalog = {
        "REQ-1.1": entry("REQ-1.1", en='Shows <script>alert("x")</script> & more', ru="Показывает <b>поле</b>"),
        "REQ-1.2": entry("REQ-1.2"),
        "REQ-1.3": entry("REQ-1.3", status="pending", reason="design <not> provided"),
    }
    results = [result("t.py::a", ["REQ-1.1"], "failed", "expected <div> got <span>", name="Name with <tags>")]
    page = render_html(build_model(catalog, results), notes_href="../contracts/SPEC_NOTES.md",
                       assumed=[{"method": "POST", "path": "/test-support/<seed>", "summary": "Seed & go", "operation_id": "x"}])
    assert "<script>alert" not in page
    assert "Shows &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; more" in page
    assert "Показывает &lt;b&gt;поле&lt;/b&gt;" in page
    assert "Русский текст REQ-1.2" in page and "English text of REQ-1.2" in page
    assert "expected &lt;div&gt; got &lt;span&gt;" in page and "Name with &lt;tags&gt;" in page
    assert "design &lt;not&gt; provided" in page
    assert 'data-status="not-covered"' in page and "not covered" in page
    assert "1. Экран входа" in page
    assert 'href="../contracts/SPEC_NOTES.md"' in page
    assert "Assumed API (not in the spec)" in page and "/test-support/&lt;seed&gt;" in page
    assert "http://" not in page and "https://" not in page  # self-contained: nothing loaded from outside


def test_assumed_operations_from_contract(tmp_path):
    contract = tmp_path / "api.yaml"
    contract.write_text(textwrap.dedent("""\
        openapi: 3.1.0
        info: {title: t, version: "1"}
        paths:
          /auth/login:
            post: {summary: Log in, operationId: login}
          /test-support/seed:
            post: {summary: Seed data, operationId: seed, x-spec-status: assumed}
            delete: {summary: Wipe data, operationId: wipe, x-spec-status: assumed}
        """), encoding="utf-8")
    ops = living_spec.assumed_operations(contract)
    assert [(o["method"], o["path"], o["summary"]) for o in ops] == [
        ("POST", "/test-support/seed", "Seed data"), ("DELETE", "/test-support/seed", "Wipe data")]
    assert living_spec.assumed_operations(tmp_path / "missing.yaml") == []


# --------------------------------------------------------------------------- CLI


def write_catalog(path: Path, entries: list[dict]) -> Path:
    import yaml

    path.write_text(yaml.safe_dump({"requirements": entries}, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def test_cli_merges_runs_and_writes_both_reports(tmp_path, capsys):
    catalog = write_catalog(tmp_path / "requirements.yaml", [entry("REQ-1.1"), entry("REQ-1.2")])
    results = tmp_path / "results"
    results.mkdir()
    (results / "playwright.json").write_text(json.dumps([result("t.py::a", ["REQ-1.1"], "passed")]))
    (results / "appium.json").write_text(json.dumps([result("t.py::a", ["REQ-1.1"], "passed", run="appium")]))
    notes = tmp_path / "contracts" / "SPEC_NOTES.md"
    notes.parent.mkdir()
    notes.write_text("# notes")
    out = tmp_path / "reports"

    code = main(["--results", str(results), "--catalog", str(catalog), "--out", str(out), "--notes", str(notes),
                 "--contract", str(tmp_path / "contracts" / "missing.yaml")])

    assert code == 0
    printed = capsys.readouterr().out
    assert "Requirements: 1 passed / 2 total (0 failed, 1 not covered, 0 not runnable, 0 pending;" in printed
    assert str(out / "requirements.json") in printed and str(out / "living-spec.html") in printed
    data = json.loads((out / "requirements.json").read_text(encoding="utf-8"))
    assert [s["run"] for s in data["requirements"][0]["scenarios"]] == ["appium", "playwright"]
    assert data["unknown_ids"] == []
    page = (out / "living-spec.html").read_text(encoding="utf-8")
    assert 'href="../contracts/SPEC_NOTES.md"' in page


def test_cli_fails_on_ids_missing_from_the_catalog(tmp_path, capsys):
    catalog = write_catalog(tmp_path / "requirements.yaml", [entry("REQ-1.1")])
    results = tmp_path / "results"
    results.mkdir()
    (results / "api.json").write_text(json.dumps([result("t.py::x", ["REQ-1.1", "API-7.7"], "passed", run="api")]))

    code = main(["--results", str(results), "--catalog", str(catalog), "--out", str(tmp_path / "out")])

    assert code == 1
    captured = capsys.readouterr()
    assert "not in the catalog" in captured.err and "API-7.7" in captured.err
    assert json.loads((tmp_path / "out" / "requirements.json").read_text())["unknown_ids"][0]["id"] == "API-7.7"


def test_cli_reports_a_missing_results_directory(tmp_path, capsys):
    catalog = write_catalog(tmp_path / "requirements.yaml", [entry("REQ-1.1")])
    code = main(["--results", str(tmp_path / "nope"), "--catalog", str(catalog), "--out", str(tmp_path / "out")])
    assert code == 2
    assert "does not exist" in capsys.readouterr().err


# --------------------------------------------------------------------------- the pytest plugin

FEATURE = """\
@ui
Feature: Login screen

  @REQ-1.1
  Scenario: Phone field is shown
    Given the login screen is open
    When the user looks at the form
    Then the phone field is visible

  @REQ-1.2
  Scenario: Wrong code is rejected
    Given the login screen is open
    When the user enters code "0000"
    Then the error "Wrong code" is shown
"""

STEPS = """\
import pytest
from pytest_bdd import given, parsers, scenarios, then, when

scenarios("login.feature")


class FakeDriver:
    def screenshot(self):
        return b"\\x89PNG\\r\\n\\x1a\\nfake"

    def page_source(self):
        return "<html><body>login</body></html>"


@pytest.fixture
def driver():
    return FakeDriver()


@given("the login screen is open")
def _(driver):
    pass


@when("the user looks at the form")
def _():
    pass


@when(parsers.parse('the user enters code "{code}"'))
def _(code):
    pass


@then("the phone field is visible")
def _():
    pass


@then(parsers.parse('the error "{text}" is shown'))
def _(text):
    assert text == "Code expired", "another error is shown"
"""

CATALOG = """\
requirements:
  - id: REQ-1.1
    section: "1. Login screen"
    section_ru: "1. Экран входа"
    en: "The login screen shows the phone number field"
    ru: "На экране входа есть поле номера телефона"
    source: {ru: 1, en: 2}
  - id: REQ-1.2
    section: "1. Login screen"
    section_ru: "1. Экран входа"
    en: "A wrong code is rejected with an error"
    ru: "Неверный код отклоняется с ошибкой"
    source: {ru: 3, en: 4}
"""


@pytest.fixture
def bdd_project(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> pytest.Pytester:
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(filter(None, [str(REPO_ROOT), os.environ.get("PYTHONPATH")])))
    monkeypatch.delenv("PYTEST_ADDOPTS", raising=False)
    # only the plugins these runs need (schemathesis & co. make every subprocess slow)
    monkeypatch.setenv("PYTEST_DISABLE_PLUGIN_AUTOLOAD", "1")
    pytester.makefile(".feature", login=FEATURE)
    pytester.makepyfile(test_login=STEPS)
    pytester.makefile(".yaml", catalog=CATALOG)
    pytester.makeini("[pytest]\nfilterwarnings =\n    ignore::pytest.PytestUnknownMarkWarning\n")
    return pytester


PLUGINS = ("-p", "pytest_bdd.plugin", "-p", "allure_pytest.plugin", "-p", "xdist.plugin", "-p", "fixtures.reporting")


def run_suite(pytester: pytest.Pytester, *args: str) -> pytest.RunResult:
    return pytester.runpytest_subprocess(*PLUGINS, *args)


def allure_results(directory: Path) -> dict[str, dict]:
    results = [json.loads(p.read_text(encoding="utf-8")) for p in directory.glob("*-result.json")]
    return {r["name"]: r for r in results}


def labels(result: dict, name: str) -> list[str]:
    return [label["value"] for label in result["labels"] if label["name"] == name]


def test_plugin_writes_results_and_allure_steps_and_labels(bdd_project: pytest.Pytester):
    alluredir = bdd_project.path / "allure-results"
    run = run_suite(
        bdd_project, "--alluredir", str(alluredir), "--sc-catalog", "catalog.yaml",
        "--sc-results", "out/results.json", "--sc-run-name", "unit",
    )
    run.assert_outcomes(passed=1, failed=1)

    results = {r["name"]: r for r in json.loads((bdd_project.path / "out" / "results.json").read_text())}
    assert set(results) == {"Phone field is shown", "Wrong code is rejected"}
    passed, failed = results["Phone field is shown"], results["Wrong code is rejected"]
    assert passed["requirements"] == ["REQ-1.1"] and passed["outcome"] == "passed" and passed["reason"] is None
    assert passed["feature"] == "Login screen" and passed["feature_file"] == "login.feature"
    assert passed["nodeid"] == "test_login.py::test_phone_field_is_shown"
    assert passed["run"] == "unit" and passed["target"] is None
    assert passed["driver"] is None  # no --driver option in this project
    assert failed["requirements"] == ["REQ-1.2"] and failed["outcome"] == "failed"
    assert "another error is shown" in failed["reason"]

    allure = allure_results(alluredir)
    ok, bad = allure["Phone field is shown"], allure["Wrong code is rejected"]
    assert [s["name"] for s in ok["steps"]] == [
        "Given the login screen is open", "When the user looks at the form", "Then the phone field is visible"]
    assert [s["status"] for s in bad["steps"]] == ["passed", "passed", "failed"]
    assert bad["steps"][2]["name"] == 'Then the error "Wrong code" is shown'
    assert {a["type"] for a in bad["steps"][2]["attachments"]} == {"image/png", "text/html"}
    assert labels(ok, "requirement") == ["REQ-1.1"] and labels(bad, "requirement") == ["REQ-1.2"]
    assert labels(ok, "epic") == ["1. Login screen"]
    assert labels(ok, "feature") == ["Login screen"]
    assert labels(ok, "story") == ["REQ-1.1 The login screen shows the phone number field"]
    assert {"REQ-1.1", "ui"} <= set(labels(ok, "tag"))


def test_plugin_under_xdist_aggregates_on_the_controller(bdd_project: pytest.Pytester):
    run = run_suite(bdd_project, "-n", "2", "--sc-results", "r.json")
    run.assert_outcomes(passed=1, failed=1)
    results = json.loads((bdd_project.path / "r.json").read_text())
    assert sorted((r["name"], r["requirements"][0], r["outcome"]) for r in results) == [
        ("Phone field is shown", "REQ-1.1", "passed"), ("Wrong code is rejected", "REQ-1.2", "failed")]


SKIPPING = """\
import pytest
from fixtures.reporting import record_requirement


@pytest.mark.requirement("API-1.1")
def test_contract(request):
    record_requirement(request, "API-3.6")


@pytest.mark.requirement("API-2.1")
def test_needs_support_api():
    pytest.skip("not-runnable: the target has no test-support API")
"""


def test_reference_guard_fails_a_run_with_skips(bdd_project: pytest.Pytester):
    bdd_project.makepyfile(test_api=SKIPPING)
    run = run_suite(bdd_project, "test_api.py", "--sc-results", "r.json")
    run.assert_outcomes(passed=1, skipped=1)
    assert run.ret == 1
    run.stdout.fnmatch_lines(["1 scenarios were skipped against the reference; every scenario must run there"])
    results = {r["name"]: r for r in json.loads((bdd_project.path / "r.json").read_text())}
    assert results["test_contract"]["requirements"] == ["API-1.1", "API-3.6"]
    assert results["test_needs_support_api"]["outcome"] == "skipped"
    assert results["test_needs_support_api"]["reason"] == "not-runnable: the target has no test-support API"


OPTIONS = """\
def pytest_addoption(parser):
    parser.addoption("--target", default="{target}")
    parser.addoption("--driver", default="appium")
"""


def test_other_targets_report_not_runnable_skips(bdd_project: pytest.Pytester):
    bdd_project.makepyfile(test_api=SKIPPING)
    bdd_project.makeconftest(OPTIONS.format(target="staging"))
    run = run_suite(bdd_project, "test_api.py", "--sc-results", "r.json")
    run.assert_outcomes(passed=1, skipped=1)
    assert run.ret == 0
    run.stdout.fnmatch_lines(["*1 scenarios are not runnable on target 'staging'*"])
    results = json.loads((bdd_project.path / "r.json").read_text())
    assert {r["target"] for r in results} == {"staging"}
    assert {r["driver"] for r in results} == {None}  # API tests use no driver


def test_driver_and_target_of_ui_scenarios(bdd_project: pytest.Pytester):
    bdd_project.makeconftest(OPTIONS.format(target="reference"))
    alluredir = bdd_project.path / "allure-results"
    run = run_suite(bdd_project, "--alluredir", str(alluredir), "--sc-results", "r.json")
    run.assert_outcomes(passed=1, failed=1)
    results = json.loads((bdd_project.path / "r.json").read_text())
    assert {(r["driver"], r["target"]) for r in results} == {("appium", "reference")}
    for allure_result in allure_results(alluredir).values():
        params = {p["name"]: p["value"] for p in allure_result["parameters"]}
        assert params == {"driver": "'appium'", "target": "'reference'"}


def test_setup_failure_is_an_error(bdd_project: pytest.Pytester):
    bdd_project.makepyfile(test_broken=textwrap.dedent("""\
        import pytest

        @pytest.fixture
        def seeded():
            raise RuntimeError("seeding failed")

        @pytest.mark.requirement("API-1.1")
        def test_x(seeded):
            pass
        """))
    run = run_suite(bdd_project, "test_broken.py", "--sc-results", "r.json")
    run.assert_outcomes(errors=1)
    [only] = json.loads((bdd_project.path / "r.json").read_text())
    assert only["outcome"] == "error" and "seeding failed" in only["reason"]


def test_no_results_file_when_no_test_verifies_a_requirement(bdd_project: pytest.Pytester):
    bdd_project.makepyfile(test_unit="def test_helper():\n    assert True\n")
    run = run_suite(bdd_project, "test_unit.py", "--sc-results", "r.json")
    run.assert_outcomes(passed=1)
    assert not (bdd_project.path / "r.json").exists()


def test_a_broken_screenshot_never_hides_the_real_error(bdd_project: pytest.Pytester):
    steps = (bdd_project.path / "test_login.py").read_text()
    bdd_project.makepyfile(test_login=steps.replace(
        'return b"\\x89PNG\\r\\n\\x1a\\nfake"', 'raise RuntimeError("device gone")'))
    alluredir = bdd_project.path / "allure-results"
    run = run_suite(bdd_project, "--alluredir", str(alluredir), "--sc-results", "r.json")
    run.assert_outcomes(passed=1, failed=1)
    run.stdout.fnmatch_lines(["*AssertionError: another error is shown*"])
    failing_step = allure_results(alluredir)["Wrong code is rejected"]["steps"][2]
    assert failing_step["status"] == "failed"
    assert "another error is shown" in failing_step["statusDetails"]["message"]
    assert [a["name"] for a in failing_step["attachments"]] == ["screenshot error", "page source"]


def test_a_step_skipped_as_not_runnable_is_a_skipped_step(bdd_project: pytest.Pytester):
    steps = (bdd_project.path / "test_login.py").read_text()
    bdd_project.makepyfile(test_login=steps.replace(
        '@when("the user looks at the form")\ndef _():\n    pass',
        '@when("the user looks at the form")\ndef _():\n    pytest.skip("not-runnable: no device farm")'))
    alluredir = bdd_project.path / "allure-results"
    run = run_suite(bdd_project, "--alluredir", str(alluredir), "--sc-results", "r.json", "-k", "phone")
    run.assert_outcomes(skipped=1)
    assert run.ret == 1  # the reference guard
    steps_result = allure_results(alluredir)["Phone field is shown"]["steps"]
    assert [(s["name"], s["status"]) for s in steps_result] == [
        ("Given the login screen is open", "passed"), ("When the user looks at the form", "skipped")]
