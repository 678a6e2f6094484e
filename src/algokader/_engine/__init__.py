"""The engine: decision diagrams, the compiler, reading systems, sessions and verdicts, explanations,
compiled predicates, analysis, semantic diff, labels and the rule-set API.

Imports :mod:`algokader._base` and :mod:`algokader._language`.
"""
