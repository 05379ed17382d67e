"""Deliberate errors live in pipeline/errors.py and name the bad value; usage errors exit with code 2."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline import errors
from pipeline.api import build, run_stage
from pipeline.errors import AliasesFileError, GoldFileError, StageError, UnknownSettingError, UsageError
from pipeline.evaluate import evaluate
from pipeline.resolve import resolve


def test_every_deliberate_error_is_a_kg_error_with_an_exit_code() -> None:
    classes = [c for c in vars(errors).values() if isinstance(c, type) and issubclass(c, Exception)]
    warnings = [c for c in classes if issubclass(c, Warning)]
    deliberate = [c for c in classes if c is not errors.InjectedFault and c not in warnings]
    assert all(issubclass(c, errors.KgError) for c in deliberate), deliberate
    assert {c.exit_code for c in deliberate if issubclass(c, UsageError)} == {2}
    assert warnings == [errors.AmbiguousNameWarning, errors.CacheNotWrittenWarning, errors.NothingKeptWarning]
    assert all(issubclass(w, UserWarning) for w in warnings)


def test_a_setting_is_named_as_the_user_set_it() -> None:
    # build(window="paragraf") said "--window: 'paragraf'": kg's flag, to a Python user
    assert str(errors.BadSettingError("window", "paragraf", "sentence | paragraph | article")) == (
        "window='paragraf' is not valid; expected sentence | paragraph | article"
    )
    with errors.command_line():
        assert str(errors.BadSettingError("evidence_limit", 0, "1 or more")) == (
            "--evidence: 0 is not valid; expected 1 or more"
        )
        assert errors.named("out", "graphs/x") == "--out graphs/x"
    assert errors.named("out", Path("graphs/x")) == "out='graphs/x'"


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("entities: [", "not valid YAML"),
        ("- a list\n- of names\n", "a YAML mapping, not a list"),
        (
            "entities:\n  - {name: Velmora}\n",
            "entity #1 ('Velmora'): type None is none of person, group, place",
        ),
        ("entities:\n  - {type: place}\n", "entity #1 ({'type': 'place'}) needs a name and a type"),
        ("entities:\n  - {name: Velmora, type: country}\n", "type 'country' is none of person, group, place"),
        ("never_merge:\n  - [Velmora]\n", "never_merge entries are pairs of names, got ['Velmora']"),
        ("entities: Velmora\n", "entities is a list of entities (name, type, aliases), not 'Velmora'"),
        ("entitys: []\n", "unknown key 'entitys' (the keys: entities, never_merge, drop, each_story)"),
        (
            "entities:\n  - {name: Velmora, type: place, aliases: [VDF]}\n"
            "  - {name: Velmoran Defence Force, type: group, aliases: [VDF]}\n",
            "'VDF' is listed under entity #1 ('Velmora') and entity #2 ('Velmoran Defence Force')",
        ),
        (
            "entities:\n  - {name: Velmora, type: place, aliases: [Quellia]}\n  - {name: Quellia, type: place, aliases: [Velmora]}\n",
            "'Quellia' is listed under entity #1 ('Velmora') and entity #2 ('Quellia')",
        ),
    ],
)
def test_a_broken_aliases_file_is_named_with_its_problem(tmp_path: Path, content: str, problem: str) -> None:
    path = tmp_path / "aliases.yml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(AliasesFileError) as raised:
        resolve([], aliases=path)
    assert str(raised.value).startswith(f"{path}: ") and problem in str(raised.value)
    with pytest.raises(AliasesFileError, match="aliases file not found"):
        resolve([], aliases=tmp_path)  # a folder is no aliases file


def test_stage_and_setting_names_are_checked(seeds_dir: Path) -> None:
    with pytest.raises(StageError, match="unknown stage 'graf'; stages are ingest, extract, resolve, graph"):
        build(seeds_dir, stop_after="graf")
    result = build(seeds_dir, stop_after="ingest")
    with pytest.raises(StageError, match="the graph stage needs the resolve stage first"):
        run_stage(result, "graph")
    with pytest.raises(UnknownSettingError, match=r"'topp' \(did you mean top\?\)"):
        build(seeds_dir, topp=3)
    assert issubclass(StageError, ValueError) and issubclass(UnknownSettingError, TypeError)  # as before


def test_eval_names_a_missing_or_broken_gold_file(tmp_path: Path) -> None:
    with pytest.raises(GoldFileError, match=r"gold\.yml: not found"):
        evaluate(tmp_path, tmp_path / "gold.yml")
    (tmp_path / "gold.yml").write_text("[1, 2]", encoding="utf-8")
    with pytest.raises(GoldFileError, match=r"gold\.yml: a gold annotation is a YAML mapping, not a list"):
        evaluate(tmp_path, tmp_path / "gold.yml")
    (tmp_path / "gold.yml").write_text(
        "entities: [{name: Velt, type: place}]", encoding="utf-8"
    )  # then the run
    with pytest.raises(UsageError, match=r"nodes\.csv not found: 'kg eval' needs it"):
        evaluate(tmp_path, tmp_path / "gold.yml")
