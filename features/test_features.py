"""Binds every feature file under features/ to pytest. Steps live in the steps package, loaded
by the root conftest; this module only collects scenarios."""
from pytest_bdd import scenarios

scenarios(".")
