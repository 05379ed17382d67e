"""Word lists: the package's own, replaced file by file by a models folder; the cache key follows them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pipeline import wordlists
from pipeline.errors import BadOptionError, PatternsFileError
from pipeline.extract.model import extraction_version
from pipeline.wordlists import ALIASES, PATTERNS, aliases_file, default_models, load_patterns, word_list


def test_the_package_ships_both_lists_and_reads_them_from_inside_itself() -> None:
    for name in (PATTERNS, ALIASES):
        assert word_list(name, None).is_file()
        assert word_list(name, None).parent == Path(wordlists.__file__).parent / "data"
    assert "minister" in {" ".join(title) for title in load_patterns().person_titles}


def test_a_models_folder_replaces_only_the_lists_it_holds(tmp_path: Path) -> None:
    (tmp_path / PATTERNS).write_text("group_heads: [guild]\n", encoding="utf-8")
    assert word_list(PATTERNS, tmp_path) == tmp_path / PATTERNS
    assert word_list(ALIASES, tmp_path) == word_list(ALIASES, None)  # not in the folder: the package's
    assert aliases_file(None, tmp_path) == word_list(ALIASES, None)
    assert aliases_file(tmp_path / "mine.yml", tmp_path) == tmp_path / "mine.yml"  # --aliases wins
    assert load_patterns(tmp_path / PATTERNS).group_heads == frozenset({"guild"})
    (tmp_path / "titles.yml").write_text(
        "person_titles: [Minister, Prime Minister, Deputy Prime Minister]\ngroup_heads: [Guild, Varn Board]\n",
        encoding="utf-8",
    )
    mine = load_patterns(tmp_path / "titles.yml")
    # longest first, so "Deputy Prime Minister Orla Quist" drops the whole title; words read in lower case
    assert mine.person_titles == (("deputy", "prime", "minister"), ("prime", "minister"), ("minister",))
    assert mine.group_heads == frozenset({"guild", "varn board"})


def test_a_missing_models_folder_is_named(tmp_path: Path) -> None:
    with pytest.raises(BadOptionError, match=r"^models='.*nowhere' is not valid"):
        word_list(PATTERNS, tmp_path / "nowhere")


def test_models_in_the_current_folder_are_found_only_when_they_hold_a_list(
    tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert default_models() is None
    (tmp_path / "models").mkdir()
    (tmp_path / "models" / "README.md").write_text("notes", encoding="utf-8")
    assert default_models() is None  # a folder of notes replaces nothing
    (tmp_path / "models" / ALIASES).write_text("entities: []\n", encoding="utf-8")
    assert default_models() == str((tmp_path / "models").resolve())


def test_the_extraction_cache_key_changes_with_the_patterns_file(tmp_path: Path) -> None:
    (tmp_path / "a.yml").write_text("group_heads: [guild]\n", encoding="utf-8")
    (tmp_path / "b.yml").write_text("group_heads: [guild, league]\n", encoding="utf-8")
    versions = {
        extraction_version(load_patterns(None)),
        extraction_version(load_patterns(tmp_path / "a.yml")),
        extraction_version(load_patterns(tmp_path / "b.yml")),
    }
    assert len(versions) == 3


@pytest.mark.model
def test_kg_run_reads_the_models_folder_it_is_given(kg, write, tmp_path: Path) -> None:
    write("in/a.txt", "Talks\nOfficials from Velmora met Keir Starmer in London on Monday.")
    write("lists/aliases.yml", "entities:\n  - {name: Velmora Republic, type: place, aliases: [Velmora]}\n")
    result = kg(
        "run", tmp_path / "in", "--out", tmp_path / "out", "--models", tmp_path / "lists", "--no-cache"
    )
    assert result.code == 0, result.stderr
    nodes = (tmp_path / "out" / "nodes.csv").read_text(encoding="utf-8")
    assert "place:velmora-republic" in nodes
    import json

    settings = json.loads((tmp_path / "out" / "manifest.json").read_text())["settings"]
    assert settings["models"] == str((tmp_path / "lists").resolve()) and settings["aliases"] is None
    missing = kg("run", tmp_path / "in", "--out", tmp_path / "o2", "--models", tmp_path / "nowhere")
    assert missing.code == 2 and "nowhere" in missing.stderr


def test_familiar_forms_are_read_as_formal_and_familiar_pairs(tmp_path: Path) -> None:
    (tmp_path / PATTERNS).write_text(
        "familiar_forms:\n  James: [Jim, jimmy]\n  edward: ted\n", encoding="utf-8"
    )
    forms = load_patterns(tmp_path / PATTERNS).familiar_forms
    assert forms == {("james", "jim"), ("james", "jimmy"), ("edward", "ted")}


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("group_heads: [guild\n", "not valid YAML"),
        ("- guild\n", "a patterns file is a YAML mapping, not a list"),
        ("familiar_forms: [jim]\n", "familiar_forms is a mapping of formal names to forms, not a list"),
        ("familiar_forms:\n  james: [3]\n", "familiar_forms: 'james' lists 3, not a name"),
    ],
)
def test_a_broken_patterns_file_is_named_with_its_problem(tmp_path: Path, content: str, problem: str) -> None:
    (tmp_path / PATTERNS).write_text(content, encoding="utf-8")
    with pytest.raises(PatternsFileError) as raised:
        load_patterns(tmp_path / PATTERNS)
    assert str(raised.value).startswith(f"{tmp_path / PATTERNS}: {problem}")


def test_a_models_folder_holding_neither_list_is_named(tmp_path: Path) -> None:
    (tmp_path / "alias.yml").write_text("entities: []\n", encoding="utf-8")  # a misspelt aliases.yml
    with pytest.raises(BadOptionError, match="a folder holding patterns.yml and/or aliases.yml"):
        word_list(PATTERNS, tmp_path)


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("person_titles: 5\n", "person_titles is a list of words, not 5"),
        ("group_heads: agency\n", "group_heads is a list of words, not 'agency'"),
        ("group_heads: [agency, [board]]\n", "group_heads is a list of words"),
        ("persn_titles: [envoy]\n", "unknown list 'persn_titles' (did you mean person_titles?)"),
    ],
)
def test_a_patterns_list_of_the_wrong_shape_or_name_is_refused(tmp_path: Path, text: str, said: str) -> None:
    path = tmp_path / PATTERNS
    path.write_text(text, encoding="utf-8")
    with pytest.raises(PatternsFileError, match=re.escape(said)):
        load_patterns(path)
