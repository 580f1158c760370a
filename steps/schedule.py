"""The expert's working schedule: API 3.4 (weekly schedule) and 3.5 (extra ranges) — screen 12."""
from __future__ import annotations

from pytest_bdd import given, parsers, then, when

from fixtures import appointments as ap
from fixtures import builders as b
from fixtures.expect import mismatch
from steps import typed

# ---- weekly schedule (API-3.4) -------------------------------------------------------------------


@when(typed("{who:Role} sets a weekly schedule of every day from {start:Time} to {end:Time}"), target_fixture="response")
def set_schedule(api, request, who, start, end):
    return api.set_weekly_schedule(api.access_token(ap.cast(request, who)), b.weekly_schedule(start, end))


@when(typed("the expert sets a weekly schedule of every day from {start:Time} to {end:Time} except the day {day:Day}"),
      target_fixture="response")
def set_schedule_with_day_off(api, expert, timeline, start, end, day):
    return api.set_weekly_schedule(api.access_token(expert), b.weekly_schedule(start, end, (timeline.date(day),)))


@given(typed("the expert's weekly schedule is every day from {start:Time} to {end:Time} except the day {day:Day}"))
def schedule_with_day_off(api, expert, timeline, start, end, day):
    response = api.set_weekly_schedule(api.access_token(expert), b.weekly_schedule(start, end, (timeline.date(day),)))
    ap.ok(response, "setting the weekly schedule")


@when(typed("the expert sets a weekly schedule with one work day from {start:Time} to {end:Time}"), target_fixture="response")
def set_schedule_one_day(api, expert, start, end):
    return api.set_weekly_schedule(api.access_token(expert), b.schedule_with_day(1, start, end))


@when(parsers.parse("the expert sends a weekly schedule {problem}"), target_fixture="response")
def send_broken_schedule(api, expert, problem):
    return api.set_weekly_schedule(api.access_token(expert), b.broken_schedule(problem))


@then(typed("the expert's weekly schedule reads back as every day from {start:Time} to {end:Time} except the day {day:Day}"))
def schedule_reads_back(api, expert, timeline, start, end, day):
    expected = list(b.weekly_schedule(start, end, (timeline.date(day),)))
    read = ap.ok(api.weekly_schedule(api.access_token(expert)), "reading the weekly schedule").json()["workdays"]
    assert read == expected, mismatch("weekly schedule read back", expected, read)


# ---- extra ranges (API-3.5) ----------------------------------------------------------------------


@when(typed("{who:Role} adds a {kind:RangeKind} range from {start:Time} to {end:Time} {day:Day}"), target_fixture="response")
def add_range(desk, request, timeline, who, kind, start, end, day):
    return desk.add_range(ap.cast(request, who), timeline, kind, start, end, day)


@given(typed("the expert has added a {kind:RangeKind} range from {start:Time} to {end:Time} {day:Day}"))
def has_added_range(desk, expert, timeline, kind, start, end, day):
    ap.ok(desk.add_range(expert, timeline, kind, start, end, day), "adding an extra range")


@when(parsers.parse("the expert adds a range {problem}"), target_fixture="response")
def add_malformed_range(api, expert, timeline, problem):
    return api.add_range(api.access_token(expert), *ap.malformed_range(problem, timeline, expert.timezone))
