"""Files and inputs -> the runtime model: YAML with positions, the pydantic schemas, positioned
problems, the fingerprint, rules read from disk or a git revision. The only users of pydantic and
ruamel.yaml.

Nothing is imported here: the fast path of `decide` reads rule files (files, compiled) without
paying for pydantic (schemas, rules, cases).
"""
