"""Authentication: the Login and Forgot password screens (spec 1, 3) and API 1.1–1.2."""
from __future__ import annotations

from pytest_bdd import given, parsers, then, when

from fixtures import tokens as jwt_tools
from fixtures.expect import mismatch, texts_match

# ---- Login screen ------------------------------------------------------------------------------


@given("the client is on the login screen")
@given("a visitor on the login screen")
def on_the_login_screen(app):
    app.login.open().wait_shown()


@when("the client opens the app")
def open_the_app(app):
    app.launch()


@when("the client logs in with their email and password")
def log_in(app, client):
    app.login.log_in(client.email, client.password)


@when(parsers.parse("the client submits the login form with the {field} left empty"))
def log_in_without(app, client, field):
    app.login.log_in("" if field == "email" else client.email, "" if field == "password" else client.password)


@when("the client logs in with a wrong password")
def log_in_wrong_password(app, client, builders):
    app.login.log_in(client.email, builders.wrong_password(client))


@when("the client follows the Register link")
def follow_register(app):
    app.login.go_to_registration()


@when("the client follows the Forgot password link")
@when("the visitor follows the Forgot password link")
def follow_forgot(app):
    app.login.go_to_forgot_password()


@when("the visitor notes the style of the login screen", target_fixture="login_style")
def note_login_style(app):
    return app.login.style()


@then(parsers.parse("the {screen} is shown"))
@then(parsers.parse("the {screen} is still shown"))
def screen_is_shown(app, screen):
    assert app.screen(screen).is_shown(), f"the {screen} is not shown (at {app.driver.location()})"


@then(parsers.parse("the login error says the {field} is required"))
def login_error_field_required(app, messages, field):
    expected, shown = messages[f"login.{field}_required"], app.login.error().text
    assert texts_match(shown, expected), mismatch("login error", expected, shown)


@then("the login error says the credentials are invalid")
def login_error_invalid_credentials(app, messages):
    expected, shown = messages["login.invalid_credentials"], app.login.error().text
    assert texts_match(shown, expected), mismatch("login error", expected, shown)


@then("the login error is shown in a red box at the bottom of the screen")
def login_error_red_box_at_bottom(app):
    box = app.login.error()
    assert box.is_red and box.in_bottom_part, f"expected a red box in the bottom part of the screen, got {box.describe()}"


# ---- Forgot password screen --------------------------------------------------------------------


@given("a visitor on the forgot password screen")
def on_the_forgot_screen(app):
    app.forgot_password.open().wait_shown()


@when(parsers.parse('the visitor requests a reset link for "{email}"'))
def request_reset(app, email):
    app.forgot_password.request_reset(email)


@when("the visitor requests a reset link without an email")
def request_reset_without_email(app):
    app.forgot_password.request_reset("")


@when("the visitor requests a reset link for the client's email")
def request_reset_for_client(app, client):
    app.forgot_password.request_reset(client.email)


@then("the forgot password screen has the same style as the login screen")
def forgot_has_login_style(app, login_style):
    forgot_style = app.forgot_password.style()
    assert forgot_style == login_style, f"style differs from the login screen: login {login_style}, forgot {forgot_style}"


@then(parsers.parse("the forgot password error says the email is {problem}"))
def forgot_error_says(app, messages, problem):
    expected = messages["forgot.email_required" if problem == "required" else "forgot.email_invalid"]
    shown = app.forgot_password.error().text
    assert texts_match(shown, expected), mismatch("forgot password error", expected, shown)


@then("the forgot password screen confirms that a reset link was sent")
def forgot_confirms(app, messages):
    shown = app.forgot_password.confirmation()
    assert texts_match(shown, messages["forgot.sent"]), mismatch("confirmation", messages["forgot.sent"], shown)


@then("the forgot password error is shown in a red box at the bottom of the screen")
def forgot_error_red_box(app):
    box = app.forgot_password.error()
    assert box.is_red and box.in_bottom_part, f"expected a red box in the bottom part of the screen, got {box.describe()}"


# ---- API 1.1 / 1.2 -----------------------------------------------------------------------------


@given("the client is logged in through the API", target_fixture="tokens")
def logged_in_through_api(api, client):
    return api.tokens(client.email, client.password)


@when("the client logs in through the API", target_fixture="response")
def api_log_in(api, client):
    return api.log_in(client.email, client.password)


@when("the client logs in through the API with a wrong password", target_fixture="response")
def api_log_in_wrong(api, client, builders):
    return api.log_in(client.email, builders.wrong_password(client))


@when(parsers.parse("the client logs in through the API with the {field} {how}"), target_fixture="response")
def api_log_in_without(api, client, field, how):
    body = {"email": client.email, "password": client.password}
    return api.log_in_raw({k: ("" if k == field else v) for k, v in body.items() if not (k == field and how == "missing")})


@when("someone logs in through the API as an unknown user", target_fixture="response")
def api_log_in_unknown(api, builders):
    stranger = builders.client()
    return api.log_in(stranger.email, stranger.password)


@then("the access token opens the experts list")
def access_token_works(api, response):
    assert api.experts(response.json()["access"]).status_code == 200


@when("the client refreshes the access token", target_fixture="response")
def api_refresh(api, tokens):
    return api.refresh(tokens.refresh)


@then("the new access token opens the experts list")
def new_access_token_works(api, response):
    status = api.experts(response.json()["access"]).status_code
    assert status == 200, mismatch("experts list with the refreshed token", 200, status)


@when("the access token has expired")
def access_token_expired(support, tokens):
    support.set_clock(jwt_tools.moment_after_expiry(tokens.access))


@then("the experts list refuses the access token with 401")
def expired_access_refused(api, tokens):
    status = api.experts(tokens.access).status_code
    assert status == 401, mismatch("experts list with an expired access token", 401, status)


@then("the experts list refuses the refresh token with 401")
def refresh_as_access_refused(api, tokens):
    status = api.experts(tokens.refresh).status_code
    assert status == 401, mismatch("experts list with a refresh token as bearer", 401, status)


@when(parsers.parse("the client refreshes with {kind} refresh token"), target_fixture="response")
def api_refresh_with_bad(api, tokens, request, kind):
    return api.refresh(bad_refresh_token(kind, tokens, request))


def bad_refresh_token(kind: str, tokens, request) -> str:
    if kind == "an expired":
        request.getfixturevalue("support").set_clock(jwt_tools.moment_after_expiry(tokens.refresh))
        return tokens.refresh
    makers = {"a garbled": jwt_tools.garbled, "a forged": jwt_tools.forged, "an access": lambda _: tokens.access}
    return makers[kind](tokens.refresh)
