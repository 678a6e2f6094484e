"""Specification of the diagnostics: every parse and check error, where it points and how it reads.

Each test loads a small rule set that is wrong in exactly one way and asserts the message
code, the line and column the diagnostic points at and, where the library offers one, the
hint (often a did-you-mean suggestion).
"""

from __future__ import annotations

import re
import textwrap

import pytest

import algokader
from algokader import Diagnostic, RuleError, Severity
from algokader._language.ast import And

FACTS = """\
feit a: ja/nee
feit b: ja/nee
feit kleur: een van {rood, groen, blauw}
feit rol: verzameling van {aanbieder, gebruiker}
feit start: datum
"""
"""A vocabulary shared by many tests (lines 1-5 of ``feiten.ak``)."""


def src(text: str) -> str:
    """A rule file written indented in a test: line 1 is the first line after the opening quotes."""
    return textwrap.dedent(text).lstrip("\n")


def requirement(rid: str = "tst-01", condition: str = "a", extra: str = "") -> str:
    """A valid requirement file (lines 1-4) followed by ``extra`` clauses (indented 4) from line 5 on."""
    head = (
        f'vereiste {rid}\n    urn "urn:nl:ak:ver:{rid}"\n    titel "Een vereiste"\n    van toepassing als {condition}\n'
    )
    return head + textwrap.indent(textwrap.dedent(extra), "    ")


def diagnostics(sources: dict[str, str]) -> tuple[Diagnostic, ...]:
    """The diagnostics of a rule set that must not load."""
    with pytest.raises(RuleError) as info:
        algokader.load_sources(sources)
    return info.value.diagnostics


def single(sources: dict[str, str]) -> Diagnostic:
    """The one diagnostic of a rule set with exactly one problem."""
    found = diagnostics(sources)
    assert len(found) == 1, [d.render("en") for d in found]
    return found[0]


def with_facts(text: str, path: str = "regels.ak") -> dict[str, str]:
    return {"feiten.ak": FACTS, path: src(text)}


def at(d: Diagnostic) -> tuple[str, int, int]:
    return (d.span.path, d.span.line, d.span.column)


def assert_did_you_mean(d: Diagnostic, suggestion: str) -> None:
    assert d.hint is not None
    assert d.hint.code == "hint.did-you-mean"
    assert d.hint.render("en") == f"did you mean '{suggestion}'?"


def test_a_valid_rule_set_loads() -> None:
    """The helpers build rule sets that are valid apart from the error each test adds."""
    rs = algokader.load_sources({"feiten.ak": FACTS, "tst-01.ak": requirement()})
    assert "tst-01" in rs
    assert rs.warnings == ()


# ---- syntax ---------------------------------------------------------------------------


class TestSyntaxErrors:
    def test_unexpected_token_names_the_token_and_what_was_expected(self) -> None:
        d = single({"f.ak": "feit a: ja/nee\nfeit b = ja/nee\n"})
        assert d.message.code == "parse.unexpected-token"
        assert at(d) == ("f.ak", 2, 8)
        assert d.message.render("en") == "unexpected '='; expected: ':'"
        assert d.hint is not None and d.hint.code == "hint.parse"

    def test_syntax_errors_raise_parse_error_from_parse(self) -> None:
        with pytest.raises(algokader.ParseError) as info:
            algokader.parse("definitie x waar als a en b)\n", path="x.ak")
        (d,) = info.value.diagnostics
        assert d.message.code == "parse.unexpected-token"
        assert at(d) == ("x.ak", 1, 28)
        assert d.message.render("en").startswith("unexpected ')'; expected: ")
        assert isinstance(info.value, RuleError)

    def test_unexpected_upper_case_character_hints_at_lower_case(self) -> None:
        d = single({"f.ak": "feit a: ja/nee\nfeit Hoog: ja/nee\n"})
        assert d.message.code == "parse.unexpected-char"
        assert at(d) == ("f.ak", 2, 6)
        assert d.message.render("en") == "unexpected character 'H'"
        assert d.hint is not None and d.hint.code == "hint.uppercase"

    def test_single_quotes_hint_at_double_quotes(self) -> None:
        d = single({"f.ak": "feit a: ja/nee\n    omschrijving 'Een feit'\n"})
        assert d.message.code == "parse.unexpected-char"
        assert at(d) == ("f.ak", 2, 18)
        assert d.hint is not None and d.hint.code == "hint.string"

    def test_other_unexpected_character_gets_the_general_hint(self) -> None:
        d = single({"f.ak": "feit a: ja/nee\ndefinitie x waar als a & b\n"})
        assert d.message.code == "parse.unexpected-char"
        assert at(d) == ("f.ak", 2, 24)
        assert d.message.render("nl") == "onverwacht teken '&'"
        assert d.hint is not None and d.hint.code == "hint.parse"

    def test_unexpected_end_of_file_points_after_the_last_character(self) -> None:
        d = single({"f.ak": "feit a: ja/nee\nfeit b:"})
        assert d.message.code == "parse.unexpected-eof"
        assert at(d) == ("f.ak", 2, 8)
        assert d.message.render("en") == "unexpected end of file; expected: 'datum', 'een', 'ja/nee', 'verzameling'"

    def test_only_the_first_syntax_error_of_a_file_is_reported(self) -> None:
        found = diagnostics({"f.ak": "feit A: ja/nee\nfeit B: ja/nee\n"})
        assert [(d.message.code, d.span.line) for d in found] == [("parse.unexpected-char", 1)]

    def test_syntax_errors_in_several_files_are_all_reported(self) -> None:
        found = diagnostics({"een.ak": "feit a ja/nee\n", "twee.ak": "feit b: ja/nee\nfeit C: ja/nee\n"})
        assert [(d.span.path, d.span.line, d.message.code) for d in found] == [
            ("een.ak", 1, "parse.unexpected-token"),
            ("twee.ak", 2, "parse.unexpected-char"),
        ]

    def test_long_expected_lists_are_shortened_in_the_language_of_the_rendering(self) -> None:
        d = single({"f.ak": 'feit a: ja/nee\ndefinitie x waar als a\n    omschrijving "Te laat"\n'})
        assert d.message.code == "parse.unexpected-token"
        assert at(d) == ("f.ak", 3, 5)
        assert re.search(r", and \d+ more$", d.message.render("en")), d.message.render("en")
        assert re.search(r", en nog \d+$", d.message.render("nl")), d.message.render("nl")

    def test_file_larger_than_one_mebibyte_is_refused(self) -> None:
        d = single({"groot.ak": "#" * ((1 << 20) + 1)})
        assert d.message.code == "io.too-large"
        assert at(d) == ("groot.ak", 1, 1)
        assert d.hint is not None and d.hint.code == "hint.too-large"

    def test_impossible_date_is_an_error_at_the_date(self) -> None:
        d = single(with_facts("definitie x waar als start voor 2024-02-30\n"))
        assert d.message.code == "parse.bad-date"
        assert d.hint is not None and d.hint.code == "hint.bad-date"
        assert at(d) == ("regels.ak", 1, 33)


class TestNesting:
    def test_more_than_64_levels_of_parentheses_is_too_deep(self) -> None:
        """Deep nesting is a clear error, never a RecursionError."""
        depth = 100
        text = "feit a: ja/nee\ndefinitie x waar als " + "(" * depth + "a" + ")" * depth + "\n"
        found = diagnostics({"f.ak": text})
        assert found
        assert {d.message.code for d in found} == {"parse.too-deep"}
        assert found[0].span.line == 2
        assert found[0].hint is not None and found[0].hint.code == "hint.too-deep"

    def test_more_than_64_nested_subexpressions_is_too_deep(self) -> None:
        depth = 100
        text = "feit a: ja/nee\ndefinitie x waar als " + "(a en " * depth + "a" + ")" * depth + "\n"
        found = diagnostics({"f.ak": text})
        assert found
        assert {d.message.code for d in found} == {"parse.too-deep"}
        assert found[0].span.line == 2
        assert "64" in found[0].message.render("en")

    def test_more_than_64_nested_niet_is_too_deep(self) -> None:
        text = "feit a: ja/nee\ndefinitie x waar als " + "niet " * 100 + "a\n"
        d = single({"f.ak": text})
        assert d.message.code == "parse.too-deep"
        assert d.span.line == 2

    @pytest.mark.parametrize("kind", ["niet", "haakjes"])
    def test_64_levels_are_fine_and_65_are_too_deep(self, kind: str) -> None:
        def nested(depth: int) -> str:
            body = "niet " * depth + "a" if kind == "niet" else "(a en " * depth + "a" + ")" * depth
            return f"feit a: ja/nee\ndefinitie x waar als {body}\n"

        assert len(algokader.parse(nested(64)).items) == 2
        with pytest.raises(algokader.ParseError) as info:
            algokader.parse(nested(65))
        assert info.value.diagnostics[0].message.code == "parse.too-deep"

    def test_a_long_flat_chain_is_not_nesting(self) -> None:
        """``a en a en … en a`` with 5000 operands parses, checks and evaluates."""
        chain = " en ".join(["a"] * 5000)
        module = algokader.parse(f"feit a: ja/nee\ndefinitie x waar als {chain}\n")
        body = module.items[1].body
        assert isinstance(body, And)
        assert len(body.operands) == 5000
        rs = algokader.load_sources({"f.ak": "feit a: ja/nee\n", "tst-01.ak": requirement(condition=chain)})
        assert rs.evaluate({"a": True})["tst-01"].verdict is algokader.Verdict.APPLIES


# ---- names and values -----------------------------------------------------------------


class TestNames:
    def test_unknown_name_suggests_the_closest_declared_name(self) -> None:
        d = single(with_facts("definitie x waar als a en kleurr = rood\n"))
        assert d.message.code == "check.unknown-name"
        assert at(d) == ("regels.ak", 1, 27)
        assert d.message.render("en") == "unknown name 'kleurr'"
        assert_did_you_mean(d, "kleur")

    def test_unknown_name_without_a_close_match_hints_to_declare_it(self) -> None:
        d = single(with_facts("definitie x waar als zwaartekracht\n"))
        assert d.message.code == "check.unknown-name"
        assert at(d) == ("regels.ak", 1, 22)
        assert d.hint is not None and d.hint.code == "hint.declare"

    def test_unknown_name_in_a_requirement(self) -> None:
        d = single({"feiten.ak": FACTS, "tst-01.ak": requirement(condition="a", extra="    tenzij bb\n")})
        assert d.message.code == "check.unknown-name"
        assert at(d) == ("tst-01.ak", 5, 12)
        assert_did_you_mean(d, "b")

    def test_unknown_value_suggests_the_closest_value(self) -> None:
        d = single(with_facts("definitie x waar als kleur = groene\n"))
        assert d.message.code == "check.unknown-value"
        assert at(d) == ("regels.ak", 1, 30)
        assert d.message.render("en") == "'groene' is not a value of kleur"
        assert_did_you_mean(d, "groen")

    def test_unknown_value_in_a_list_points_at_that_value(self) -> None:
        d = single(with_facts("definitie x waar als kleur in {rood, bluaw}\n"))
        assert d.message.code == "check.unknown-value"
        assert at(d) == ("regels.ak", 1, 38)
        assert_did_you_mean(d, "blauw")

    def test_unknown_value_of_a_set(self) -> None:
        d = single(with_facts("definitie x waar als rol bevat aanbiede\n"))
        assert d.message.code == "check.unknown-value"
        assert at(d) == ("regels.ak", 1, 32)
        assert_did_you_mean(d, "aanbieder")

    def test_unknown_value_without_a_close_match_lists_the_allowed_values(self) -> None:
        d = single(with_facts("definitie x waar als kleur = zwart\n"))
        assert d.message.code == "check.unknown-value"
        assert d.hint is not None and d.hint.code == "hint.values"
        assert d.hint.render("en") == "allowed values: rood, groen, blauw"

    def test_unknown_value_in_a_definition_choice(self) -> None:
        text = """\
            definitie niveau: een van {laag, hoog}
                als a dan hooog
                anders laag
            """
        d = single(with_facts(text))
        assert d.message.code == "check.unknown-value"
        assert at(d) == ("regels.ak", 2, 15)
        assert_did_you_mean(d, "hoog")


class TestTypes:
    def test_bare_reference_to_a_fact_that_is_not_yes_no(self) -> None:
        d = single(with_facts("definitie x waar als a en kleur\n"))
        assert d.message.code == "check.type-not-bool"
        assert at(d) == ("regels.ak", 1, 27)
        assert d.message.render("en") == "kleur is a choice of values, not a yes/no fact"
        assert d.hint is not None and d.hint.code == "hint.type-not-bool"
        assert d.hint.render("en") == "compare it with a value, for example kleur = rood"

    def test_bare_reference_to_a_date(self) -> None:
        d = single(with_facts("definitie x waar als start\n"))
        assert d.message.code == "check.type-not-bool"
        assert d.message.render("nl") == "start is een datum, geen ja/nee-feit"

    def test_equals_on_a_set_suggests_bevat(self) -> None:
        d = single(with_facts("definitie x waar als rol = aanbieder\n"))
        assert d.message.code == "check.op-type"
        assert at(d) == ("regels.ak", 1, 22)
        assert d.message.render("nl") == (
            "'=' werkt op ja/nee, een keuze uit waarden, een datum, maar rol is een verzameling"
        )
        assert_did_you_mean(d, "rol bevat …")

    def test_bevat_on_an_enumeration(self) -> None:
        d = single(with_facts("definitie x waar als kleur bevat rood\n"))
        assert d.message.code == "check.op-type"
        assert at(d) == ("regels.ak", 1, 22)
        assert d.message.render("nl") == "'bevat' werkt op een verzameling, maar kleur is een keuze uit waarden"
        assert d.hint is None

    def test_in_on_a_yes_no_fact(self) -> None:
        d = single(with_facts("definitie x waar als a in {ja}\n"))
        assert d.message.code == "check.op-type"
        assert d.message.render("nl") == "'in' werkt op een keuze uit waarden, maar a is ja/nee"

    @pytest.mark.parametrize("op", ["voor", "<", "uiterlijk", "<=", "na", ">", "vanaf", ">="])
    def test_date_operator_on_a_non_date(self, op: str) -> None:
        d = single(with_facts(f"definitie x waar als kleur {op} 2024-01-01\n"))
        assert d.message.code == "check.op-type"
        assert at(d) == ("regels.ak", 1, 22)
        assert d.message.render("nl").endswith("werkt op een datum, maar kleur is een keuze uit waarden")

    def test_operator_type_message_renders_wholly_in_english(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Like every message, an operator/type mismatch can be rendered in either language."""
        monkeypatch.delenv("ALGOKADER_LANG", raising=False)
        d = single(with_facts("definitie x waar als kleur bevat rood\n"))
        assert d.message.render("en") == "'bevat' needs a set, but kleur is a choice of values"
        d = single(with_facts("definitie x waar als rol = aanbieder\n"))
        assert d.message.render("en") == "'=' needs yes/no, a choice of values, a date, but rol is a set"

    def test_is_leeg_on_an_enumeration(self) -> None:
        d = single(with_facts("definitie x waar als kleur is leeg\n"))
        assert d.message.code == "check.op-type"

    def test_value_of_the_wrong_kind(self) -> None:
        d = single(with_facts("definitie x waar als a = 2024-01-01\n"))
        assert d.message.code == "check.value-type"
        assert at(d) == ("regels.ak", 1, 26)
        assert d.message.render("en") == "'2024-01-01' does not fit a (yes/no)"

    def test_yes_no_value_compared_with_a_date(self) -> None:
        d = single(with_facts("definitie x waar als start = ja\n"))
        assert d.message.code == "check.value-type"
        assert at(d) == ("regels.ak", 1, 30)


# ---- declarations ---------------------------------------------------------------------


class TestDuplicates:
    def test_duplicate_fact_points_at_the_second_and_names_the_first(self) -> None:
        d = single({"feiten.ak": FACTS, "meer.ak": "feit c: ja/nee\nfeit kleur: ja/nee\n"})
        assert d.message.code == "check.duplicate"
        assert at(d) == ("meer.ak", 2, 6)
        assert d.message.render("en") == "'kleur' is already declared at feiten.ak:3:6"
        assert d.hint is not None and d.hint.code == "hint.duplicate"

    def test_duplicate_definition_in_one_file(self) -> None:
        text = """\
            definitie x waar als a
            definitie y waar als b
            definitie x waar als b
            """
        d = single(with_facts(text))
        assert d.message.code == "check.duplicate"
        assert at(d) == ("regels.ak", 3, 11)
        assert d.message.render("nl") == "'x' is al gedeclareerd in regels.ak:1:11"

    def test_definition_with_the_name_of_a_fact(self) -> None:
        d = single(with_facts("definitie a waar als b\n"))
        assert d.message.code == "check.duplicate"
        assert at(d) == ("regels.ak", 1, 11)
        assert "feiten.ak:1:6" in d.message.render("en")

    def test_duplicate_requirement_id_across_files(self) -> None:
        found = diagnostics({"feiten.ak": FACTS, "een/tst-01.ak": requirement(), "twee/tst-01.ak": requirement()})
        (d,) = found
        assert d.message.code == "check.duplicate"
        assert at(d) == ("twee/tst-01.ak", 1, 10)
        assert d.message.render("en") == "'tst-01' is already declared at een/tst-01.ak:1:10"

    def test_duplicate_value_in_an_enumeration(self) -> None:
        d = single({"f.ak": "feit kleur: een van {rood, groen, rood}\n"})
        assert d.message.code == "check.duplicate-value"
        assert at(d) == ("f.ak", 1, 35)
        assert d.message.render("en") == "value 'rood' is listed twice"

    def test_duplicate_value_in_a_set_type(self) -> None:
        d = single({"f.ak": "feit rol: verzameling van {a, b,\n    a}\n"})
        assert d.message.code == "check.duplicate-value"
        assert at(d) == ("f.ak", 2, 5)

    def test_duplicate_outcome_name(self) -> None:
        extra = """\
                uitkomst u: ja/nee
                    als a dan ja
                    anders nee
                uitkomst u: ja/nee
                    als b dan ja
                    anders nee
            """
        d = single({"feiten.ak": FACTS, "tst-01.ak": requirement(condition="a of b", extra=extra)})
        assert d.message.code == "check.duplicate"
        assert at(d) == ("tst-01.ak", 8, 14)
        assert "tst-01.ak:5:14" in d.message.render("en")


class TestCycles:
    def test_definition_that_refers_to_itself(self) -> None:
        d = single(with_facts("definitie x waar als a en x\n"))
        assert d.message.code == "check.cycle"
        assert at(d) == ("regels.ak", 1, 11)
        assert d.message.render("en") == "definition x depends on itself: x → x"
        assert d.hint is not None and d.hint.code == "hint.cycle"

    def test_two_definitions_that_refer_to_each_other(self) -> None:
        d = single(with_facts("definitie p waar als q\ndefinitie q waar als niet p\n"))
        assert d.message.code == "check.cycle"
        assert at(d) == ("regels.ak", 1, 11)
        assert d.message.render("en") == "definition p depends on itself: p → q → p"

    def test_three_cycle_is_reported_once_with_the_whole_path(self) -> None:
        text = """\
            definitie p waar als a en q
            definitie q waar als b of r = hoog
            definitie r: een van {laag, hoog}
                als p dan hoog
                anders laag
            """
        d = single(with_facts(text))
        assert d.message.code == "check.cycle"
        assert at(d) == ("regels.ak", 1, 11)
        assert d.message.render("en") == "definition p depends on itself: p → q → r → p"

    def test_definitions_sharing_a_dependency_are_no_cycle(self) -> None:
        text = "definitie p waar als a\ndefinitie q waar als p en b\ndefinitie r waar als p of q\n"
        algokader.load_sources(with_facts(text))


class TestDefinitionTypes:
    def test_definition_choice_without_a_type(self) -> None:
        text = """\
            definitie niveau
                als a dan hoog
                anders laag
            """
        d = single(with_facts(text))
        assert d.message.code == "check.choice-needs-enum"
        assert at(d) == ("regels.ak", 1, 11)

    def test_definition_choice_of_a_set_type(self) -> None:
        text = """\
            definitie s: verzameling van {x, y}
                als a dan x
                anders y
            """
        d = single(with_facts(text))
        assert d.message.code == "check.choice-type"
        assert at(d) == ("regels.ak", 1, 14)

    def test_waar_als_with_a_type_other_than_yes_no(self) -> None:
        d = single(with_facts("definitie s: een van {x, y} waar als a\n"))
        assert d.message.code == "check.bool-body-type"
        assert at(d) == ("regels.ak", 1, 14)

    def test_enumeration_needs_a_value(self) -> None:
        # `een van {}` is already a syntax error: the grammar needs one name at least.
        d = single({"f.ak": "feit kleur: een van {}\n"})
        assert d.message.code == "parse.unexpected-token"
        assert at(d) == ("f.ak", 1, 22)


# ---- requirements ---------------------------------------------------------------------


class TestRequirementForm:
    def test_malformed_requirement_id(self) -> None:
        d = single({"feiten.ak": FACTS, "tst-1.ak": requirement(rid="tst-1")})
        assert d.message.code == "check.bad-id"
        assert at(d) == ("tst-1.ak", 1, 10)
        assert d.hint is not None and d.hint.code == "hint.id"

    @pytest.mark.parametrize("rid", ["ab-01", "abcd-01", "abc-012", "abc01", "abc-0a", "123-45"])
    def test_ids_are_three_letters_a_hyphen_and_two_digits(self, rid: str) -> None:
        d = single({"feiten.ak": FACTS, f"{rid}.ak": requirement(rid=rid)})
        assert d.message.code == "check.bad-id"
        assert d.message.render("en") == f"'{rid}' is not a valid requirement id"

    def test_wrong_urn_points_at_the_urn_clause(self) -> None:
        text = requirement().replace("urn:nl:ak:ver:tst-01", "urn:nl:ak:ver:tst-02")
        d = single({"feiten.ak": FACTS, "tst-01.ak": text})
        assert d.message.code == "check.bad-urn"
        assert at(d) == ("tst-01.ak", 2, 5)
        assert d.message.render("en") == (
            "URN 'urn:nl:ak:ver:tst-02' should belong to requirement tst-01: urn:nl:ak:ver:tst-01"
        )

    def test_file_name_must_match_the_id(self) -> None:
        d = single({"feiten.ak": FACTS, "regels/tst-02.ak": requirement()})
        assert d.message.code == "check.id-filename"
        assert at(d) == ("regels/tst-02.ak", 1, 10)
        assert d.message.render("en") == "requirement tst-01 is in file tst-02.ak"
        assert d.hint is not None and d.hint.render("en").startswith("name the file tst-01.ak")

    def test_file_name_is_not_checked_for_paths_without_ak(self) -> None:
        rs = algokader.load_sources({"feiten.ak": FACTS, "<tekst>": requirement()})
        assert "tst-01" in rs

    @pytest.mark.parametrize(
        ("missing", "clause"),
        [("    urn", "urn"), ("    titel", "titel"), ("    van toepassing als", "van toepassing als")],
    )
    def test_a_requirement_needs_urn_titel_and_van_toepassing_als(self, missing: str, clause: str) -> None:
        text = "\n".join(line for line in requirement().splitlines() if not line.startswith(missing)) + "\n"
        d = single({"feiten.ak": FACTS, "tst-01.ak": text})
        assert d.message.code == "check.missing-clause"
        assert at(d) == ("tst-01.ak", 1, 10)
        assert d.message.render("en") == f"requirement tst-01 lacks '{clause}'"

    def test_a_bare_requirement_lacks_all_three(self) -> None:
        found = diagnostics({"tst-01.ak": "vereiste tst-01\n"})
        assert [d.message.code for d in found] == ["check.missing-clause"] * 3
        assert {d.message.render("nl") for d in found} == {
            "vereiste tst-01 mist 'urn'",
            "vereiste tst-01 mist 'titel'",
            "vereiste tst-01 mist 'van toepassing als'",
        }

    def test_two_requirements_in_one_file(self) -> None:
        text = requirement("tst-01") + requirement("tst-02")
        d = single({"feiten.ak": FACTS, "regels": text})
        assert d.message.code == "check.two-requirements"
        assert at(d) == ("regels", 5, 10)
        assert d.message.render("en") == "a file holds at most one requirement; tst-01 is already on line 1"

    @pytest.mark.parametrize(
        ("clause", "word"),
        [
            ('    titel "Nog een titel"', "titel"),
            ('    urn "urn:nl:ak:ver:tst-01"', "urn"),
            ('    toelichting "Een"\n    toelichting "Twee"', "toelichting"),
            ("    van toepassing als b", "van toepassing als"),
            ("    labels\n    labels", "labels"),
        ],
    )
    def test_single_clause_given_twice(self, clause: str, word: str) -> None:
        d = single({"feiten.ak": FACTS, "tst-01.ak": requirement() + clause + "\n"})
        assert d.message.code == "check.duplicate-clause"
        assert at(d) == ("tst-01.ak", 5 + clause.count("\n"), 5)
        assert d.message.render("en") == f"'{word}' occurs more than once in tst-01"

    def test_description_given_twice(self) -> None:
        d = single({"f.ak": 'feit a: ja/nee\n    omschrijving "Een"\n    omschrijving "Twee"\n'})
        assert d.message.code == "check.duplicate-clause"
        assert at(d) == ("f.ak", 3, 5)
        assert d.message.render("en") == "'omschrijving' occurs more than once in a"

    def test_repeatable_clauses_may_repeat(self) -> None:
        extra = """\
                bron "Artikel 1" "https://example.org/1"
                bron "Artikel 2" "https://example.org/2"
                tenzij b
                tenzij kleur = rood
                afwijking "Een"
                afwijking "Twee"
                geldt vanaf 2025-01-01 volgens "Wet"
                geldt vanaf 2026-01-01 volgens "Wijziging" status voorgesteld
            """
        rs = algokader.load_sources({"feiten.ak": FACTS, "tst-01.ak": requirement(extra=extra)})
        info = rs.requirements["tst-01"]
        assert len(info.sources) == 2
        assert info.deviations == ("Een", "Twee")
        assert len(info.effective) == 2


class TestRequirementClauses:
    @pytest.mark.parametrize("url", ["www.example.org", "ftp://example.org/x", "https://", "http://a b"])
    def test_bad_url_in_bron(self, url: str) -> None:
        text = requirement(extra=f'    bron "Artikel 1" "{url}"\n')
        d = single({"feiten.ak": FACTS, "tst-01.ak": text})
        assert d.message.code == "check.bad-url"
        assert at(d) == ("tst-01.ak", 5, 5)
        assert d.message.render("en") == f"'{url}' is not an http(s) address"

    def test_bad_url_in_a_fact_source(self) -> None:
        d = single({"f.ak": 'feit a: ja/nee\n    bron "Artikel 1" "eur-lex.europa.eu"\n'})
        assert d.message.code == "check.bad-url"
        assert at(d) == ("f.ak", 2, 5)

    def test_unknown_status_suggests_the_closest(self) -> None:
        text = requirement(extra='    geldt vanaf 2025-01-01 volgens "Wet" status vankracht\n')
        d = single({"feiten.ak": FACTS, "tst-01.ak": text})
        assert d.message.code == "check.bad-status"
        assert at(d) == ("tst-01.ak", 5, 49)
        assert d.message.render("en") == "unknown status 'vankracht'"
        assert_did_you_mean(d, "van-kracht")

    def test_unknown_status_without_a_close_match_lists_the_statuses(self) -> None:
        text = requirement(extra='    geldt vanaf 2025-01-01 volgens "Wet" status zeker\n')
        d = single({"feiten.ak": FACTS, "tst-01.ak": text})
        assert d.message.code == "check.bad-status"
        assert d.hint is not None
        assert d.hint.render("en") == "allowed values: van-kracht, aangenomen, voorgesteld"

    def test_label_category_must_be_an_enumeration_or_set(self) -> None:
        extra = """\
                labels
                    kleur: rood
                    a: x
            """
        d = single({"feiten.ak": FACTS, "tst-01.ak": requirement(extra=extra)})
        assert d.message.code == "check.not-label-category"
        assert at(d) == ("tst-01.ak", 7, 9)
        assert d.message.render("en").startswith("a is not a label category")

    def test_label_value_must_be_a_value_of_the_category(self) -> None:
        extra = """\
                labels
                    rol: aanbieder, gebruikr
            """
        d = single({"feiten.ak": FACTS, "tst-01.ak": requirement(extra=extra)})
        assert d.message.code == "check.unknown-value"
        assert at(d) == ("tst-01.ak", 6, 25)
        assert_did_you_mean(d, "gebruiker")

    def test_label_category_must_be_declared(self) -> None:
        extra = """\
                labels
                    kleurr: rood
            """
        d = single({"feiten.ak": FACTS, "tst-01.ak": requirement(extra=extra)})
        assert d.message.code == "check.unknown-name"
        assert at(d) == ("tst-01.ak", 6, 9)
        assert_did_you_mean(d, "kleur")

    def test_outcome_of_a_date_type(self) -> None:
        extra = """\
                uitkomst wanneer: datum
                    als a dan 2025-01-01
            """
        d = single({"feiten.ak": FACTS, "tst-01.ak": requirement(extra=extra)})
        assert d.message.code == "check.choice-type"
        assert at(d) == ("tst-01.ak", 5, 23)

    def test_outcome_value_must_be_a_value_of_its_type(self) -> None:
        extra = """\
                uitkomst niveau: een van {laag, hoog}
                    als b dan hog
                    anders laag
            """
        d = single({"feiten.ak": FACTS, "tst-01.ak": requirement(extra=extra)})
        assert d.message.code == "check.unknown-value"
        assert at(d) == ("tst-01.ak", 6, 19)
        assert_did_you_mean(d, "hoog")


# ---- outcome rules (semantic checks) --------------------------------------------------


class TestOutcomeRules:
    def test_rule_covered_by_an_earlier_rule_never_fires(self) -> None:
        extra = """\
                uitkomst u: ja/nee
                    als a dan ja
                    als a en b dan nee
                    anders nee
            """
        d = single({"feiten.ak": FACTS, "tst-01.ak": requirement(condition="a of b", extra=extra)})
        assert d.message.code == "check.rule-never-fires"
        assert at(d) == ("tst-01.ak", 7, 9)
        assert d.hint is not None and d.hint.code == "hint.rule-never-fires"

    def test_rule_excluded_by_the_applicability_condition_never_fires(self) -> None:
        extra = """\
                uitkomst u: een van {x, y}
                    als niet a dan x
                    anders y
            """
        d = single({"feiten.ak": FACTS, "tst-01.ak": requirement(condition="a en b", extra=extra)})
        assert d.message.code == "check.rule-never-fires"
        assert at(d) == ("tst-01.ak", 6, 9)

    def test_rule_excluded_by_tenzij_never_fires(self) -> None:
        extra = """\
                tenzij b
                uitkomst u: een van {x, y}
                    als b dan x
                    anders y
            """
        d = single({"feiten.ak": FACTS, "tst-01.ak": requirement(condition="a", extra=extra)})
        assert d.message.code == "check.rule-never-fires"
        assert at(d) == ("tst-01.ak", 7, 9)

    def test_rule_in_a_definition_that_can_never_fire(self) -> None:
        text = """\
            definitie niveau: een van {laag, hoog}
                als kleur in {rood, groen} dan hoog
                als kleur = rood dan laag
                anders laag
            """
        d = single(with_facts(text))
        assert d.message.code == "check.rule-never-fires"
        assert at(d) == ("regels.ak", 3, 5)

    def test_outcome_without_fallback_must_cover_every_applicable_case(self) -> None:
        extra = """\
                uitkomst u: een van {x, y}
                    als a dan x
            """
        d = single({"feiten.ak": FACTS, "tst-01.ak": requirement(condition="a of b", extra=extra)})
        assert d.message.code == "check.uncovered"
        assert at(d) == ("tst-01.ak", 5, 14)  # at the outcome's name
        message = d.message.render("en")
        assert message.startswith("u has no value for, for example: ")
        assert "a = nee" in message
        assert "b = ja" in message
        assert d.hint is not None and d.hint.code == "hint.uncovered"

    def test_uncovered_witness_names_an_enumeration_value(self) -> None:
        extra = """\
                uitkomst u: een van {x, y}
                    als kleur = rood dan x
                    als kleur = groen dan y
            """
        d = single({"feiten.ak": FACTS, "tst-01.ak": requirement(condition="a", extra=extra)})
        assert d.message.code == "check.uncovered"
        assert "kleur = blauw" in d.message.render("nl")

    def test_definition_choice_without_fallback_must_cover_every_case(self) -> None:
        text = """\
            definitie niveau: een van {laag, hoog}
                als a dan hoog
            """
        d = single(with_facts(text))
        assert d.message.code == "check.uncovered"
        assert at(d) == ("regels.ak", 1, 11)  # at the definition's name
        assert "a = nee" in d.message.render("en")

    def test_outcome_rules_covering_every_applicable_case_need_no_fallback(self) -> None:
        extra = """\
                uitkomst u: een van {x, y}
                    als b dan x
                    als niet b dan y
            """
        rs = algokader.load_sources({"feiten.ak": FACTS, "tst-01.ak": requirement(condition="a", extra=extra)})
        assert rs.warnings == ()

    def test_fallback_that_is_never_used_is_only_a_warning(self) -> None:
        extra = """\
                uitkomst u: ja/nee
                    als b dan ja
                    als niet b dan nee
                    anders nee
            """
        rs = algokader.load_sources({"feiten.ak": FACTS, "tst-01.ak": requirement(extra=extra)})
        (w,) = rs.warnings
        assert w.severity is Severity.WARNING
        assert w.message.code == "check.fallback-never-used"
        assert (w.span.path, w.span.line) == ("tst-01.ak", 8)
        assert w.hint is not None and w.hint.code == "hint.fallback-never-used"
        assert w.render("nl").splitlines()[0].startswith("tst-01.ak:8:")
        assert ": waarschuwing: 'anders' wordt nooit gekozen" in w.render("nl")

    def test_fallback_is_unused_when_the_applicability_condition_covers_the_gap(self) -> None:
        extra = """\
                uitkomst u: ja/nee
                    als a dan ja
                    anders nee
            """
        rs = algokader.load_sources({"feiten.ak": FACTS, "tst-01.ak": requirement(condition="a", extra=extra)})
        assert [w.message.code for w in rs.warnings] == ["check.fallback-never-used"]


# ---- reporting ------------------------------------------------------------------------


class TestReporting:
    def three_errors(self) -> dict[str, str]:
        """Three independent errors in two files, the files given in reverse order."""
        return {
            "tst-01.ak": requirement(condition="kleur = paars", extra='bron "Wet" "wet.nl"\n'),
            "feiten.ak": FACTS + "feit kleur: ja/nee\n",
        }

    def test_all_problems_of_a_file_set_are_reported_together_in_file_order(self) -> None:
        found = diagnostics(self.three_errors())
        assert [(d.span.path, d.span.line, d.message.code) for d in found] == [
            ("feiten.ak", 6, "check.duplicate"),
            ("tst-01.ak", 4, "check.unknown-value"),
            ("tst-01.ak", 5, "check.bad-url"),
        ]
        assert all(d.severity is Severity.ERROR for d in found)

    def test_error_locates_the_first_problem(self) -> None:
        with pytest.raises(RuleError) as info:
            algokader.load_sources(self.three_errors())
        err = info.value
        assert (err.path, err.line, err.column) == ("feiten.ak", 6, 6)
        assert isinstance(err, algokader.AlgokaderError)

    def test_rendered_diagnostic_in_dutch(self) -> None:
        d = single(with_facts("definitie x waar als kleur = groene\n"))
        assert d.render("nl").splitlines() == [
            "regels.ak:1:30: fout: 'groene' is geen waarde van kleur",
            "    definitie x waar als kleur = groene",
            "                                 ^^^^^^",
            "    tip: bedoelde je 'groen'?",
        ]

    def test_rendered_diagnostic_in_english(self) -> None:
        d = single(with_facts("definitie x waar als kleur = groene\n"))
        assert d.render("en").splitlines() == [
            "regels.ak:1:30: error: 'groene' is not a value of kleur",
            "    definitie x waar als kleur = groene",
            "                                 ^^^^^^",
            "    hint: did you mean 'groen'?",
        ]

    def test_rendered_diagnostic_without_hint_has_no_hint_line(self) -> None:
        d = single(with_facts("definitie x waar als kleur bevat rood\n"))
        lines = d.render("nl").splitlines()
        assert len(lines) == 3
        assert lines[0] == "regels.ak:1:22: fout: 'bevat' werkt op een verzameling, maar kleur is een keuze uit waarden"
        assert lines[2] == "    " + " " * 21 + "^" * len("kleur bevat rood")

    def test_caret_of_a_syntax_error_sits_under_the_column(self) -> None:
        d = single({"f.ak": "feit a: ja/nee\nfeit Hoog: ja/nee\n"})
        assert d.render("nl").splitlines() == [
            "f.ak:2:6: fout: onverwacht teken 'H'",
            "    feit Hoog: ja/nee",
            "         ^",
            "    tip: namen en sleutelwoorden zijn in kleine letters",
        ]

    def test_str_of_a_rule_error_is_the_dutch_rendering_of_every_diagnostic(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.delenv("ALGOKADER_LANG", raising=False)
        with pytest.raises(RuleError) as info:
            algokader.load_sources(self.three_errors())
        err = info.value
        assert str(err) == "\n".join(d.render("nl") for d in err.diagnostics)
        assert str(err) == err.render("nl")
        assert str(err).startswith("feiten.ak:6:6: fout: 'kleur' is al gedeclareerd in feiten.ak:3:6\n")
        assert err.render("en").startswith("feiten.ak:6:6: error: 'kleur' is already declared at feiten.ak:3:6\n")

    def test_unsupported_language_is_refused(self) -> None:
        d = single(with_facts("definitie x waar als kleur bevat rood\n"))
        with pytest.raises(ValueError, match="unsupported language"):
            d.render("de")


class TestReservedWords:
    @pytest.mark.parametrize("word", ["en", "niet", "bevat", "ja", "anders"])
    def test_operator_words_cannot_be_names(self, word: str) -> None:
        d = single({"f.ak": f"feit {word}: ja/nee\n"})
        assert d.message.code == "parse.reserved"
        assert at(d) == ("f.ak", 1, 6)

    def test_operator_words_cannot_be_values(self) -> None:
        d = single({"f.ak": "feit k: een van {ja, misschien}\n"})
        assert d.message.code == "parse.reserved"
        assert at(d) == ("f.ak", 1, 18)

    def test_a_doubled_operator_is_reported_where_it_stands(self) -> None:
        d = single(with_facts("definitie x waar als a en en b\n"))
        assert d.message.code == "parse.reserved"
        assert at(d) == ("regels.ak", 1, 27)

    @pytest.mark.parametrize("word", ["rollen", "status", "datum", "labels", "onderwerp"])
    def test_clause_keywords_remain_usable_as_fact_names(self, word: str) -> None:
        rs = algokader.load_sources({"f.ak": f"feit {word}: ja/nee\ndefinitie x waar als {word}\n"})
        assert word in rs.facts


def test_a_label_category_listed_twice_is_an_error() -> None:
    extra = """\
        labels
            kleur: rood
            kleur: groen
    """
    d = single({"feiten.ak": FACTS, "tst-01.ak": requirement(extra=extra)})
    assert d.message.code == "check.duplicate-label"
    assert at(d) == ("tst-01.ak", 7, 9)


def test_explicit_line_breaks_survive_folding_of_multi_line_strings() -> None:
    module = algokader.parse('feit a: ja/nee\n    omschrijving "eerste\n        regel\\ntweede"\n')
    (fact,) = module.items
    assert fact.description == "eerste regel\ntweede"  # type: ignore[union-attr]


def test_parentheses_keep_their_grouping_on_either_side() -> None:
    left = algokader.parse("definitie x waar als (a en b) en c\n").items[0]
    right = algokader.parse("definitie x waar als a en (b en c)\n").items[0]
    assert isinstance(left.body, And) and len(left.body.operands) == 2  # type: ignore[union-attr]
    assert isinstance(right.body, And) and len(right.body.operands) == 2  # type: ignore[union-attr]


def test_every_reserved_word_is_a_keyword_of_the_grammar() -> None:
    from importlib.resources import files

    from algokader._language.parser import RESERVED

    grammar = (files("algokader") / "grammar" / "algokader.lark").read_text("utf-8")
    assert set(re.findall(r'"([a-z]+)"', grammar)) >= RESERVED
