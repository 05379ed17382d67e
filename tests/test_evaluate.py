"""Measured quality against the team's gold annotations (tests/data/*_gold.yml), as `kg eval` reports it."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.api import build
from pipeline.evaluate import evaluate

DATA = Path(__file__).parent / "data"
pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def other_run(tmp_path_factory) -> Path:
    return build([DATA / "other_news"]).save(tmp_path_factory.mktemp("other_news"))


def test_seed_entities_meet_the_targets(seed_run: Path) -> None:
    report = evaluate(seed_run, DATA / "seeds_gold.yml")
    for score in report.types:
        assert score.recall >= 0.95, (score.type, score.missed)
        assert score.precision >= 0.90, (score.type, score.spurious)
    assert report.wrong_merges == []
    assert report.alias_sets_merged == report.alias_sets, report.unmerged


def test_seed_numbers_have_the_right_value_and_object(seed_run: Path) -> None:
    numbers = evaluate(seed_run, DATA / "seeds_gold.yml").numbers
    assert numbers is not None
    assert numbers.found == numbers.gold
    assert numbers.value_and_object / numbers.gold >= 0.9, numbers.wrong
    assert numbers.category / numbers.gold >= 0.8, numbers.wrong
    assert numbers.false_counts == []


def test_resolution_holds_on_news_it_was_not_tuned_on(other_run: Path) -> None:
    report = evaluate(other_run, DATA / "other_news_gold.yml")
    for score in report.types:
        assert score.precision >= 0.90, (score.type, score.spurious)
        assert score.recall >= 0.85, (score.type, score.missed)
    assert report.wrong_merges == []
    assert report.alias_sets_merged >= report.alias_sets - 1, report.unmerged
    numbers = report.numbers
    assert numbers is not None and numbers.value_and_object / numbers.gold >= 0.85, numbers.wrong


def test_kg_eval_prints_the_figures(kg, seed_run: Path) -> None:
    result = kg("eval", seed_run, "--gold", DATA / "seeds_gold.yml")
    assert result.code == 0
    for text in ("precision", "recall", "Alias sets merged", "Wrong merges: 0", "Numbers:"):
        assert text in result.stdout


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
