"""Root wiring: the suite's plugins and step libraries. Logic lives in fixtures/ and steps/."""

pytest_plugins = [
    "fixtures.targets",
    "fixtures.drivers",
    "fixtures.screens",
    "fixtures.api",
    "fixtures.builders",
    "fixtures.seeding",
    "fixtures.appointments",
    "fixtures.account",
    "fixtures.features",
    "fixtures.reporting",
    "steps.common",
    "steps.auth",
    "steps.experts",
    "steps.booking",
    "steps.consultations",
    "steps.checkout",
    "steps.schedule",
    "steps.account",
]
