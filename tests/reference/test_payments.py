"""Checkout (API-4.1), provider callback (API-4.2), payment status (API-4.3), sandbox provider."""

from __future__ import annotations

import hashlib
import hmac

import pytest
from refkit import TUESDAY, Api, World


@pytest.fixture
def w(api: Api) -> World:
    return World(api)


def secret(w: World) -> str:
    return w.api.get("/__test__/settings").json()["payment_callback_secret"]


def checkout(w: World, aid: int, token=None, provider="sandbox-card"):
    return w.api.post(f"/appointments/checkout/{aid}", token or w.client, json={"payment_provider": provider})


def payment_id(r) -> str:
    return r.json()["checkout_url"].rsplit("/", 1)[1]


def callback(w: World, pid: str, aid: int, status: str, signature: str | None = None, provider="sandbox-card"):
    if signature is None:
        signature = hmac.new(secret(w).encode(), f"{pid}:{aid}:{status}".encode(), hashlib.sha256).hexdigest()
    return w.api.post(f"/payment/{provider}/callback/",
                      json={"payment_id": pid, "appointment_id": aid, "status": status, "signature": signature})


def status_of(w: World, aid: int, token=None) -> str:
    r = w.api.get(f"/payment/status/{aid}", token or w.client)
    assert r.status_code == 200, r.text
    return r.json()["status"]


def test_checkout_happy_path_through_sandbox(w: World):
    aid = w.booked(TUESDAY, "10:00")
    assert status_of(w, aid) == "unpaid"
    r = checkout(w, aid)
    assert r.status_code == 200 and set(r.json()) == {"checkout_url"}
    url = r.json()["checkout_url"]
    assert url.startswith("http://testserver/sandbox/pay/")
    assert status_of(w, aid) == "pending"
    page = w.api.get(url.replace("http://testserver", ""))
    assert page.status_code == 200 and 'data-testid="sandbox-pay"' in page.text and 'data-testid="sandbox-fail"' in page.text
    r = w.api.c.post(f"/sandbox/pay/{payment_id(r)}/complete", data={"outcome": "paid"}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == f"/#/checkout/{aid}?returned=1"
    assert status_of(w, aid) == "paid" and status_of(w, aid, w.expert_token) == "paid"
    a = w.appointment(aid)
    assert (a["status"], a["payment_deadline"]) == (1, None)
    assert checkout(w, aid).status_code == 409  # already paid


def test_failed_payment_keeps_hold_and_can_be_retried(w: World):
    aid = w.booked(TUESDAY, "10:00")
    w.pay(aid, outcome="failed")
    assert status_of(w, aid) == "failed"
    assert w.appointment(aid)["status"] == 0
    w.pay(aid)
    assert status_of(w, aid) == "paid"


def test_checkout_rules(w: World):
    aid = w.booked(TUESDAY, "10:00")
    assert checkout(w, aid, provider="paypal").status_code == 400
    assert checkout(w, aid, w.client2).status_code == 403
    assert checkout(w, 999999).status_code == 404
    assert w.api.get(f"/payment/status/{aid}", w.client2).status_code == 403
    assert w.api.get("/payment/status/999999", w.client).status_code == 404
    assert checkout(w, aid, provider="sandbox-sbp").status_code == 200
    w.api.clock("2030-01-07T06:15:00Z")  # hold lapsed
    assert checkout(w, aid).status_code == 409
    w.api.faults("checkout-expired-hold-allowed")
    assert checkout(w, aid).status_code == 200


def test_callback_signature_and_unknown_ids(w: World):
    aid = w.booked(TUESDAY, "10:00")
    pid = payment_id(checkout(w, aid))
    assert callback(w, pid, aid, "paid", signature="00" * 32).status_code == 403
    assert w.api.post("/payment/sandbox-card/callback/",
                      json={"payment_id": pid, "appointment_id": aid, "status": "paid"}).status_code == 403
    assert callback(w, "pay_unknown", aid, "paid").status_code == 404
    assert callback(w, pid, aid + 1, "paid").status_code == 404
    assert callback(w, pid, aid, "weird").status_code == 400
    r = callback(w, pid, aid, "paid")
    assert r.status_code == 200 and r.json() == {"result": "success"}
    assert callback(w, pid, aid, "paid").status_code == 200  # idempotent
    assert status_of(w, aid) == "paid"


def test_callback_faults(w: World):
    aid = w.booked(TUESDAY, "10:00")
    pid = payment_id(checkout(w, aid))
    w.api.faults("callback-unknown-id-500")
    assert callback(w, "pay_unknown", aid, "paid").status_code == 500
    assert callback(w, "pay_unknown", aid, "paid").json() == {"detail": "Internal server error"}
    w.api.faults("callback-signature-unchecked")
    assert callback(w, pid, aid, "paid", signature="bad").status_code == 200
    assert status_of(w, aid) == "paid"


def test_fault_callback_failed_marks_paid(w: World):
    aid = w.booked(TUESDAY, "10:00")
    w.api.faults("callback-failed-marks-paid")
    w.pay(aid, outcome="failed")
    assert status_of(w, aid) == "paid"


def test_late_payment_never_leaves_two_paid_bookings(w: World):
    a = w.booked(TUESDAY, "10:00")
    late_pid = payment_id(checkout(w, a))
    w.api.clock("2030-01-07T06:20:00Z")  # A's hold lapsed
    b = w.booked(TUESDAY, "10:00", w.client2)
    w.pay(b, w.client2)
    assert callback(w, late_pid, a, "paid").status_code == 200
    assert status_of(w, a) == "failed" and status_of(w, b, w.client2) == "paid"
    assert w.appointment(a)["status"] == 4


def test_late_payment_for_a_cancelled_booking_is_refunded(w: World):
    a = w.booked(TUESDAY, "10:00")
    pid = payment_id(checkout(w, a))
    w.api.delete(f"/appointments/delete/{a}", w.client)
    assert callback(w, pid, a, "paid").status_code == 200
    assert status_of(w, a) == "failed" and w.appointment(a)["status"] == 3


def test_fault_late_payment_double_paid(w: World):
    a = w.booked(TUESDAY, "10:00")
    late_pid = payment_id(checkout(w, a))
    w.api.clock("2030-01-07T06:20:00Z")
    b = w.booked(TUESDAY, "10:00", w.client2)
    w.pay(b, w.client2)
    w.api.faults("late-payment-double-paid")
    callback(w, late_pid, a, "paid")
    assert status_of(w, a) == "paid" and status_of(w, b, w.client2) == "paid"


@pytest.mark.parametrize("fault, expected", [("payment-status-wrong-value", "success"),
                                             ("payment-status-pending-as-unpaid", "unpaid")])
def test_payment_status_faults(w: World, fault, expected):
    aid = w.booked(TUESDAY, "10:00")
    pid = payment_id(checkout(w, aid))
    w.api.faults(fault)
    if fault == "payment-status-wrong-value":
        callback(w, pid, aid, "paid")
    assert status_of(w, aid) == expected


def test_fault_checkout_url_missing(w: World):
    aid = w.booked(TUESDAY, "10:00")
    w.api.faults("checkout-url-missing")
    assert "checkout_url" not in checkout(w, aid).json()


def test_sandbox_unknown_payment(w: World):
    assert w.api.get("/sandbox/pay/pay_nope").status_code == 404
    assert w.api.c.post("/sandbox/pay/pay_nope/complete", data={"outcome": "paid"}).status_code == 404
