"""Stateless contract tests: every operation of contracts/smartconsult.openapi.yaml, with positive
and negative data, against the target, with schemathesis' checks (settings: contracts/schemathesis.toml).

One test per operation (`test_<operationId>`), so each carries the static mark of its
`x-requirement` (`-m "API-3.6"` selects the booking test) or `assumed`, and xdist spreads the
operations over the workers. Public operations need nothing; the others get a seeded account's
token and seeded ids (api_tests/conftest.py).

Checks: all of schemathesis' default checks run for every operation, except
`positive_data_acceptance` (schema-valid data must not get 400) for getExpertCalendar,
getClientCalendar, setWeeklySchedule, addExtraRange, addAppointment, editAppointment, register,
updateProfile, changePassword, uploadAvatar and updateQuestionnaire: their validity depends on
rules JSON Schema cannot state (start before end, dates that exist, a real IANA zone, the password
policy and its confirmation, an image that decodes, price limits from another endpoint, this
expert's categories), and the contract rightly answers 400 to such schema-valid data. The reasons
per operation are in contracts/schemathesis.toml and contracts/SPEC_NOTES.md SN-52.
No operation is excluded.
"""
from __future__ import annotations

import schemathesis

from api_tests.harness import Operation, contract_operations


def _contract_test(operation: Operation):
    fixture = "public_contract" if operation.public else "seeded_contract"
    contract = schemathesis.pytest.from_fixture(fixture).include(operation_id=operation.operation_id)

    @contract.parametrize()
    def test(case, case_counter):
        case_counter.call_and_validate(case)

    test.__doc__ = f"{operation.label} ({operation.requirement or 'assumed'}) honours the contract."
    for mark in operation.marks():
        test = mark(test)
    return test


for _operation in contract_operations():
    globals()[f"test_{_operation.operation_id}"] = _contract_test(_operation)
