"""Slots, booking, holds, edit/cancel (2-hour rule), rating."""

from __future__ import annotations

import pytest
from refkit import MONDAY, TUESDAY, Api, World

ALL_DAY = ["09:00", "10:00", "11:00", "12:00", "13:00", "14:00", "15:00", "16:00", "17:00"]


@pytest.fixture
def w(api: Api) -> World:
    return World(api)


# ----------------------------------------------------------------------------- timeslots
def test_timeslots_follow_schedule_and_hide_past(w: World):
    assert w.slots(MONDAY) == ALL_DAY[1:]  # 09:00 is "now": never offered
    assert w.slots(TUESDAY) == ALL_DAY
    assert w.slots("2030-01-12") == []  # Saturday
    assert w.slots("2030-01-06") == []  # the past


def test_fault_past_slots_offered(w: World):
    w.api.faults("past-slots-offered")
    assert w.slots(MONDAY) == ALL_DAY
    assert w.slots("2030-01-04") == ALL_DAY  # last Friday


def test_timeslots_in_client_time_zone(api: Api):
    w = World(api, client_tz="Asia/Yekaterinburg")  # UTC+5, expert is UTC+3
    assert w.slots(TUESDAY) == ["11:00", "12:00", "13:00", "14:00", "15:00", "16:00", "17:00", "18:00", "19:00"]
    api.faults("timeslots-ignore-client-timezone")
    assert w.slots(TUESDAY) == ALL_DAY


def test_timeslots_across_midnight_for_far_client(api: Api):
    w = World(api, client_tz="America/New_York")  # UTC-5: 09:00 MSK = 01:00 NY
    assert w.slots(TUESDAY) == ["01:00", "02:00", "03:00", "04:00", "05:00", "06:00", "07:00", "08:00", "09:00"]
    aid = w.booked(TUESDAY, "01:00")
    assert w.appointment(aid, w.expert_token)["localized_appointment_datetime"] == "2030-01-08 09:00"


def test_timeslots_validation(w: World):
    assert w.api.get("/appointment/available/timeslots/json?expert_id=99999&selected_date=2030-01-08",
                     w.client).status_code == 404
    assert w.api.get(f"/appointment/available/timeslots/json?expert_id={w.expert_id}&selected_date=08.01.2030",
                     w.client).status_code == 400
    assert w.api.get("/appointment/available/timeslots/json?selected_date=2030-01-08", w.client).status_code == 400


# ----------------------------------------------------------------------------- booking & holds
def test_booked_and_held_slots_are_unavailable(w: World):
    w.booked(TUESDAY, "10:00")
    assert "10:00" not in w.slots(TUESDAY, w.client2)
    r = w.book(TUESDAY, "10:00", w.client2)
    assert r.status_code == 409 and "detail" in r.json()


def test_fault_booked_slot_offered(w: World):
    w.booked(TUESDAY, "10:00")
    w.api.faults("booked-slot-offered")
    assert "10:00" in w.slots(TUESDAY, w.client2)
    assert w.book(TUESDAY, "10:00", w.client2).status_code == 409  # booking itself is still guarded


def test_expired_hold_frees_the_slot_and_disappears_for_the_client(w: World):
    aid = w.booked(TUESDAY, "10:00")
    assert w.appointment(aid)["payment_deadline"] == "2030-01-07T06:15:00Z"
    w.api.clock("2030-01-07T06:14:59Z")
    assert "10:00" not in w.slots(TUESDAY, w.client2)
    w.api.clock("2030-01-07T06:15:00Z")
    assert "10:00" in w.slots(TUESDAY, w.client2)
    assert w.api.get("/appointments/calendar/client/json", w.client).json()["data"]["appointments"]["as_client"] == []
    assert w.appointment(aid)["status"] == 4
    assert w.book(TUESDAY, "10:00", w.client2).status_code == 200


def test_fault_expired_hold_not_freed(w: World):
    w.booked(TUESDAY, "10:00")
    w.api.faults("expired-hold-not-freed")
    w.api.clock("2030-01-07T07:00:00Z")
    assert "10:00" not in w.slots(TUESDAY, w.client2)
    assert w.book(TUESDAY, "10:00", w.client2).status_code == 409


def test_fault_expired_hold_visible_to_client(w: World):
    w.booked(TUESDAY, "10:00")
    w.api.faults("expired-hold-visible-to-client")
    w.api.clock("2030-01-07T07:00:00Z")
    listed = w.api.get("/appointments/calendar/client/json", w.client).json()["data"]["appointments"]["as_client"]
    assert len(listed) == 1


def test_hold_duration_is_a_server_setting(w: World):
    assert w.api.get("/settings/payment-hold/", w.client).json() == {"hold_seconds": 900}
    w.api.put("/__test__/settings", json={"hold_seconds": 60})
    aid = w.booked(TUESDAY, "10:00")
    assert w.appointment(aid)["payment_deadline"] == "2030-01-07T06:01:00Z"
    assert w.api.get("/settings/payment-hold/", w.client).json() == {"hold_seconds": 60}


def test_booking_rules(w: World):
    assert w.book(MONDAY, "09:00").status_code == 409  # start == now: past
    assert w.book("2030-01-06", "10:00").status_code == 409  # past day
    assert w.book(TUESDAY, "08:00").status_code == 409  # before working hours
    assert w.book(TUESDAY, "10:30").status_code == 409  # not on a slot boundary
    assert w.book("2030-01-12", "10:00").status_code == 409  # Saturday
    assert w.book(TUESDAY, "25:00").status_code == 400
    assert w.book("2030-13-01", "10:00").status_code == 400
    assert w.book(TUESDAY, "10:00", expert=str(w.other_expert_id)).status_code == 400
    assert w.book(TUESDAY, "10:00", expert_id=99999).status_code == 404
    assert w.book(TUESDAY, "10:00", w.expert_token).status_code == 403  # oneself
    r = w.book(TUESDAY, "10:00", expert=str(w.expert_id), notes="Хочу обсудить")
    assert r.status_code == 200 and set(r.json()) == {"result", "appointment_id"}
    assert w.appointment(r.json()["appointment_id"])["notes"] == "Хочу обсудить"


def test_fault_past_slot_bookable(w: World):
    w.api.faults("past-slot-bookable")
    assert w.book("2030-01-04", "10:00").status_code == 200


def test_fault_booking_ignores_schedule(w: World):
    w.api.faults("booking-ignores-schedule")
    assert w.book(TUESDAY, "08:00").status_code == 200


def test_experts_can_book_other_experts_and_category_is_checked(w: World):
    categories = {c["name"]: c["id"] for c in w.api.get("/categories/").json()}
    assert w.book(TUESDAY, "10:00", category=str(categories["Финансы"])).status_code == 400
    aid = w.booked(TUESDAY, "10:00", category=str(categories["Психология"]))
    assert w.appointment(aid)["category"] == {"id": categories["Психология"], "name": "Психология"}
    assert w.book(TUESDAY, "11:00", w.other_expert_token).status_code == 200


# ----------------------------------------------------------------------------- cancel
def test_cancel_frees_slot_and_reports_refund(w: World):
    unpaid = w.booked(TUESDAY, "10:00")
    r = w.api.delete(f"/appointments/delete/{unpaid}", w.client)
    assert r.status_code == 200 and r.json()["result"] == "success"
    assert "nothing to refund" in r.json()["message"]
    assert "10:00" in w.slots(TUESDAY, w.client2)
    paid = w.booked(TUESDAY, "11:00")
    w.pay(paid)
    r = w.api.delete(f"/appointments/delete/{paid}", w.client)
    assert r.status_code == 200 and "refunded" in r.json()["message"]
    assert w.appointment(paid)["status"] == 3
    assert w.api.delete(f"/appointments/delete/{paid}", w.client).status_code == 409  # already cancelled


def test_fault_cancelled_slot_not_freed(w: World):
    aid = w.booked(TUESDAY, "10:00")
    w.api.faults("cancelled-slot-not-freed")
    w.api.delete(f"/appointments/delete/{aid}", w.client)
    assert "10:00" not in w.slots(TUESDAY, w.client2)
    assert w.book(TUESDAY, "10:00", w.client2).status_code == 409


@pytest.mark.parametrize("fault", ["refund-message-missing", "cancel-paid-no-refund"])
def test_fault_refund_message(w: World, fault: str):
    aid = w.booked(TUESDAY, "10:00")
    w.pay(aid)
    w.api.faults(fault)
    r = w.api.delete(f"/appointments/delete/{aid}", w.client)
    assert r.status_code == 200
    assert "refunded" not in r.json().get("message", "")


def test_cancel_permissions(w: World):
    aid = w.booked(TUESDAY, "10:00")
    assert w.api.delete(f"/appointments/delete/{aid}", w.client2).status_code == 403
    assert w.api.delete(f"/appointments/delete/{aid}", w.other_expert_token).status_code == 403
    assert w.api.delete("/appointments/delete/999999", w.client).status_code == 404
    assert w.api.delete(f"/appointments/delete/{aid}", w.expert_token).status_code == 200  # the expert may cancel
    w.api.faults("cancel-other-users-appointment")
    other = w.booked(TUESDAY, "11:00")
    assert w.api.delete(f"/appointments/delete/{other}", w.client2).status_code == 200


# ----------------------------------------------------------------------------- the 2-hour rule
TUE_17_MSK_MINUS = {"2h+1s": "2030-01-08T11:59:59Z", "2h": "2030-01-08T12:00:00Z", "1h": "2030-01-08T13:00:00Z"}


@pytest.mark.parametrize("who", ["client", "expert"])
def test_two_hour_rule_boundary_to_the_second(w: World, who: str):
    a = w.booked(TUESDAY, "17:00")  # 14:00 UTC
    w.pay(a)
    token = w.client if who == "client" else w.expert_token
    w.api.clock(TUE_17_MSK_MINUS["2h"])
    r = w.api.delete(f"/appointments/delete/{a}", token)
    assert r.status_code == 409 and "2 hours" in r.json()["detail"]
    if who == "client":
        r = w.api.post(f"/appointments/edit/{a}", token, data={"appointment_date": TUESDAY, "appointment_time": "16:00"})
        assert r.status_code == 409
    w.api.clock(TUE_17_MSK_MINUS["2h+1s"])
    assert w.api.delete(f"/appointments/delete/{a}", token).status_code == 200


def test_fault_two_hour_rule_off_by_one(w: World):
    a = w.booked(TUESDAY, "17:00")
    w.pay(a)
    w.api.faults("two-hour-rule-off-by-one")
    w.api.clock(TUE_17_MSK_MINUS["2h"])
    assert w.api.delete(f"/appointments/delete/{a}", w.client).status_code == 200


def test_fault_two_hour_rule_ignores_timezone(w: World):
    a = w.booked(TUESDAY, "17:00")
    w.pay(a)
    w.api.clock(TUE_17_MSK_MINUS["1h"])
    assert w.api.delete(f"/appointments/delete/{a}", w.client).status_code == 409
    w.api.faults("two-hour-rule-ignores-timezone")
    assert w.api.delete(f"/appointments/delete/{a}", w.client).status_code == 200


# ----------------------------------------------------------------------------- edit
def _edit(w: World, aid: int, token=None, **data):
    return w.api.post(f"/appointments/edit/{aid}", token or w.client, data=data)


def test_edit_unpaid_restarts_hold_and_moves_slot(w: World):
    aid = w.booked(TUESDAY, "10:00")
    w.api.clock("2030-01-07T06:10:00Z")
    r = _edit(w, aid, appointment_date=TUESDAY, appointment_time="12:00", notes="перенос")
    assert r.status_code == 200 and r.json() == {"result": "success"}
    a = w.appointment(aid)
    assert (a["appointment_time"], a["status"], a["payment_deadline"], a["notes"]) == \
        ("12:00", 0, "2030-01-07T06:25:00Z", "перенос")
    assert "10:00" in w.slots(TUESDAY, w.client2) and "12:00" not in w.slots(TUESDAY, w.client2)


def test_edit_paid_stays_paid(w: World):
    aid = w.booked(TUESDAY, "10:00")
    w.pay(aid)
    assert _edit(w, aid, appointment_date=TUESDAY, appointment_time="12:00").status_code == 200
    a = w.appointment(aid)
    assert (a["status"], a["payment_deadline"]) == (1, None)


def test_edit_rules(w: World):
    aid = w.booked(TUESDAY, "10:00")
    w.booked(TUESDAY, "11:00", w.client2)
    assert _edit(w, aid, appointment_date=TUESDAY, appointment_time="11:00").status_code == 409  # taken
    assert _edit(w, aid, appointment_date=TUESDAY, appointment_time="10:00", notes="x").status_code == 200  # same
    assert _edit(w, aid, appointment_date=TUESDAY).status_code == 400
    assert _edit(w, aid, w.client2, appointment_date=TUESDAY, appointment_time="12:00").status_code == 403
    assert _edit(w, aid, w.expert_token, appointment_date=TUESDAY, appointment_time="12:00").status_code == 403
    r = _edit(w, aid, appointment_date=TUESDAY, appointment_time="12:00", expert=str(w.other_expert_id))
    assert r.status_code == 400
    assert w.appointment(aid)["expert"]["id"] == w.expert_id


@pytest.mark.parametrize("fault, check", [
    ("edit-changes-expert", lambda a, w: a["expert"]["id"] == w.other_expert_id),
    ("edit-unpaid-keeps-old-deadline", lambda a, w: a["payment_deadline"] == "2030-01-07T06:15:00Z"),
])
def test_edit_faults(w: World, fault, check):
    aid = w.booked(TUESDAY, "10:00")
    w.api.clock("2030-01-07T06:10:00Z")
    w.api.faults(fault)
    r = _edit(w, aid, appointment_date=TUESDAY, appointment_time="12:00", expert=str(w.other_expert_id)) \
        if fault == "edit-changes-expert" else _edit(w, aid, appointment_date=TUESDAY, appointment_time="12:00")
    assert r.status_code == 200
    assert check(w.appointment(aid), w)


def test_fault_edit_paid_resets_to_unpaid_and_other_client(w: World):
    aid = w.booked(TUESDAY, "10:00")
    w.pay(aid)
    w.api.faults("edit-paid-resets-to-unpaid", "edit-other-clients-appointment")
    assert _edit(w, aid, w.client2, appointment_date=TUESDAY, appointment_time="12:00").status_code == 200
    assert w.appointment(aid)["status"] == 0


# ----------------------------------------------------------------------------- rating
def test_rating_only_after_completion_once(w: World):
    aid = w.booked(TUESDAY, "10:00")
    w.pay(aid)
    rate = lambda body, token=None: w.api.post(f"/appointments/rate/{aid}", token or w.client, json=body)  # noqa
    assert rate({"rating": 5, "review": "Отлично"}).status_code == 409  # not completed yet
    w.api.clock("2030-01-08T08:00:00Z")  # 11:00 MSK: the 10:00 consultation has ended
    assert w.appointment(aid)["status"] == 2
    assert rate({"rating": 0}).status_code == 400
    assert rate({"rating": 6}).status_code == 400
    assert rate({"rating": "x"}).status_code == 400
    assert rate({"rating": 5}, w.client2).status_code == 403
    r = rate({"rating": 5, "review": "Отлично"})
    assert r.status_code == 200 and r.json() == {"result": "success"}
    assert rate({"rating": 4}).status_code == 409
    reviews = w.api.get(f"/experts/{w.expert_id}/reviews", w.client).json()
    assert reviews["results"][0]["text"] == "Отлично"


def test_unpaid_appointment_is_never_completed(w: World):
    aid = w.booked(TUESDAY, "10:00")
    w.api.clock("2030-01-08T08:00:00Z")
    assert w.appointment(aid)["status"] == 4
    assert w.api.post(f"/appointments/rate/{aid}", w.client, json={"rating": 5}).status_code == 409


@pytest.mark.parametrize("fault, body, completed", [
    ("rating-before-completion-allowed", {"rating": 5}, False),
    ("rating-range-unchecked", {"rating": 9}, True),
])
def test_rating_faults(w: World, fault, body, completed):
    aid = w.booked(TUESDAY, "10:00")
    w.pay(aid)
    if completed:
        w.api.clock("2030-01-08T08:00:00Z")
    w.api.faults(fault)
    assert w.api.post(f"/appointments/rate/{aid}", w.client, json=body).status_code == 200


def test_fault_rating_twice_allowed(w: World):
    aid = w.seed("2030-01-01T07:00:00Z", 2)
    w.api.faults("rating-twice-allowed")
    assert w.api.post(f"/appointments/rate/{aid}", w.client, json={"rating": 5}).status_code == 200
    assert w.api.post(f"/appointments/rate/{aid}", w.client, json={"rating": 4}).status_code == 200
