"""The whole domain analysed symbolically: sets of cases (regions) and the decision of every case
at once (domain). Engine-free: an evaluator of its own, checked against the engine in the tests.
"""
