"""Screen 3 "Forgot password" / «Забыли пароль»."""
from __future__ import annotations

from pages.base import MessageBox, Screen
from pages.testids import ForgotPassword


class ForgotPasswordScreen(Screen):
    SCREEN_ID = ForgotPassword.SCREEN

    def open(self) -> "ForgotPasswordScreen":
        self.driver.open(self.route("/forgot-password"))
        return self

    def request_reset(self, email: str) -> None:
        self.driver.fill(ForgotPassword.EMAIL, email)
        self.driver.tap(ForgotPassword.SUBMIT)

    def error(self) -> MessageBox:
        return self.message_box(ForgotPassword.ERROR)

    def error_is_shown(self) -> bool:
        return self.driver.is_visible(ForgotPassword.ERROR)

    def confirmation(self) -> str:
        return self.driver.text(ForgotPassword.SUCCESS)

    def style(self) -> dict[str, str]:
        return self.style_fingerprint(ForgotPassword.SCREEN, ForgotPassword.SUBMIT, ForgotPassword.EMAIL)
