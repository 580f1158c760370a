"""Screen 2 "Registration" / «Регистрация»."""
from __future__ import annotations

from pages.base import Screen
from pages.testids import Registration


class RegistrationScreen(Screen):
    SCREEN_ID = Registration.SCREEN

    def open(self) -> "RegistrationScreen":
        self.driver.open(self.route("/register"))
        return self

    def role_choices_shown(self) -> bool:
        return (self.driver.is_visible(Registration.ROLE_CLIENT)
                and self.driver.is_visible(Registration.ROLE_EXPERT))
