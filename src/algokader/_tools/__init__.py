"""Tools for authors and for the published formats: fmt, skeletons, import, export, published data and
the TextMate grammar.

Imports the layers below; nothing below imports it.
"""
