"""No double booking under concurrent requests, against a real uvicorn server."""

from __future__ import annotations

import sys
import threading

import httpx
import pytest

from fixtures.processes import ManagedServer, free_port

PASSWORD = "Passw0rd!"
CLIENTS = 10


@pytest.fixture
def server(tmp_path):
    """A real uvicorn server (the suite's own launcher waits until it answers)."""
    port = free_port()
    command = [sys.executable, "-m", "reference", "--host", "127.0.0.1", "--port", str(port),
               "--db", str(tmp_path / "sc.sqlite3"), "--test-mode"]
    server = ManagedServer("reference", command, port, "/__test__/health", tmp_path / "reference.log").start(20)
    yield server.url
    server.stop()


def _seed(base: str) -> tuple[int, list[str]]:
    with httpx.Client(base_url=base, timeout=30) as c:
        assert c.put("/__test__/clock", json={"now": "2030-01-07T06:00:00Z", "frozen": True}).status_code == 200
        expert = c.post("/__test__/experts", json={"email": "e@example.com", "password": PASSWORD, "first_name": "И",
                                                    "last_name": "П", "categories": ["IT"], "rating": 5,
                                                    "price_per_hour": 1000, "description": ""}).json()
        tokens = []
        for i in range(CLIENTS):
            c.post("/__test__/users", json={"email": f"c{i}@example.com", "password": PASSWORD, "first_name": "К",
                                            "last_name": str(i), "role": "client"})
            tokens.append(c.post("/auth/login/", json={"email": f"c{i}@example.com",
                                                       "password": PASSWORD}).json()["access"])
        return expert["id"], tokens


def _race(base: str, expert_id: int, tokens: list[str], time: str) -> list[int]:
    barrier = threading.Barrier(len(tokens))
    codes: list[int] = []
    lock = threading.Lock()

    def worker(token: str) -> None:
        with httpx.Client(base_url=base, timeout=60) as c:
            barrier.wait()
            r = c.post(f"/appointments/add/{expert_id}", headers={"Authorization": f"Bearer {token}"},
                       data={"appointment_date": "2030-01-08", "appointment_time": time, "notes": ""})
            with lock:
                codes.append(r.status_code)

    threads = [threading.Thread(target=worker, args=(t,)) for t in tokens]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return codes


def test_ten_concurrent_bookings_of_one_slot(server):
    expert_id, tokens = _seed(server)
    for time in ("10:00", "11:00", "12:00"):
        codes = _race(server, expert_id, tokens, time)
        assert sorted(codes) == [200] + [409] * (CLIENTS - 1), codes


def test_with_double_booking_fault_the_race_is_visible(server):
    expert_id, tokens = _seed(server)
    with httpx.Client(base_url=server) as c:
        assert c.put("/__test__/faults", json={"active": ["double-booking-allowed"]}).status_code == 200
    results = []
    for time in ("09:00", "10:00", "11:00", "12:00", "13:00", "14:00", "15:00", "16:00", "17:00"):
        codes = _race(server, expert_id, tokens, time)
        assert all(code in (200, 409) for code in codes), codes
        results.append(codes.count(200))
        if codes.count(200) > 1:
            break
    assert max(results) > 1, results
