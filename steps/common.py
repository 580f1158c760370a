"""Steps every domain shares: the people in a scenario, and what an API response must say."""
from __future__ import annotations

from pytest_bdd import given, parsers, then

from fixtures.expect import mismatch


@given("a registered client", target_fixture="client")
def a_registered_client(seeder):
    return seeder.client()


@then(parsers.parse("the response status is {status:d}"))
def response_status_is(response, status):
    assert response.status_code == status, mismatch("HTTP status", status, f"{response.status_code} {response.text[:300]}")


@then("the response explains the error")
def response_explains_error(response):
    assert response.json().get("detail", "").strip(), f"error response has no detail: {response.text[:300]}"
