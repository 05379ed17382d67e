"""The document-level gold (``kg eval --gold gold.json``): tiny hand-made gold, invented names."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.docscore import document_of, load_gold, predictions, raw_predictions, score
from pipeline.errors import GoldFileError

GOLD = {
    "docs": {
        "story_one": [
            ["Quilla_Marsten", "person", ["Quilla Marsten", "Marsten"]],
            ["Drovenport", "place", ["Drovenport"]],
            ["Velt_Union", "group", ["Velt Union"]],
        ],
        "story_two": [["Orrin_Tasby", "person", ["Orrin Tasby"]]],
    },
    "other_names": {"story_one": ["Festival of Lanterns"]},
}


def test_precision_recall_alias_sets_and_people() -> None:
    found = predictions(
        [
            ("story_one", "Quilla Marsten", "person", "person:quilla-marsten"),
            ("story_one", "Marsten", "group", "person:quilla-marsten"),
            ("story_one", "Drovenport", "group", "group:drovenport"),  # group for a place: accepted
            ("story_one", "the Festival of Lanterns", "group", "group:festival"),  # other name: ignored
            ("story_one", "Harbour Times", "group", "group:harbour-times"),  # wrong
            ("story_two", "Tasby", "place", "place:tasby"),  # a tail of the gold name, typed place
        ]
    )
    report = score(found, GOLD)
    assert (report.overall.correct, report.overall.predicted) == (4, 5)
    assert (report.overall.found, report.overall.gold) == (3, 4)
    assert (report.alias_sets_merged, report.alias_sets) == (1, 1)
    assert (report.people_kept, report.people) == (1, 2)
    person = report.types["person"]
    assert (person.correct, person.predicted, person.found, person.gold) == (1, 1, 1, 2)
    assert report.missed == ["story_one: Velt Union (group)"]
    assert report.wrong == ["story_one: harbour times (group)"]
    # a group for a gold place counts in both (the two types are told apart loosely)
    group, place = report.types["group"], report.types["place"]
    assert (group.correct, group.predicted, group.found, group.gold) == (1, 3, 0, 1)
    assert (place.correct, place.predicted, place.found, place.gold) == (0, 1, 1, 1)
    assert report.overall.f1 == pytest.approx(2 * 0.8 * 0.75 / (0.8 + 0.75))
    # the nodes holding gold names, each one gold entity's: no wrong merge; names of no gold don't count
    assert (report.wrong_merges, report.nodes) == (0, 2)


def test_a_node_holding_two_gold_entities_is_a_wrong_merge() -> None:
    found = predictions(
        [
            ("story_one", "Quilla Marsten", "person", "place:drovenport"),
            ("story_one", "Drovenport", "place", "place:drovenport"),
        ]
    )
    assert (score(found, GOLD).wrong_merges, score(found, GOLD).nodes) == (1, 1)


def test_the_raw_model_puts_no_name_on_a_node() -> None:
    def tag(texts: list[str]) -> list[list[tuple[str, str]]]:
        return [[("Quilla Marsten", "PERSON"), ("Marsten", "PERSON"), ("1999", "DATE")] for _ in texts]

    report = score(raw_predictions({"story_one": "...", "story_two": "..."}, tag), GOLD)
    assert (report.alias_sets_merged, report.alias_sets) == (0, 1)
    assert report.overall.predicted == 4


def test_documents_are_found_by_file_stem_id_or_title() -> None:
    assert document_of("x1", "/data/story_one.txt", "", GOLD["docs"]) == "story_one"
    assert document_of("story_two", "feed.jsonl:3", "", GOLD["docs"]) == "story_two"
    assert document_of("x1", "feed.jsonl:4", "Nothing", GOLD["docs"]) is None


def test_a_gold_file_of_another_shape_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "gold.json"
    path.write_text(json.dumps({"docs": {"d": [["k", "person"]]}}), encoding="utf-8")
    with pytest.raises(GoldFileError, match="is not \\[key, type, \\[aliases\\]\\]"):
        load_gold(path)
    path.write_text("[1, 2]", encoding="utf-8")
    with pytest.raises(GoldFileError, match='"docs"'):
        load_gold(path)


@pytest.mark.parametrize(
    ("docs", "problem"),
    [
        ({"d": 5}, 'docs["d"] is 5, not a list of [key, type, [aliases]]'),
        ({"d": ["k"]}, 'docs["d"][0] "k" is not [key, type, [aliases]]'),
        ({"d": [["k", "person", ["K"], "x"]]}, 'docs["d"][0] ["k", "person", ["K"], "x"] is not [key,'),
        ({"d": [[["k"], "person", ["K"]]]}, 'docs["d"][0] has key ["k"], not a non-empty string'),
        (
            {"d": [["k", "wizard", ["K"]]]},
            'docs["d"][0] (k) has type "wizard"; types are person, group, place',
        ),
        ({"d": [["k", "PERSON", ["K"]]]}, 'docs["d"][0] (k) has type "PERSON"'),
        ({"d": [["k", "place", "K"]]}, 'docs["d"][0] (k) has aliases "K", not a list of non-empty strings'),
        ({"d": [["k", "place", ["K", 3]]]}, 'docs["d"][0] (k) has aliases ["K", 3], not a list'),
        ({"d": [["k", "place", []]]}, 'docs["d"][0] (k) has aliases [], not a list'),
    ],
)
def test_a_gold_entry_of_another_shape_is_named(tmp_path: Path, docs: dict, problem: str) -> None:
    path = tmp_path / "gold.json"
    path.write_text(json.dumps({"docs": docs}), encoding="utf-8")
    with pytest.raises(GoldFileError) as refused:
        load_gold(path)
    assert str(refused.value).startswith(f"{path}: {problem}")


def test_other_names_and_a_missing_gold_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "gold.json"
    path.write_text(json.dumps({"docs": {}, "other_names": {"d": "Festival"}}), encoding="utf-8")
    with pytest.raises(GoldFileError, match='other_names\\["d"\\] is "Festival", not a list'):
        load_gold(path)
    path.write_text(json.dumps({"docs": {}, "other_names": ["Festival"]}), encoding="utf-8")
    with pytest.raises(GoldFileError, match="other_names is"):
        load_gold(path)
    with pytest.raises(GoldFileError, match="missing.json: not found"):
        load_gold(tmp_path / "missing.json")
    device = tmp_path / "device.json"
    device.symlink_to("/dev/zero")  # it exists: "not found" was wrong, and reading it never ends
    with pytest.raises(GoldFileError, match=r"device.json: not a regular file \(a character device\)"):
        load_gold(device)
    path.write_text(json.dumps({"docs": {}}), encoding="utf-8")  # scored every recall 1.000
    with pytest.raises(GoldFileError, match='gold.json: holds no annotations; "docs" is empty'):
        load_gold(path)
    path.write_text(json.dumps(GOLD), encoding="utf-8")
    assert load_gold(path) == GOLD


def test_kg_eval_reports_a_malformed_document_gold_with_exit_code_2(kg, tmp_path: Path) -> None:
    path = tmp_path / "gold.json"
    path.write_text(json.dumps({"docs": {"d": [["k", "wizard", ["K"]]]}}), encoding="utf-8")
    result = kg("eval", tmp_path, "--gold", path)
    assert result.code == 2
    assert (
        result.stderr.strip()
        == f'error: {path}: docs["d"][0] (k) has type "wizard"; types are person, group, place'
    )


@pytest.mark.model
def test_kg_eval_reads_a_document_gold_and_prints_the_baseline(kg, tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "story_one.txt").write_text(
        "Harbour news\n\nQuilla Marsten opened the Velt Union office in Drovenport on Monday. "
        "Marsten said the office would stay open.\n",
        encoding="utf-8",
    )
    gold = tmp_path / "gold.json"
    # a gold of a larger corpus: the documents the run does not hold are named and left out
    entities = GOLD["docs"]["story_one"]
    gold.write_text(json.dumps({"docs": {"story_one": entities, "story_nine": entities}}), encoding="utf-8")
    assert kg("run", docs, "--out", tmp_path / "run", "--no-cache").code == 0
    result = kg("eval", tmp_path / "run", "--gold", gold, "--baseline", "--details")
    assert result.code == 0, result.stderr
    assert "the run does not hold (left out): 1: story_nine" in result.stdout
    assert "Names in 1 documents" in result.stdout
    # a gold none of whose documents the run holds is no score of zero but an error
    other = tmp_path / "other.json"
    other.write_text(json.dumps({"docs": {"story_nine": entities}}), encoding="utf-8")
    refused = kg("eval", tmp_path / "run", "--gold", other)
    assert refused.code == 2 and "none of its 1 documents is in" in refused.stderr
    for text in (
        "all precision",
        "person F1",
        "alias sets on one node",
        "people kept",
        "raw model",
        "missed",
    ):
        assert text in result.stdout


def test_a_document_the_run_found_to_be_a_copy_has_the_kept_copys_names(kg, tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    story = (
        "Harbour news\n\nQuilla Marsten opened the Velt Union office in Drovenport on Monday. "
        "Marsten said the office would stay open.\n"
    )
    (docs / "story_one.txt").write_text(story, encoding="utf-8")
    (docs / "story_one_again.txt").write_text(story, encoding="utf-8")  # the same story, filed twice
    entities = GOLD["docs"]["story_one"]
    gold = tmp_path / "gold.json"
    gold.write_text(
        json.dumps({"docs": {"story_one": entities, "story_one_again": entities}}), encoding="utf-8"
    )
    assert kg("run", docs, "--out", tmp_path / "run", "--no-cache").code == 0
    from pipeline.docscore import evaluate_documents
    from pipeline.io.tables import read_articles

    assert sum(not a.kept for a in read_articles(tmp_path / "run" / "articles.csv")) == 1
    report, _ = evaluate_documents(tmp_path / "run", gold)
    assert (report.documents, report.overall.gold) == (2, 2 * len(entities))
    assert report.overall.found == report.overall.gold  # the copy is answered by the kept article
