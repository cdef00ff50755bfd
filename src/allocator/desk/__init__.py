"""The duty desk: the Allocator service object (service), batch work (batch) and the decision log
(decision_log).

Nothing is imported here: the fast path logs its answer without loading the service.
"""
