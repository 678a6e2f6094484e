"""algokader — the requirements of the Dutch Algoritmekader as executable, testable rules.

>>> import algokader
>>> rs = algokader.load()                       # the bundled requirement set
>>> report = rs.evaluate({"rol-ai-act": {"gebruiksverantwoordelijke"}})
>>> report["aia-14"].verdict
<Verdict.DOES_NOT_APPLY: 'does-not-apply'>
"""

import importlib
from typing import TYPE_CHECKING, Any

from ._ast import Module, Op, TypeKind
from ._errors import (
    AlgokaderError,
    Diagnostic,
    InconsistentInputError,
    InputError,
    ParseError,
    RuleError,
    Severity,
    Span,
)
from ._evaluate import Truth, Verdict
from ._parser import parse
from ._ruleset import FactInfo, Question, Report, RequirementInfo, Result, RuleSet, load, load_sources

if TYPE_CHECKING:
    from ._analysis import Analysis, Finding, FindingKind, LabelComparison
    from ._diff import Change, Diff
    from ._explain import Explanation, OutcomeExplanation, Step, StepKind
    from ._fastpath import Decision

# Names from modules that loading and evaluating do not need: imported when first used, so
# that `import algokader` stays quick (tests/test_fast_parser.py checks it stays so).
_LAZY = {
    "Analysis": "_analysis",
    "Finding": "_analysis",
    "FindingKind": "_analysis",
    "LabelComparison": "_analysis",
    "Change": "_diff",
    "Diff": "_diff",
    "Explanation": "_explain",
    "OutcomeExplanation": "_explain",
    "Step": "_explain",
    "StepKind": "_explain",
    "Decision": "_fastpath",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


__all__ = [
    "AlgokaderError",
    "Analysis",
    "Change",
    "Decision",
    "Diagnostic",
    "Diff",
    "Explanation",
    "FactInfo",
    "Finding",
    "FindingKind",
    "InconsistentInputError",
    "InputError",
    "LabelComparison",
    "Module",
    "Op",
    "OutcomeExplanation",
    "ParseError",
    "Question",
    "Report",
    "RequirementInfo",
    "Result",
    "RuleError",
    "RuleSet",
    "Severity",
    "Span",
    "Step",
    "StepKind",
    "Truth",
    "TypeKind",
    "Verdict",
    "load",
    "load_sources",
    "parse",
]

__version__ = "0.1.0"
