"""Screen 5 "Experts list" / «Список Экспертов» — the start screen after login."""
from __future__ import annotations

from pages.base import Screen
from pages.testids import ExpertsList, Header


class ExpertsListScreen(Screen):
    SCREEN_ID = ExpertsList.SCREEN

    def open(self) -> "ExpertsListScreen":
        self.driver.open(self.route("/experts"))
        return self

    def title(self) -> str:
        return self.driver.text(Header.TITLE)
