"""Screen 1 "Login" / «Вход»."""
from __future__ import annotations

from pages.base import MessageBox, Screen
from pages.testids import Login


class LoginScreen(Screen):
    SCREEN_ID = Login.SCREEN

    def open(self) -> "LoginScreen":
        self.driver.open(self.route("/login"))
        return self

    def log_in(self, email: str, password: str) -> None:
        self.driver.fill(Login.EMAIL, email)
        self.driver.fill(Login.PASSWORD, password)
        self.driver.tap(Login.SUBMIT)

    def error(self) -> MessageBox:
        return self.message_box(Login.ERROR)

    def error_is_shown(self) -> bool:
        return self.driver.is_visible(Login.ERROR)

    def go_to_registration(self) -> None:
        self.driver.tap(Login.REGISTER_LINK)

    def go_to_forgot_password(self) -> None:
        self.driver.tap(Login.FORGOT_LINK)

    def style(self) -> dict[str, str]:
        return self.style_fingerprint(Login.SCREEN, Login.SUBMIT, Login.EMAIL)
