"""Collects every .feature file below features/ as the specification (its sentences are
allocator.staff.steps, bound to pytest-bdd in conftest.py)."""

from pytest_bdd import scenarios

scenarios(".")
