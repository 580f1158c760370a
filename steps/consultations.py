"""The consultations: calendars, rescheduling, cancelling and rating — API 3.1, 3.2, 3.7–3.9
(screen 10)."""
from __future__ import annotations

from pytest_bdd import given, parsers, then, when

from fixtures import appointments as ap
from fixtures import timeline as tl
from fixtures.expect import mismatch, promises_refund
from steps import typed

NO_SUCH_ID = 10**9

# ---- the clock around a booking ------------------------------------------------------------------


@when(typed("it is {lead:Lead} before the start of the booking"), target_fixture="timeline")
def before_the_start(desk, timeline, booking, lead):
    return desk.freeze(timeline.moved_to(tl.before_start(booking.start, lead)))


@given("the consultation has ended", target_fixture="timeline")
@when("the consultation has ended", target_fixture="timeline")
def consultation_ended(desk, timeline, booking):
    return desk.freeze(timeline.moved_to(tl.after_end(booking.start)))


# ---- calendars (API-3.1, 3.2) --------------------------------------------------------------------


@when(typed("the expert opens their calendar from {first:Day} to {last:Day}"), target_fixture="response")
def expert_opens_calendar(api, expert, timeline, first, last):
    return api.expert_calendar(api.access_token(expert), expert.id, timeline.iso_date(first), timeline.iso_date(last))


@when(parsers.parse('the expert opens their calendar from "{first}" to "{last}"'), target_fixture="response")
def expert_opens_calendar_raw(api, expert, first, last):
    return api.expert_calendar(api.access_token(expert), expert.id, first, last)


@when("the expert opens their calendar without a start", target_fixture="response")
def expert_opens_calendar_without_start(api, expert, timeline):
    return api.expert_calendar(api.access_token(expert), expert.id, None, timeline.iso_date(3))


@when(typed("the client opens the expert's calendar from {first:Day} to {last:Day}"), target_fixture="response")
def client_opens_expert_calendar(api, client, expert, timeline, first, last):
    return api.expert_calendar(api.access_token(client), expert.id, timeline.iso_date(first), timeline.iso_date(last))


@when("the client opens the calendar of an expert that does not exist", target_fixture="response")
def client_opens_unknown_calendar(api, client):
    return api.expert_calendar(api.access_token(client), NO_SUCH_ID, "2030-01-01", "2030-01-07")


@when("the client opens their calendar", target_fixture="response")
def client_opens_calendar(api, client):
    return api.client_calendar(api.access_token(client))


@when(typed("the client opens their calendar from {first:Day} to {last:Day}"), target_fixture="response")
def client_opens_calendar_for(api, client, timeline, first, last):
    return api.client_calendar(api.access_token(client), start=timeline.iso_date(first), end=timeline.iso_date(last))


@then(typed("the calendar's working time is {start:Time} to {end:Time} on every day from {first:Day} to {last:Day}"))
def working_time_is(response, timeline, start, end, first, last):
    expected, listed = ap.expected_working_time(timeline, first, last, start, end), response.json()["data"]["schedule"]
    assert listed == expected, mismatch("working time (schedule)", expected, listed)


@then("the calendar lists as the expert's bookings:")
def lists_as_expert(response, expert, timeline, datatable):
    expected = ap.expected_bookings(datatable, timeline, expert.timezone)
    assert ap.listed_bookings(ap.as_expert(response)) == expected, \
        mismatch("the expert's bookings (as_expert)", expected, ap.listed_bookings(ap.as_expert(response)))


@then("the calendar lists as the expert's bookings as a client:")
def lists_as_client(response, expert, timeline, datatable):
    expected = ap.expected_bookings(datatable, timeline, expert.timezone)
    assert ap.listed_bookings(ap.as_client(response)) == expected, \
        mismatch("the expert's bookings as a client (as_client)", expected, ap.listed_bookings(ap.as_client(response)))


@then("the calendar lists no bookings as the expert")
def lists_no_expert_bookings(response):
    assert ap.as_expert(response) == [], f"as_expert should be empty, it lists {ap.describe_entries(ap.as_expert(response))}"


@then("the calendar lists no bookings as a client")
def lists_no_client_bookings(response):
    assert ap.as_client(response) == [], f"as_client should be empty, it lists {ap.describe_entries(ap.as_client(response))}"


@then("the calendar lists the extra ranges:")
def lists_extra_ranges(response, expert, timeline, datatable):
    expected, listed = ap.expected_ranges(datatable, timeline, expert.timezone), ap.listed_ranges(response)
    assert listed == expected, mismatch("extra ranges (extra_dates)", expected, listed)


@then("the client's calendar lists exactly:")
def client_calendar_lists(response, client, timeline, datatable):
    expected = ap.expected_bookings(datatable, timeline, client.timezone)
    assert ap.listed_bookings(ap.as_client(response)) == expected, \
        mismatch("the client's calendar", expected, ap.listed_bookings(ap.as_client(response)))


@then("the client's calendar does not list the booking")
def client_calendar_hides(desk, booking):
    listed = [e["id"] for e in desk.client_calendar(booking.client)]
    assert booking.id not in listed, f"{booking.describe()} is still in the client's calendar"


@then(typed("the expert's calendar shows the booking at {at:Time} {day:Day}"))
def expert_calendar_shows(desk, expert, booking, timeline, at, day):
    expected, shown = tl.calendar_datetime(timeline.at(at, day, expert.timezone), expert.timezone), desk.shown_to_expert(booking)
    assert shown == expected, mismatch("the booking's time in the expert's calendar", expected, shown)


@then("every paid booking in the client's calendar has a meeting link and every unpaid one has none")
def meeting_links(response):
    links = ap.meeting_links(ap.as_client(response))
    assert links == {"paid": True, "awaiting payment": False}, f"meeting link present, by status: {links}"


# ---- rescheduling (API-3.7) ----------------------------------------------------------------------


@when(typed("{who:Role} moves the booking to {at:Time} {day:Day}"), target_fixture="response")
def move_booking(desk, request, booking, timeline, who, at, day):
    person = ap.cast(request, who)
    return desk.move(person, booking, timeline.at(at, day, person.timezone))


@when(typed("the client moves the booking to {at:Time} {day:Day} with the comment"), target_fixture="response")
def move_booking_with_comment(desk, client, booking, timeline, comment, at, day):
    return desk.move(client, booking, timeline.at(at, day, client.timezone), notes=comment)


@when(typed("the client moves the booking to {at:Time} {day:Day} naming the other expert in the form"), target_fixture="response")
def move_booking_to_other_expert(desk, client, booking, other_expert, timeline, at, day):
    return desk.move(client, booking, timeline.at(at, day, client.timezone), form={"expert": other_expert.id})


@when(parsers.re(r'the client moves the booking with (?P<field>\w+) "(?P<value>[^"]*)"'), target_fixture="response")
def move_with_malformed(api, client, booking, timeline, field, value):
    form = ap.form_with(field, value, timeline, client)
    return api.edit(api.access_token(client), booking.id, form["appointment_date"], form["appointment_time"])


@when("the client moves a booking that does not exist", target_fixture="response")
def move_unknown(api, client, timeline):
    return api.edit(api.access_token(client), NO_SUCH_ID, timeline.iso_date(3), "15:00")


@then("the booking is still with the expert")
def still_with_expert(desk, booking):
    entry = desk.entry_of(booking)
    assert entry["expert"]["id"] == booking.expert.id, mismatch("expert of the booking", booking.expert.id, entry["expert"])


# ---- cancelling (API-3.8) ------------------------------------------------------------------------


@given("the client has cancelled the booking")
def client_has_cancelled(desk, booking):
    ap.ok(desk.cancel(booking.client, booking), f"cancelling {booking.describe()}")


@when(typed("{who:Role} cancels the booking"), target_fixture="response")
def cancel_booking(desk, request, booking, who):
    return desk.cancel(ap.cast(request, who), booking)


@when("the client cancels a booking that does not exist", target_fixture="response")
def cancel_unknown(api, client):
    return api.cancel(api.access_token(client), NO_SUCH_ID)


@then("the cancellation message says the payment is refunded")
def message_says_refunded(response):
    message = response.json()["message"]
    assert promises_refund(message), f"the cancellation message should say the money is refunded: {message!r}"


@then("the cancellation message says nothing is refunded")
def message_says_not_refunded(response):
    message = response.json()["message"]
    assert not promises_refund(message), f"the cancellation message should say nothing is refunded: {message!r}"


# ---- rating (API-3.9) ----------------------------------------------------------------------------


@given("the client has written a review", target_fixture="review")
def written_review(builders):
    return builders.review()


@given(parsers.parse("the client has rated the consultation {rating:d}"))
def client_has_rated(desk, booking, rating):
    ap.ok(desk.rate(booking.client, booking, rating), f"rating {booking.describe()}")


@when(typed("{who:Role} rates the consultation {rating:d}"), target_fixture="response")
def rate(desk, request, booking, who, rating):
    return desk.rate(ap.cast(request, who), booking, rating)


@when(parsers.parse("the client rates the consultation {rating:d} with the review"), target_fixture="response")
def rate_with_review(desk, booking, review, rating):
    return desk.rate(booking.client, booking, rating, review)


@when("the client rates a booking that does not exist", target_fixture="response")
def rate_unknown(api, client):
    return api.rate(api.access_token(client), NO_SUCH_ID, 5)


@then(parsers.parse("the expert's reviews show the client's rating of {rating:d} with the review"))
def reviews_show(desk, booking, review, rating):
    shown = ap.reviews_by(desk, booking.expert, booking.client)
    assert (rating, review) in shown, mismatch("the client's reviews of the expert (rating, text)", [(rating, review)], shown)
