"""The machinery of the contract tests: the contract's operations, seeded accounts and records,
bearer auth per operation, the contract loaded with contracts/schemathesis.toml, and the case
counts that end up in reports/schemathesis.json. The fixtures in api_tests/conftest.py wire it up."""
from __future__ import annotations

import json
import time
import tomllib
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import httpx
import pytest
import schemathesis
import yaml
from schemathesis.config import SchemathesisConfig

from fixtures.api import SupportApi
from fixtures.builders import Builders, strong_password
from fixtures.settings import ROOT

CONTRACT = ROOT / "contracts" / "smartconsult.openapi.yaml"
SETTINGS = ROOT / "contracts" / "schemathesis.toml"
SUMMARY = ROOT / "reports" / "schemathesis.json"

# Operations only an expert may call (SN-24, SN-25, SN-44): they get the seeded expert's token.
EXPERT_OPERATIONS = frozenset({"setWeeklySchedule", "addExtraRange", "getWeeklySchedule", "deleteExtraRange",
                               "getQuestionnaire", "updateQuestionnaire", "getQuestionnaireVerification"})
# Operations that spend the caller's account (deleted profile, changed password): each case gets a
# freshly seeded client, so the other operations keep a working token.
ACCOUNT_SPENDING_OPERATIONS = frozenset({"deleteProfile", "changePassword"})
TOKEN_MAX_AGE = 300.0  # re-login well inside the 15-minute access lifetime
WORKDAY = ("09:00", "18:00")
BOOKING_OPERATIONS = ("editAppointment", "deleteAppointment", "checkoutAppointment", "getPaymentStatus")
SEEDED_VALUE_PROBABILITY = 0.85
TIME_ZONES = ("Europe/Moscow", "Asia/Yekaterinburg", "Europe/London", "America/New_York", "UTC")
CREDENTIAL_PROBABILITY = 0.7  # email and password are drawn independently: about half the logins are real


# --------------------------------------------------------------------------- the contract's operations


@dataclass(frozen=True)
class Operation:
    operation_id: str
    method: str
    path: str
    requirement: str | None  # x-requirement (API-x.y) of a specified operation
    assumed: bool
    public: bool

    @property
    def label(self) -> str:
        return f"{self.method.upper()} {self.path}"

    def marks(self) -> list[pytest.MarkDecorator]:
        marks = [pytest.mark.api]
        if self.requirement:
            marks.append(getattr(pytest.mark, self.requirement))  # static: `-m "API-3.6"` selects it
        if self.assumed:
            marks.append(pytest.mark.assumed)
        return marks


def contract_operations(path: Path = CONTRACT) -> list[Operation]:
    """Every operation of the contract file, in file order (read at import for static marks)."""
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    default_security = doc.get("security")
    operations = []
    for route, item in doc["paths"].items():
        for method, op in item.items():
            if method not in ("get", "put", "post", "delete", "patch"):
                continue
            operations.append(Operation(
                operation_id=op["operationId"], method=method, path=route, requirement=op.get("x-requirement"),
                assumed=op.get("x-spec-status") == "assumed", public=op.get("security", default_security) == [],
            ))
    return operations


# --------------------------------------------------------------------------- seeding and auth


@dataclass
class Account:
    email: str
    password: str
    user_id: int


@dataclass
class Tokens:
    """Access tokens of seeded accounts, logged in through API-1.1 and renewed before they expire."""

    http: httpx.Client
    support: SupportApi
    builders: Builders
    accounts: dict[str, Account] = field(default_factory=dict)
    fresh_password: str = "Fresh-Passw0rd"  # every freshly seeded client's password (a dictionary entry)
    _cache: dict[str, tuple[str, float]] = field(default_factory=dict)

    def log_in(self, account: Account) -> str:
        response = self.http.post("/auth/login/", json={"email": account.email, "password": account.password})
        if response.status_code != 200:
            raise RuntimeError(f"seeded account {account.email} cannot log in: {response.status_code} {response.text[:200]}")
        return response.json()["access"]

    def token(self, role: str) -> str:
        cached = self._cache.get(role)
        if cached is None or time.monotonic() - cached[1] > TOKEN_MAX_AGE:
            cached = (self.log_in(self.accounts[role]), time.monotonic())
            self._cache[role] = cached
        return cached[0]

    def fresh_client_token(self) -> str:
        person = self.builders.client(password=self.fresh_password)
        user_id = self.support.create_user(**person.as_seed())
        return self.log_in(Account(person.email, person.password, user_id))

    def for_operation(self, operation_id: str) -> str:
        if operation_id in ACCOUNT_SPENDING_OPERATIONS:
            return self.fresh_client_token()
        return self.token("expert" if operation_id in EXPERT_OPERATIONS else "client")


def bearer_auth(tokens: Tokens) -> type:
    """A schemathesis auth provider: the token of the account each operation needs; none for public ones."""

    class SeededBearerAuth:
        def get(self, case, context):
            operation = context.operation
            if operation.definition.raw.get("security") == []:
                return None
            return tokens.for_operation(operation.schema.get_operation_id(operation))

        def set(self, case, data, context):
            case.headers = {**(case.headers or {}), "Authorization": f"Bearer {data}"}

    return SeededBearerAuth


@dataclass
class World:
    """What a target (one xdist worker's reference) holds for a contract run, as schemathesis
    settings: `[parameters]` and `[[operations]]` bindings of the parameters to `[dictionaries]` of
    seeded values, and the accounts whose tokens authorize the calls (none for public operations)."""

    tokens: Tokens | None
    parameters: dict[str, Any]
    operations: list[dict[str, Any]]
    dictionaries: dict[str, Any]


def _schedule(start: str, end: str) -> list[dict[str, Any]]:
    return [{"day_of_week": day, "is_work_day": True, "start_time": start, "end_time": end} for day in range(1, 8)]


def _seed_people(support: SupportApi, builders: Builders, schedule: list[dict]) -> tuple[Account, Account, dict]:
    client = builders.client(timezone="Europe/Moscow")
    client_id = support.create_user(**client.as_seed())
    expert, info = _seed_expert(support, builders, schedule)
    return Account(client.email, client.password, client_id), expert, info


def _seed_expert(support: SupportApi, builders: Builders, schedule: list[dict]) -> tuple[Account, dict]:
    expert = builders.expert(timezone="Europe/Moscow", categories=("Finance", "Law"))
    ids = support.create_expert(**expert.as_seed(), schedule=schedule)
    return Account(expert.email, expert.password, ids["user_id"]), {"expert_id": ids["id"], "timezone": expert.timezone}


def seed_stateless_world(http: httpx.Client, support: SupportApi) -> World:
    """A client; an expert with a weekly schedule that the client books (upcoming unpaid bookings,
    a completed one); and a second expert whose token the expert-only operations use, so that
    the schedules and ranges they write do not change what the first one offers."""
    builders = Builders()  # unique accounts on every run (a shared target keeps them)
    client, _, info = _seed_people(support, builders, _schedule(*WORKDAY))
    acting_expert, acting = _seed_expert(support, builders, _schedule(*WORKDAY))
    tokens = Tokens(http, support, builders, {"client": client, "expert": acting_expert})
    zone = ZoneInfo(info["timezone"])
    today = datetime.now(zone).date()
    # one upcoming unpaid booking per operation that acts on it, so that they do not spoil each other
    unpaid = {operation_id: _seed_booking(support, client, info["expert_id"], datetime.combine(
                  today + timedelta(days=3), datetime.min.time().replace(hour=10 + n), zone), status=0)
              for n, operation_id in enumerate(BOOKING_OPERATIONS)}
    completed = datetime.combine(today - timedelta(days=3), datetime.min.time().replace(hour=10), zone)
    completed_id = _seed_booking(support, client, info["expert_id"], completed, status=2)
    # Read back through the product API: a broken operation (a fault of the kill matrix) leaves its
    # value out and is reported by its own test, instead of breaking the seeding of all of them.
    range_id = _seed_extra_range(http, tokens.token("expert"), acting["expert_id"], today + timedelta(days=5))
    client_auth = {"Authorization": f"Bearer {tokens.token('client')}"}
    expert_categories = _read(http, f"/experts/{info['expert_id']}", client_auth,
                              lambda card: [category["id"] for category in card["categories"]])
    prices = _read(http, "/settings/price-limits/", client_auth,
                   lambda limits: sorted({limits["min"], (limits["min"] + limits["max"]) // 2, limits["max"]}))
    all_categories = _read(http, "/categories/", {}, lambda categories: [category["id"] for category in categories])
    range_day = today + timedelta(days=10)
    dictionaries = {
        "expert_ids": [info["expert_id"]], "category_ids": expert_categories, "time_zones": list(TIME_ZONES),
        # realistic values for the operations whose rules JSON Schema cannot state (SN-52), so that
        # their 200 responses get checked too
        "range_times": [f"{range_day:%d.%m.%Y} {hour:02d}:00" for hour in (8, 10, 12, 14, 16, 18, 20)],
        "slot_dates": [(today + timedelta(days=days)).isoformat() for days in range(4, 10)],
        "slot_hours": [f"{hour:02d}:00" for hour in range(9, 18)],  # the seeded expert's working hours
        "fresh_passwords": [tokens.fresh_password], "new_passwords": [strong_password(builders.rng)],
        "prices": prices, "all_category_ids": all_categories,
        "about_texts": ["", "<b>15 лет</b> в <i>финансах</i>", "<ul><li>Tax</li><li>Audit</li></ul>"],
    }
    # The id parameters are fixed to the seeded records, in every phase (the coverage phase's boundary
    # values then hit real records); unknown ids → 404 is left to the scenarios.
    parameters = {"path.id": info["expert_id"], "path.expert_id": info["expert_id"],
                  "query.expert_id": info["expert_id"]}
    per_operation = [
        {"include-operation-id": "deleteExtraRange", "parameters": {"path.id": range_id}},
        {"include-operation-id": "rateAppointment", "parameters": {"path.appointment_id": completed_id}},
        *({"include-operation-id": operation_id, "parameters": {"path.appointment_id": booking_id}}
          for operation_id, booking_id in unpaid.items()),
        {"include-operation-id": ["addAppointment", "editAppointment"],
         "parameters": {"body.category": _seeded("category_ids"), "body.appointment_date": _seeded("slot_dates"),
                        "body.appointment_time": _seeded("slot_hours")}},
        {"include-operation-id": "addAppointment", "parameters": {"body.expert": _seeded("expert_ids")}},
        {"include-operation-id": "updateProfile", "parameters": {"body.timezone": _seeded("time_zones")}},
        {"include-operation-id": "addExtraRange",
         "parameters": {"body.start": _seeded("range_times"), "body.end": _seeded("range_times")}},
        {"include-operation-id": "changePassword",
         "parameters": {"body.current_password": _seeded("fresh_passwords"), "body.new_password": _seeded("new_passwords"),
                        "body.confirm_password": _seeded("new_passwords")}},
        {"include-operation-id": "updateQuestionnaire",
         "parameters": {"body.price": _seeded("prices"), "body.categories[*]": _seeded("all_category_ids"),
                        "body.about": _seeded("about_texts")}},
    ]
    return _world(tokens, parameters, per_operation, dictionaries)


def _world(tokens: Tokens | None, parameters: dict[str, Any], per_operation: list[dict[str, Any]],
           dictionaries: dict[str, list]) -> World:
    """The settings of a world, without the values that could not be seeded (empty dictionaries,
    ids that are None) and the bindings to them."""
    dictionaries = {name: values for name, values in dictionaries.items() if values}

    def usable(value: Any) -> bool:
        return value is not None and not (isinstance(value, dict) and value["dictionary"] not in dictionaries)

    def keep(bindings: dict[str, Any]) -> dict[str, Any]:
        return {key: value for key, value in bindings.items() if usable(value)}

    # one `[[operations]]` entry per operation: of several entries matching an operation,
    # schemathesis keeps the `parameters` of the first only
    merged: dict[str, dict[str, Any]] = {}
    for entry in per_operation:
        ids = entry["include-operation-id"]
        for operation_id in [ids] if isinstance(ids, str) else ids:
            merged.setdefault(operation_id, {}).update(keep(entry["parameters"]))
    operations = [{"include-operation-id": operation_id, "parameters": bindings}
                  for operation_id, bindings in merged.items() if bindings]
    return World(tokens, keep(parameters), operations,
                 {name: {"values": values} for name, values in dictionaries.items()})


def _read(http: httpx.Client, path: str, headers: dict[str, str], pick) -> list:
    """`pick(body)` of a GET through the product API, or [] when it fails."""
    try:
        response = http.get(path, headers=headers)
        return pick(response.json()) if response.status_code == 200 else []
    except (ValueError, KeyError, IndexError, TypeError):
        return []


def _seed_booking(support: SupportApi, client: Account, expert_id: int, start: datetime, status: int) -> int:
    """A booking in any state, through the test-support API."""
    return support.create_appointment(client.user_id, expert_id, start.isoformat(), status)


def _seeded(dictionary: str, probability: float = SEEDED_VALUE_PROBABILITY) -> dict[str, Any]:
    return {"dictionary": dictionary, "probability": probability}


def _seed_extra_range(http: httpx.Client, expert_token: str, expert_id: int, day: date) -> int | None:
    """API-3.5 adds a non-working range; its id is read back from API-3.1 (None when that fails)."""
    auth = {"Authorization": f"Bearer {expert_token}"}
    http.post("/appointments/calendar/add/range/", headers=auth, json={
        "start": f"{day:%d.%m.%Y} 12:00", "end": f"{day:%d.%m.%Y} 13:00", "type": 1})
    ids = _read(http, f"/appointments/calendar/expert/json?start={day}&end={day}&expert_id={expert_id}", auth,
                lambda calendar: [extra["id"] for extra in calendar["data"]["extra_dates"]])
    return ids[-1] if ids else None


def seed_public_world(http: httpx.Client, support: SupportApi) -> World:
    """Credentials of real accounts for the public operations, so that login, refresh, restore and
    password reset also succeed and their 200 responses are checked (not only their refusals)."""
    builders = Builders()  # unique accounts on every run (a shared target keeps them)
    person = builders.client()
    support.create_user(**person.as_seed())
    deleted = builders.client()
    support.create_user(**deleted.as_seed())
    # a broken login or deletion leaves its values out; test_login / test_deleteProfile report it
    refresh = _login_field(http, person, "refresh")
    access = _login_field(http, deleted, "access")
    if access:
        http.delete("/profile/", headers={"Authorization": f"Bearer {access}"})
    dictionaries = {"account_emails": [person.email], "account_passwords": [person.password],
                    "refresh_tokens": [refresh] if refresh else [], "deleted_emails": [deleted.email],
                    "deleted_passwords": [deleted.password], "strong_passwords": [strong_password(builders.rng)],
                    "time_zones": list(TIME_ZONES)}
    per_operation = [
        {"include-operation-id": "login", "parameters": {"body.email": _seeded("account_emails", CREDENTIAL_PROBABILITY),
                                                         "body.password": _seeded("account_passwords", CREDENTIAL_PROBABILITY)}},
        {"include-operation-id": "refreshToken", "parameters": {"body.refresh": _seeded("refresh_tokens")}},
        {"include-operation-id": "requestPasswordReset", "parameters": {"body.email": _seeded("account_emails")}},
        {"include-operation-id": "register", "parameters": {  # so that some registrations pass the policy
            "body.password": _seeded("strong_passwords", CREDENTIAL_PROBABILITY),
            "body.password_confirm": _seeded("strong_passwords", CREDENTIAL_PROBABILITY),
            "body.timezone": _seeded("time_zones", CREDENTIAL_PROBABILITY)}},
        {"include-operation-id": "restoreProfile",
         "parameters": {"body.email": _seeded("deleted_emails", CREDENTIAL_PROBABILITY),
                        "body.password": _seeded("deleted_passwords", CREDENTIAL_PROBABILITY)}},
    ]
    return _world(None, {}, per_operation, dictionaries)


def _login_field(http: httpx.Client, person, name: str) -> str | None:
    response = http.post("/auth/login/", json={"email": person.email, "password": person.password})
    return response.json().get(name) if response.status_code == 200 else None


def seed_stateful_world(http: httpx.Client, support: SupportApi) -> World:
    """A client and an expert working round the clock, plus dictionaries of bookable dates and hours,
    so that generated bookings hit free slots and the book → edit → checkout → status → cancel chain runs."""
    builders = Builders()  # unique accounts on every run (a shared target keeps them)
    client, expert, info = _seed_people(support, builders, _schedule("00:00", "23:59"))
    tokens = Tokens(http, support, builders, {"client": client, "expert": expert})
    first = datetime.now(ZoneInfo(info["timezone"])).date() + timedelta(days=2)  # always > 2 h ahead (SN-10)
    categories = _read(http, f"/experts/{info['expert_id']}", {"Authorization": f"Bearer {tokens.token('client')}"},
                       lambda card: [category["id"] for category in card["categories"]])
    dictionaries = {
        "bookable_dates": [(first + timedelta(days=n)).isoformat() for n in range(60)],
        "bookable_hours": [f"{hour:02d}:00" for hour in range(23)],  # 60-minute slots up to 22:00
        "lifecycle_expert": [info["expert_id"]],
        "lifecycle_categories": categories,
    }
    # Dictionary bindings (not fixed values): the state machine applies only these to its first step.
    parameters = {"path.expert_id": _seeded("lifecycle_expert", 1.0), "body.expert": _seeded("lifecycle_expert", 1.0),
                  "body.category": _seeded("lifecycle_categories", 1.0),
                  "body.appointment_date": _seeded("bookable_dates", 1.0),
                  "body.appointment_time": _seeded("bookable_hours", 1.0)}
    return _world(tokens, parameters, [], dictionaries)


def cancel_client_bookings(tokens: Tokens) -> None:
    """Cancel every upcoming booking of the world's client (API-3.2 + API-3.8), so that a scenario
    starts from the same free slots as any scenario before it."""
    auth = {"Authorization": f"Bearer {tokens.token('client')}"}
    bookings = _read(tokens.http, "/appointments/calendar/client/json", auth,
                     lambda calendar: calendar["data"]["appointments"]["as_client"])
    for booking in bookings:
        if booking.get("status") in (0, 1):
            tokens.http.delete(f"/appointments/delete/{booking['id']}", headers=auth)


def load_contract(api_url: str, world: World | None = None):
    """The contract with this project's schemathesis settings, aimed at the target; with a world,
    its seeded ids fill the id parameters and its accounts authorize the calls."""
    settings = tomllib.loads(SETTINGS.read_text(encoding="utf-8"))
    if world is not None:
        settings["parameters"] = {**settings.get("parameters", {}), **world.parameters}
        settings["operations"] = settings.get("operations", []) + world.operations
        settings["dictionaries"] = {**settings.get("dictionaries", {}), **world.dictionaries}
    config = SchemathesisConfig.from_dict(settings, base_dir=str(SETTINGS.parent))
    schema = schemathesis.openapi.from_path(CONTRACT, config=config)
    schema.config.update(base_url=api_url)
    if world is not None and world.tokens is not None:
        schema.auth(refresh_interval=None)(bearer_auth(world.tokens))
    return schema


# --------------------------------------------------------------------------- counting cases


class CaseCounter:
    """Sends schemathesis cases and counts them per operation. The counts travel in the test's
    user_properties (xdist ships them to the controller, junit.xml shows them), and the controller
    adds them up in reports/schemathesis.json."""

    PROPERTY = "schemathesis_cases"

    def __init__(self) -> None:
        self.counts: dict[str, dict[str, Any]] = {}

    def call_and_validate(self, case, **kwargs):
        return self.count(case, lambda: case.call_and_validate(**kwargs))

    def count(self, case, send):
        """Run `send` (which sends `case` and validates the response) and count it."""
        entry = self.counts.setdefault(case.operation.label,
                                       {"cases": 0, "failures": 0, "request_seconds": 0.0, "statuses": {}})
        started = time.perf_counter()
        entry["cases"] += 1
        try:
            result = send()
            response = getattr(result, "response", result)  # a state machine step, or the response
            status = str(getattr(response, "status_code", "?"))
            entry["statuses"][status] = entry["statuses"].get(status, 0) + 1
            return result
        except BaseException:
            entry["failures"] += 1
            raise
        finally:
            entry["request_seconds"] = round(entry["request_seconds"] + time.perf_counter() - started, 3)

    def user_properties(self) -> list[tuple[str, str]]:
        return [(self.PROPERTY, json.dumps(self.counts))]


class Summary:
    """Controller-side plugin: adds up the counts of every contract test and writes the summary."""

    def __init__(self, config: pytest.Config) -> None:
        self.config = config
        self.started = time.monotonic()
        self.tests: dict[str, dict[str, Any]] = {}
        self.data: dict[str, Any] | None = None

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        entry = self.tests.setdefault(report.nodeid, {"test": report.nodeid, "outcome": "passed", "seconds": 0.0,
                                                      "operations": None})
        entry["seconds"] = round(entry["seconds"] + report.duration, 3)
        if report.failed:
            entry["outcome"] = "failed"
        elif report.skipped and entry["outcome"] == "passed":
            entry["outcome"] = "skipped"
        counts = dict(report.user_properties).get(CaseCounter.PROPERTY)
        if counts is not None:
            entry["operations"] = json.loads(counts)

    @pytest.hookimpl(trylast=True)
    def pytest_sessionfinish(self, session: pytest.Session) -> None:
        tests = [e for e in self.tests.values() if e["operations"] is not None]
        if not tests or self.config.getoption("collectonly"):
            return
        operations: dict[str, dict[str, Any]] = {}
        for test in tests:
            for label, counts in test["operations"].items():
                total = operations.setdefault(label, {"cases": 0, "failures": 0, "request_seconds": 0.0,
                                                      "statuses": {}})
                total["cases"] += counts["cases"]
                total["failures"] += counts["failures"]
                total["request_seconds"] = round(total["request_seconds"] + counts["request_seconds"], 3)
                for status, number in counts["statuses"].items():
                    total["statuses"][status] = total["statuses"].get(status, 0) + number
        self.data = {
            "generated_by": f"api_tests (schemathesis {schemathesis.__version__})",
            "workers": self._workers(),
            "wall_seconds": round(time.monotonic() - self.started, 1),
            "test_seconds": round(sum(t["seconds"] for t in tests), 1),
            "total_cases": sum(o["cases"] for o in operations.values()),
            "total_failures": sum(o["failures"] for o in operations.values()),
            "failed_tests": sum(t["outcome"] == "failed" for t in tests),
            "operations": dict(sorted(operations.items(), key=lambda item: item[0].split(" ", 1)[::-1])),
            "tests": tests,
        }
        SUMMARY.parent.mkdir(parents=True, exist_ok=True)
        SUMMARY.write_text(json.dumps(self.data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")

    def _workers(self) -> int:
        try:
            return int(getattr(self.config.option, "numprocesses", 0) or 0) or 1
        except (TypeError, ValueError):  # "auto" not resolved
            return 1

    def pytest_terminal_summary(self, terminalreporter) -> None:
        if self.data:
            data = self.data
            terminalreporter.write_line(
                f"schemathesis: {data['total_cases']} cases over {len(data['operations'])} operations in "
                f"{len(data['tests'])} contract tests, {data['total_failures']} failing, "
                f"{data['wall_seconds']} s wall -> {SUMMARY.relative_to(ROOT)}")
