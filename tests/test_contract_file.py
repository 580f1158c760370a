"""The API contract files themselves: valid OpenAPI 3.1, loadable by schemathesis 4, complete.

Checks `contracts/smartconsult.openapi.yaml` (the product API as the suite understands it) and
`contracts/test-support.openapi.yaml` (the suite's test-support API).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import schemathesis
import yaml
from openapi_spec_validator import OpenAPIV31SpecValidator, validate

ROOT = Path(__file__).resolve().parents[1]
CONTRACT = ROOT / "contracts" / "smartconsult.openapi.yaml"
TEST_SUPPORT = ROOT / "contracts" / "test-support.openapi.yaml"

HTTP_METHODS = {"get", "put", "post", "delete", "patch", "head", "options", "trace"}
ERROR_REF = "#/components/schemas/Error"

# API-x.y -> (method, path) exactly as written in the API part of features/SPEC.txt.
SPEC_OPERATIONS = {
    "API-1.1": ("post", "/auth/login/"),
    "API-1.2": ("post", "/auth/refresh/"),
    "API-2.1": ("get", "/experts"),
    "API-2.2": ("get", "/experts/{id}"),
    "API-3.1": ("get", "/appointments/calendar/expert/json"),
    "API-3.2": ("get", "/appointments/calendar/client/json"),
    "API-3.3": ("get", "/appointment/available/timeslots/json"),
    "API-3.4": ("post", "/appointments/calendar/add/schedule/"),
    "API-3.5": ("post", "/appointments/calendar/add/range/"),
    "API-3.6": ("post", "/appointments/add/{expert_id}"),
    "API-3.7": ("post", "/appointments/edit/{appointment_id}"),
    "API-3.8": ("delete", "/appointments/delete/{appointment_id}"),
    "API-3.9": ("post", "/appointments/rate/{appointment_id}"),
    "API-4.1": ("post", "/appointments/checkout/{appointment_id}"),
    "API-4.2": ("post", "/payment/{payment_provider}/callback/"),
    "API-4.3": ("get", "/payment/status/{appointment_id}"),
}

# Operations reachable without a bearer token (binding decisions).
PUBLIC_OPERATIONS = {
    ("post", "/auth/login/"),
    ("post", "/auth/refresh/"),
    ("post", "/auth/register/"),
    ("post", "/auth/password/reset/"),
    ("post", "/payment/{payment_provider}/callback/"),
    ("get", "/categories/"),
    ("get", "/timezones/"),
    ("post", "/profile/restore/"),  # a deleted profile cannot log in (SPEC_NOTES SN-42)
}


def _load(path: Path) -> dict:
    with path.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


@pytest.fixture(scope="module")
def contract() -> dict:
    return _load(CONTRACT)


def _operations(doc: dict):
    for path, item in doc["paths"].items():
        for method, operation in item.items():
            if method in HTTP_METHODS:
                yield method, path, operation


def _resolve(doc: dict, node: dict) -> dict:
    while isinstance(node, dict) and "$ref" in node:
        ref = node["$ref"]
        assert ref.startswith("#/"), f"only local references are expected, got {ref}"
        target = doc
        for part in ref[2:].split("/"):
            target = target[part.replace("~1", "/").replace("~0", "~")]
        node = target
    return node


def test_contract_is_valid_openapi_31(contract):
    assert contract["openapi"].startswith("3.1")
    validate(contract, cls=OpenAPIV31SpecValidator)


def test_contract_loads_in_schemathesis():
    schema = schemathesis.openapi.from_path(CONTRACT)
    labels = []
    for result in schema.get_all_operations():
        labels.append(result.ok().label)  # .ok() raises if an operation failed to load
    assert len(labels) == sum(1 for _ in _operations(_load(CONTRACT)))


def test_every_operation_generates_test_cases():
    """schemathesis can draw requests for every operation (patterns, anyOf formats, form bodies)."""
    from hypothesis import HealthCheck, given, settings

    schema = schemathesis.openapi.from_path(CONTRACT)
    for result in schema.get_all_operations():
        operation = result.ok()
        drawn = []

        @given(operation.as_strategy())
        @settings(max_examples=3, deadline=None, database=None, suppress_health_check=list(HealthCheck))
        def draw(case):
            drawn.append(case)

        draw()
        assert drawn, operation.label


def test_links_build_a_schemathesis_state_machine():
    schema = schemathesis.openapi.from_path(CONTRACT)
    state_machine = schema.as_state_machine()
    transitions = [name for name in dir(state_machine) if "_200_" in name]
    for expected in ("EditAppointment", "CheckoutAppointment", "GetPaymentStatus", "CancelAppointment"):
        assert any(f"_{expected}__" in name for name in transitions), expected


@pytest.mark.parametrize("requirement", sorted(SPEC_OPERATIONS))
def test_spec_operation_present_with_exact_path(contract, requirement):
    method, path = SPEC_OPERATIONS[requirement]
    assert path in contract["paths"], f"{requirement}: path {path} missing"
    operation = contract["paths"][path].get(method)
    assert operation is not None, f"{requirement}: {method.upper()} {path} missing"
    assert operation.get("x-requirement") == requirement
    assert operation.get("x-spec-status") == "specified"
    assert operation.get("operationId")
    assert operation.get("summary")
    assert "Spec " in operation.get("description", ""), "description must quote the spec"


def test_each_requirement_appears_once(contract):
    seen = [op["x-requirement"] for _, _, op in _operations(contract) if "x-requirement" in op]
    assert sorted(seen) == sorted(SPEC_OPERATIONS)


def test_every_operation_has_spec_status_and_unique_id(contract):
    ids = []
    for method, path, operation in _operations(contract):
        assert operation.get("x-spec-status") in {"specified", "assumed"}, f"{method} {path}"
        assert operation.get("operationId"), f"{method} {path}"
        ids.append(operation["operationId"])
    assert len(ids) == len(set(ids)), "operationIds must be unique"


def test_assumed_operations_are_tagged_and_explained(contract):
    spec_pairs = set(SPEC_OPERATIONS.values())
    assumed = []
    for method, path, operation in _operations(contract):
        if operation["x-spec-status"] == "assumed":
            assumed.append((method, path))
            assert "assumed" in operation.get("tags", []), f"{method} {path}"
            assert operation.get("x-screens"), f"{method} {path}: name the screen needing it"
            assert "needed by" in operation.get("description", ""), f"{method} {path}"
            assert "/__test__" not in path
        else:
            assert (method, path) in spec_pairs, f"{method} {path} is not in the API spec"
            assert "assumed" not in operation.get("tags", [])
    assert assumed, "the contract lists the operations the screens need"


def test_every_4xx_response_references_error_schema(contract):
    for method, path, operation in _operations(contract):
        for status, response in operation["responses"].items():
            if not str(status).startswith("4"):
                continue
            resolved = _resolve(contract, response)
            schema = resolved["content"]["application/json"]["schema"]
            assert schema == {"$ref": ERROR_REF}, f"{method} {path} {status}"


def test_error_schema_shape(contract):
    error = contract["components"]["schemas"]["Error"]
    assert error["required"] == ["detail"]
    assert error["additionalProperties"] is False
    field_error = _resolve(contract, error["properties"]["errors"]["items"])
    assert set(field_error["required"]) == {"field", "message"}


def test_security_per_decisions(contract):
    scheme = contract["components"]["securitySchemes"]["bearerAuth"]
    assert (scheme["type"], scheme["scheme"], scheme["bearerFormat"]) == ("http", "bearer", "JWT")
    assert contract["security"] == [{"bearerAuth": []}]
    for method, path, operation in _operations(contract):
        if (method, path) in PUBLIC_OPERATIONS:
            assert operation.get("security") == [], f"{method} {path} must be public"
        else:
            assert "security" not in operation, f"{method} {path} must require the bearer token"
            assert "401" in operation["responses"], f"{method} {path} must document 401"


def test_links_point_to_existing_operations(contract):
    operations = {op["operationId"]: op for _, _, op in _operations(contract)}
    links_seen = 0
    for method, path, operation in _operations(contract):
        for status, response in operation["responses"].items():
            for name, link in _resolve(contract, response).get("links", {}).items():
                links_seen += 1
                target = link.get("operationId")
                assert target in operations, f"{method} {path} {status} {name} -> {target}"
                target_params = {p_name for p_name in _parameter_names(contract, operations[target])}
                for parameter in link.get("parameters", {}):
                    assert parameter.split(".")[-1] in target_params, f"{name}: {parameter}"
    assert links_seen


def _parameter_names(doc: dict, operation: dict):
    for parameter in operation.get("parameters", []):
        yield _resolve(doc, parameter)["name"]


def test_booking_flow_links(contract):
    add = contract["paths"]["/appointments/add/{expert_id}"]["post"]
    links = add["responses"]["200"]["links"]
    targets = {link["operationId"]: link for link in links.values()}
    for target in ("editAppointment", "checkoutAppointment", "getPaymentStatus", "deleteAppointment"):
        assert targets[target]["parameters"] == {"appointment_id": "$response.body#/appointment_id"}
    login = contract["paths"]["/auth/login/"]["post"]
    assert "links" not in login["responses"]["200"]


def test_formats_as_written(contract):
    schemas = contract["components"]["schemas"]
    assert schemas["RangeDateTime"]["pattern"] == r"^\d{2}\.\d{2}\.\d{4} \d{2}:\d{2}$"
    assert schemas["LocalDateTime"]["pattern"] == r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$"
    assert schemas["Date"]["pattern"] == r"^\d{4}-\d{2}-\d{2}$"
    add_body = contract["paths"]["/appointments/add/{expert_id}"]["post"]["requestBody"]["content"]
    edit_body = contract["paths"]["/appointments/edit/{appointment_id}"]["post"]["requestBody"]["content"]
    for content in (add_body, edit_body):
        assert set(content) == {"application/x-www-form-urlencoded", "multipart/form-data"}
    status = schemas["AppointmentStatus"]
    assert status["enum"] == [0, 1, 2, 3, 4]
    assert set(status["x-enum-descriptions"]) == {0, 1, 2, 3, 4}


def test_response_schemas_are_strict(contract):
    """Every object schema reachable from a 2xx response forbids unknown properties."""
    problems = []

    def walk(node, where, seen):
        if isinstance(node, dict):
            if "$ref" in node:
                ref = node["$ref"]
                if ref in seen:
                    return
                walk(_resolve(contract, node), ref, seen | {ref})
                return
            if node.get("type") == "object" or "properties" in node:
                if node.get("additionalProperties") is not False:
                    problems.append(where)
                missing = set(node.get("properties", {})) - set(node.get("required", []))
                if missing:
                    problems.append(f"{where}: not required {sorted(missing)}")
            for key in ("properties",):
                for name, sub in node.get(key, {}).items():
                    walk(sub, f"{where}.{name}", seen)
            for key in ("items", "additionalProperties"):
                if isinstance(node.get(key), dict):
                    walk(node[key], f"{where}[]", seen)
            for key in ("oneOf", "anyOf", "allOf"):
                for sub in node.get(key, []):
                    walk(sub, where, seen)

    for method, path, operation in _operations(contract):
        for status, response in operation["responses"].items():
            if str(status).startswith("2"):
                for content in _resolve(contract, response).get("content", {}).values():
                    walk(content["schema"], f"{method} {path} {status}", frozenset())
    assert not problems, problems


def test_assumed_properties_are_marked(contract):
    appointment = contract["components"]["schemas"]["Appointment"]["properties"]
    for name in ("payment_deadline", "notes", "category"):
        assert appointment[name].get("x-spec-status") == "assumed", name
    for name in ("id", "localized_appointment_datetime", "client", "expert", "status", "created_time", "zoom_link"):
        assert "x-spec-status" not in appointment[name], name


def test_info_describes_both_parts(contract):
    description = contract["info"]["description"]
    assert "Specified operations" in description and "Assumed operations" in description
    assert all(not path.startswith("/__test__") for path in contract["paths"])


def test_test_support_contract_is_valid():
    doc = _load(TEST_SUPPORT)
    validate(doc, cls=OpenAPIV31SpecValidator)
    assert doc["info"]["x-spec-status"] == "test-support"
    operations = list(_operations(doc))
    assert operations
    for method, path, operation in operations:
        assert path.startswith("/__test__/"), path
        assert operation.get("x-spec-status") == "test-support", f"{method} {path}"
    schema = schemathesis.openapi.from_path(TEST_SUPPORT)
    for result in schema.get_all_operations():
        result.ok()


def test_spec_notes_has_headings_and_contents():
    notes = (ROOT / "contracts" / "SPEC_NOTES.md").read_text(encoding="utf-8")
    headings = [line for line in notes.splitlines() if line.startswith("## SN-")]
    assert len(headings) >= 30
    numbers = [int(h.split(":")[0].removeprefix("## SN-")) for h in headings]
    assert numbers == list(range(1, len(numbers) + 1))
    for label in ("**Where:**", "**What:**", "**Decision:**", "**Depends on it:**"):
        assert notes.count(label) == len(headings), label
    contract_text = CONTRACT.read_text(encoding="utf-8")
    import re

    cited = {int(n) for n in re.findall(r"SN-(\d+)", contract_text)}
    assert cited <= set(numbers), f"contract cites unknown notes {sorted(cited - set(numbers))}"


def test_readme_lists_every_assumed_operation() -> None:
    """The README's table of assumed operations stays in step with the contract."""
    import yaml as _yaml
    from pathlib import Path as _Path

    root = _Path(__file__).resolve().parent.parent
    contract = _yaml.safe_load((root / "contracts" / "smartconsult.openapi.yaml").read_text(encoding="utf-8"))
    readme = (root / "README.md").read_text(encoding="utf-8")
    assumed = [f"`{method.upper()} {path}`" for path, item in contract["paths"].items()
               for method, op in item.items() if isinstance(op, dict) and op.get("x-spec-status") == "assumed"]
    missing = [op for op in assumed if op not in readme]
    assert not missing, f"README.md does not list these assumed operations: {missing}"
