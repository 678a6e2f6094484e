"""algokader — the requirements of the Dutch Algoritmekader as executable, testable rules.

>>> import algokader
>>> rs = algokader.load()                       # the bundled requirement set
>>> report = rs.evaluate({"rol-ai-act": {"gebruiksverantwoordelijke"}})
>>> report["aia-14"].verdict
<Verdict.DOES_NOT_APPLY: 'does-not-apply'>
"""

import importlib
from typing import TYPE_CHECKING, Any

from ._base.errors import (
    AlgokaderError,
    Diagnostic,
    InconsistentInputError,
    InputError,
    ParseError,
    RuleError,
    Severity,
    Span,
)
from ._engine.compiler import Regime
from ._engine.evaluate import Truth, Verdict
from ._engine.maatregelen import FollowingMaatregel, Maatregel
from ._engine.ruleset import FactInfo, Question, Report, RequirementInfo, Result, RuleSet, Start, load, load_sources
from ._engine.values import EffectiveDate, LegalSource
from ._language.ast import Module, Op, TypeKind

if TYPE_CHECKING:
    from ._engine.analysis import Analysis, Finding, FindingKind, LabelComparison
    from ._engine.diff import Change, Diff
    from ._engine.explain import Explanation, OutcomeExplanation, Step, StepKind
    from ._engine.interview import Interview, Option, Strategy
    from ._engine.predicates import CompiledPredicate, Decision, FallbackReason, Fallbacks
    from ._engine.timeline import Timeline
    from ._engine.tree import DecisionTree, TreeTooLarge
    from ._language.parser import parse

# Names from modules that loading and evaluating do not need: imported when first used, so
# that `import algokader` stays quick (tests/test_fast_parser.py checks it stays so).
_LAZY = {
    "Analysis": "_engine.analysis",
    "Finding": "_engine.analysis",
    "FindingKind": "_engine.analysis",
    "LabelComparison": "_engine.analysis",
    "Change": "_engine.diff",
    "Diff": "_engine.diff",
    "Explanation": "_engine.explain",
    "OutcomeExplanation": "_engine.explain",
    "Step": "_engine.explain",
    "StepKind": "_engine.explain",
    "CompiledPredicate": "_engine.predicates",
    "Decision": "_engine.predicates",
    "Interview": "_engine.interview",
    "Option": "_engine.interview",
    "Strategy": "_engine.interview",
    "FallbackReason": "_engine.predicates",
    "Fallbacks": "_engine.predicates",
    "Timeline": "_engine.timeline",
    "DecisionTree": "_engine.tree",
    "TreeTooLarge": "_engine.tree",
    "parse": "_language.parser",
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
    "CompiledPredicate",
    "Decision",
    "DecisionTree",
    "Diagnostic",
    "Diff",
    "EffectiveDate",
    "Explanation",
    "FactInfo",
    "FallbackReason",
    "Fallbacks",
    "Finding",
    "FindingKind",
    "FollowingMaatregel",
    "InconsistentInputError",
    "InputError",
    "Interview",
    "LabelComparison",
    "LegalSource",
    "Maatregel",
    "Module",
    "Op",
    "Option",
    "OutcomeExplanation",
    "ParseError",
    "Question",
    "Regime",
    "Report",
    "RequirementInfo",
    "Result",
    "RuleError",
    "RuleSet",
    "Severity",
    "Span",
    "Start",
    "Step",
    "StepKind",
    "Strategy",
    "Timeline",
    "TreeTooLarge",
    "Truth",
    "TypeKind",
    "Verdict",
    "load",
    "load_sources",
    "parse",
]

__version__ = "0.1.0"
