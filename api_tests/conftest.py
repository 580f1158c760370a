"""Fixtures of the schema-driven contract tests (the machinery is in api_tests/harness.py).

Everything goes over HTTP to `target.api_url`, so the same tests run against a staging URL.
Accounts and records are seeded through the test-support API; on a target without it the tests
that need them are reported not-runnable (the public operations still run). The test-support API
and the sandbox pages are not in the contract, so schemathesis never calls them.
"""
from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from api_tests.harness import (CaseCounter, Summary, World, load_contract, seed_public_world, seed_stateful_world,
                               seed_stateless_world)
from fixtures.api import SupportApi
from fixtures.settings import Target


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "assumed: an operation the screens need but the API specification lacks")
    if not hasattr(config, "workerinput"):  # the controller adds up the workers' counts
        config.pluginmanager.register(Summary(config), "sc-schemathesis-summary")


@pytest.fixture(scope="session")
def api_http(target: Target) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=target.api_url, timeout=30.0) as client:
        yield client


@pytest.fixture(scope="session")
def seeding_support(target: Target) -> Iterator[SupportApi]:
    if not target.support_api:
        pytest.skip(f"not-runnable: target {target.name!r} has no test-support API to seed the accounts "
                    f"and records the contract tests need")
    support = SupportApi(target.api_url)
    yield support
    support.close()


@pytest.fixture(scope="session")
def stateless_world(api_http: httpx.Client, seeding_support: SupportApi) -> World:
    return seed_stateless_world(api_http, seeding_support)


@pytest.fixture(scope="session")
def stateful_world(api_http: httpx.Client, seeding_support: SupportApi) -> World:
    return seed_stateful_world(api_http, seeding_support)


@pytest.fixture(scope="session")
def public_contract(target: Target, api_http: httpx.Client):
    """The contract for the public operations, runnable on any target: no token; where the target
    has the test-support API, real credentials are mixed into the generated ones."""
    if not target.support_api:
        return load_contract(target.api_url)
    support = SupportApi(target.api_url)
    try:
        return load_contract(target.api_url, seed_public_world(api_http, support))
    finally:
        support.close()


@pytest.fixture(scope="session")
def seeded_contract(target: Target, stateless_world: World):
    """The contract with the seeded ids in its id parameters and per-operation bearer tokens."""
    return load_contract(target.api_url, stateless_world)


@pytest.fixture
def case_counter(request: pytest.FixtureRequest) -> Iterator[CaseCounter]:
    counter = CaseCounter()
    yield counter
    request.node.user_properties.extend(counter.user_properties())


@pytest.fixture(autouse=True)
def _schemathesis_node_id(request: pytest.FixtureRequest) -> None:
    """schemathesis 4.32's lazy loader reads and renames `node._nodeid` to label each operation;
    pytest 9.2 keeps the node id elsewhere, so give it the attribute (the real node id is unchanged)."""
    if not hasattr(request.node, "_nodeid"):
        request.node._nodeid = request.node.nodeid
