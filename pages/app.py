"""The app as a whole: where it starts, and a signed-in start without the login UI."""
from __future__ import annotations

from pages.base import Screen
from pages.experts_list import ExpertsListScreen
from pages.forgot_password import ForgotPasswordScreen
from pages.login import LoginScreen
from pages.registration import RegistrationScreen

# Where the app keeps its session; the reference app and the native builds share these keys.
ACCESS_KEY = "sc.access"
REFRESH_KEY = "sc.refresh"


class App:
    def __init__(self, driver, app_url: str) -> None:
        self.driver = driver
        self.app_url = app_url
        self.login = LoginScreen(driver, app_url)
        self.forgot_password = ForgotPasswordScreen(driver, app_url)
        self.registration = RegistrationScreen(driver, app_url)
        self.experts = ExpertsListScreen(driver, app_url)

    def launch(self) -> None:
        """Open the app the way a user does: at its start page."""
        self.driver.open(f"{self.app_url}/")

    def launch_signed_in(self, access: str, refresh: str) -> None:
        """Start with a session obtained through the API (no login UI)."""
        self.driver.set_local_storage(f"{self.app_url}/", {ACCESS_KEY: access, REFRESH_KEY: refresh})
        self.launch()

    def screen(self, name: str) -> Screen:
        screens = {"login screen": self.login, "forgot password screen": self.forgot_password,
                   "registration screen": self.registration, "experts list": self.experts}
        return screens[name]
