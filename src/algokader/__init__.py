"""algokader — the requirements of the Dutch Algoritmekader as executable, testable rules.

>>> import algokader
>>> rs = algokader.load()                       # the bundled requirement set
>>> report = rs.evaluate({"rol-ai-act": {"gebruiksverantwoordelijke"}})
>>> report["aia-14"].verdict
<Verdict.DOES_NOT_APPLY: 'does-not-apply'>
"""

from ._analysis import Analysis, Finding, FindingKind, LabelComparison
from ._ast import Module, Op, TypeKind
from ._diff import Change, Diff
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
from ._explain import Explanation, OutcomeExplanation, Step, StepKind
from ._parser import parse
from ._ruleset import FactInfo, Question, Report, RequirementInfo, Result, RuleSet, load, load_sources

__all__ = [
    "AlgokaderError",
    "Analysis",
    "Change",
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
