"""The algokader language reference as executable examples.

Every construct of ``grammar/algokader.lark`` is shown with the syntax tree that
:func:`algokader.parse` builds for it, and every operator with what it means when a rule
set built with :func:`algokader.load_sources` evaluates a system.
"""

from __future__ import annotations

import datetime
import textwrap

import pytest

import algokader
from algokader import Verdict
from algokader._language.ast import (
    BOOL_TYPE,
    And,
    Choice,
    Clause,
    Definition,
    EffectiveDate,
    FactDecl,
    FactType,
    LabelEntry,
    LabelProfile,
    Literal,
    Module,
    Name,
    Not,
    Op,
    Or,
    Outcome,
    Ref,
    Requirement,
    Rule,
    Source,
    TypeKind,
)
from algokader._language.ast import Test as Comparison  # a class named Test* would look like a test class to pytest

APPLIES = Verdict.APPLIES
DOES_NOT_APPLY = Verdict.DOES_NOT_APPLY
UNKNOWN = Verdict.UNKNOWN


# ---- helpers --------------------------------------------------------------------------


def src(text: str) -> str:
    """A rule file written indented in a test: line 1 is the first line after the opening quotes."""
    return textwrap.dedent(text).lstrip("\n")


def parse(text: str, path: str = "t.ak") -> Module:
    return algokader.parse(src(text), path=path)


def only_item(text: str) -> FactDecl | Definition | Requirement:
    (item,) = parse(text).items
    return item


def expr(condition: str) -> object:
    """The syntax tree of one expression (the body of a ``waar als`` definition)."""
    item = only_item(f"definitie x waar als {condition}\n")
    assert isinstance(item, Definition)
    return item.body


def ref(name: str) -> Ref:
    return Ref(Name(name))


def cmp(op: Op, subject: str, *values: str | bool | datetime.date) -> Comparison:
    return Comparison(op, Name(subject), tuple(Literal(v) for v in values))


def enum_type(*names: str, kind: TypeKind = TypeKind.ENUM) -> FactType:
    return FactType(kind, tuple(Literal(n) for n in names))


def names(*texts: str) -> tuple[Name, ...]:
    return tuple(Name(t) for t in texts)


FACTS = """\
feit a: ja/nee
feit b: ja/nee
feit c: ja/nee
feit kleur: een van {rood, groen, blauw}
feit rol: verzameling van {aanbieder, gebruiker, importeur}
feit start: datum
"""
"""The vocabulary of the evaluation examples."""


def requirement_file(condition: str, extra: str = "", rid: str = "tst-01") -> str:
    head = (
        f'vereiste {rid}\n    urn "urn:nl:ak:ver:{rid}"\n    titel "Een vereiste"\n    van toepassing als {condition}\n'
    )
    return head + textwrap.indent(textwrap.dedent(extra), "    ")


def rule_set(condition: str, extra: str = "", definitions: str = "") -> algokader.RuleSet:
    return algokader.load_sources(
        {"feiten.ak": FACTS + src(definitions), "tst-01.ak": requirement_file(condition, extra)}
    )


def verdict(condition: str, system: dict[str, object], definitions: str = "") -> Verdict:
    """Whether a requirement ``van toepassing als condition`` applies to ``system``."""
    return rule_set(condition, definitions=definitions).evaluate(system)["tst-01"].verdict


# ---- facts ----------------------------------------------------------------------------


class TestFactDeclarations:
    def test_yes_no_fact(self) -> None:
        assert only_item("feit profilering: ja/nee") == FactDecl(Name("profilering"), BOOL_TYPE)

    def test_enumeration_fact_takes_one_value_of_a_list(self) -> None:
        fact = only_item("feit bijlage-i: een van {geen, afdeling-a, afdeling-b}")
        assert fact == FactDecl(Name("bijlage-i"), enum_type("geen", "afdeling-a", "afdeling-b"))
        assert isinstance(fact, FactDecl)
        assert fact.type.names == ("geen", "afdeling-a", "afdeling-b")

    def test_set_fact_takes_any_subset_of_a_list(self) -> None:
        fact = only_item("feit bijlage-iii: verzameling van {1a, 1b, 2}")
        assert fact == FactDecl(Name("bijlage-iii"), enum_type("1a", "1b", "2", kind=TypeKind.SET))

    def test_date_fact(self) -> None:
        assert only_item("feit ingebruikname: datum") == FactDecl(Name("ingebruikname"), FactType(TypeKind.DATE))

    def test_values_may_span_lines(self) -> None:
        assert only_item("feit k: een van {\n  x,\n  y\n}") == FactDecl(Name("k"), enum_type("x", "y"))

    def test_description_and_sources(self) -> None:
        fact = only_item(
            """
            feit profilering: ja/nee
                omschrijving "Of het systeem personen profileert."
                bron "Artikel 3, punt 52, AI-verordening" "https://eur-lex.europa.eu/x#art_3"
                bron "Artikel 4, punt 4, AVG"
            """
        )
        assert fact == FactDecl(
            Name("profilering"),
            BOOL_TYPE,
            description="Of het systeem personen profileert.",
            sources=(
                Source("Artikel 3, punt 52, AI-verordening", "https://eur-lex.europa.eu/x#art_3"),
                Source("Artikel 4, punt 4, AVG", None),
            ),
        )

    def test_source_without_url(self) -> None:
        fact = only_item('feit a: ja/nee\n    bron "Artikel 1"\n')
        assert isinstance(fact, FactDecl)
        assert fact.sources == (Source("Artikel 1"),)
        assert fact.sources[0].url is None

    def test_description_and_sources_in_any_order(self) -> None:
        first = only_item('feit a: ja/nee\n  bron "B" "https://b.nl"\n  omschrijving "O"')
        second = only_item('feit a: ja/nee\n  omschrijving "O"\n  bron "B" "https://b.nl"')
        assert first == second
        assert isinstance(first, FactDecl)
        assert first.description == "O"

    def test_a_file_holds_many_items_in_order(self) -> None:
        module = parse("feit a: ja/nee\nfeit b: datum\ndefinitie c waar als a\n")
        assert [type(i).__name__ for i in module.items] == ["FactDecl", "FactDecl", "Definition"]
        assert module.path == "t.ak"

    def test_an_empty_file_is_valid(self) -> None:
        assert parse("") == Module("t.ak", ())
        assert parse("# alleen commentaar\n") == Module("t.ak", ())


# ---- definitions ----------------------------------------------------------------------


class TestDefinitions:
    def test_waar_als_defines_a_yes_no_fact(self) -> None:
        assert only_item("definitie beide waar als a en b") == Definition(
            Name("beide"), None, And((ref("a"), ref("b")))
        )

    def test_waar_als_may_state_its_yes_no_type(self) -> None:
        assert only_item("definitie beide: ja/nee waar als a") == Definition(Name("beide"), BOOL_TYPE, ref("a"))

    def test_choice_picks_the_value_of_the_first_rule_that_holds(self) -> None:
        item = only_item(
            """
            definitie niveau: een van {laag, midden, hoog}
                omschrijving "Het niveau."
                bron "Artikel 6" "https://example.org/6"
                als a en b dan hoog
                als a dan midden
                anders laag
            """
        )
        assert item == Definition(
            Name("niveau"),
            enum_type("laag", "midden", "hoog"),
            Choice(
                (
                    Rule(And((ref("a"), ref("b"))), Literal("hoog")),
                    Rule(ref("a"), Literal("midden")),
                ),
                Literal("laag"),
            ),
            description="Het niveau.",
            sources=(Source("Artikel 6", "https://example.org/6"),),
        )

    def test_choice_without_anders(self) -> None:
        item = only_item("definitie k: een van {x, y}\n  als a dan x\n  als niet a dan y\n")
        assert isinstance(item, Definition)
        assert item.body == Choice((Rule(ref("a"), Literal("x")), Rule(Not(ref("a")), Literal("y"))), None)

    def test_yes_no_choice_uses_ja_and_nee(self) -> None:
        item = only_item("definitie k: ja/nee\n  als a dan ja\n  anders nee\n")
        assert isinstance(item, Definition)
        assert item.body == Choice((Rule(ref("a"), Literal(True)),), Literal(False))

    def test_definitions_can_be_used_like_facts(self) -> None:
        definitions = """\
            definitie beide waar als a en b
            definitie niveau: een van {laag, hoog}
                als beide dan hoog
                anders laag
            """
        assert verdict("beide", {"a": True, "b": True}, definitions) is APPLIES
        assert verdict("beide", {"a": True, "b": False}, definitions) is DOES_NOT_APPLY
        assert verdict("niveau = hoog", {"a": True, "b": True}, definitions) is APPLIES
        assert verdict("niveau = laag", {"a": False}, definitions) is APPLIES
        assert verdict("niveau = laag", {"a": True}, definitions) is UNKNOWN

    def test_first_match_order_decides(self) -> None:
        definitions = """\
            definitie niveau: een van {laag, midden, hoog}
                als a dan hoog
                als b dan midden
                anders laag
            """
        assert verdict("niveau = hoog", {"a": True, "b": True}, definitions) is APPLIES
        assert verdict("niveau = midden", {"a": False, "b": True}, definitions) is APPLIES
        assert verdict("niveau = laag", {"a": False, "b": False}, definitions) is APPLIES


# ---- requirements ---------------------------------------------------------------------

FULL_REQUIREMENT = """
vereiste aia-14
    urn "urn:nl:ak:ver:aia-14"
    titel "Een titel"
    toelichting "Eerste regel
        tweede regel."
    bron "Artikel 16, AI-verordening" "https://eur-lex.europa.eu/a#art_16"
    bron "AI-wet"
    levenscyclus ontwerp, implementatie
    onderwerp governance
    rollen jurist, projectleider
    labels
        soort-toepassing: ai-systeem, ai-model
        rol-ai-act: aanbieder
        uitzondering risicogroep = uitzondering-van-toepassing
    van toepassing als aanbieder en hoog-risico
    tenzij open-source
    tenzij verboden
    geldt vanaf 2026-08-02 volgens "Artikel 113"
    geldt vanaf 2027-12-02 volgens "Omnibus" status aangenomen
    afwijking "Volgt de wet."
    uitkomst herbeoordeling: ja/nee
        omschrijving "Of een nieuwe beoordeling nodig is."
        bron "Artikel 43, lid 4" "https://eur-lex.europa.eu/a#art_43"
        als wijziging dan ja
        anders nee
"""


class TestRequirements:
    def test_every_clause(self) -> None:
        assert only_item(FULL_REQUIREMENT) == Requirement(
            Name("aia-14"),
            urn="urn:nl:ak:ver:aia-14",
            title="Een titel",
            explanation="Eerste regel tweede regel.",
            sources=(Source("Artikel 16, AI-verordening", "https://eur-lex.europa.eu/a#art_16"), Source("AI-wet")),
            lifecycle=names("ontwerp", "implementatie"),
            topics=names("governance"),
            roles=names("jurist", "projectleider"),
            labels=LabelProfile(
                (
                    LabelEntry(Name("soort-toepassing"), names("ai-systeem", "ai-model")),
                    LabelEntry(Name("rol-ai-act"), names("aanbieder")),
                ),
                (cmp(Op.EQ, "risicogroep", "uitzondering-van-toepassing"),),
            ),
            applies_when=And((ref("aanbieder"), ref("hoog-risico"))),
            unless=(ref("open-source"), ref("verboden")),
            effective=(
                EffectiveDate(datetime.date(2026, 8, 2), "Artikel 113"),
                EffectiveDate(datetime.date(2027, 12, 2), "Omnibus", Name("aangenomen")),
            ),
            deviations=("Volgt de wet.",),
            outcomes=(
                Outcome(
                    Name("herbeoordeling"),
                    BOOL_TYPE,
                    Choice((Rule(ref("wijziging"), Literal(True)),), Literal(False)),
                    description="Of een nieuwe beoordeling nodig is.",
                    sources=(Source("Artikel 43, lid 4", "https://eur-lex.europa.eu/a#art_43"),),
                ),
            ),
        )

    def test_a_bare_requirement_parses(self) -> None:
        """Missing clauses are the checker's business, not the parser's."""
        assert only_item("vereiste abc-01") == Requirement(Name("abc-01"))

    def test_clauses_may_come_in_any_order(self) -> None:
        first = only_item('vereiste abc-01\n  titel "T"\n  urn "u"\n  van toepassing als a\n  tenzij b\n')
        second = only_item('vereiste abc-01\n  tenzij b\n  van toepassing als a\n  urn "u"\n  titel "T"\n')
        assert first == second

    def test_clause_spans_record_where_each_clause_is(self) -> None:
        item = only_item('vereiste abc-01\n  urn "u"\n  titel "T"\n  van toepassing als a\n')
        assert isinstance(item, Requirement)
        assert [(kind, span.line, span.column) for kind, span in item.clause_spans] == [
            (Clause.URN, 2, 3),
            (Clause.TITLE, 3, 3),
            (Clause.APPLIES_WHEN, 4, 3),
        ]

    def test_labels_without_entries_or_exclusions(self) -> None:
        item = only_item("vereiste abc-01\n  labels\n  van toepassing als a\n")
        assert isinstance(item, Requirement)
        assert item.labels == LabelProfile()

    def test_labels_with_several_exclusions(self) -> None:
        item = only_item("vereiste abc-01\n  labels\n    k: x\n    uitzondering a\n    uitzondering niet b\n")
        assert isinstance(item, Requirement)
        assert item.labels == LabelProfile((LabelEntry(Name("k"), names("x")),), (ref("a"), Not(ref("b"))))

    def test_effective_date_status(self) -> None:
        item = only_item('vereiste abc-01\n  geldt vanaf 2025-02-02 volgens "Art. 5" status van-kracht\n')
        assert isinstance(item, Requirement)
        (effective,) = item.effective
        assert effective == EffectiveDate(datetime.date(2025, 2, 2), "Art. 5", Name("van-kracht"))

    def test_outcome_of_an_enumeration(self) -> None:
        item = only_item(
            """
            vereiste abc-01
                uitkomst route: een van {intern, extern}
                    als a dan extern
                    als b dan intern
            """
        )
        assert isinstance(item, Requirement)
        assert item.outcomes == (
            Outcome(
                Name("route"),
                enum_type("intern", "extern"),
                Choice((Rule(ref("a"), Literal("extern")), Rule(ref("b"), Literal("intern")))),
            ),
        )

    def test_metadata_is_available_on_the_rule_set(self) -> None:
        extra = """\
            toelichting "Een lange
                toelichting"
            bron "Artikel 1" "https://example.org/1"
            levenscyclus ontwerp
            onderwerp governance, privacy
            rollen jurist
            labels
                kleur: rood, groen
            geldt vanaf 2026-01-01 volgens "Wet" status voorgesteld
            afwijking "Wijkt af."
            """
        info = rule_set("a", extra).requirements["tst-01"]
        assert info.urn == "urn:nl:ak:ver:tst-01"
        assert info.title == "Een vereiste"
        assert info.explanation == "Een lange toelichting"
        assert info.sources == (algokader.LegalSource("Artikel 1", "https://example.org/1"),)
        assert (info.lifecycle, info.topics, info.roles) == (("ontwerp",), ("governance", "privacy"), ("jurist",))
        assert info.labels == {"kleur": ("rood", "groen")}
        assert info.effective == (algokader.EffectiveDate(datetime.date(2026, 1, 1), "Wet", "voorgesteld"),)
        assert info.deviations == ("Wijkt af.",)
        assert (info.path, info.line) == ("tst-01.ak", 1)


class TestRequirementSemantics:
    def test_van_toepassing_als_decides_the_verdict(self) -> None:
        rs = rule_set("a")
        assert rs.evaluate({"a": True})["tst-01"].verdict is APPLIES
        assert rs.evaluate({"a": False})["tst-01"].verdict is DOES_NOT_APPLY

    def test_an_unknown_fact_gives_an_unknown_verdict(self) -> None:
        assert rule_set("a").evaluate({})["tst-01"].verdict is UNKNOWN
        assert rule_set("a").evaluate({"a": None})["tst-01"].verdict is UNKNOWN

    @pytest.mark.parametrize(
        ("system", "expected"),
        [
            ({"a": True, "b": False}, APPLIES),
            ({"a": True, "b": True}, DOES_NOT_APPLY),
            ({"a": False, "b": False}, DOES_NOT_APPLY),
            ({"a": True}, UNKNOWN),
            ({"b": True}, DOES_NOT_APPLY),
        ],
    )
    def test_tenzij_excludes(self, system: dict[str, object], expected: Verdict) -> None:
        rs = rule_set("a", "tenzij b\n")
        assert rs.evaluate(system)["tst-01"].verdict is expected

    def test_every_tenzij_excludes(self) -> None:
        rs = rule_set("a", "tenzij b\ntenzij c\n")
        assert rs.evaluate({"a": True, "b": False, "c": True})["tst-01"].verdict is DOES_NOT_APPLY
        assert rs.evaluate({"a": True, "b": False, "c": False})["tst-01"].verdict is APPLIES

    def test_label_exclusions_do_not_change_the_verdict(self) -> None:
        rs = rule_set("a", "labels\n    kleur: rood\n    uitzondering b\n")
        assert rs.evaluate({"a": True, "b": True})["tst-01"].verdict is APPLIES

    def test_outcome_takes_the_value_of_the_first_rule_that_holds(self) -> None:
        extra = """\
            uitkomst route: een van {intern, extern, geen}
                als b dan extern
                als c dan intern
                anders geen
            """
        rs = rule_set("a", extra)
        report = rs.evaluate({"a": True, "b": True, "c": True})
        assert report["tst-01"].outcomes["route"] == "extern"
        assert rs.evaluate({"a": True, "b": False, "c": True})["tst-01"].outcomes["route"] == "intern"
        assert rs.evaluate({"a": True, "b": False, "c": False})["tst-01"].outcomes["route"] == "geen"

    def test_yes_no_outcome(self) -> None:
        rs = rule_set("a", "uitkomst nodig: ja/nee\n    als b dan ja\n    anders nee\n")
        assert rs.evaluate({"a": True, "b": True})["tst-01"].outcomes["nodig"] is True
        assert rs.evaluate({"a": True, "b": False})["tst-01"].outcomes["nodig"] is False

    def test_outcome_is_undecided_while_its_facts_are_unknown(self) -> None:
        rs = rule_set("a", "uitkomst nodig: ja/nee\n    als b dan ja\n    anders nee\n")
        result = rs.evaluate({"a": True})["tst-01"]
        assert result.outcomes["nodig"] is None
        assert set(result.possible_outcomes["nodig"]) == {True, False}


# ---- strings, comments, layout --------------------------------------------------------


class TestStrings:
    def title(self, literal: str) -> str | None:
        item = only_item(f"vereiste abc-01\n  titel {literal}\n")
        assert isinstance(item, Requirement)
        return item.title

    def test_plain_string(self) -> None:
        assert self.title('"Een titel"') == "Een titel"

    def test_single_line_string_keeps_its_spacing(self) -> None:
        assert self.title('"Een   titel "') == "Een   titel "

    def test_multi_line_string_folds_white_space(self) -> None:
        assert self.title('"  Een\n        lange\n\n   titel  "') == "Een lange titel"

    @pytest.mark.parametrize(
        ("literal", "value"),
        [
            (r'"zegt \"ja\""', 'zegt "ja"'),
            (r'"a\\b"', "a\\b"),
            (r'"regel\nregel"', "regel\nregel"),
            (r'"kolom\tkolom"', "kolom\tkolom"),
            (r'"\q"', "q"),
        ],
    )
    def test_escapes(self, literal: str, value: str) -> None:
        assert self.title(literal) == value

    def test_hash_inside_a_string_is_no_comment(self) -> None:
        assert self.title('"Artikel #5" # commentaar') == "Artikel #5"

    def test_strings_may_hold_any_unicode(self) -> None:
        assert self.title('"vóór één ‘citaat’ — €"') == "vóór één ‘citaat’ — €"


class TestComments:
    def test_comments_run_to_the_end_of_the_line(self) -> None:
        module = parse(
            """
            # Woordenlijst
            feit a: ja/nee # een feit
            # nog een
            definitie x waar als a # en b
            """
        )
        assert module.items == (FactDecl(Name("a"), BOOL_TYPE), Definition(Name("x"), None, ref("a")))

    def test_comment_inside_an_expression(self) -> None:
        assert expr("a en # eerst a\n  b") == And((ref("a"), ref("b")))


# ---- expressions ----------------------------------------------------------------------


class TestExpressionSyntax:
    def test_reference(self) -> None:
        assert expr("hoog-risico") == ref("hoog-risico")

    def test_en(self) -> None:
        assert expr("a en b en c") == And((ref("a"), ref("b"), ref("c")))

    def test_of(self) -> None:
        assert expr("a of b of c") == Or((ref("a"), ref("b"), ref("c")))

    def test_niet(self) -> None:
        assert expr("niet a") == Not(ref("a"))
        assert expr("niet niet a") == Not(Not(ref("a")))

    @pytest.mark.parametrize(
        ("english", "dutch"),
        [
            ("a and b", "a en b"),
            ("a or b", "a of b"),
            ("not a", "niet a"),
            ("a and not b or c", "a en niet b of c"),
            ("kleur not in {x}", "kleur niet in {x}"),
            ("rol is not leeg", "rol is niet leeg"),
            ("rol contains x", "rol bevat x"),
            ("rol overlaps {x, y}", "rol overlapt met {x, y}"),
            ("kleur != x", "kleur ≠ x"),
            ("d < 2024-01-01", "d voor 2024-01-01"),
            ("d <= 2024-01-01", "d uiterlijk 2024-01-01"),
            ("d > 2024-01-01", "d na 2024-01-01"),
            ("d >= 2024-01-01", "d vanaf 2024-01-01"),
        ],
    )
    def test_english_and_symbolic_aliases_give_the_same_tree(self, english: str, dutch: str) -> None:
        assert expr(english) == expr(dutch)

    def test_niet_binds_tighter_than_en(self) -> None:
        assert expr("niet a en b") == And((Not(ref("a")), ref("b")))

    def test_en_binds_tighter_than_of(self) -> None:
        assert expr("a of b en c") == Or((ref("a"), And((ref("b"), ref("c")))))
        assert expr("a en b of c") == Or((And((ref("a"), ref("b"))), ref("c")))

    def test_all_three_levels(self) -> None:
        assert expr("a of niet b en c of d") == Or((ref("a"), And((Not(ref("b")), ref("c"))), ref("d")))

    def test_parentheses_group(self) -> None:
        assert expr("(a of b) en c") == And((Or((ref("a"), ref("b"))), ref("c")))
        assert expr("niet (a en b)") == Not(And((ref("a"), ref("b"))))
        assert expr("a en (b of c)") == And((ref("a"), Or((ref("b"), ref("c")))))

    def test_parentheses_on_the_right_keep_their_grouping(self) -> None:
        assert expr("a en (b en c)") == And((ref("a"), And((ref("b"), ref("c")))))

    def test_redundant_parentheses_vanish(self) -> None:
        assert expr("((a))") == ref("a")

    def test_niet_applies_to_a_whole_comparison(self) -> None:
        assert expr("niet kleur = rood") == Not(cmp(Op.EQ, "kleur", "rood"))
        assert expr("niet rol bevat x en a") == And((Not(cmp(Op.CONTAINS, "rol", "x")), ref("a")))

    def test_equals(self) -> None:
        assert expr("kleur = rood") == cmp(Op.EQ, "kleur", "rood")

    def test_not_equals(self) -> None:
        assert expr("kleur ≠ rood") == cmp(Op.NE, "kleur", "rood")
        assert expr("kleur != rood") == cmp(Op.NE, "kleur", "rood")

    def test_yes_no_values(self) -> None:
        assert expr("a = ja") == cmp(Op.EQ, "a", True)
        assert expr("a = nee") == cmp(Op.EQ, "a", False)

    def test_date_values(self) -> None:
        assert expr("d = 2024-02-29") == cmp(Op.EQ, "d", datetime.date(2024, 2, 29))

    def test_in(self) -> None:
        assert expr("kleur in {rood, groen}") == cmp(Op.IN, "kleur", "rood", "groen")

    def test_niet_in(self) -> None:
        assert expr("kleur niet in {rood}") == cmp(Op.NOT_IN, "kleur", "rood")

    def test_bevat(self) -> None:
        assert expr("rol bevat aanbieder") == cmp(Op.CONTAINS, "rol", "aanbieder")

    def test_overlapt_met(self) -> None:
        assert expr("rol overlapt met {a, b}") == cmp(Op.OVERLAPS, "rol", "a", "b")
        assert expr("rol overlapt {a, b}") == cmp(Op.OVERLAPS, "rol", "a", "b")

    def test_is_leeg(self) -> None:
        assert expr("rol is leeg") == cmp(Op.EMPTY, "rol")

    def test_is_niet_leeg(self) -> None:
        assert expr("rol is niet leeg") == cmp(Op.NOT_EMPTY, "rol")

    @pytest.mark.parametrize(
        ("word", "op"),
        [("voor", Op.LT), ("uiterlijk", Op.LE), ("na", Op.GT), ("vanaf", Op.GE)],
    )
    def test_date_comparisons(self, word: str, op: Op) -> None:
        assert expr(f"start {word} 2026-08-02") == cmp(op, "start", datetime.date(2026, 8, 2))

    def test_names_may_contain_digits_and_hyphens(self) -> None:
        assert expr("bijlage-iii bevat 1a") == cmp(Op.CONTAINS, "bijlage-iii", "1a")

    def test_op_values_are_the_dutch_spelling(self) -> None:
        assert [op.value for op in Op] == [
            "=",
            "≠",
            "in",
            "niet in",
            "bevat",
            "overlapt met",
            "is leeg",
            "is niet leeg",
            "voor",
            "uiterlijk",
            "na",
            "vanaf",
        ]


# ---- spans ----------------------------------------------------------------------------


class TestSpans:
    def test_layout_and_comments_do_not_change_the_tree(self) -> None:
        compact = parse("feit a: ja/nee\ndefinitie x waar als a en niet b\n")
        spread = parse(
            """
            # De woordenlijst.
            feit   a :
                ja/nee

            definitie x
                waar als   a     # eerst a
                    en niet
                    b
            """
        )
        assert compact == spread
        assert hash(compact) == hash(spread)

    def test_source_text_is_kept_but_not_compared(self) -> None:
        first = parse("feit a: ja/nee\n")
        second = parse("feit  a:  ja/nee  # x\n")
        assert first.source == "feit a: ja/nee\n"
        assert first == second

    def test_the_path_is_part_of_a_module(self) -> None:
        assert parse("feit a: ja/nee", path="een.ak") != parse("feit a: ja/nee", path="twee.ak")

    def test_different_content_is_not_equal(self) -> None:
        assert parse("feit a: ja/nee") != parse("feit b: ja/nee")
        assert expr("a en b") != expr("b en a")

    def test_spans_point_at_line_and_column(self) -> None:
        module = parse(
            """
            feit kleur: een van {rood, groen}

            definitie x
                waar als a of
                  kleur = groen
            """
        )
        fact, definition = module.items
        assert isinstance(fact, FactDecl)
        assert isinstance(definition, Definition)
        assert (fact.span.line, fact.span.column) == (1, 1)
        assert (fact.name.span.line, fact.name.span.column, fact.name.span.end_column) == (1, 6, 11)
        assert [(v.span.line, v.span.column) for v in fact.type.values] == [(1, 22), (1, 28)]
        assert (definition.span.line, definition.span.column) == (3, 1)
        assert (definition.name.span.line, definition.name.span.column) == (3, 11)
        body = definition.body
        assert isinstance(body, Or)
        assert (body.span.line, body.span.column, body.span.end_line) == (4, 14, 5)
        first, second = body.operands
        assert isinstance(second, Comparison)
        assert (first.span.line, first.span.column) == (4, 14)
        assert (second.span.line, second.span.column, second.span.end_column) == (5, 7, 20)
        assert (second.subject.span.line, second.subject.span.column) == (5, 7)
        assert (second.values[0].span.line, second.values[0].span.column) == (5, 15)

    def test_spans_carry_the_path(self) -> None:
        fact = parse("feit a: ja/nee", path="regels/feiten.ak").items[0]
        assert isinstance(fact, FactDecl)
        assert fact.name.span == algokader.Span("regels/feiten.ak", 1, 6, 1, 7)
        assert str(fact.name.span) == "regels/feiten.ak:1:6"

    def test_spans_are_not_shown_in_repr(self) -> None:
        assert repr(Name("a", span=algokader.Span("f.ak", 1, 1, 1, 2))) == "Name(text='a')"

    def test_nodes_are_immutable(self) -> None:
        name = Name("a")
        with pytest.raises(AttributeError):
            name.text = "b"  # type: ignore[misc]


# ---- evaluation of every operator -----------------------------------------------------


@pytest.mark.parametrize(
    ("condition", "system", "expected"),
    [
        # a reference holds when the yes/no fact is ja
        ("a", {"a": True}, APPLIES),
        ("a", {"a": False}, DOES_NOT_APPLY),
        ("a", {"a": "ja"}, APPLIES),
        # en: every operand holds; a false operand decides even if others are unknown
        ("a en b", {"a": True, "b": True}, APPLIES),
        ("a en b", {"a": True, "b": False}, DOES_NOT_APPLY),
        ("a en b", {"a": False}, DOES_NOT_APPLY),
        ("a en b", {"a": True}, UNKNOWN),
        ("a and b", {"a": True, "b": True}, APPLIES),
        # of: some operand holds; a true operand decides even if others are unknown
        ("a of b", {"a": False, "b": True}, APPLIES),
        ("a of b", {"a": False, "b": False}, DOES_NOT_APPLY),
        ("a of b", {"a": True}, APPLIES),
        ("a of b", {"a": False}, UNKNOWN),
        ("a or b", {"a": False, "b": True}, APPLIES),
        # niet
        ("niet a", {"a": False}, APPLIES),
        ("niet a", {"a": True}, DOES_NOT_APPLY),
        ("niet a", {}, UNKNOWN),
        ("not a", {"a": False}, APPLIES),
        # precedence: niet a en b = (niet a) en b; a of b en c = a of (b en c)
        ("niet a en b", {"a": False, "b": True}, APPLIES),
        ("niet a en b", {"a": False, "b": False}, DOES_NOT_APPLY),
        ("niet (a en b)", {"a": False, "b": False}, APPLIES),
        ("a of b en c", {"a": True, "b": False, "c": False}, APPLIES),
        ("(a of b) en c", {"a": True, "b": False, "c": False}, DOES_NOT_APPLY),
        # a combination that is true whatever the unknown fact is, is true
        ("a of niet a", {}, APPLIES),
        ("a en niet a", {}, DOES_NOT_APPLY),
        ("(a en b) of (a en niet b)", {"a": True}, APPLIES),
        # = and ≠ on yes/no facts
        ("a = ja", {"a": True}, APPLIES),
        ("a = nee", {"a": False}, APPLIES),
        ("a = nee", {"a": True}, DOES_NOT_APPLY),
        ("a ≠ ja", {"a": False}, APPLIES),
        ("a != ja", {"a": True}, DOES_NOT_APPLY),
        # = and ≠ on enumerations
        ("kleur = rood", {"kleur": "rood"}, APPLIES),
        ("kleur = rood", {"kleur": "groen"}, DOES_NOT_APPLY),
        ("kleur = rood", {}, UNKNOWN),
        ("kleur ≠ rood", {"kleur": "groen"}, APPLIES),
        ("kleur ≠ rood", {"kleur": "rood"}, DOES_NOT_APPLY),
        # in / niet in
        ("kleur in {rood, groen}", {"kleur": "groen"}, APPLIES),
        ("kleur in {rood, groen}", {"kleur": "blauw"}, DOES_NOT_APPLY),
        ("kleur niet in {rood, groen}", {"kleur": "blauw"}, APPLIES),
        ("kleur niet in {rood, groen}", {"kleur": "rood"}, DOES_NOT_APPLY),
        ("kleur not in {rood}", {"kleur": "blauw"}, APPLIES),
        ("kleur in {rood, groen, blauw}", {}, APPLIES),
        # bevat
        ("rol bevat aanbieder", {"rol": {"aanbieder", "importeur"}}, APPLIES),
        ("rol bevat aanbieder", {"rol": {"importeur"}}, DOES_NOT_APPLY),
        ("rol bevat aanbieder", {"rol": set()}, DOES_NOT_APPLY),
        ("rol bevat aanbieder", {}, UNKNOWN),
        ("rol contains aanbieder", {"rol": ["aanbieder"]}, APPLIES),
        # overlapt met: contains at least one of the values
        ("rol overlapt met {aanbieder, importeur}", {"rol": {"importeur"}}, APPLIES),
        ("rol overlapt met {aanbieder, importeur}", {"rol": {"gebruiker"}}, DOES_NOT_APPLY),
        ("rol overlaps {aanbieder}", {"rol": ("aanbieder", "gebruiker")}, APPLIES),
        # is leeg / is niet leeg
        ("rol is leeg", {"rol": set()}, APPLIES),
        ("rol is leeg", {"rol": {"gebruiker"}}, DOES_NOT_APPLY),
        ("rol is niet leeg", {"rol": {"gebruiker"}}, APPLIES),
        ("rol is niet leeg", {"rol": []}, DOES_NOT_APPLY),
        ("rol is leeg", {}, UNKNOWN),
    ],
)
def test_operator_semantics(condition: str, system: dict[str, object], expected: Verdict) -> None:
    assert verdict(condition, system) is expected


DAY = datetime.date(2024, 8, 1)
BEFORE = datetime.date(2024, 7, 31)
AFTER = datetime.date(2024, 8, 2)


@pytest.mark.parametrize(
    ("condition", "day", "expected"),
    [
        ("start voor 2024-08-01", BEFORE, APPLIES),
        ("start voor 2024-08-01", DAY, DOES_NOT_APPLY),
        ("start voor 2024-08-01", AFTER, DOES_NOT_APPLY),
        ("start < 2024-08-01", BEFORE, APPLIES),
        ("start uiterlijk 2024-08-01", BEFORE, APPLIES),
        ("start uiterlijk 2024-08-01", DAY, APPLIES),
        ("start uiterlijk 2024-08-01", AFTER, DOES_NOT_APPLY),
        ("start <= 2024-08-01", DAY, APPLIES),
        ("start na 2024-08-01", BEFORE, DOES_NOT_APPLY),
        ("start na 2024-08-01", DAY, DOES_NOT_APPLY),
        ("start na 2024-08-01", AFTER, APPLIES),
        ("start > 2024-08-01", AFTER, APPLIES),
        ("start vanaf 2024-08-01", BEFORE, DOES_NOT_APPLY),
        ("start vanaf 2024-08-01", DAY, APPLIES),
        ("start vanaf 2024-08-01", AFTER, APPLIES),
        ("start >= 2024-08-01", DAY, APPLIES),
        ("start = 2024-08-01", DAY, APPLIES),
        ("start = 2024-08-01", AFTER, DOES_NOT_APPLY),
        ("start ≠ 2024-08-01", AFTER, APPLIES),
        ("start ≠ 2024-08-01", DAY, DOES_NOT_APPLY),
        # far from the constant
        ("start voor 2024-08-01", datetime.date(1990, 1, 1), APPLIES),
        ("start na 2024-08-01", datetime.date(2999, 12, 31), APPLIES),
        # a window between two constants
        ("start vanaf 2024-01-01 en start voor 2025-01-01", DAY, APPLIES),
        ("start vanaf 2024-01-01 en start voor 2025-01-01", datetime.date(2025, 1, 1), DOES_NOT_APPLY),
        ("start vanaf 2024-01-01 en start voor 2025-01-01", datetime.date(2023, 12, 31), DOES_NOT_APPLY),
    ],
)
def test_date_comparison_semantics(condition: str, day: datetime.date, expected: Verdict) -> None:
    assert verdict(condition, {"start": day}) is expected


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        (datetime.date(2024, 7, 31), APPLIES),
        ("2024-07-31", APPLIES),
        (datetime.datetime(2024, 7, 31, 23, 59), APPLIES),
        ("2024-08-01", DOES_NOT_APPLY),
        (datetime.date(2024, 8, 1), DOES_NOT_APPLY),
    ],
)
def test_dates_may_be_given_as_date_or_iso_text(given: object, expected: Verdict) -> None:
    assert verdict("start voor 2024-08-01", {"start": given}) is expected


def test_an_unknown_date_gives_an_unknown_verdict() -> None:
    assert verdict("start voor 2024-08-01", {}) is UNKNOWN


def test_date_compared_with_constants_from_other_rules() -> None:
    """Every constant a date fact is compared with anywhere still gives exact answers."""
    definitions = "definitie vroeg waar als start voor 2020-01-01\n"
    rs = rule_set("start na 2024-08-01 of vroeg", definitions=definitions)
    assert rs.evaluate({"start": "2019-12-31"})["tst-01"].verdict is APPLIES
    assert rs.evaluate({"start": "2022-06-01"})["tst-01"].verdict is DOES_NOT_APPLY
    assert rs.evaluate({"start": "2024-08-02"})["tst-01"].verdict is APPLIES
