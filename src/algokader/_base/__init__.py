"""The base layer: errors and diagnostics, the message catalogue, source files, and package resources.

Imports nothing else of algokader.
"""
