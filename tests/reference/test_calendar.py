"""Calendars (API-3.1/3.2), weekly schedule (API-3.4) and extra ranges (API-3.5)."""

from __future__ import annotations

import pytest
from refkit import MONDAY, TUESDAY, Api, World

ALL_DAY = ["09:00", "10:00", "11:00", "12:00", "13:00", "14:00", "15:00", "16:00", "17:00"]


@pytest.fixture
def w(api: Api) -> World:
    return World(api)


def cal(w: World, query: str, token=None) -> dict:
    r = w.api.get(f"/appointments/calendar/expert/json?{query}", token or w.expert_token)
    assert r.status_code == 200, r.text
    return r.json()["data"]


# ----------------------------------------------------------------------------- expert calendar
def test_expert_calendar_any_period_end_inclusive(w: World):
    a = w.booked("2030-01-09", "10:00")  # Wednesday
    w.pay(a)
    e = w.expert_id
    data = cal(w, f"start=2030-01-08&end=2030-01-09&expert_id={e}")
    assert [x["id"] for x in data["appointments"]["as_expert"]] == [a]
    assert data["appointments"]["as_expert"][0]["localized_appointment_datetime"] == "2030-01-09 10:00"
    assert data["schedule"] == [{"start": "2030-01-08 09:00", "end": "2030-01-08 18:00"},
                                {"start": "2030-01-09 09:00", "end": "2030-01-09 18:00"}]
    ids = lambda q: [x["id"] for x in cal(w, q + f"&expert_id={e}")["appointments"]["as_expert"]]  # noqa: E731
    assert ids("start=2030-01-09T00:00:00%2B03:00&end=2030-01-10T00:00:00%2B03:00") == [a]
    assert ids("start=2030-01-09T00:00:00%2B03:00&end=2030-01-09T10:00:00%2B03:00") == []  # date-time end exclusive
    assert ids("start=2030-01-09T10:00:00&end=2030-01-09T10:00:01") == [a]  # naive = caller's zone
    assert ids("start=2030-01-09T07:00:00Z&end=2030-01-09T08:00:00Z") == [a]
    assert ids("start=2030-01-09T10:30:00&end=2030-01-09") == []  # by start: 10:00 is before the period
    w.api.faults("calendar-end-exclusive")
    assert cal(w, f"start=2030-01-08&end=2030-01-09&expert_id={e}")["appointments"]["as_expert"] == []


def test_expert_calendar_roles(w: World):
    a = w.booked(TUESDAY, "10:00")
    other = w.booked(TUESDAY, "11:00", w.client2)
    own_booking = w.booked(TUESDAY, "12:00", w.expert_token, expert_id=w.other_expert_id)
    q = f"start={TUESDAY}&end={TUESDAY}&expert_id={w.expert_id}"
    client_view = cal(w, q, w.client)
    assert client_view["appointments"] == {"as_expert": [], "as_client": []}  # private to the expert
    assert len(client_view["schedule"]) == 1
    expert_view = cal(w, q)
    assert [x["id"] for x in expert_view["appointments"]["as_expert"]] == [a, other]
    assert [x["id"] for x in expert_view["appointments"]["as_client"]] == [own_booking]
    other_view = cal(w, q, w.other_expert_token)
    assert other_view["appointments"] == {"as_expert": [], "as_client": []}
    w.api.faults("expert-calendar-leaks-bookings")
    assert len(cal(w, q, w.client)["appointments"]["as_expert"]) == 2


def test_appointment_serializer_is_exactly_the_contract(w: World):
    a = w.booked(TUESDAY, "10:00", notes="N")
    item = cal(w, f"start={TUESDAY}&end={TUESDAY}&expert_id={w.expert_id}")["appointments"]["as_expert"][0]
    assert set(item) == {"id", "localized_appointment_datetime", "client", "expert", "status", "created_time",
                         "zoom_link", "payment_deadline", "notes", "category"}
    assert set(item["client"]) == set(item["expert"]) == {"id", "first_name", "last_name"}
    assert (item["id"], item["notes"], item["payment_deadline"]) == (a, "N", "2030-01-07T06:15:00Z")


def test_expert_calendar_validation(w: World):
    for q in ("end=2030-01-08", "start=2030-01-08", "start=2030-01-09&end=2030-01-08",
              "start=bad&end=2030-01-08", "start=2030-01-01&end=2032-01-01", "start=2030-02-31&end=2030-03-01"):
        assert w.api.get(f"/appointments/calendar/expert/json?{q}&expert_id={w.expert_id}",
                         w.expert_token).status_code == 400, q
    assert w.api.get("/appointments/calendar/expert/json?start=2030-01-08&end=2030-01-08",
                     w.expert_token).status_code == 400  # expert_id is required
    assert w.api.get("/appointments/calendar/expert/json?start=2030-01-08&end=2030-01-08&expert_id=99999",
                     w.expert_token).status_code == 404


def test_expert_calendar_statuses_and_timezone(w: World):
    paid = w.seed("2030-01-08T07:00:00Z", 1)
    cancelled = w.seed("2030-01-08T08:00:00Z", 3)
    expired = w.seed("2030-01-08T09:00:00Z", 4)
    done = w.seed("2030-01-07T05:00:00Z", 2)
    q = f"start={MONDAY}&end={TUESDAY}&expert_id={w.expert_id}"
    data = cal(w, q)
    got = {x["id"]: x["status"] for x in data["appointments"]["as_expert"]}
    assert got == {done: 2, paid: 1, cancelled: 3}
    assert expired not in got
    w.api.faults("calendar-ignores-viewer-timezone")
    data = cal(w, q)
    assert data["appointments"]["as_expert"][1]["localized_appointment_datetime"] == "2030-01-08 07:00"


def test_extra_dates_in_calendar_and_delete(w: World):
    r = w.api.post("/appointments/calendar/add/range/", w.expert_token,
                   json={"start": "08.01.2030 10:00", "end": "08.01.2030 12:00", "type": 1})
    assert r.status_code == 200 and r.json() == {"result": "success"}
    q = f"start={TUESDAY}&end={TUESDAY}&expert_id={w.expert_id}"
    extra = cal(w, q)["extra_dates"]
    assert [(e["start"], e["end"], e["type"]) for e in extra] == [("2030-01-08 10:00", "2030-01-08 12:00", 1)]
    assert cal(w, q, w.client)["extra_dates"] == extra  # the booking screen sees them too
    assert w.api.delete(f"/appointments/calendar/range/{extra[0]['id']}", w.other_expert_token).status_code == 403
    assert w.api.delete(f"/appointments/calendar/range/{extra[0]['id']}", w.client).status_code == 403
    assert w.api.delete("/appointments/calendar/range/99999", w.expert_token).status_code == 404
    assert w.api.delete(f"/appointments/calendar/range/{extra[0]['id']}", w.expert_token).status_code == 200
    assert cal(w, q)["extra_dates"] == []
    w.api.post("/appointments/calendar/add/range/", w.expert_token,
               json={"start": "08.01.2030 10:00", "end": "08.01.2030 12:00", "type": 1})
    w.api.faults("calendar-extra-dates-missing")
    assert cal(w, q)["extra_dates"] == []


# ----------------------------------------------------------------------------- client calendar
def client_items(w: World, query: str = "", token=None) -> list[dict]:
    r = w.api.get(f"/appointments/calendar/client/json{query}", token or w.client)
    assert r.status_code == 200, r.text
    return r.json()["data"]["appointments"]["as_client"]


def test_client_calendar_lists_own_bookings_except_expired(w: World):
    done = w.seed("2030-01-06T07:00:00Z", 2)  # past, completed
    w.seed("2030-01-06T08:00:00Z", 4)  # expired hold: never shown to the client
    live = w.booked(TUESDAY, "10:00")
    paid = w.booked(TUESDAY, "11:00")
    w.pay(paid)
    cancelled = w.booked(TUESDAY, "12:00")
    w.api.delete(f"/appointments/delete/{cancelled}", w.client)
    w.booked(TUESDAY, "13:00", w.client2)
    items = client_items(w)
    assert [(x["id"], x["status"]) for x in items] == [(done, 2), (live, 0), (paid, 1), (cancelled, 3)]
    first = items[1]
    assert first["localized_appointment_datetime"] == "2030-01-08 10:00"
    assert first["client"]["id"] == w.client_id and first["expert"]["id"] == w.expert_id
    assert items[2]["zoom_link"] and first["zoom_link"] is None
    assert [x["id"] for x in client_items(w, f"?start={TUESDAY}&end={TUESDAY}")] == [live, paid, cancelled]
    assert [x["id"] for x in client_items(w, "?end=2030-01-07")] == [done]
    assert w.api.get("/appointments/calendar/client/json?start=2030-01-09&end=2030-01-08",
                     w.client).status_code == 400


@pytest.mark.parametrize("fault", ["client-calendar-includes-others", "client-calendar-hides-past",
                                   "client-calendar-period-ignored"])
def test_client_calendar_faults(w: World, fault):
    w.booked(TUESDAY, "10:00")
    w.booked(TUESDAY, "11:00", w.client2)
    w.seed("2030-01-06T07:00:00Z", 2)
    before = [x["id"] for x in client_items(w)], [x["id"] for x in client_items(w, f"?start={TUESDAY}&end={TUESDAY}")]
    w.api.faults(fault)
    after = [x["id"] for x in client_items(w)], [x["id"] for x in client_items(w, f"?start={TUESDAY}&end={TUESDAY}")]
    assert after != before


# ----------------------------------------------------------------------------- weekly schedule
def _schedule(w: World, workdays, token=None, **extra):
    return w.api.post("/appointments/calendar/add/schedule/", token or w.expert_token,
                      json={"workdays": workdays, **extra})


def test_weekly_schedule_set_and_read(w: World):
    days = [{"day_of_week": 1, "is_work_day": True, "start_time": "12:00", "end_time": "14:00"},
            {"day_of_week": 2, "is_work_day": False, "start_time": "09:00", "end_time": "18:00"}]
    r = _schedule(w, days, timezone="Asia/Yekaterinburg")
    assert r.status_code == 200 and r.json() == {"result": "success"}
    body = w.api.get("/appointments/schedule/", w.expert_token).json()
    assert body["timezone"] == "Asia/Yekaterinburg" and len(body["workdays"]) == 7
    assert body["workdays"][0] == {"day_of_week": 1, "is_work_day": True, "start_time": "12:00", "end_time": "14:00"}
    assert w.slots("2030-01-14") == ["10:00", "11:00"]  # 12:00-14:00 YEKT shown to a Moscow client
    assert w.slots(TUESDAY) == []
    assert w.api.get("/appointments/schedule/", w.client).status_code == 403
    assert _schedule(w, days, w.client).status_code == 403


@pytest.mark.parametrize("bad", [
    [{"day_of_week": 1, "is_work_day": True, "start_time": "18:00", "end_time": "09:00"}],
    [{"day_of_week": 1, "is_work_day": True, "start_time": "09:00", "end_time": "09:00"}],
    [{"day_of_week": 8, "is_work_day": True, "start_time": "09:00", "end_time": "18:00"}],
    [{"day_of_week": 1, "is_work_day": True, "start_time": "9am", "end_time": "18:00"}],
    [{"day_of_week": 1, "is_work_day": True, "start_time": "09:00", "end_time": "18:00"}] * 2,
    "not a list",
])
def test_weekly_schedule_validation(w: World, bad):
    r = _schedule(w, bad)
    assert r.status_code == 400 and r.json()["errors"]


def test_fault_schedule_end_before_start_accepted(w: World):
    w.api.faults("schedule-end-before-start-accepted")
    assert _schedule(w, [{"day_of_week": 1, "is_work_day": True, "start_time": "18:00",
                          "end_time": "09:00"}]).status_code == 200


def test_fault_schedule_day_of_week_shifted(w: World):
    _schedule(w, [{"day_of_week": 2, "is_work_day": True, "start_time": "09:00", "end_time": "11:00"}])
    assert w.slots(TUESDAY) == ["09:00", "10:00"]
    w.api.faults("schedule-day-of-week-shifted")
    assert w.slots(TUESDAY) == []


def test_time_options_and_price_limits(w: World):
    options = w.api.get("/schedule/time-options/", w.expert_token).json()
    assert len(options) == 48 and options[:3] == ["00:00", "00:30", "01:00"] and options[-1] == "23:30"
    assert w.api.get("/settings/price-limits/", w.client).json() == {"min": 500, "max": 50000}


# ----------------------------------------------------------------------------- extra ranges
def _range(w: World, start, end, kind, token=None):
    return w.api.post("/appointments/calendar/add/range/", token or w.expert_token,
                      json={"start": start, "end": end, "type": kind})


def test_extra_ranges_change_slots_of_that_expert_only(w: World):
    assert _range(w, "08.01.2030 10:00", "08.01.2030 12:00", 1).status_code == 200
    assert _range(w, "12.01.2030 10:00", "12.01.2030 12:30", 0).status_code == 200  # Saturday
    assert w.slots(TUESDAY) == ["09:00", "12:00", "13:00", "14:00", "15:00", "16:00", "17:00"]
    assert w.slots("2030-01-12") == ["10:00", "11:00"]
    assert w.slots(TUESDAY, expert_id=w.other_expert_id) == ALL_DAY
    assert w.slots("2030-01-12", expert_id=w.other_expert_id) == []
    assert w.book(TUESDAY, "10:00").status_code == 409
    assert w.book("2030-01-12", "11:00").status_code == 200


def test_extra_working_range_extends_a_workday(w: World):
    _range(w, "08.01.2030 18:00", "08.01.2030 20:00", 0)
    assert w.slots(TUESDAY) == ALL_DAY + ["18:00", "19:00"]


@pytest.mark.parametrize("fault", ["extra-range-leaks-to-other-experts", "non-working-range-ignored"])
def test_extra_range_faults(w: World, fault):
    _range(w, "08.01.2030 10:00", "08.01.2030 12:00", 1)
    w.api.faults(fault)
    if fault == "extra-range-leaks-to-other-experts":
        assert w.slots(TUESDAY, expert_id=w.other_expert_id) != ALL_DAY
    else:
        assert w.slots(TUESDAY) == ALL_DAY


@pytest.mark.parametrize("start, end, kind", [
    ("08.01.2030 12:00", "08.01.2030 10:00", 1),
    ("08.01.2030 10:00", "08.01.2030 10:00", 1),
    ("2030-01-08 10:00", "08.01.2030 12:00", 1),
    ("08.01.2030 10:00", "08.01.2030 12:00", 2),
])
def test_extra_range_validation(w: World, start, end, kind):
    assert _range(w, start, end, kind).status_code == 400


def test_extra_range_permissions_and_fault(w: World):
    assert _range(w, "08.01.2030 10:00", "08.01.2030 12:00", 1, w.client).status_code == 403
    w.api.faults("range-end-before-start-accepted")
    assert _range(w, "08.01.2030 12:00", "08.01.2030 10:00", 1).status_code == 200


def test_available_dates_helper(w: World):
    _range(w, "09.01.2030 00:00", "10.01.2030 00:00", 1)  # Wednesday off
    r = w.api.get(f"/appointment/available/dates/json?expert_id={w.expert_id}&start={MONDAY}&end=2030-01-13",
                  w.client)
    assert r.json() == ["2030-01-07", "2030-01-08", "2030-01-10", "2030-01-11"]
