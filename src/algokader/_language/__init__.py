"""The rules language: syntax table, typed AST, parser (with its LALR driver) and checker.

Imports only :mod:`algokader._base`.
"""
