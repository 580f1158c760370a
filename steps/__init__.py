"""Step definitions, grouped by domain; loaded as plugins by the root conftest.py.

`typed(pattern)` is the step parser of the suite: `parsers.parse` with typed parameters —
{at:Time} "10:00", {day:Day} "in 2 days", {lead:Lead} "2 hours and 1 second", {times:Times}
"09:00, 10:00", {who:Role} "the other client", {status:Status} "awaiting payment",
{kind:RangeKind} "non-working", {booking:Kind} "a paid".
"""
from pytest_bdd import parsers

from fixtures import appointments, timeline

STEP_TYPES = {**timeline.STEP_TYPES, **appointments.STEP_TYPES}


def typed(pattern: str) -> parsers.parse:
    return parsers.parse(pattern, extra_types=STEP_TYPES)
