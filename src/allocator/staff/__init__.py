"""The policy staff's tools: check, diff, coverage, the competence matrix, the specification
reader and the JSON Schemas of the rule files."""
