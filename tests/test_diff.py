"""kg diff: what appeared, disappeared or changed most between two runs (runs written by hand, no model)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import networkx as nx
import pytest

from pipeline.diff import MATCHES, diff_runs
from pipeline.io import tables
from pipeline.io.run import write_graph
from pipeline.io.schema import DIFF


def run(
    folder: Path,
    nodes: dict[str, int],
    links: dict[tuple[str, str], int],
    aliases: dict[str, tuple[str, ...]] | None = None,
    counts: dict[str, dict[str, object]] | None = None,
    mentions: list[tuple[str, int, str, str]] | None = None,
    settings: dict[str, object] | None = None,
) -> Path:
    """A run's nodes.csv and edges.csv: node id -> mentions, (id, id) -> weight; ``counts`` gives nodes
    more columns (a number node's value, unit, object and article_ids; a label other than the id's); ``mentions`` (article, start, text, node id) a
    mentions.csv; ``settings`` a manifest.json recording them."""
    graph = nx.Graph()
    for node, size in nodes.items():
        given = (counts or {}).get(node, {})
        label = str(given.get("label", node.split(":")[1].replace("-", " ").title()))
        graph.add_node(
            node,
            **{
                "label": label,
                "type": node.split(":")[0],
                "mentions": size,
                "aliases": "|".join((aliases or {}).get(node, (label,))),
                **given,
            },
        )
    for (a, b), weight in links.items():
        graph.add_edge(a, b, weight=weight, evidence_list=[])
    folder.mkdir()
    write_graph(graph, folder, export=False)
    if mentions is not None:
        with (folder / "mentions.csv").open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["article_id", "node_id", "text", "start", "end", "label", "type", "sentence"])
            for article, start, text, node in mentions:
                writer.writerow([article, node, text, start, start + len(text), "", node.split(":")[0], 0])
    if settings is not None:
        manifest = {"tool": "kg", "kind": "run", "settings": settings}
        (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    return folder


@pytest.fixture
def two_weeks(tmp_path: Path) -> tuple[Path, Path]:
    week1 = run(
        tmp_path / "week1",
        {"person:ada-brisk": 9, "place:quelmont": 5, "group:tessaly-union": 4, "place:ardvik": 2},
        {("person:ada-brisk", "place:quelmont"): 6, ("group:tessaly-union", "place:ardvik"): 2,
         ("person:ada-brisk", "group:tessaly-union"): 1},
    )  # fmt: skip
    week2 = run(
        tmp_path / "week2",
        {"person:ada-brisk": 3, "place:quelmont": 5, "group:tessaly-union": 12, "person:olek-varn": 7},
        {("person:ada-brisk", "place:quelmont"): 1, ("group:tessaly-union", "person:olek-varn"): 5,
         ("person:ada-brisk", "group:tessaly-union"): 4},
    )  # fmt: skip
    return week1, week2


def test_what_appeared_disappeared_and_changed_most(two_weeks: tuple[Path, Path]) -> None:
    found = diff_runs(*two_weeks)
    assert [(c.source, c.before, c.after) for c in found.of("node", "appeared")] == [
        ("person:olek-varn", 0, 7)
    ]
    assert [(c.source, c.before, c.after) for c in found.of("node", "disappeared")] == [
        ("place:ardvik", 2, 0)
    ]
    # largest change first; Quelmont, unchanged, is not listed
    assert [(c.source, c.delta) for c in found.of("node", "changed")] == [
        ("group:tessaly-union", 8),
        ("person:ada-brisk", -6),
    ]
    assert [(c.source, c.target, c.after) for c in found.of("link", "appeared")] == [
        ("group:tessaly-union", "person:olek-varn", 5)
    ]
    assert [(c.label, c.type) for c in found.of("link", "disappeared")] == [
        ("Tessaly Union — Ardvik", "group–place")
    ]
    assert [(c.source, c.target, c.delta) for c in found.of("link", "changed")] == [
        ("person:ada-brisk", "place:quelmont", -5),
        ("group:tessaly-union", "person:ada-brisk", 3),
    ]
    assert (found.before.nodes, found.before.links, found.after.nodes) == (4, 3, 4)


def test_an_entity_whose_label_grew_is_the_same_entity(tmp_path: Path) -> None:
    # the later run names "QSO" in full: its id follows the fuller label
    week1 = run(
        tmp_path / "w1",
        {"group:qso": 2, "person:ada-brisk": 3, "group:qsa": 1},
        {("group:qso", "person:ada-brisk"): 2},
        aliases={"group:qso": ("QSO",), "group:qsa": ("QSA",)},
    )
    week2 = run(
        tmp_path / "w2",
        {"group:quellian-security-office": 14, "person:ada-brisk": 3, "place:qsa": 1},
        {("group:quellian-security-office", "person:ada-brisk"): 5},
        aliases={
            "group:quellian-security-office": ("QSO", "Quellian Security Office"),
            "place:qsa": ("QSA",),
        },
    )
    changes = diff_runs(week1, week2).changes
    nodes = [(c.change, c.source, c.label, c.before, c.after) for c in changes if c.kind == "node"]
    assert ("changed", "group:quellian-security-office", "Quellian Security Office (was Qso)", 2, 14) in nodes
    assert not any(c.source == "group:qso" for c in changes)
    # the same name under another type is the same entity, retyped (old id in source, new in target)
    assert ("retyped", "group:qsa", "Qsa", 1, 1) in nodes
    assert not any(c.change in {"appeared", "disappeared"} for c in changes)
    links = [(c.change, c.source, c.target, c.before, c.after) for c in changes if c.kind == "link"]
    assert links == [("changed", "group:quellian-security-office", "person:ada-brisk", 2, 5)]


def test_a_count_node_whose_label_changed_is_the_same_count(tmp_path: Path) -> None:
    # the later run's labels say what happened: the ids follow; the texts ("two") are any count's
    dead = {"value": 26.0, "object": "miners", "article_ids": "a1"}
    week1 = run(
        tmp_path / "w1",
        {"number:26-miners": 1, "number:2-boats": 1},
        {},
        aliases={"number:26-miners": ("26",), "number:2-boats": ("two",)},
        counts={
            "number:26-miners": dead,
            "number:2-boats": {"value": 2.0, "object": "boats", "article_ids": "a1"},
        },
    )
    week2 = run(
        tmp_path / "w2",
        {"number:26-miners-killed": 1, "number:2-rafts": 1},
        {},
        aliases={"number:26-miners-killed": ("26",), "number:2-rafts": ("two",)},
        counts={
            "number:26-miners-killed": dead,
            "number:2-rafts": {"value": 2.0, "object": "rafts", "article_ids": "a1"},
        },
    )
    nodes = [(c.change, c.source, c.label) for c in diff_runs(week1, week2).changes if c.kind == "node"]
    assert sorted(nodes) == [
        ("appeared", "number:2-rafts", "2 Rafts"),
        ("changed", "number:26-miners-killed", "26 Miners Killed (was 26 Miners)"),
        ("disappeared", "number:2-boats", "2 Boats"),
    ]


def test_an_entity_that_joined_another_is_merged_and_its_links_follow(tmp_path: Path) -> None:
    # "Labor" (17 mentions) joins "Labor Party" (22): no "disappeared", and its links are Labor Party's
    week1 = run(
        tmp_path / "w1",
        {"group:labor": 17, "group:labor-party": 22, "person:orla-quist": 6},
        {("group:labor", "person:orla-quist"): 3, ("group:labor-party", "person:orla-quist"): 5,
         ("group:labor", "group:labor-party"): 2},
        aliases={"group:labor": ("Labor",), "group:labor-party": ("Labor Party",)},
    )  # fmt: skip
    week2 = run(
        tmp_path / "w2",
        {"group:labor-party": 41, "person:orla-quist": 6},
        {("group:labor-party", "person:orla-quist"): 9},
        aliases={"group:labor-party": ("Labor Party", "Labor")},
    )
    found = diff_runs(week1, week2)
    assert [(c.source, c.target, c.label, c.type, c.before, c.after) for c in found.of("node", "merged")] == [
        ("group:labor", "group:labor-party", "Labor → Labor Party", "group", 17, 41)
    ]
    assert found.of("node", "disappeared") == [] and found.of("node", "appeared") == []
    # Labor Party grew from the 22 + 17 mentions of the two to 41, not from its own 22
    assert [(c.source, c.before, c.after) for c in found.of("node", "changed")] == [
        ("group:labor-party", 39, 41)
    ]
    # Labor's 3 and Labor Party's 5 are one link of 8 now 9; the link between the two went with the merge
    assert [(c.change, c.source, c.target, c.before, c.after) for c in found.changes if c.kind == "link"] == [
        ("changed", "group:labor-party", "person:orla-quist", 8, 9)
    ]


def test_an_entity_of_another_type_is_retyped_and_keeps_its_links(tmp_path: Path) -> None:
    week1 = run(
        tmp_path / "w1",
        {"person:ansett": 5, "group:qantas": 4},
        {("group:qantas", "person:ansett"): 4},
        aliases={"person:ansett": ("Ansett",)},
    )
    week2 = run(
        tmp_path / "w2",
        {"group:ansett": 7, "group:qantas": 4},
        {("group:ansett", "group:qantas"): 6},
        aliases={"group:ansett": ("Ansett", "Ansett Australia")},
    )
    found = diff_runs(week1, week2)
    assert [(c.change, c.source, c.target, c.label, c.type, c.before, c.after) for c in found.changes] == [
        ("retyped", "person:ansett", "group:ansett", "Ansett", "person→group", 5, 7),
        ("changed", "group:ansett", "group:qantas", "Ansett — Qantas", "group–group", 4, 6),
    ]


def test_an_entity_whose_mentions_went_to_several_is_split(tmp_path: Path) -> None:
    # mentions.csv: "Reed" of two articles is now Jo Reed in one and Tom Reed in the other; no name says
    # so, the mentions do (the same text at the same place of the same article)
    week1 = run(
        tmp_path / "w1",
        {"person:reed": 2, "group:labor": 3},
        {},
        aliases={"group:labor": ("Labor", "ALP")},
        mentions=[("a1", 10, "Reed", "person:reed"), ("a2", 10, "Reed", "person:reed"),
                  ("a3", 0, "Labor", "group:labor"), ("a3", 40, "ALP", "group:labor")],
    )  # fmt: skip
    week2 = run(
        tmp_path / "w2",
        {"person:jo-reed": 2, "person:tom-reed": 1, "person:ida-reed": 1, "group:labor": 2, "group:alp": 1},
        {},
        mentions=[("a1", 10, "Reed", "person:jo-reed"), ("a2", 10, "Reed", "person:tom-reed"),
                  ("a1", 30, "Reed", "person:ida-reed"),  # another place: nothing to do with the old Reed
                  ("a3", 0, "Labor", "group:labor"), ("a3", 40, "ALP", "group:alp")],
    )  # fmt: skip
    found = diff_runs(week1, week2)
    assert [(c.source, c.target, c.label) for c in found.of("node", "split")] == [
        ("group:labor", "group:alp", "Labor → Alp"),  # a spelling of a node both runs hold left it
        ("person:reed", "person:jo-reed", "Reed → Jo Reed"),
        ("person:reed", "person:tom-reed", "Reed → Tom Reed"),
    ]
    assert [c.source for c in found.of("node", "appeared")] == ["person:ida-reed"]
    assert found.of("node", "disappeared") == []


def test_a_new_story_s_node_named_like_a_spelling_of_a_node_both_runs_hold_appeared(tmp_path: Path) -> None:
    # the later batch's own "Government" (a node of its story) shares a spelling with the "Federal
    # Government" both runs hold, but no mention left it: it appeared, nothing was split
    week1 = run(
        tmp_path / "w1",
        {"group:federal-government": 13},
        {},
        aliases={"group:federal-government": ("Federal Government", "Government")},
        mentions=[("a1", 0, "Federal Government", "group:federal-government"), ("a1", 50, "Government", "group:federal-government")],
    )  # fmt: skip
    week2 = run(
        tmp_path / "w2",
        {"group:federal-government": 13, "group:government": 2},
        {},
        aliases={"group:federal-government": ("Federal Government", "Government"), "group:government": ("Government",)},
        mentions=[("a1", 0, "Federal Government", "group:federal-government"), ("a1", 50, "Government", "group:federal-government"),
                  ("b7", 9, "Government", "group:government")],
    )  # fmt: skip
    found = diff_runs(week1, week2)
    assert found.of("node", "split") == []
    assert [c.source for c in found.of("node", "appeared")] == ["group:government"]


def test_two_periods_nodes_of_one_name_meet_only_in_an_article_they_share(tmp_path: Path) -> None:
    # week 1: the Parliament of a story (s1) and India's (s2); week 2 holds neither story. Week 2's Indian
    # Parliament is also called "Parliament", and its own stories have their own "Government" nodes.
    week1 = run(
        tmp_path / "w1",
        {"group:parliament-s1": 2, "group:indian-parliament": 3, "group:government-s2": 1},
        {},
        aliases={"group:parliament-s1": ("Parliament",), "group:government-s2": ("Government",)},
        counts={"group:parliament-s1": {"article_ids": "s1", "label": "Parliament"},
                "group:indian-parliament": {"article_ids": "s2"},
                "group:government-s2": {"article_ids": "s2", "label": "Government"}},
    )  # fmt: skip
    week2 = run(
        tmp_path / "w2",
        {"group:indian-parliament": 4, "group:government-s3": 1, "group:government-s4": 1},
        {},
        aliases={"group:indian-parliament": ("Indian Parliament", "Parliament"),
                 "group:government-s3": ("Government",), "group:government-s4": ("Government",)},
        counts={"group:indian-parliament": {"article_ids": "s3"},
                "group:government-s3": {"article_ids": "s3", "label": "Government"},
                "group:government-s4": {"article_ids": "s4", "label": "Government"}},
    )  # fmt: skip
    found = diff_runs(week1, week2)
    assert [c.source for c in found.of("node", "disappeared")] == [
        "group:parliament-s1",
        "group:government-s2",
    ]
    assert [c.source for c in found.of("node", "appeared")] == ["group:government-s3", "group:government-s4"]
    assert not any(c.change in MATCHES for c in found.changes)


@pytest.mark.parametrize(("later_articles", "merged"), [("s3", False), ("s1|s3", True)])
def test_a_gone_node_merges_by_name_only_into_a_node_that_holds_one_of_its_articles(
    tmp_path: Path, later_articles: str, merged: bool
) -> None:
    # "Parliament" of article s1 is the Varnish Parliament only if week 2's Varnish Parliament holds s1:
    # elsewhere the name alone may be any parliament's
    week1 = run(
        tmp_path / "w1",
        {"group:parliament": 2, "group:varnish-parliament": 3},
        {},
        counts={"group:parliament": {"article_ids": "s1"}, "group:varnish-parliament": {"article_ids": "s2"}},
    )
    week2 = run(
        tmp_path / "w2",
        {"group:varnish-parliament": 6},
        {},
        aliases={"group:varnish-parliament": ("Varnish Parliament", "Parliament")},
        counts={"group:varnish-parliament": {"article_ids": later_articles}},
    )
    found = diff_runs(week1, week2)
    as_merged = [(c.source, c.target) for c in found.of("node", "merged")]
    as_gone = [c.source for c in found.of("node", "disappeared")]
    if merged:
        assert as_merged == [("group:parliament", "group:varnish-parliament")] and as_gone == []
    else:
        assert as_merged == [] and as_gone == ["group:parliament"]
    assert found.of("node", "appeared") == []


def test_a_story_node_does_not_merge_into_a_corpus_node_even_in_its_own_article(tmp_path: Path) -> None:
    # the Parliament of story s1 may be any parliament; the Varnish Parliament holding s1 says nothing
    week1 = run(
        tmp_path / "w1",
        {"group:parliament-s1": 2, "group:varnish-parliament": 3},
        {},
        counts={"group:parliament-s1": {"article_ids": "s1", "label": "Parliament"},
                "group:varnish-parliament": {"article_ids": "s2"}},
    )  # fmt: skip
    week2 = run(
        tmp_path / "w2",
        {"group:varnish-parliament": 6},
        {},
        aliases={"group:varnish-parliament": ("Varnish Parliament", "Parliament")},
        counts={"group:varnish-parliament": {"article_ids": "s1|s3"}},
    )
    found = diff_runs(week1, week2)
    assert [c.source for c in found.of("node", "disappeared")] == ["group:parliament-s1"]
    assert not any(c.change in MATCHES for c in found.changes)


def test_a_new_name_two_gone_nodes_answer_to_renames_neither(tmp_path: Path) -> None:
    # week 2's "Varga" may be Ilse Varga or Oskar Varga: neither was renamed to it
    week1 = run(
        tmp_path / "w1",
        {"person:ilse-varga": 4, "person:oskar-varga": 3},
        {},
        aliases={
            "person:ilse-varga": ("Ilse Varga", "Varga"),
            "person:oskar-varga": ("Oskar Varga", "Varga"),
        },
    )
    week2 = run(tmp_path / "w2", {"person:varga": 5}, {})
    found = diff_runs(week1, week2)
    assert [c.source for c in found.of("node", "disappeared")] == ["person:ilse-varga", "person:oskar-varga"]
    assert [c.source for c in found.of("node", "appeared")] == ["person:varga"]
    assert [
        c for c in found.changes if c.kind == "node" and c.change not in ("appeared", "disappeared")
    ] == []


def test_a_gone_name_two_new_nodes_answer_to_matches_neither(tmp_path: Path) -> None:
    # week 1's "Varga" may have become Ilse Varga or Oskar Varga: the name says nothing
    week1 = run(tmp_path / "w1", {"person:varga": 5}, {})
    week2 = run(
        tmp_path / "w2",
        {"person:ilse-varga": 4, "person:oskar-varga": 3},
        {},
        aliases={
            "person:ilse-varga": ("Ilse Varga", "Varga"),
            "person:oskar-varga": ("Oskar Varga", "Varga"),
        },
    )
    found = diff_runs(week1, week2)
    assert [c.source for c in found.of("node", "disappeared")] == ["person:varga"]
    assert [c.source for c in found.of("node", "appeared")] == ["person:ilse-varga", "person:oskar-varga"]
    assert [
        c for c in found.changes if c.kind == "node" and c.change not in ("appeared", "disappeared")
    ] == []


def test_a_story_replaced_by_its_correction_keeps_its_counts_and_story_nodes(tmp_path: Path) -> None:
    # story x1 of week 1 is, in the later run, a copy of its correction y1, which the run kept instead
    week1 = run(
        tmp_path / "w1",
        {"number:4-races-x1": 1, "group:government-x1": 2},
        {},
        counts={"number:4-races-x1": {"value": 4.0, "object": "races", "article_ids": "x1"},
                "group:government-x1": {"article_ids": "x1", "label": "Government"}},
    )  # fmt: skip
    week2 = run(
        tmp_path / "w2",
        {"number:4-races-y1": 1, "group:government-y1": 2},
        {},
        counts={"number:4-races-y1": {"value": 4.0, "object": "races", "article_ids": "y1"},
                "group:government-y1": {"article_ids": "y1", "label": "Government"}},
    )  # fmt: skip
    with (week2 / "articles.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["article_id", "source", "position", "title", "duplicate_of", "body"])
        writer.writerow(["y1", "b.jsonl:1", 0, "", "", "Corrected."])
        writer.writerow(["x1", "a.jsonl:1", 0, "", "y1", "Original."])
    found = diff_runs(week1, week2)
    assert found.of("node", "disappeared") == [] and found.of("node", "appeared") == []


def test_the_runs_settings_that_differ_are_named(kg, tmp_path: Path) -> None:
    settings = {"window": "sentence", "min_weight": 1, "workers": 1, "cache": "/tmp/a", "model": "m"}
    week1 = run(tmp_path / "w1", {"person:ada-brisk": 2}, {}, settings=settings)
    week2 = run(
        tmp_path / "w2",
        {"person:ada-brisk": 3},
        {},
        settings={**settings, "window": "paragraph", "min_weight": 2, "workers": 4, "cache": "/tmp/b"},
    )
    # workers and the cache change nothing a run writes: not named
    assert diff_runs(week1, week2).settings == (("min_weight", 1, 2), ("window", "sentence", "paragraph"))
    assert diff_runs(week1, week1).settings == ()
    done = kg("diff", week1, week2, "--out", tmp_path / "d.csv")
    assert done.code == 0, done.stderr
    assert (
        "note: the runs used different settings: --min-weight 1 -> 2, --window sentence -> paragraph"
        in " ".join(done.stderr.split())
    )
    assert "note:" not in kg("diff", week1, week1, "--out", tmp_path / "d.csv").stderr


def _kg_into(stdout: object, command: list[str]) -> tuple[int, str]:
    """``python -m pipeline.cli COMMAND`` with its stdout on ``stdout``: its exit code and stderr."""
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "pipeline.cli", *command],
        stdout=stdout,
        stderr=subprocess.PIPE,
        text=True,
        timeout=120,
    )
    return done.returncode, done.stderr


def test_kg_diff_into_a_reader_that_stops_early_writes_its_file_and_exits_0(two_weeks, tmp_path) -> None:
    # `kg diff A B --out d.csv | head -3`: the reader has gone before kg prints
    import os

    out = tmp_path / "d.csv"
    for command in (["diff", *map(str, two_weeks), "--out", str(out)], ["stats", str(two_weeks[0])]):
        read, write = os.pipe()
        os.close(read)
        try:
            assert _kg_into(write, command) == (0, ""), command
        finally:
            os.close(write)
    assert tables.read_diff(out) == list(diff_runs(*two_weeks).changes)


def test_stdout_on_a_full_disk_is_one_line_and_exit_1(two_weeks, tmp_path) -> None:
    # `kg diff A B --out d.csv > /dev/full`: the file is written, the summary cannot be
    out = tmp_path / "d.csv"
    for command in (["diff", *map(str, two_weeks), "--out", str(out)], ["stats", str(two_weeks[0])]):
        with open("/dev/full", "w") as full:
            said = _kg_into(full, command)
        assert said == (1, "error: cannot write to standard output: No space left on device\n"), command
    assert tables.read_diff(out) == list(diff_runs(*two_weeks).changes)


def test_a_diff_file_that_cannot_be_written_is_one_line(kg, two_weeks) -> None:
    done = kg("diff", *two_weeks, "--out", "/proc/kg-diff.csv")  # a folder no file can be made in
    assert (
        done.code == 2
        and done.stderr.strip()
        == "error: --out /proc/kg-diff.csv cannot be written: No such file or directory"
    )


def test_a_run_against_itself_changes_nothing(two_weeks: tuple[Path, Path]) -> None:
    assert diff_runs(two_weeks[0], two_weeks[0]).changes == ()


def test_kg_diff_prints_the_tables_and_writes_every_change(kg, two_weeks, tmp_path: Path) -> None:
    out = tmp_path / "changes.csv"
    result = kg("diff", *two_weeks, "--out", out, "--limit", "1")
    assert result.code == 0, result.stderr
    text = result.stdout
    assert "Entities and counts that appeared (1 of 1)" in text and "Olek Varn" in text
    assert "Entities mentioned more or less (1 of 2)" in text and "+8" in text
    assert "Links that grew or shrank (1 of 2)" in text and "-5" in text
    assert f"Wrote {out} (8 changes)" in text
    with out.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == list(DIFF.columns)
    assert [(r["kind"], r["change"]) for r in rows][:2] == [("node", "appeared"), ("node", "disappeared")]
    assert tables.read_diff(out) == list(diff_runs(*two_weeks).changes)


def test_kg_diff_needs_two_runs_and_a_file(kg, two_weeks, tmp_path: Path) -> None:
    missing = kg("diff", two_weeks[0], tmp_path / "nothing")
    assert missing.code == 2 and "nothing: no such folder" in missing.stderr
    folder = kg("diff", *two_weeks, "--out", tmp_path)
    assert folder.code == 2 and "--out" in folder.stderr


def test_kg_diff_refuses_a_neighbourhood_against_a_whole_run(kg, two_weeks, tmp_path: Path) -> None:
    import json
    import shutil

    ego = shutil.copytree(two_weeks[1], tmp_path / "ego")
    manifest = {"tool": "kg", "kind": "ego", "hops": 1, "center": "person:ada-brisk"}
    (ego / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    refused = kg("diff", two_weeks[0], ego, "--out", tmp_path / "changes.csv")
    assert refused.code == 2 and f"{ego}: holds a neighbourhood (kg ego)" in refused.stderr
    assert not (tmp_path / "changes.csv").exists()


def test_kg_diff_replaces_an_earlier_diff_but_no_other_file(kg, two_weeks, tmp_path: Path) -> None:
    earlier = tmp_path / "changes.csv"
    assert kg("diff", *two_weeks, "--out", earlier).code == 0
    assert kg("diff", *reversed(two_weeks), "--out", earlier).code == 0  # an earlier diff is replaced
    assert tables.read_diff(earlier) == list(diff_runs(*reversed(two_weeks)).changes)

    notes = tmp_path / "README.md"
    notes.write_text("# my notes\n", encoding="utf-8")
    refused = kg("diff", *two_weeks, "--out", notes)
    assert refused.code == 2 and f"--out {notes} exists and is not an earlier kg diff" in refused.stderr
    assert "--force" in refused.stderr and notes.read_text(encoding="utf-8") == "# my notes\n"
    assert kg("diff", *two_weeks, "--out", notes, "--force").code == 0
    assert tables.read_diff(notes) == list(diff_runs(*two_weeks).changes)


def test_kg_diff_never_replaces_a_file_of_a_run(kg, two_weeks, tmp_path: Path) -> None:
    finished = tmp_path / "finished"
    finished.mkdir()
    (finished / "nodes.csv").write_text("id,label\n", encoding="utf-8")
    manifest = {"tool": "kg", "outputs": {"nodes.csv": {"bytes": 9}}}
    (finished / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    before = {p.name: p.read_bytes() for p in finished.iterdir()}
    (tmp_path / "link.csv").symlink_to(finished / "nodes.csv")
    for target in ("nodes.csv", "manifest.json", "edges.csv"):  # edges.csv: a name a run writes
        for force in ([], ["--force"]):
            refused = kg("diff", *two_weeks, "--out", finished / target, *force)
            assert refused.code == 2, (target, force)
            assert f"is {target} of the kg output in {finished}" in refused.stderr
    assert kg("diff", *two_weeks, "--out", tmp_path / "link.csv", "--force").code == 2
    assert {p.name: p.read_bytes() for p in finished.iterdir()} == before
    # a diff of its own beside the run is fine
    assert kg("diff", *two_weeks, "--out", finished / "diff.csv").code == 0
