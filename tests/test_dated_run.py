"""A dated corpus through the real pipeline (model): the run's dates, --since/--until, the stage commands
and kg diff. The articles are written here; their names appear in no corpus."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pandas as pd
import pytest

from pipeline.api import load

pytestmark = pytest.mark.model

STORIES = [
    (
        "12 May 2025",
        "Prime Minister Ilona Vesk of Quelmont met the Tessaly Union in Ardvik. Vesk said Quelmont would sign.",
    ),
    ("2025-05-14T09:30Z", "The Tessaly Union said Ilona Vesk had agreed to talks in Ardvik with Odo Brann."),
    (
        "Mon, 19 May 2025 10:00:00 +0000",
        "Odo Brann, the mayor of Karsk, met Ilona Vesk in Quelmont on Monday.",
    ),
    ("May 21, 2025", "Police in Karsk said Odo Brann left for Ardvik. The Tessaly Union did not comment."),
    ("2025-05-28", "Ilona Vesk and Odo Brann signed the Ardvik accord in Quelmont."),
    ("NA", "Odo Brann thanked the people of Karsk and Ardvik."),
    ("next Tuesday", "Ilona Vesk will visit Karsk, officials in Quelmont said."),
]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("dated") / "feed.jsonl"
    path.write_text(
        "".join(json.dumps({"title": f"Story {i}", "text": text, "date": date}) + "\n" for i, (date, text) in enumerate(STORIES)),
        encoding="utf-8",
    )  # fmt: skip
    return path


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_a_dated_run_reports_its_dates_and_writes_its_timeline(kg, corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "run"
    result = kg("run", corpus, "--out", out, "--period", "week")
    assert result.code == 0, result.stderr
    assert "Dates: 5 of 7 articles dated (2025-05-12 to 2025-05-28); timeline per week; 2 undated. 1 date could not be read (listed above)." in result.stdout  # fmt: skip
    assert (
        f'{corpus}:7: "next Tuesday" is not a date kg can read; the article is kept, undated' in result.stderr
    )
    articles = rows(out / "articles.csv")
    assert [(a["date"], a["iso_date"]) for a in articles][:3] == [
        ("12 May 2025", "2025-05-12"), ("2025-05-14T09:30Z", "2025-05-14"), ("Mon, 19 May 2025 10:00:00 +0000", "2025-05-19")
    ]  # fmt: skip
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert {k: manifest["dates"][k] for k in ("first", "last", "period")} == {
        "first": "2025-05-12", "last": "2025-05-28", "period": "week"
    }  # fmt: skip
    assert [n["source"] for n in manifest["dates"]["unreadable"]] == [f"{corpus}:7"]
    assert manifest["counts"]["ingest"]["unreadable_dates"] == 1 and "timeline.csv" in manifest["outputs"]
    # weights per week add up to each link's weight in the dated articles; links carry their days
    timeline = rows(out / "timeline.csv")
    assert {r["period"] for r in timeline} == {"week"}
    assert {r["start"] for r in timeline} <= {"2025-05-12", "2025-05-19", "2025-05-26"}
    dated_ids = {a["article_id"] for a in articles if a["iso_date"]}
    for edge in rows(out / "edges.csv"):
        weeks = [
            int(r["weight"])
            for r in timeline
            if (r["source"], r["target"]) == (edge["source"], edge["target"])
        ]
        if set(edge["article_ids"].split("|")) <= dated_ids:
            assert sum(weeks) == int(edge["weight"]) and edge["first_date"] <= edge["last_date"]
        if not set(edge["article_ids"].split("|")) & dated_ids:
            assert weeks == [] and edge["first_date"] == edge["last_date"] == ""
    assert 'mode="dynamic" timeformat="date"' in (out / "graph.gexf").read_text(encoding="utf-8")
    assert 'id="date-from"' in (out / "graph.html").read_text(encoding="utf-8")
    # the notebook's table is the file, and reads back the same
    built = load(out)
    expected = pd.read_csv(
        out / "timeline.csv", keep_default_na=False, na_values={"mentions": [""], "weight": [""]}
    )
    pd.testing.assert_frame_equal(built.timeline, expected, check_dtype=False)
    # node rows leave weight empty and link rows mentions: both stay whole numbers, not 3.0
    assert built.timeline.mentions.dtype == "Int64" and built.timeline.weight.dtype == "Int64"
    assert built.timeline.articles.dtype == "int64"
    assert built.timeline.loc[built.timeline.node != "", "weight"].isna().all()
    # a neighbourhood's timeline is the run's, restricted to its nodes and links
    around = built.ego("Odo Brann")
    nodes, links = set(around.entities.id), set(zip(around.edges.source, around.edges.target, strict=True))
    inside = [
        (r.node in nodes) if r.node else ((r.source, r.target) in links) for r in built.timeline.itertuples()
    ]
    wanted = built.timeline[inside].reset_index(drop=True)
    assert len(wanted) > 0
    pd.testing.assert_frame_equal(around.timeline, wanted)


def test_since_and_until_keep_a_week_and_account_for_the_rest(kg, corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "week"
    result = kg("run", corpus, "--out", out, "--since", "19 May 2025", "--until", "2025-05-25")
    assert result.code == 0, result.stderr
    line = "Period --since 2025-05-19 --until 2025-05-25: 2 of 7 articles in it; left out 3 outside it and 2 undated (listed under 'left_out' in manifest.json)."  # fmt: skip
    assert result.stdout.startswith(line)  # before the Read line, which counts the articles of the period
    assert "Read 1 file(s): 2 articles, 2 kept" in result.stdout
    assert [a["iso_date"] for a in rows(out / "articles.csv")] == ["2025-05-19", "2025-05-21"]
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert [(n["source"], n["reason"]) for n in manifest["left_out"]] == [
        (f"{corpus}:1", "before --since 2025-05-19"),
        (f"{corpus}:2", "before --since 2025-05-19"),
        (f"{corpus}:5", "after --until 2025-05-25"),
        (f"{corpus}:6", "undated, and --since/--until asks for dates"),
        (f"{corpus}:7", "its date cannot be read, and --since/--until asks for dates"),
    ]
    assert manifest["settings"]["since"] == "2025-05-19" and manifest["settings"]["until"] == "2025-05-25"
    assert manifest["counts"]["ingest"]["left_out_of_period"] == 5
    bad = kg("run", corpus, "--out", tmp_path / "bad", "--since", "someday")
    assert bad.code == 2 and "--since: 'someday' is not valid" in bad.stderr
    backwards = kg("run", corpus, "--out", tmp_path / "bad", "--since", "2025-06-01", "--until", "2025-05-01")
    assert backwards.code == 2 and "on or after --since 2025-06-01" in backwards.stderr


def test_stage_commands_give_the_same_dated_files(kg, corpus: Path, tmp_path: Path) -> None:
    whole = tmp_path / "whole"
    assert kg("run", corpus, "--out", whole, "--since", "2025-05-13", "--period", "day").code == 0
    staged = tmp_path / "staged"
    assert kg("ingest", corpus, "--out", staged, "--since", "2025-05-13").code == 0
    for command in (["extract"], ["resolve"], ["graph", "--period", "day"], ["export"]):
        assert kg(command[0], staged, *command[1:]).code == 0
    for path in sorted(whole.iterdir()):
        if path.name != "manifest.json":
            assert path.read_bytes() == (staged / path.name).read_bytes(), path.name
    manifest = json.loads((staged / "manifest.json").read_text(encoding="utf-8"))
    assert len(manifest["left_out"]) == 3  # still accounted for after the later stages


def test_kg_diff_of_two_weeks(kg, corpus: Path, tmp_path: Path) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    assert kg("run", corpus, "--out", first, "--until", "2025-05-18").code == 0
    assert kg("run", corpus, "--out", second, "--since", "2025-05-19", "--until", "2025-05-25").code == 0
    result = kg("diff", first, second, "--out", tmp_path / "diff.csv")
    assert result.code == 0, result.stderr
    assert "articles dated 2025-05-12 to 2025-05-14" in result.stdout
    assert "articles dated 2025-05-19 to 2025-05-21" in result.stdout
    changes = rows(tmp_path / "diff.csv")
    first_nodes = {r["id"] for r in rows(first / "nodes.csv")}
    second_nodes = {r["id"] for r in rows(second / "nodes.csv")}
    appeared = {r["source"] for r in changes if (r["kind"], r["change"]) == ("node", "appeared")}
    gone = {r["source"] for r in changes if (r["kind"], r["change"]) == ("node", "disappeared")}
    matched = [(r["source"], r["target"]) for r in changes if r["change"] in {"merged", "split", "retyped"}]
    # an id of one week only is in one of the lists: appeared or disappeared, or matched with the other
    # week's node it shares a name with (Quelmont, a group in the first week and a place in the second)
    assert appeared | {b for _, b in matched} == second_nodes - first_nodes
    assert gone | {a for a, _ in matched} == first_nodes - second_nodes
    assert appeared  # Karsk and its mayor arrive in the second week
    assert "different settings" not in result.stderr  # their periods differ by design
