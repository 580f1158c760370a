"""Profile (7.x), questionnaire and verification (11.x), the fault registry, the CLI."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from refkit import PASSWORD, Api, World

from reference.faults import FAULTS

ROOT = Path(__file__).resolve().parents[2]
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture
def w(api: Api) -> World:
    return World(api)


# ----------------------------------------------------------------------------- profile
def test_profile_read_and_patch(w: World):
    me = w.api.get("/profile/", w.client).json()
    assert (me["id"], me["role"], me["timezone"], me["avatar"]) == (w.client_id, "client", "Europe/Moscow", None)
    r = w.api.patch("/profile/", w.client, json={"first_name": "Мария", "timezone": "Asia/Tokyo"})
    assert r.status_code == 200 and (r.json()["first_name"], r.json()["timezone"]) == ("Мария", "Asia/Tokyo")
    assert w.api.patch("/profile/", w.client, json={"first_name": ""}).status_code == 400
    assert w.api.patch("/profile/", w.client, json={"last_name": "  "}).status_code == 400
    assert w.api.patch("/profile/", w.client, json={"timezone": "Mars/Base"}).status_code == 400


def test_avatar_upload_is_served(w: World):
    r = w.api.post("/profile/avatar/", w.client, files={"file": ("me.png", PNG, "image/png")})
    assert r.status_code == 200
    url = r.json()["avatar"]
    got = w.api.get(url)
    assert got.status_code == 200 and got.content == PNG and got.headers["content-type"] == "image/png"
    assert w.api.get("/profile/", w.client).json()["avatar"] == url
    assert w.api.post("/profile/avatar/", w.client, files={"file": ("x.txt", b"hello", "text/plain")}).status_code == 400
    assert w.api.post("/profile/avatar/", w.client, files={"file": ("x.jpg", b"not really", "image/jpeg")}).status_code == 400
    webp = b"RIFF\x10\x00\x00\x00WEBPVP8 " + b"\x00" * 8
    assert w.api.post("/profile/avatar/", w.client, files={"file": ("x.webp", webp, "image/webp")}).status_code == 200
    assert w.api.post("/profile/avatar/", w.client, data={"x": "1"}).status_code == 400


@pytest.mark.parametrize("body, field", [
    ({"new_password": "Newpass123", "confirm_password": "Newpass123"}, "current_password"),
    ({"current_password": PASSWORD, "new_password": "Newpass123", "confirm_password": "Newpass124"},
     "confirm_password"),
    ({"current_password": PASSWORD, "new_password": "Short1A", "confirm_password": "Short1A"}, "new_password"),
    ({"current_password": PASSWORD, "new_password": "nouppercase1", "confirm_password": "nouppercase1"},
     "new_password"),
    ({"current_password": PASSWORD, "new_password": "NOLOWERCASE1", "confirm_password": "NOLOWERCASE1"},
     "new_password"),
    ({"current_password": PASSWORD, "new_password": "NoDigitsHere", "confirm_password": "NoDigitsHere"},
     "new_password"),
    ({"current_password": "wrong", "new_password": "Newpass123", "confirm_password": "Newpass123"},
     "current_password"),
])
def test_password_change_policy(w: World, body, field):
    r = w.api.post("/profile/password/", w.client, json=body)
    assert r.status_code == 400 and field in [e["field"] for e in r.json()["errors"]]


def test_password_change_ok_and_fault(w: World):
    body = {"current_password": PASSWORD, "new_password": "Newpass123", "confirm_password": "Newpass123"}
    assert w.api.post("/profile/password/", w.client, json=body).status_code == 200
    assert w.api.login("client@example.com", "Newpass123")
    w.api.faults("password-change-ignores-current")
    body = {"current_password": "wrong", "new_password": "Other1234", "confirm_password": "Other1234"}
    assert w.api.post("/profile/password/", w.client, json=body).status_code == 200


def test_delete_and_restore_within_90_days(w: World):
    r = w.api.delete("/profile/", w.client)
    assert r.status_code == 200 and r.json()["restore_until"] == "2030-04-07T06:00:00Z"
    login = w.api.post("/auth/login/", json={"email": "client@example.com", "password": PASSWORD})
    assert login.status_code == 401 and "restore" in login.json()["detail"]
    assert w.api.get("/profile/", w.client).status_code == 401
    assert w.api.post("/profile/restore/", json={"email": "client@example.com", "password": "bad"}).status_code == 401
    assert w.api.post("/profile/restore/", json={"email": "client@example.com", "password": PASSWORD}).status_code == 200
    assert w.api.login("client@example.com")
    assert w.api.post("/profile/restore/", json={"email": "client@example.com", "password": PASSWORD}).status_code == 409


def test_restore_after_90_days_is_refused(w: World):
    w.api.delete("/profile/", w.client)
    w.api.clock("2030-04-07T06:00:00Z")
    r = w.api.post("/profile/restore/", json={"email": "client@example.com", "password": PASSWORD})
    assert r.status_code == 401


def test_fault_deleted_user_can_login(w: World):
    w.api.delete("/profile/", w.client)
    w.api.faults("deleted-user-can-login")
    token = w.api.login("client@example.com")
    assert w.api.get("/profile/", token).status_code == 200


# ----------------------------------------------------------------------------- questionnaire
QUESTIONNAIRE_FIELDS = {"first_name", "last_name", "about", "categories", "experience_years", "price", "age",
                        "hh_link", "linkedin_link", "education"}


def test_questionnaire_changes_wait_for_verification(w: World):
    q = w.api.get("/questionnaire/", w.expert_token).json()
    assert set(q) == QUESTIONNAIRE_FIELDS
    assert q["price"] == 3000 and q["about"] == "Опытный психолог"
    assert w.api.get("/questionnaire/verification/", w.expert_token).json() == {"verified": True, "pending_fields": []}
    assert w.api.get("/questionnaire/", w.client).status_code == 403
    assert w.api.get("/questionnaire/verification/", w.client).status_code == 403
    it = {c["name"]: c["id"] for c in w.api.get("/categories/").json()}["IT"]
    body = {**q, "about": "<b>Новый</b> текст", "price": 4500, "categories": [it], "unknown_field": 1,
            "education": [{"type": "basic", "specialized": True, "institution": "МГУ", "diploma_number": "123"}]}
    r = w.api.put("/questionnaire/", w.expert_token, json=body)
    assert r.status_code == 200, r.text
    assert set(r.json()) == QUESTIONNAIRE_FIELDS and r.json()["price"] == 4500
    pending = ["about", "categories", "price", "education"]
    assert w.api.get("/questionnaire/verification/", w.expert_token).json() == {"verified": False,
                                                                              "pending_fields": pending}
    public = w.api.get(f"/experts/{w.expert_id}", w.client).json()
    assert (public["description"], public["price_per_hour"], public["category"]) == ("Опытный психолог", 3000,
                                                                                    "Психология")
    assert w.api.post("/__test__/questionnaire/verify", json={"expert_id": w.expert_id}).status_code == 200
    public = w.api.get(f"/experts/{w.expert_id}", w.client).json()
    assert (public["description"], public["about"], public["price_per_hour"], public["category"]) == \
        ("<b>Новый</b> текст", "Новый текст", 4500, "IT")
    assert public["education"][0]["institution"] == "МГУ"
    assert w.api.get("/questionnaire/verification/", w.expert_token).json()["verified"] is True


@pytest.mark.parametrize("change", [
    {"price": 499}, {"price": 50001}, {"price": "12a"}, {"experience_years": "5 лет"}, {"experience_years": -1},
    {"age": "abc"}, {"first_name": ""}, {"categories": [99999]}, {"about": "<script>x</script>"},
    {"about": '<b onclick="x">y</b>'}, {"education": [{"type": "other", "specialized": False, "institution": "X",
                                                      "diploma_number": ""}]},
    {"first_name": None}, "missing-field",
])
def test_questionnaire_validation(w: World, change):
    q = w.api.get("/questionnaire/", w.expert_token).json()
    body = {k: v for k, v in q.items() if k != "age"} if change == "missing-field" else {**q, **change}
    assert w.api.put("/questionnaire/", w.expert_token, json=body).status_code == 400


@pytest.mark.parametrize("fault, change", [("price-limits-ignored", {"price": 100}),
                                           ("questionnaire-save-not-unverified", {"about": "X"})])
def test_questionnaire_faults(w: World, fault, change):
    q = w.api.get("/questionnaire/", w.expert_token).json()
    w.api.faults(fault)
    r = w.api.put("/questionnaire/", w.expert_token, json={**q, **change})
    assert r.status_code == 200
    if fault == "questionnaire-save-not-unverified":
        assert w.api.get("/questionnaire/verification/", w.expert_token).json()["verified"] is True
        assert w.api.get(f"/experts/{w.expert_id}", w.client).json()["description"] == "X"


# ----------------------------------------------------------------------------- test support & registry
def test_test_support_seeding_and_unique_guard(w: World):
    w.seed("2030-01-08T07:00:00Z", 1)
    r = w.api.post("/__test__/appointments", json={"client_id": w.client2_id, "expert_id": w.expert_id,
                                                   "start": "2030-01-08T07:00:00Z", "status": 0})
    assert r.status_code == 409  # the database itself refuses a second active booking of the slot
    assert w.api.post("/__test__/appointments", json={"client_id": w.client2_id, "expert_id": w.expert_id,
                                                      "start": "2030-01-08T07:00:00Z", "status": 3}).status_code == 201
    assert w.api.post("/__test__/reset").status_code == 200
    assert w.api.get("/__test__/clock").json()["frozen"] is True  # reset wipes data only
    assert w.api.get("/categories/").json()  # default categories re-seeded
    assert w.api.post("/auth/login/", json={"email": "client@example.com", "password": PASSWORD}).status_code == 401


def test_every_api_operation_has_a_fault():
    covered = {req for f in FAULTS.values() if f.layer == "api" for req in f.requirements}
    operations = {f"API-{x}" for x in ("1.1", "1.2", "2.1", "2.2", "3.1", "3.2", "3.3", "3.4", "3.5", "3.6", "3.7",
                                        "3.8", "3.9", "4.1", "4.2", "4.3")}
    assert operations <= covered, operations - covered
    for fault in FAULTS.values():
        assert fault.requirements and fault.description and fault.layer in ("api", "ui")


def test_every_api_fault_is_wired_into_the_code():
    source = "\n".join(p.read_text() for p in (ROOT / "reference").rglob("*.py") if p.name != "faults.py")
    for name, fault in FAULTS.items():
        if fault.layer == "api":
            assert f'"{name}"' in source, name


# ----------------------------------------------------------------------------- CLI
def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "reference", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=30, env={**os.environ, "PYTHONPATH": str(ROOT)})


def test_cli_errors_are_one_line_exit_2(tmp_path):
    r = _run("--port", "0", "--db", str(tmp_path / "missing" / "x.sqlite3"))
    assert r.returncode == 2 and r.stderr.count("\n") == 1 and "Traceback" not in r.stderr
    bad = tmp_path / "bad.sqlite3"
    bad.write_bytes(b"this is not a sqlite database" * 10)
    r = _run("--port", "0", "--db", str(bad))
    assert r.returncode == 2 and "Traceback" not in r.stderr
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        r = _run("--port", str(busy.getsockname()[1]), "--db", str(tmp_path / "ok.sqlite3"))
    assert r.returncode == 2 and "in use" in r.stderr and r.stderr.count("\n") == 1
    r = _run("--port", "0", "--db", str(tmp_path / "ok.sqlite3"), "--faults", "no-such-fault")
    assert r.returncode == 2 and "no-such-fault" in r.stderr
