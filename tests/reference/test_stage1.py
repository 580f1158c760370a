"""Stage 1: auth, experts, reference data, test-support API, a few faults."""

from __future__ import annotations

from fastapi.testclient import TestClient

from refkit import PASSWORD, Api


def test_login_ok_returns_exactly_access_and_refresh(api: Api):
    api.client_user("a@example.com")
    r = api.post("/auth/login/", json={"email": "A@Example.com", "password": PASSWORD})
    assert r.status_code == 200
    assert set(r.json()) == {"access", "refresh"}


def test_login_wrong_password_401(api: Api):
    api.client_user("a@example.com")
    r = api.post("/auth/login/", json={"email": "a@example.com", "password": "nope"})
    assert r.status_code == 401
    assert r.json() == {"detail": "Invalid email or password"}
    r = api.post("/auth/login/", json={"email": "unknown@example.com", "password": "nope"})
    assert r.status_code == 401


def test_login_missing_or_empty_fields_400(api: Api):
    for body in ({}, {"email": "a@example.com"}, {"password": "x"}, {"email": "", "password": "x"},
                 {"email": "a@example.com", "password": ""}):
        r = api.post("/auth/login/", json=body)
        assert r.status_code == 400, body
        assert "detail" in r.json() and r.json()["errors"]
    r = api.c.post("/auth/login/", content=b"{not json", headers={"content-type": "application/json"})
    assert r.status_code == 400


def test_refresh_ok_and_strict_shape(api: Api):
    api.client_user("a@example.com")
    tokens = api.tokens("a@example.com")
    r = api.post("/auth/refresh/", json={"refresh": tokens["refresh"]})
    assert r.status_code == 200 and set(r.json()) == {"access"}
    assert api.get("/experts", r.json()["access"]).status_code == 200


def test_refresh_rejects_access_garbled_and_expired(api: Api):
    api.client_user("a@example.com")
    tokens = api.tokens("a@example.com")
    assert api.post("/auth/refresh/", json={"refresh": tokens["access"]}).status_code == 401
    assert api.post("/auth/refresh/", json={"refresh": tokens["refresh"][:-3] + "abc"}).status_code == 401
    assert api.post("/auth/refresh/", json={"refresh": "garbage"}).status_code == 401
    assert api.post("/auth/refresh/", json={}).status_code == 400
    api.clock("2099-01-01T00:00:00Z")
    assert api.post("/auth/refresh/", json={"refresh": tokens["refresh"]}).status_code == 401


def test_access_token_expiry_follows_server_clock(api: Api):
    api.client_user("a@example.com")
    api.clock("2030-01-01T10:00:00+00:00")
    token = api.login("a@example.com")
    api.clock("2030-01-01T10:14:59+00:00")
    assert api.get("/experts", token).status_code == 200
    api.clock("2030-01-01T10:15:00+00:00")
    r = api.get("/experts", token)
    assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer"


def test_refresh_token_is_not_an_access_token(api: Api):
    api.client_user("a@example.com")
    tokens = api.tokens("a@example.com")
    assert api.get("/experts", tokens["refresh"]).status_code == 401
    assert api.get("/experts").status_code == 401
    assert api.get("/experts", "not-a-jwt").status_code == 401


def _seed_experts(api: Api) -> list[int]:
    ids = []
    ids.append(api.expert("e1@example.com", first_name="Иван", last_name="Петров", rating=4.8,
                          categories=["Психология"])["id"])
    ids.append(api.expert("e2@example.com", first_name="Пётр", last_name="Смирнов", rating=3.9,
                          categories=["Финансы", "Право"])["id"])
    ids.append(api.expert("e3@example.com", first_name="John", last_name="Smith", rating=4.2,
                          categories=["IT"])["id"])
    return ids


def test_experts_list_shape_and_pagination(api: Api):
    ids = _seed_experts(api)
    api.client_user("c@example.com")
    token = api.login("c@example.com")
    r = api.get("/experts", token)
    assert r.status_code == 200
    body = r.json()
    assert body["count"] == 3 and body["page"] == 1
    assert [e["id"] for e in body["results"]] == ids
    item = body["results"][1]
    assert item["category"] == "Финансы, Право"
    assert {"id", "first_name", "last_name", "avatar", "category", "rating", "price_per_hour"} <= set(item)
    p1 = api.get("/experts?page=1&limit=2", token).json()
    p2 = api.get("/experts?page=2&limit=2", token).json()
    assert p1["count"] == p2["count"] == 3 and p2["page"] == 2
    assert [e["id"] for e in p1["results"] + p2["results"]] == ids
    assert api.get("/experts?page=3&limit=2", token).json()["results"] == []
    for bad in ("page=0", "limit=0", "page=x", "limit=101", "category=abc", "rating=abc"):
        assert api.get(f"/experts?{bad}", token).status_code == 400, bad


def test_experts_search_and_filters(api: Api):
    ids = _seed_experts(api)
    api.client_user("c@example.com")
    token = api.login("c@example.com")

    def found(query):
        return [e["id"] for e in api.get(f"/experts?{query}", token).json()["results"]]

    assert found("search=иван") == [ids[0]]
    assert found("search=ПЕТРОВ ИВАН") == [ids[0]]
    assert found("search=петр") == [ids[0], ids[1]]  # Петров and Пётр (ё = е)
    assert found("search=пЁтр") == [ids[0], ids[1]]
    assert found("search=smith") == [ids[2]]
    assert found("rating=4") == [ids[0], ids[2]]
    categories = {c["name"]: c["id"] for c in api.get("/categories/").json()}
    assert found(f"category={categories['Право']}") == [ids[1]]


def test_expert_detail_and_404(api: Api):
    ids = _seed_experts(api)
    api.client_user("c@example.com")
    token = api.login("c@example.com")
    r = api.get(f"/experts/{ids[0]}", token)
    assert r.status_code == 200 and r.json()["description"] == "Опытный психолог"
    assert api.get("/experts/99999", token).status_code == 404
    assert api.get("/experts/abc", token).status_code == 404


def test_register_and_password_reset(api: Api):
    body = {"email": "new@example.com", "password": "Secret123", "first_name": "Н", "last_name": "Н"}
    r = api.post("/auth/register/", json=body)
    assert r.status_code == 201 and r.json()["role"] == "client"
    assert api.post("/auth/register/", json=body).status_code == 409
    assert api.post("/auth/register/", json={**body, "email": "x@example.com", "password": "short"}).status_code == 400
    assert api.login("new@example.com", "Secret123")

    known = api.post("/auth/password/reset/", json={"email": "new@example.com"})
    unknown = api.post("/auth/password/reset/", json={"email": "ghost@example.com"})
    assert known.status_code == unknown.status_code == 200 and known.json() == unknown.json()
    outbox = api.get("/__test__/outbox").json()
    assert [m["to"] for m in outbox] == ["new@example.com"]
    assert api.post("/auth/password/reset/", json={}).status_code == 400
    assert api.post("/auth/password/reset/", json={"email": "not-an-email"}).status_code == 400


def test_reference_data(api: Api):
    assert any(c["name"] == "Психология" for c in api.get("/categories/").json())
    zones = api.get("/timezones/").json()
    assert any(z["name"] == "Europe/Moscow" for z in zones)


def test_test_support_is_404_outside_test_mode(make_app):
    with TestClient(make_app(test_mode=False)) as client:
        for path in ("/__test__/health", "/__test__/faults", "/__test__/anything"):
            assert client.get(path).status_code == 404
        assert client.post("/__test__/reset").status_code == 404


def test_faults_registry_and_unknown_name(api: Api):
    faults = api.get("/__test__/faults").json()
    names = {f["name"] for f in faults}
    assert {"login-error-at-top", "login-wrong-password-accepted", "refresh-accepted-as-access"} <= names
    assert all(set(f) == {"name", "requirements", "description", "layer", "active"} for f in faults)
    assert api.put("/__test__/faults", json={"active": ["no-such-fault"]}).status_code == 400


def test_fault_login_wrong_password_accepted(api: Api):
    api.client_user("a@example.com")
    api.faults("login-wrong-password-accepted")
    assert api.post("/auth/login/", json={"email": "a@example.com", "password": "wrong"}).status_code == 200
    api.faults()
    assert api.post("/auth/login/", json={"email": "a@example.com", "password": "wrong"}).status_code == 401


def test_fault_refresh_accepted_as_access_and_expired(api: Api):
    api.client_user("a@example.com")
    tokens = api.tokens("a@example.com")
    api.faults("refresh-accepted-as-access")
    assert api.get("/experts", tokens["refresh"]).status_code == 200
    api.faults("expired-access-gives-403")
    api.clock("2099-01-01T00:00:00Z")
    assert api.get("/experts", tokens["access"]).status_code == 403
    api.faults("expired-access-accepted")
    assert api.get("/experts", tokens["access"]).status_code == 200


def test_fault_empty_password_and_missing_refresh(api: Api):
    api.client_user("a@example.com")
    api.faults("login-empty-password-accepted", "login-response-missing-refresh")
    r = api.post("/auth/login/", json={"email": "a@example.com", "password": ""})
    assert r.status_code == 200 and set(r.json()) == {"access"}


def test_fault_refresh_garbled_and_extra_fields(api: Api):
    api.client_user("a@example.com")
    tokens = api.tokens("a@example.com")
    forged = tokens["refresh"][:-4] + ("AAAA" if not tokens["refresh"].endswith("AAAA") else "BBBB")
    api.faults("refresh-garbled-accepted", "refresh-returns-extra-fields")
    r = api.post("/auth/refresh/", json={"refresh": forged})
    assert r.status_code == 200 and set(r.json()) == {"access", "refresh"}


def test_fault_experts_list_and_detail(api: Api):
    ids = _seed_experts(api)
    api.client_user("c@example.com")
    token = api.login("c@example.com")
    api.faults("experts-list-missing-count", "expert-detail-missing-description", "search-case-sensitive")
    assert "count" not in api.get("/experts", token).json()
    assert "description" not in api.get(f"/experts/{ids[0]}", token).json()
    assert api.get("/experts?search=иван", token).json()["results"] == []


def test_errors_never_leak_tracebacks(api: Api):
    r = api.get("/experts?page=1", "x")
    assert r.status_code == 401 and set(r.json()) == {"detail"}
    r = api.c.request("PATCH", "/auth/login/")
    assert r.status_code == 405 and set(r.json()) == {"detail"}


def test_spa_is_served(api: Api):
    r = api.get("/")
    assert r.status_code == 200 and "text/html" in r.headers["content-type"]
