"""The test-ID contract between the suite and the app.

Every interactive or asserted element of the app carries one of these IDs (`data-testid` on the
web; accessibility id or resource-id in native builds). Screen objects use nothing else, and
`tests/test_testids.py` checks that the reference app carries every one of them.
"""
from __future__ import annotations


class Login:
    SCREEN = "login-screen"
    EMAIL = "login-email"
    PASSWORD = "login-password"
    SUBMIT = "login-submit"
    ERROR = "login-error"
    REGISTER_LINK = "login-register-link"
    FORGOT_LINK = "login-forgot-link"


class ForgotPassword:
    SCREEN = "forgot-screen"
    EMAIL = "forgot-email"
    SUBMIT = "forgot-submit"
    ERROR = "forgot-error"
    SUCCESS = "forgot-success"
    BACK_TO_LOGIN = "forgot-back-link"


class Registration:
    SCREEN = "registration-screen"
    ROLE_CLIENT = "registration-role-client"
    ROLE_EXPERT = "registration-role-expert"


class Header:
    TITLE = "header-title"
    SEARCH = "header-search"
    AVATAR = "header-avatar"


class BottomMenu:
    EXPERTS = "menu-experts"
    MATERIALS = "menu-materials"
    PLUS = "menu-plus"
    CONSULTATIONS = "menu-consultations"
    QUESTIONS = "menu-questions"


class ExpertsList:
    SCREEN = "experts-screen"
    ITEM = "expert-item"
    EMPTY = "experts-empty"


def all_ids() -> dict[str, str]:
    """Every test ID of the contract, keyed `Screen.NAME`."""
    return {
        f"{group.__name__}.{name}": value
        for group in (Login, ForgotPassword, Registration, Header, BottomMenu, ExpertsList)
        for name, value in vars(group).items() if name.isupper()
    }
