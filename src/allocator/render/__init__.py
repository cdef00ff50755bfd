"""Decisions and rule listings for a person (text, in NL, FR or EN) or a program (JSON)."""
