"""Paying for a booking: API 4.1–4.3, the sandbox provider's page and its callbacks, and the payment
hold (screen 9)."""
from __future__ import annotations

from pytest_bdd import given, parsers, then, when

from fixtures import appointments as ap
from fixtures import payments
from fixtures import timeline as tl
from fixtures.expect import mismatch
from steps import typed

NO_SUCH_ID = 10**9

# ---- the payment hold ----------------------------------------------------------------------------


@given("the payment hold of the booking has lapsed", target_fixture="timeline")
@when("the payment hold of the booking lapses", target_fixture="timeline")
def hold_lapses(desk, timeline, booking):
    return desk.freeze(timeline.moved_to(tl.after_deadline(desk.payment_deadline(booking))))


# ---- checkout (API-4.1) --------------------------------------------------------------------------


@when(typed('{who:Role} checks out the booking with "{provider}"'), target_fixture="response")
def check_out(desk, request, booking, who, provider):
    return desk.checkout(ap.cast(request, who), booking, provider)


@given(parsers.parse('the client has checked out the booking with "{provider}"'), target_fixture="checkout_url")
def has_checked_out(desk, booking, provider):
    return desk.checked_out(booking, provider)


@given("the client has paid for the booking")
def has_paid(desk, booking):
    desk.paid(booking)


@given(typed("the other client has booked and paid for the expert at {at:Time} {day:Day}"), target_fixture="other_booking")
def other_has_booked_and_paid(desk, other_client, expert, timeline, at, day):
    return desk.paid(desk.booked(other_client, expert, timeline.at(at, day, other_client.timezone)))


@when(parsers.parse('the client checks out a booking that does not exist with "{provider}"'), target_fixture="response")
def check_out_unknown(api, client, provider):
    return api.checkout(api.access_token(client), NO_SUCH_ID, provider)


@then("the checkout link opens the provider's payment page")
def checkout_link_opens_page(desk, response):
    page = desk.sandbox.page(response.json()["checkout_url"])
    assert page.has_buttons("pay", "fail"), f"the checkout link does not open a page with Pay and Fail buttons: {page.describe()}"


# ---- the provider's page and callbacks (API-4.2) -------------------------------------------------


@when("the client pays on the provider's page", target_fixture="provider_response")
def pay_on_page(desk, checkout_url):
    return desk.pay_on_provider_page(checkout_url, "pay")


@when("the client's payment fails on the provider's page", target_fixture="provider_response")
def fail_on_page(desk, checkout_url):
    return desk.pay_on_provider_page(checkout_url, "fail")


@then("the provider sends the client back to the app's checkout screen")
def provider_returns_to_app(provider_response, booking):
    expected, answer = (303, f"/checkout/{booking.id}?returned=1"), payments.redirect_of(provider_response)
    assert answer == expected, mismatch("the provider's redirect (status, app route)", expected, answer)


@when(parsers.parse('someone sends a "{status}" callback for the payment {how}'), target_fixture="response")
def forged_callback(api, support, booking, checkout_url, status, how):
    return api.callback("sandbox-card", payments.forged_callback(how, support.settings(), checkout_url, booking.id, status))


@when(parsers.parse('the provider sends a signed "{status}" callback for {what}'), target_fixture="response")
def signed_callback_for_unknown(api, support, booking, checkout_url, status, what):
    return api.callback("sandbox-card", payments.callback_for_unknown(what, support.settings(), checkout_url, booking.id, status))


@when("the provider confirms the client's payment with a signed callback", target_fixture="response")
def late_signed_callback(api, support, booking, checkout_url):
    return api.callback("sandbox-card", payments.genuine_callback(support.settings(), checkout_url, booking.id, "paid"))


# ---- payment status (API-4.3) --------------------------------------------------------------------


@when(typed("{who:Role} asks for the payment status of the booking"), target_fixture="response")
def ask_payment_status(desk, request, booking, who):
    return desk.payment_status(ap.cast(request, who), booking)


@when("the client asks for the payment status of a booking that does not exist", target_fixture="response")
def ask_unknown_payment_status(api, client):
    return api.payment_status(api.access_token(client), NO_SUCH_ID)


@then(parsers.parse('the payment status is "{status}"'))
def payment_status_is(response, status):
    assert response.json()["status"] == status, mismatch("payment status", status, response.json()["status"])


@then(parsers.parse('the payment status of the booking is "{status}"'))
def booking_payment_status_is(desk, booking, status):
    reported = desk.payment_status_of(booking)
    assert reported == status, mismatch("payment status of the booking", status, reported)
