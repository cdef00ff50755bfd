"""Collects every .feature file below features/ as the specification (steps live in conftest.py)."""

from pytest_bdd import scenarios

scenarios(".")
