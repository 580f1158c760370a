"""Root wiring: the suite's plugins and step libraries. Logic lives in fixtures/ and steps/."""

pytest_plugins = [
    "fixtures.targets",
    "fixtures.drivers",
    "fixtures.screens",
    "fixtures.api",
    "fixtures.builders",
    "fixtures.seeding",
    "fixtures.features",
    "fixtures.reporting",
    "steps.common",
    "steps.auth",
]
