"""Measured quality against the team's gold annotations (tests/data/*_gold.yml), as `kg eval` reports it."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.api import build
from pipeline.errors import GoldFileError
from pipeline.evaluate import (
    NumberScore,
    TypeScore,
    _file_stem,
    _same_actor,
    _same_number,
    evaluate,
    load_gold,
)

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="module")
def other_run(tmp_path_factory) -> Path:
    return build([DATA / "other_news"]).save(tmp_path_factory.mktemp("other_news"))


@pytest.mark.model
def test_seed_entities_meet_the_targets(seed_run: Path) -> None:
    report = evaluate(seed_run, DATA / "seeds_gold.yml")
    assert [score.type for score in report.types] == ["person", "group", "place"]  # an empty list passed
    assert report.alias_sets == 18
    for score in report.types:
        assert score.recall >= 0.95, (score.type, score.missed)
        assert score.precision >= 0.90, (score.type, score.spurious)
    assert report.wrong_merges == []
    assert report.alias_sets_merged == report.alias_sets, report.unmerged


@pytest.mark.model
def test_seed_numbers_have_the_right_value_and_object(seed_run: Path) -> None:
    numbers = evaluate(seed_run, DATA / "seeds_gold.yml").numbers
    assert numbers is not None
    assert numbers.found == numbers.gold
    assert numbers.value_and_object / numbers.gold >= 0.9, numbers.wrong
    assert numbers.category / numbers.gold >= 0.8, numbers.wrong
    assert numbers.false_counts == []


@pytest.mark.model
def test_resolution_holds_on_news_it_was_not_tuned_on(other_run: Path) -> None:
    report = evaluate(other_run, DATA / "other_news_gold.yml")
    assert [score.type for score in report.types] == ["person", "group", "place"]
    assert report.alias_sets == 15
    for score in report.types:
        assert score.precision >= 0.90, (score.type, score.spurious)
        assert score.recall >= 0.85, (score.type, score.missed)
    assert report.wrong_merges == []
    assert report.alias_sets_merged >= report.alias_sets - 1, report.unmerged
    numbers = report.numbers
    assert numbers is not None and numbers.value_and_object / numbers.gold >= 0.85, numbers.wrong


@pytest.mark.model
def test_kg_eval_prints_the_figures(kg, seed_run: Path) -> None:
    result = kg("eval", seed_run, "--gold", DATA / "seeds_gold.yml")
    assert result.code == 0
    for text in ("precision", "recall", "Alias sets merged", "Wrong merges: 0", "Numbers:"):
        assert text in result.stdout
    assert "note:" not in result.stderr
    # the options of a document-level gold say they were not used, rather than being dropped unsaid
    noted = kg("eval", seed_run, "--gold", DATA / "seeds_gold.yml", "--baseline", "--details")
    assert noted.code == 0 and noted.stdout == result.stdout
    assert "note: ignored --baseline, --details: for a document-level JSON gold" in noted.stderr


def test_evaluation_counts_wrong_merges(tmp_path: Path) -> None:
    (tmp_path / "nodes.csv").write_text(
        "id,label,type,aliases,mentions,articles,article_ids\n"
        "place:syria,Syria,place,Syria|Syrian Democratic Forces,2,1,a\n"
        "group:isis,ISIS,group,ISIS,1,1,a\n",
        encoding="utf-8",
    )
    gold = tmp_path / "gold.yml"
    gold.write_text(
        "entities:\n  - {name: Syria, type: place}\n  - {name: Syrian Democratic Forces, type: group}\n"
        "  - {name: ISIS, type: group}\n  - {name: Hamas, type: group}\n"
        "must_not_merge:\n  - [Syria, Syrian Democratic Forces]\n",
        encoding="utf-8",
    )
    report = evaluate(tmp_path, gold)
    scores = {s.type: s for s in report.types}
    assert (scores["group"].found, scores["group"].gold) == (1, 3)
    assert scores["place"].precision == 1.0
    assert len(report.wrong_merges) == 2  # one node joining two gold entities, one must-not-merge pair


@pytest.mark.model
def test_a_gold_of_counts_alone_scores_the_number_nodes_of_its_counted_articles(kg, tmp_path: Path) -> None:
    # Articles named by their file (an untitled text), counts named with or without their qualifier.
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "quell_flood.txt").write_text(
        "untitled\n\nFloods in Quellmark forced at least 40 families from their homes on Tuesday. "
        "Rescuers from Varnby pulled six fishermen from the river. Two bridges collapsed.\n",
        encoding="utf-8",
    )
    # a copy of the article, read as the first one: its counts are looked up there
    (corpus / "quell_flood_copy.txt").write_text((corpus / "quell_flood.txt").read_text(), encoding="utf-8")
    run = build([corpus]).save(tmp_path / "run")
    gold = tmp_path / "counts.yml"
    gold.write_text(
        "numbers:\n"
        "  - {article: quell_flood, text: '40', context: families from their homes, value: 40, object: families}\n"
        "  - {article: quell_flood_copy, text: six, context: pulled six fishermen, value: 6, object: fishermen}\n"
        "counted_articles: [quell_flood]\n",
        encoding="utf-8",
    )
    numbers = evaluate(run, gold).numbers
    assert numbers is not None
    assert (numbers.found, numbers.value_and_object) == (2, 2), numbers.wrong
    # "Two bridges" is a count node too, and the gold does not list it: a false node.
    assert (numbers.listed_nodes, numbers.nodes) == (2, 3)
    [(node, where)] = numbers.false_nodes.items()
    assert node.startswith("number:2-bridges-")  # and its article's id
    assert where.split(" ", 1)[1] == "(quell_flood: 'Two bridges collapsed.')"
    assert numbers.actors_listed == 0  # no entry says who did it: no actor scored
    printed = kg("eval", run, "--gold", gold).stdout
    assert "2/3 hold an annotated count (precision 0.667)" in printed
    assert "Actors (who did it)" not in printed
    assert "Entities against" not in printed  # no entity is annotated: no table of wrong names


@pytest.mark.model
@pytest.mark.parametrize(
    ("actor", "figures", "wrong"),
    [
        ("police", (1, 1, 1), []),
        (
            "coastguard",
            (0, 1, 1),
            ["'six' (arrested six fishermen): actor 'Varn police', expected 'coastguard'"],
        ),
        # the gold says no one is named: the run's actor is a wrong one
        ('""', (0, 0, 1), ["'six' (arrested six fishermen): actor 'Varn police', expected ''"]),
    ],
)
def test_a_count_gold_may_say_who_did_it(
    kg, tmp_path: Path, actor: str, figures: tuple[int, int, int], wrong: list[str]
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "harbour.txt").write_text(
        "Harbour\n\nVarn police arrested six fishermen in Quellmark on Tuesday. Four divers died in the harbour.\n",
        encoding="utf-8",
    )
    run = build([corpus]).save(tmp_path / "run")
    gold = tmp_path / "counts.yml"
    gold.write_text(
        "numbers:\n"
        "  - {article: harbour, text: six, context: arrested six fishermen, value: 6, object: fishermen,"
        f" category: arrest, actor: {actor}}}\n"
        "  - {article: harbour, text: Four, context: Four divers died, value: 4, object: divers, category: kill,"
        ' actor: ""}\n',
        encoding="utf-8",
    )
    numbers = evaluate(run, gold).numbers
    assert numbers is not None
    right, expected, named = figures
    assert (numbers.actors_listed, numbers.actors_expected, numbers.actors_named, numbers.actors_right) == (
        2,
        expected,
        named,
        right,
    )
    assert numbers.wrong == wrong
    printed = kg("eval", run, "--gold", gold).stdout
    assert (
        f"Actors (who did it): {right} of the {expected} the gold names found, {right}/{named} of those the run"
        in printed
    )


@pytest.mark.model
def test_a_count_gold_names_what_it_cannot_find_and_scores_each_row_once(kg, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "storm_report.txt").write_text(
        "Storm report\n\nThe storm in Quellmark destroyed 12 boats. Fishermen from Varnby went out three "
        "times that night.\n",
        encoding="utf-8",
    )
    (corpus / "storm_update.txt").write_text(
        "Storm update\n\nIn Varnby, 30 houses lost their roofs and 4 families left the town.\n",
        encoding="utf-8",
    )
    run = build([corpus]).save(tmp_path / "run")
    gold = tmp_path / "counts.yml"
    gold.write_text(
        "numbers:\n"
        "  - {article: storm_report, text: '12', context: destroyed 12 boats, value: 12, object: boats}\n"
        "  - {article: storm_report, text: '12', context: destroyed 12 boats, value: 12, object: boats}\n"
        "  - {article: Storm update, text: '30', context: 30 houses, value: 30, object: houses}\n"
        "  - {article: stom_update, text: '4', context: 4 families, value: 4, object: families}\n"
        "  - {article: Storm, text: '4', context: 4 families, value: 4, object: families}\n"
        "not_counts:\n"
        "  - {article: storm_report, text: three times, context: three times that night}\n"
        "counted_articles: [storm_report, storm_update]\n",
        encoding="utf-8",
    )
    numbers = evaluate(run, gold).numbers
    assert numbers is not None
    # a typo and a title's beginning that names two articles are said, not scored as misses of the run
    assert sorted(numbers.unknown_articles) == ["Storm (the beginning of 2 titles)", "stom_update"]
    # one row is one count: the second "12" finds no row of its own; the two left out are not missed
    assert numbers.found == 2 and "missing: '12' (destroyed 12 boats)" in numbers.wrong
    assert numbers.gold == 3 and not any("'4'" in wrong for wrong in numbers.wrong)
    # "three times" is the run's "three" with its noun; a frequency is no node
    assert (
        numbers.false_counts == ["'three times' (three times that night)"] and numbers.false_count_nodes == []
    )
    # nodes, not rows: the "4 families" node holds no annotated count (its entries named no article)
    assert (numbers.listed_nodes, numbers.nodes) == (2, 3)
    printed = kg("eval", run, "--gold", gold).stdout
    assert "Gold articles the run does not hold (left out): " in printed
    only_non_counts = tmp_path / "non_counts.yml"
    only_non_counts.write_text(
        "not_counts:\n  - {article: storm_report, text: three times, context: three times that night}\n",
        encoding="utf-8",
    )
    assert (
        "Non-counts: 0/1 made number nodes, 1 more kept as values"
        in kg("eval", run, "--gold", only_non_counts).stdout
    )
    # a gold of other files (ids of another copy of the corpus) is refused, not scored 0/2 with exit 0
    elsewhere = tmp_path / "elsewhere.yml"
    elsewhere.write_text(
        "numbers:\n"
        "  - {article: CORP_storm_report, text: '12', context: destroyed 12 boats, value: 12, object: boats}\n"
        "  - {article: CORP_storm_update, text: '30', context: 30 houses, value: 30, object: houses}\n",
        encoding="utf-8",
    )
    refused = kg("eval", run, "--gold", elsewhere)
    assert refused.code == 2 and "Numbers:" not in refused.stdout
    assert "none of the 2 articles its counts name is in" in refused.stderr
    assert "it names 'CORP_storm_report'; the run's are named like " in refused.stderr


@pytest.mark.parametrize(
    ("found", "annotated", "same"),
    [
        ("At least 10", "10", True),
        ("10", "at least 10", True),
        ("about 3,000", "About 3,000", True),
        ("110", "10", False),  # a number's tail is no number
        ("10 km", "10", False),
        ("", "", False),
    ],
)
def test_a_count_is_found_with_or_without_its_qualifier(found: str, annotated: str, same: bool) -> None:
    assert _same_number(found, annotated) is same


@pytest.mark.parametrize(
    ("found", "annotated", "same"),
    [
        ("Varn police", "police", True),  # the same head word
        ("Osk army's", "army", True),  # a possessive's head is its noun
        ("Quellish forces", "Quellish forces or settlers", True),  # a part of a coordinated actor
        ("anti-police protesters", "police", False),  # the gold's actor inside the run's is another one
        ("police", "protesters", False),
    ],
)
def test_an_actor_is_the_gold_s_by_its_head_word_or_as_a_part_of_it(
    found: str, annotated: str, same: bool
) -> None:
    assert _same_actor(found, annotated) is same


@pytest.mark.parametrize(
    ("source", "stem"),
    [("corpus/GUM_lee_bg019.txt", "GUM_lee_bg019"), ("C:\\in\\feed.jsonl:12", "feed"), ("notes", "notes")],
)
def test_an_article_is_named_by_its_file_without_extension(source: str, stem: str) -> None:
    assert _file_stem(source) == stem


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("entities:\n  - {type: person}\n", "entities[0] has no 'name': {'type': 'person'}"),
        ("entities: [Quilla Marsten]\n", "entities[0] is 'Quilla Marsten', not an entity {name: NAME"),
        ("entities: 5\n", "entities is 5, not a list"),
        (
            "entities: [{name: Quilla Marsten, type: wizard}]\n",
            "entities[0].type is 'wizard'; types are person,",
        ),
        ("entities: [{name: [1, 2], type: person}]\n", "entities[0].name is [1, 2], not a name"),
        ("entities: [{name: '', type: place}]\n", "entities[0].name is '', not a name"),
        ("entities: [{name: Drovenport, type: place, aliases: Drovenport}]\n", "entities[0].aliases is 'Dro"),
        (
            "entities: [{name: Drovenport, type: place, aliases: [Dro, {a: b}]}]\n",
            "entities[0].aliases[1] is",
        ),
        ("ignore: [[Velt]]\n", "ignore[0] is ['Velt'], not a name"),
        ("must_not_merge: [[Velt]]\n", "must_not_merge[0] is ['Velt'], not a pair of names"),
        ("must_not_merge: [Velt Union]\n", "must_not_merge[0] is 'Velt Union', not a pair of names"),
        ("must_not_merge: [[Velt, null]]\n", "must_not_merge[0][1] is None, not a name"),
        ("numbers: [{value: 3}]\n", "numbers[0] has no 'article', 'text', 'context', 'object': {'value': 3}"),
        ("numbers: [{article: x, value: abc, context: y, object: z}]\n", "numbers[0] has no 'text': "),
        (
            "numbers: [{article: x, text: t, value: abc, context: y, object: z}]\n",
            "numbers[0].value is 'abc'",
        ),
        (
            "numbers: [{article: x, text: t, value: true, context: y, object: z}]\n",
            "numbers[0].value is True",
        ),
        (
            "numbers: [{article: x, text: t, value: 1, context: y, object: z, unit: [m]}]\n",
            "numbers[0].unit is",
        ),
        ("numbers: [three]\n", "numbers[0] is 'three', not a mapping {article: ..., text: ..., context: ..."),
        ("not_counts: [{article: x, text: t}]\n", "not_counts[0] has no 'context'"),
        ("counted_articles: [[x]]\nnumbers: []\n", "counted_articles[0] is ['x'], not a title or file name"),
        (
            "numbers: [{article: x, text: t, context: c, value: 1, object: o, catgory: kill}]\n",
            "numbers[0] has unknown key(s) 'catgory'; keys are article, text, context, value, object, unit",
        ),
        (
            "numbers: [{article: x, text: t, context: c, value: 1,121, object: o}]\n",
            "numbers[0] has unknown key(s) '121'; keys are article, text, context, value, object, unit, category, actor (a comma",
        ),
        (
            "numbers: [{article: x, text: t, context: c, value: 1, object: o, actor: [Osk raiders]}]\n",
            "numbers[0].actor is ['Osk raiders'], not a text",
        ),
        (
            "numbers: [{article: x, text: t, context: c, value: 1, object: o, category: killed}]\n",
            "numbers[0].category is 'killed'; categories are kill, wound,",
        ),
        ("entites: []\n", "unknown key(s) 'entites'; a gold annotation has entities, ignore,"),
        (
            "entities: [{name: Varnia, type: place}, {name: Varnia, type: group}]\n",
            "entities[1] names 'Varnia', as entities[0] does: one name, one entity",
        ),
        ("- entities\n", "a gold annotation is a YAML mapping, not a list"),
        ("entities: [a\n", "not a valid YAML gold annotation"),
    ],
)
def test_a_malformed_gold_is_refused_naming_the_bad_entry(tmp_path: Path, text: str, problem: str) -> None:
    gold = tmp_path / "gold.yml"
    gold.write_text(text, encoding="utf-8")
    with pytest.raises(GoldFileError) as refused:
        load_gold(gold)
    assert str(refused.value).startswith(f"{gold}: {problem}")
    assert refused.value.exit_code == 2


def test_a_gold_is_checked_before_the_run_is_read(tmp_path: Path) -> None:
    gold = tmp_path / "gold.yml"
    gold.write_text("entities: [{name: Drovenport, type: town}]\n", encoding="utf-8")
    with pytest.raises(GoldFileError, match=r"entities\[0\]\.type is 'town'"):
        evaluate(tmp_path / "no_run", gold)
    with pytest.raises(GoldFileError, match="not found"):
        evaluate(tmp_path, tmp_path / "missing.yml")


def test_a_well_formed_gold_loads_with_every_section_a_list(tmp_path: Path) -> None:
    gold = tmp_path / "gold.yml"
    gold.write_text(
        "entities:\n  - {name: 1984, type: group}\n  - {name: Drovenport, type: place, aliases: null}\n"
        "ignore:\nnumbers:\n  - article: x\n    text: '3'\n    context: ''\n"
        "    value: 1e3\n    unit:\n    object: ships\n",
        encoding="utf-8",
    )
    data = load_gold(gold)
    assert data["must_not_merge"] == data["ignore"] == data["not_counts"] == []
    assert [e["name"] for e in data["entities"]] == [1984, "Drovenport"]
    for name in ("seeds_gold.yml", "other_news_gold.yml"):  # the team's own annotations pass the check
        assert load_gold(DATA / name)["entities"]


@pytest.mark.parametrize("text", ["", "# to do\n", "entities: []\nignore: [Velt]\n"])
def test_a_gold_without_annotations_is_refused(kg, tmp_path: Path, text: str) -> None:
    # Nothing to find scored a recall of 1.000 for every type, and kg eval exited 0.
    gold = tmp_path / "gold.yml"
    gold.write_text(text, encoding="utf-8")
    with pytest.raises(GoldFileError, match="holds no annotations; a gold annotation lists entities, "):
        load_gold(gold)
    result = kg("eval", tmp_path, "--gold", gold)
    assert result.code == 2 and result.stderr.startswith(f"error: {gold}: holds no annotations")


def test_a_gold_that_is_a_folder_is_named_so(kg, tmp_path: Path) -> None:
    for name in ("gold", "gold.json"):
        (tmp_path / name).mkdir()
        result = kg("eval", tmp_path, "--gold", tmp_path / name)
        assert result.code == 2
        assert result.stderr.strip() == f"error: {tmp_path / name}: is a folder, not a file"


def test_kg_eval_reports_a_malformed_gold_in_one_line_with_exit_code_2(kg, tmp_path: Path) -> None:
    gold = tmp_path / "gold.yml"
    gold.write_text("entities:\n  - {type: person}\n", encoding="utf-8")
    result = kg("eval", tmp_path, "--gold", gold)
    assert result.code == 2
    assert result.stderr.strip() == f"error: {gold}: entities[0] has no 'name': {{'type': 'person'}}"


@pytest.mark.model
def test_a_count_gold_may_name_an_article_by_the_inputs_own_id(tmp_path: Path) -> None:
    import json

    records = [{"id": "q-7", "title": "Storm report", "text": "The storm in Quellmark destroyed 12 boats."}]
    corpus = tmp_path / "stories.jsonl"
    corpus.write_text("\n".join(json.dumps(r) for r in records), encoding="utf-8")
    run = build([corpus]).save(tmp_path / "run")
    gold = tmp_path / "counts.yml"
    gold.write_text(
        "numbers:\n  - {article: q-7, text: '12', context: destroyed 12 boats, value: 12, object: boats}\n",
        encoding="utf-8",
    )
    numbers = evaluate(run, gold).numbers
    assert numbers is not None and numbers.unknown_articles == [] and numbers.value_and_object == 1


def test_a_types_figures_are_shares_and_nothing_to_find_or_show_misses_nothing() -> None:
    score = TypeScore("person", gold=4, found=3, nodes=5, correct=2)
    assert (score.recall, score.precision) == (0.75, 0.4)
    empty = TypeScore("place", gold=0, found=0, nodes=0, correct=0)
    assert (empty.recall, empty.precision) == (1.0, 1.0)
    assert NumberScore(gold=3, nodes=4, listed_nodes=3).node_precision == 0.75
    assert NumberScore(gold=3).node_precision == 1.0
