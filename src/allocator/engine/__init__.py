"""The engine: the plan of the durable_rules network and its limits (plan), the plan run in
durable_rules (durable, the only importer of durable), the hit policies (resolve), the why
(explain).

Nothing is imported here: the fast path imports only the modules it needs.
"""
