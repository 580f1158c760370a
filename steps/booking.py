"""Booking a consultation and the free slots: API 3.3 and 3.6 (screen 8)."""
from __future__ import annotations

from pytest_bdd import given, parsers, then, when

from fixtures import appointments as ap
from fixtures.expect import mismatch
from steps import typed

NO_SUCH_ID = 10**9

# ---- bookings already made -----------------------------------------------------------------------


@given(typed("the client has booked the expert at {at:Time} {day:Day}"), target_fixture="booking")
def client_has_booked(desk, client, expert, timeline, at, day):
    return desk.booked(client, expert, timeline.at(at, day, client.timezone))


@given(typed("the other client has booked the expert at {at:Time} {day:Day}"), target_fixture="other_booking")
def other_client_has_booked(desk, other_client, expert, timeline, at, day):
    return desk.booked(other_client, expert, timeline.at(at, day, other_client.timezone))


@given(typed("the expert has booked the other expert at {at:Time} {day:Day}"), target_fixture="booking")
def expert_has_booked_other(desk, expert, other_expert, timeline, at, day):
    return desk.booked(expert, other_expert, timeline.at(at, day, expert.timezone))


@given(typed("the client has {kind:Kind} booking with the expert at {at:Time} {day:Day}"), target_fixture="booking")
def client_has_booking_of_kind(desk, client, expert, timeline, kind, at, day):
    return ap.with_kind(desk, client, expert, timeline.at(at, day, client.timezone), kind)


@given(typed("the other client has {kind:Kind} booking with the expert at {at:Time} {day:Day}"), target_fixture="other_booking")
def other_client_has_booking_of_kind(desk, other_client, expert, timeline, kind, at, day):
    return ap.with_kind(desk, other_client, expert, timeline.at(at, day, other_client.timezone), kind)


@given("the client has written a comment", target_fixture="comment")
def written_comment(builders):
    return builders.comment()


# ---- booking -------------------------------------------------------------------------------------


@when(typed("{who:Role} books the expert at {at:Time} {day:Day}"), target_fixture="response")
def book(desk, request, expert, timeline, who, at, day):
    person = ap.cast(request, who)
    return desk.book(person, expert, timeline.at(at, day, person.timezone))


@when(typed("the client books the expert at {at:Time} {day:Day} with the comment, sent as {encoding}"), target_fixture="response")
def book_with_comment(desk, client, expert, timeline, comment, at, day, encoding):
    return desk.book(client, expert, timeline.at(at, day, client.timezone), comment, multipart=encoding.startswith("multipart"))


@when(typed("the client books the expert at {at:Time} {day:Day} naming the other expert in the form"), target_fixture="response")
def book_naming_other_expert(desk, client, expert, other_expert, timeline, at, day):
    return desk.book(client, expert, timeline.at(at, day, client.timezone), form={"expert": other_expert.id})


@when(parsers.re(r'the client books the expert with (?P<field>\w+) "(?P<value>[^"]*)"'), target_fixture="response")
def book_with_malformed(api, client, expert, timeline, field, value):
    form = ap.form_with(field, value, timeline, client)
    return api.book(api.access_token(client), expert.id, form["appointment_date"], form["appointment_time"])


@when("the client books an expert that does not exist", target_fixture="response")
def book_unknown_expert(api, client, timeline):
    return api.book(api.access_token(client), NO_SUCH_ID, timeline.iso_date(2), "11:00")


@when(typed("the expert books themselves at {at:Time} {day:Day}"), target_fixture="response")
def book_oneself(desk, expert, timeline, at, day):
    return desk.book(expert, expert, timeline.at(at, day, expert.timezone))


@when(typed("the expert books the other expert at {at:Time} {day:Day}"), target_fixture="response")
def book_other_expert(desk, expert, other_expert, timeline, at, day):
    return desk.book(expert, other_expert, timeline.at(at, day, expert.timezone))


@when(typed("the {count:d} clients book the expert at {at:Time} {day:Day} at the same moment"), target_fixture="responses")
def book_at_once(desk, clients, expert, timeline, count, at, day):
    return desk.book_at_once(clients[:count], expert, timeline.at(at, day, expert.timezone))


@then(parsers.parse("exactly {count:d} of the bookings succeeds"))
def bookings_succeed(responses, count):
    outcomes = ap.outcomes(responses)
    assert outcomes.count(200) == count, f"expected exactly {count} successful booking(s) of the slot, got outcomes {outcomes}"


@then(parsers.parse("the other {count:d} are refused with {status:d} and a message"))
def others_refused(responses, count, status):
    refused = [r for r in responses if not isinstance(r, Exception) and r.status_code == status and r.json().get("detail")]
    assert len(refused) == count, f"expected {count} refusals {status} with a detail, got outcomes {ap.outcomes(responses)}"


@then("none of the requests failed with a server error")
def no_server_errors(responses):
    broken = [o for o in ap.outcomes(responses) if not isinstance(o, int) or o >= 500]
    assert not broken, f"requests failed on the server or the connection: {broken}"


# ---- free slots ----------------------------------------------------------------------------------


@when(typed("the client asks for the expert's free slots {day:Day}"), target_fixture="response")
def ask_free_slots(api, client, expert, timeline, day):
    return api.timeslots(api.access_token(client), expert.id, timeline.iso_date(day))


@when(parsers.parse('the client asks for the expert\'s free slots on "{date}"'), target_fixture="response")
def ask_free_slots_on(api, client, expert, date):
    return api.timeslots(api.access_token(client), expert.id, date)


@when("the client asks for the free slots of an expert that does not exist", target_fixture="response")
def ask_unknown_expert_slots(api, client):
    return api.timeslots(api.access_token(client), NO_SUCH_ID, "2030-01-01")


@then(typed("the offered slots are {times:Times}"))
def offered_slots_are(response, times):
    assert response.json() == times, mismatch("offered slots", times, response.json())


@then(typed("{who:Role} is offered {times:Times} {day:Day}"))
@then(typed("{who:Role} is still offered {times:Times} {day:Day}"))
def is_offered(desk, request, expert, timeline, who, times, day):
    offered = desk.free_slots(ap.cast(request, who), expert, timeline.date(day))
    assert offered == times, mismatch(f"free slots of the expert on {timeline.date(day)}", times, offered)


@then(typed("{who:Role} is offered {times:Times} of the other expert {day:Day}"))
def is_offered_other_expert(desk, request, other_expert, timeline, who, times, day):
    offered = desk.free_slots(ap.cast(request, who), other_expert, timeline.date(day))
    assert offered == times, mismatch(f"free slots of the other expert on {timeline.date(day)}", times, offered)


# ---- what the booking looks like afterwards -------------------------------------------------------


@then(typed("the client's calendar shows a booking with the expert at {at:Time} {day:Day} {status:Status}"))
def client_calendar_shows(desk, client, expert, timeline, at, day, status):
    start = timeline.at(at, day, client.timezone)
    found = ap.booking_in_calendar(desk, client, expert, start)
    assert found and found["status"] == status, ap.calendar_mismatch(desk, client, start, status)


@then(typed("the client's calendar shows the comment on the booking at {at:Time} {day:Day}"))
def client_calendar_shows_comment(desk, client, expert, timeline, comment, at, day):
    found = ap.booking_in_calendar(desk, client, expert, timeline.at(at, day, client.timezone)) or {}
    assert found.get("notes") == comment, mismatch("comment of the booking", comment, found.get("notes"))


@then("the new booking must be paid within the payment hold from now")
def new_booking_deadline(desk, client, expert, response):
    booking = ap.Booking(response.json()["appointment_id"], client, expert, desk.server_now())
    assert desk.payment_deadline(booking) == ap.hold_ends(desk, client), ap.deadline_mismatch(desk, booking)


@then("the booking must be paid within the payment hold from now")
def booking_deadline(desk, booking):
    assert desk.payment_deadline(booking) == ap.hold_ends(desk, booking.client), ap.deadline_mismatch(desk, booking)


@then(typed("the expert's calendar holds exactly {count:d} booking at {at:Time} {day:Day}"))
def expert_calendar_holds(desk, expert, timeline, count, at, day):
    entries = desk.expert_entries_at(expert, timeline.at(at, day, expert.timezone))
    assert len(entries) == count, \
        mismatch(f"bookings at {at:%H:%M} in the expert's calendar", count, ap.describe_entries(entries))


@then(typed("the expert's calendar holds exactly {count:d} paid booking at {at:Time} {day:Day}"))
def expert_calendar_holds_paid(desk, expert, timeline, count, at, day):
    entries = desk.expert_entries_at(expert, timeline.at(at, day, expert.timezone), status=ap.STATUS["paid"])
    assert len(entries) == count, \
        mismatch(f"paid bookings at {at:%H:%M} in the expert's calendar", count, ap.describe_entries(entries))
