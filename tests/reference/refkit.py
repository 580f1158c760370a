"""Helpers for the reference backend's own tests."""

from __future__ import annotations

from fastapi.testclient import TestClient

PASSWORD = "Passw0rd!"


class Api:
    """A TestClient plus helpers; ``as_(token)`` gives the Authorization header."""

    def __init__(self, client: TestClient) -> None:
        self.c = client

    # raw verbs
    def get(self, url, token=None, **kw):
        return self.c.get(url, headers=self._h(token), **kw)

    def post(self, url, token=None, **kw):
        return self.c.post(url, headers=self._h(token), **kw)

    def put(self, url, token=None, **kw):
        return self.c.put(url, headers=self._h(token), **kw)

    def patch(self, url, token=None, **kw):
        return self.c.patch(url, headers=self._h(token), **kw)

    def delete(self, url, token=None, **kw):
        return self.c.delete(url, headers=self._h(token), **kw)

    @staticmethod
    def _h(token):
        return {"Authorization": f"Bearer {token}"} if token else {}

    # seeding
    def client_user(self, email="client@example.com", **kw) -> int:
        body = {"email": email, "password": PASSWORD, "first_name": "Анна", "last_name": "Клиентова",
                "role": "client", **kw}
        r = self.c.post("/__test__/users", json=body)
        assert r.status_code == 201, r.text
        return r.json()["id"]

    def expert(self, email="expert@example.com", **kw) -> dict:
        body = {"email": email, "password": PASSWORD, "first_name": "Иван", "last_name": "Петров",
                "categories": ["Психология"], "rating": 4.5, "price_per_hour": 3000,
                "description": "Опытный психолог", **kw}
        r = self.c.post("/__test__/experts", json=body)
        assert r.status_code == 201, r.text
        return r.json()

    def login(self, email, password=PASSWORD) -> str:
        r = self.c.post("/auth/login/", json={"email": email, "password": password})
        assert r.status_code == 200, r.text
        return r.json()["access"]

    def tokens(self, email, password=PASSWORD) -> dict:
        r = self.c.post("/auth/login/", json={"email": email, "password": password})
        assert r.status_code == 200, r.text
        return r.json()

    def faults(self, *names):
        r = self.c.put("/__test__/faults", json={"active": list(names)})
        assert r.status_code == 200, r.text

    def clock(self, iso: str, frozen: bool = True):
        r = self.c.put("/__test__/clock", json={"now": iso, "frozen": frozen})
        assert r.status_code == 200, r.text




# ----------------------------------------------------------------------------- booking world
MONDAY = "2030-01-07"  # a Monday; the clock of booking tests starts at 09:00 Moscow time that day
TUESDAY = "2030-01-08"
START = "2030-01-07T06:00:00Z"


class World:
    """An expert (Mon-Fri 09:00-18:00 Moscow) and two clients, clock frozen at Monday 09:00 MSK."""

    def __init__(self, api: Api, client_tz: str = "Europe/Moscow") -> None:
        self.api = api
        api.clock(START)
        # tokens outlive the clock jumps of these tests
        assert api.put("/__test__/settings", json={"access_lifetime_seconds": 400 * 24 * 3600}).status_code == 200
        self.expert = api.expert("expert@example.com")
        self.expert_id = self.expert["id"]
        self.other_expert_id = api.expert("other@example.com", first_name="Олег", last_name="Другой")["id"]
        self.client_id = api.client_user("client@example.com", timezone=client_tz)
        self.client2_id = api.client_user("client2@example.com", first_name="Борис")
        self.client = api.login("client@example.com")
        self.client2 = api.login("client2@example.com")
        self.expert_token = api.login("expert@example.com")
        self.other_expert_token = api.login("other@example.com")

    def slots(self, date: str, token: str | None = None, expert_id: int | None = None) -> list[str]:
        r = self.api.get(f"/appointment/available/timeslots/json?expert_id={expert_id or self.expert_id}"
                         f"&selected_date={date}", token or self.client)
        assert r.status_code == 200, r.text
        return r.json()

    def book(self, date: str, time: str, token: str | None = None, expert_id: int | None = None, **extra):
        return self.api.post(f"/appointments/add/{expert_id or self.expert_id}", token or self.client,
                             data={"appointment_date": date, "appointment_time": time, "notes": "", **extra})

    def booked(self, date: str, time: str, token: str | None = None, **kw) -> int:
        r = self.book(date, time, token, **kw)
        assert r.status_code == 200, r.text
        return r.json()["appointment_id"]

    def appointment(self, appointment_id: int, token: str | None = None) -> dict:
        r = self.api.get(f"/appointments/{appointment_id}", token or self.client)
        assert r.status_code == 200, r.text
        return r.json()

    def pay(self, appointment_id: int, token: str | None = None, outcome: str = "paid") -> str:
        r = self.api.post(f"/appointments/checkout/{appointment_id}", token or self.client,
                          json={"payment_provider": "sandbox-card"})
        assert r.status_code == 200, r.text
        payment_id = r.json()["checkout_url"].rsplit("/", 1)[1]
        r = self.api.c.post(f"/sandbox/pay/{payment_id}/complete", data={"outcome": outcome}, follow_redirects=False)
        assert r.status_code == 303, r.text
        return payment_id

    def seed(self, start: str, status: int, client_id: int | None = None, **kw) -> int:
        r = self.api.post("/__test__/appointments", json={"client_id": client_id or self.client_id,
                                                          "expert_id": self.expert_id, "start": start,
                                                          "status": status, **kw})
        assert r.status_code == 201, r.text
        return r.json()["id"]
