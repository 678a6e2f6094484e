"""Sphinx configuration of the algokader documentation (built with ``sphinx-build -W``)."""

from __future__ import annotations

import sys
from pathlib import Path

try:
    import algokader
except ImportError:  # building from a checkout without installing: use the sources
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
    import algokader

project = "algokader"
author = "algokader developers"
copyright = "algokader developers"
release = algokader.__version__
version = release

language = "nl"
extensions = ["sphinx.ext.autodoc", "algokader.sphinxext"]
exclude_patterns = ["_build"]
templates_path: list[str] = []

# Only the public API, with type hints in the descriptions (signatures stay readable).
autodoc_typehints = "description"
autodoc_member_order = "bysource"
autodoc_default_options = {"members": True, "undoc-members": False}

# The rule files in this project's requirements/ folder (the bundled set is the same folder).
algokader_requirements = "../requirements"

html_theme = "alabaster"
html_title = f"algokader {release}"
html_static_path: list[str] = []
