"""Personal account: password change (7.2.7), profile deletion and restore (7.2.8), the expert
questionnaire's price limits (11.2.5) and verification (11.2)."""
from __future__ import annotations

from pytest_bdd import given, parsers, then, when

from fixtures.account import price_at
from fixtures.expect import mismatch


@given("a new valid password", target_fixture="new_password")
def a_new_valid_password(builders):
    return builders.client().password


@when("the client changes the password giving a wrong current password", target_fixture="response")
def change_password_wrong_current(account, client, builders, new_password):
    return account.change_password(client, builders.wrong_password(client), new_password, new_password)


@when(parsers.parse('the client changes the password to "{new}" confirmed as "{confirm}"'), target_fixture="response")
def change_password_to(account, client, new, confirm):
    return account.change_password(client, client.password, new, confirm)


@when("the client changes the password to the new one", target_fixture="response")
def change_password_to_new(account, client, new_password):
    return account.change_password(client, client.password, new_password, new_password)


@then(parsers.parse('the response names the field "{field}"'))
def response_names_field(response, field):
    fields = [error.get("field") for error in response.json().get("errors", [])]
    assert field in fields, mismatch("fields named by the error", field, fields)


@then("the client can still log in with the old password")
def old_password_works(api, client):
    status = api.log_in(client.email, client.password).status_code
    assert status == 200, mismatch("login with the old password", 200, status)


@then("the client can log in with the new password only")
def only_new_password_works(api, client, new_password):
    statuses = (api.log_in(client.email, new_password).status_code, api.log_in(client.email, client.password).status_code)
    assert statuses == (200, 401), mismatch("login with (new, old) password", (200, 401), statuses)


@when("the client deletes the profile", target_fixture="response")
def delete_profile(account, tokens):
    return account.delete_profile(tokens.access)


@then("the client can no longer log in")
def cannot_log_in(api, client):
    status = api.log_in(client.email, client.password).status_code
    assert status == 401, mismatch("login of a deleted profile", 401, status)


@then("the client's old access token is refused with 401")
def old_token_refused(account, tokens):
    status = account.profile(tokens.access).status_code
    assert status == 401, mismatch("profile with the deleted user's token", 401, status)


@when(parsers.parse("{days:d} days pass"))
def days_pass(account, days):
    account.days_pass(days)


@when("the client restores the profile", target_fixture="response")
def restore_profile(account, client):
    return account.restore_profile(client)


@when(parsers.parse("the expert saves the questionnaire with a price {where} the limits"), target_fixture="response")
def save_price(account, expert, where):
    return account.save_questionnaire(expert, price=price_at(account.price_limits(expert), where))


@given("a new description for the expert", target_fixture="new_description")
def a_new_description(builders):
    return builders.about_text()


@when("the expert saves the questionnaire with the new description", target_fixture="response")
def save_description(account, expert, new_description):
    return account.save_questionnaire(expert, about=new_description)


@then(parsers.parse("the expert's data is reported as {state}"))
def data_reported_as(account, expert, state):
    verified = account.verification(expert)["verified"]
    assert verified is (state == "verified"), mismatch("verification state", state, account.verification(expert))


@then(parsers.parse("the expert card shows the {which} description"))
@then(parsers.parse("the expert card still shows the {which} description"))
def card_shows(api, client, expert, new_description, which):
    shown = api.expert(api.access_token(client), expert.id).json()["description"]
    expected = new_description if which == "new" else expert.description
    assert shown == expected, mismatch(f"card description ({which})", expected, shown)


@when("the back office verifies the expert's data")
def back_office_verifies(account, expert):
    account.verify(expert.id)
