"""Steps every domain shares: the people in a scenario, the server clock, and what an API response
must say."""
from __future__ import annotations

from datetime import timedelta

from pytest_bdd import given, parsers, then, when

from fixtures.builders import weekly_schedule
from fixtures.expect import mismatch
from fixtures.timeline import Timeline
from steps import typed


# ---- people --------------------------------------------------------------------------------------


@given("a registered client", target_fixture="client")
def a_registered_client(seeder):
    return seeder.client()


@given(parsers.parse('a registered client in "{zone}"'), target_fixture="client")
def a_registered_client_in(seeder, zone):
    return seeder.client(timezone=zone)


@given("another registered client", target_fixture="other_client")
def another_registered_client(seeder):
    return seeder.client()


@given(parsers.parse("{count:d} registered clients"), target_fixture="clients")
def registered_clients(seeder, count):
    return [seeder.client() for _ in range(count)]


@given(typed("an expert who works every day from {start:Time} to {end:Time}"), target_fixture="expert")
def an_expert_working(seeder, start, end):
    return seeder.expert(schedule=weekly_schedule(start, end))


@given(typed('an expert in "{zone}" who works every day from {start:Time} to {end:Time}'), target_fixture="expert")
def an_expert_in_zone_working(seeder, zone, start, end):
    return seeder.expert(schedule=weekly_schedule(start, end), timezone=zone)


@given(typed("another expert who works every day from {start:Time} to {end:Time}"), target_fixture="other_expert")
def another_expert_working(seeder, start, end):
    return seeder.expert(schedule=weekly_schedule(start, end))


# ---- the server clock ----------------------------------------------------------------------------


@given(typed("the server clock is frozen at {at:Time} {day:Day} in the expert's time zone"), target_fixture="timeline")
def clock_frozen_at(desk, expert, at, day):
    return desk.freeze(Timeline.today_at(at, expert.timezone, day))


@given(typed("the clock has moved to {at:Time} {day:Day} in the expert's time zone"), target_fixture="timeline")
@when(typed("the clock moves to {at:Time} {day:Day} in the expert's time zone"), target_fixture="timeline")
def clock_moves_to(desk, timeline, at, day):
    return desk.freeze(timeline.moved_to(timeline.at(at, day)))


@given(parsers.parse("{minutes:d} minutes have passed"), target_fixture="timeline")
@when(parsers.parse("{minutes:d} minutes have passed"), target_fixture="timeline")
def minutes_pass(desk, timeline, minutes):
    return desk.freeze(timeline.later(timedelta(minutes=minutes)))


# ---- any operation -------------------------------------------------------------------------------


@when(parsers.parse("someone calls {operation} without a token"), target_fixture="response")
def call_without_token(api, operation):
    return api.anonymous(operation)


# ---- responses -----------------------------------------------------------------------------------


@then(parsers.parse("the response status is {status:d}"))
def response_status_is(response, status):
    assert response.status_code == status, mismatch("HTTP status", status, f"{response.status_code} {response.text[:300]}")


@then("the response explains the error")
def response_explains_error(response):
    assert response.json().get("detail", "").strip(), f"error response has no detail: {response.text[:300]}"
