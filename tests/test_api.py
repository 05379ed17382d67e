"""The Python API behind ``kg`` and the notebooks: build/load, the DataFrames, top, ego and show."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import warnings
from pathlib import Path

import pytest

from pipeline.api import Result, build, load
from pipeline.config import DEFAULT_ALIASES, DEFAULT_MODEL, Settings
from pipeline.errors import (
    BadOptionError,
    NotARunError,
    NothingKeptWarning,
    OutputDirError,
    StageError,
    WorkerError,
)

ROOT = Path(__file__).resolve().parent.parent


SEEDS = ROOT / "seeds"


def run_python(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120, check=False
    )


def test_import_pipeline_stays_light() -> None:
    done = run_python(
        "import sys, pipeline\n"
        "heavy = {'pipeline.api', 'pandas', 'networkx', 'spacy'} & set(sys.modules)\n"
        "assert not heavy, heavy\n"
        "from pipeline import Result, build, load\n"
        "import pipeline.api\n"
        "assert (build, load, Result) == (pipeline.api.build, pipeline.api.load, pipeline.api.Result)\n"
        "assert {'build', 'load', 'Result'} <= set(dir(pipeline))\n"
        "assert 'spacy' not in sys.modules\n"
        "try:\n"
        "    pipeline.nothing\n"
        "except AttributeError as error:\n"
        "    print(error)\n"
    )
    assert done.returncode == 0, done.stderr
    assert "has no attribute 'nothing'" in done.stdout


def test_settings_by_name() -> None:
    result = build(SEEDS, stop_after="ingest", window="paragraph", workers=2, aliases=DEFAULT_ALIASES)
    assert (result.settings.window, result.settings.workers) == ("paragraph", 2)
    assert result.settings.aliases == str(DEFAULT_ALIASES)  # a path is recorded as text
    combined = build(SEEDS, settings=Settings(min_weight=2), stop_after="ingest", window="article")
    assert (combined.settings.min_weight, combined.settings.window) == (2, "article")


def test_an_unknown_setting_is_named() -> None:
    with pytest.raises(TypeError, match=r"unknown setting\(s\) 'windw' \(did you mean window\?\)"):
        build(SEEDS, windw="paragraph")


def test_a_bad_setting_value_is_named_as_python_writes_it() -> None:
    # it said "--window: 'page'", the command line's name, to a build() given window=
    with pytest.raises(
        BadOptionError, match=re.escape("window='page' is not valid; expected sentence | paragraph | article")
    ):
        build(SEEDS, window="page")
    with pytest.raises(
        BadOptionError,
        match=re.escape("until='2020-01-01' is not valid; expected a date on or after since='2020-01-02'"),
    ):
        build(SEEDS, since="2 January 2020", until="2020-01-01")


@pytest.mark.parametrize(
    ("setting", "value"),
    [
        ("top", "5"),
        ("workers", 2.0),
        ("min_weight", True),
        ("evidence_limit", None),
        ("near_duplicate_threshold", "0.5"),
    ],
)
def test_a_setting_of_the_wrong_type_is_named(setting: str, value: object) -> None:
    # top="5" raised a TypeError comparing text with a number; True counted as 1
    with pytest.raises(BadOptionError, match=f"^{setting}={re.escape(repr(value))} is not valid"):
        build(SEEDS, stop_after="ingest", **{setting: value})


def test_load_names_what_is_wrong_with_the_folder(seed_run: Path, tmp_path: Path) -> None:
    with pytest.raises(NotARunError, match=f"^{tmp_path / 'missing'}: no such folder$"):
        load(tmp_path / "missing")
    with pytest.raises(
        NotARunError, match=f"nodes.csv: is a file, not a run folder; its folder {seed_run} holds a run"
    ):
        load(seed_run / "nodes.csv")
    with pytest.raises(
        NotARunError,
        match=f"^{tmp_path}: holds no run \\(no articles.csv\\): give the folder a run was written into",
    ):
        load(tmp_path)
    with pytest.raises(
        StageError, match="unknown stage 'graphs'; stages are ingest, extract, resolve, graph"
    ):
        load(seed_run, through="graphs")  # a ValueError from tuple.index


@pytest.mark.model
def test_a_script_without_the_main_guard_is_told_to_add_it(tmp_path: Path) -> None:
    script = tmp_path / "noguard.py"
    script.write_text(
        "from pipeline import build\n"
        f"build({str(SEEDS / '000_841aebc9bbe2ba92.txt')!r}, workers=2, use_cache=False)\n",
        encoding="utf-8",
    )
    done = subprocess.run(
        [sys.executable, str(script)],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 1
    last = done.stderr.strip().splitlines()[-1]
    assert last.startswith(
        "pipeline.errors.WorkerError: workers=2: worker processes die before finishing any"
    )
    assert f"Each one runs {script} again: put the code that calls build() under" in last
    assert "'if __name__ == \"__main__\":'" in last and "or run with workers=1 to see why" in last
    # kg, a module run with -m, a notebook: the message it always gave
    assert str(WorkerError(2)) == (
        "--workers 2: worker processes die before finishing any article; run with --workers 1 to see why"
    )


def test_one_path_or_several() -> None:
    assert len(build(str(SEEDS), stop_after="ingest").corpus.articles) == 10
    assert len(build([SEEDS / "000_841aebc9bbe2ba92.txt"], stop_after="ingest").corpus.articles) == 2


def test_quiet_unless_asked(capfd: pytest.CaptureFixture[str]) -> None:
    build(SEEDS, stop_after="ingest")
    assert capfd.readouterr() == ("", "")
    build(SEEDS, stop_after="ingest", progress=True)
    assert "ingest" in capfd.readouterr().err


@pytest.mark.model
def test_a_full_build_prints_nothing(write, capfd: pytest.CaptureFixture[str]) -> None:
    path = write(
        "one.txt",
        "Leaders meet\n\nKeir Starmer met Emmanuel Macron in Paris.\n\nStarmer then flew to Berlin.\n",
    )
    result = build(path)
    assert capfd.readouterr() == ("", "")
    assert {"Keir Starmer", "Emmanuel Macron"} <= set(result.entities.label)


def test_every_stage_reports_progress_and_the_save_is_timed(write, tmp_path: Path) -> None:
    path = write("one.txt", "Leaders meet\n\nOrla Quistberg met Velmor Oskany in Drovenmark.\n")
    seen: list[tuple[str, int, int]] = []
    result = build(
        path, progress=lambda stage, done, total: seen.append((stage, done, total)), use_cache=False
    )
    stages = list(dict.fromkeys(stage for stage, _, _ in seen))
    assert stages == ["ingest", "extract", "resolve", "graph"]
    # the corpus-wide stages are one step each: a line that shows their time as they run
    assert [s for s in seen if s[0] in ("resolve", "graph")] == [
        ("resolve", 0, 1),
        ("resolve", 1, 1),
        ("graph", 0, 1),
        ("graph", 1, 1),
    ]
    result.save(tmp_path / "run")
    timings = json.loads((tmp_path / "run" / "manifest.json").read_text(encoding="utf-8"))["timings"]
    assert {"ingest", "extract", "resolve", "graph", "save"} <= set(timings)


@pytest.mark.model
def test_load_needs_no_spacy(seed_run: Path) -> None:
    done = run_python(
        "import sys\n"
        "from pipeline import load\n"
        f"result = load({str(seed_run)!r})\n"
        "sizes = [len(getattr(result, name)) for name in ('articles', 'mentions', 'numbers', 'entities', 'edges')]\n"
        "top = result.top('place', 1).label[0]\n"
        "ego = result.ego('SDF')\n"
        "page = result.show()._repr_html_()\n"
        "assert 'spacy' not in sys.modules, 'spacy was imported'\n"
        "print(sizes, top, len(ego.entities))\n"
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[10, 355, 32, 116, 300] Syria 12"


@pytest.mark.model
def test_repr_is_a_summary(seed_result: Result) -> None:
    text = repr(seed_result)
    assert text == (
        f"<Result of {SEEDS}: 10 articles (7 kept); 355 mentions, 32 numbers; 91 entities; "
        "a graph of 116 nodes and 300 edges>"
    )


def test_workers_start_early_only_when_the_cache_holds_nothing_of_the_model(tmp_path, monkeypatch) -> None:
    import pipeline.extract
    from pipeline import api
    from pipeline.cache import Cache
    from pipeline.extract import model_version

    started = []
    monkeypatch.setattr(pipeline.extract, "started_workers", lambda **kw: started.append(kw) or _Nothing())
    settings = Settings(model=DEFAULT_MODEL, workers=2, cache=str(tmp_path))
    with api._workers_ahead(settings, True):
        pass
    assert started == [{"model": DEFAULT_MODEL, "workers": 2}]  # an empty cache: everything will be extracted
    with Cache(tmp_path) as cache:
        cache.put_many([("k", _empty_extraction())], model=model_version(DEFAULT_MODEL))
    for ahead in (settings, Settings(model=DEFAULT_MODEL, workers=1, use_cache=False)):
        with api._workers_ahead(ahead, True) as pool:  # maybe nothing to extract; one worker is this one
            assert pool is None
    with api._workers_ahead(Settings(model=DEFAULT_MODEL, workers=2, use_cache=False), False) as pool:
        assert pool is None  # a run that stops before extraction
    assert len(started) == 1


class _Nothing:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *_: object) -> None:
        return None


def _empty_extraction():
    from pipeline.records import Extraction

    return Extraction("a", (), (), ())


def test_with_several_workers_the_later_stages_modules_are_imported_while_they_extract(monkeypatch) -> None:
    import contextlib

    from pipeline import api

    events: list[str] = []

    class Thread:
        def join(self) -> None:
            events.append("joined")

    def importing(names):
        events.append("importing " + ",".join(names))
        return Thread()

    monkeypatch.setattr(api, "_importing", importing)
    monkeypatch.setattr(api, "_workers_ahead", lambda *_: contextlib.nullcontext(None))
    monkeypatch.setattr(api, "run_stage", lambda result, stage, **_: events.append(stage))
    monkeypatch.setattr(api, "LATER_MODULES", ("json.tool",))
    api.build(SEEDS, workers=2, use_cache=False)
    assert events == ["importing json.tool", "extract", "joined", "resolve", "graph"]
    events.clear()
    api.build(SEEDS, workers=1, use_cache=False)  # one process: it extracts, nothing waits
    api.build(SEEDS, workers=2, use_cache=False, stop_after="extract")  # nothing after extraction
    assert events == ["extract", "resolve", "graph", "extract"]


def test_a_thread_imports_the_modules_and_leaves_a_missing_one_to_the_stage() -> None:
    import sys

    from pipeline import api, gazetteer

    sys.modules.pop("json.tool", None)
    gazetteer.place_names.cache_clear()
    gazetteer._plain_places.cache_clear()
    api._importing(["pipeline_no_such_module_qq", "json.tool"]).join()
    assert "json.tool" in sys.modules
    # the tables the resolve and graph stages look places up in are read too
    assert gazetteer.place_names.cache_info().currsize == 1
    assert gazetteer._plain_places.cache_info().currsize == 1


# --- a build that keeps nothing, and what the repr says ------------------------------------------------


@pytest.fixture
def news(write) -> Path:
    """Two dated JSONL articles with their text in "text"."""
    lines = [
        {"text": "Orla Quist visited Varnby on Monday.", "date": "2001-09-12"},
        {"text": "Velmor Osk met Orla Quist in Quellby.", "date": "2001-09-13"},
    ]
    return write("news.jsonl", "".join(json.dumps(line) + "\n" for line in lines))


def test_a_build_that_keeps_nothing_warns_with_the_first_reasons(news: Path, write) -> None:
    # it returned an empty result without a word: a misspelt field looked like a corpus without names
    with pytest.warns(NothingKeptWarning) as caught:
        result = build(news, text_field="body", stop_after="ingest")
    assert len(caught) == 1 and caught[0].filename == __file__  # points at the caller's line
    assert str(caught[0].message) == (
        f"build() kept no article from {news}; the result is empty.\n"
        "2 inputs skipped (result.corpus.skipped):\n"
        f"  {news}:1 (and 1 more like it): no text field 'body' (fields seen: text, date); "
        "name it with --text-field (text_field= in Python)"
    )
    assert repr(result) == f"<Result of {news}: 0 articles (0 kept), 2 inputs skipped>"

    stories = write("stories.csv", "title,story\nA,Orla Quist visited Varnby.\n")
    with pytest.warns(NothingKeptWarning, match="name it with --text-column \\(text_column= in Python\\)"):
        result = build(stories, text_column="stroy", stop_after="ingest")
    assert repr(result) == f"<Result of {stories}: 0 articles (0 kept), 1 input skipped>"


def test_a_build_with_every_article_left_out_by_date_warns(news: Path) -> None:
    with pytest.warns(NothingKeptWarning) as caught:
        result = build(news, since="2100-01-01", stop_after="ingest")
    assert str(caught[0].message).endswith(
        "2 articles left out by date (result.corpus.left_out):\n"
        f"  {news}:1 (and 1 more like it): before --since 2100-01-01"
    )
    assert repr(result) == f"<Result of {news}: 2 articles (0 kept, 2 left out by date)>"
    # one kept: no warning, and the repr counts the one left out
    with warnings.catch_warnings():
        warnings.simplefilter("error", NothingKeptWarning)
        some = build(news, since="2001-09-13", stop_after="ingest")
    assert repr(some) == f"<Result of {news}: 2 articles (1 kept, 1 left out by date)>"


def test_the_warning_names_at_most_three_reasons(write) -> None:
    # each file its own reason (the columns it has), the first three quoted
    files = [write(f"{name}.csv", f"title,{name}\nA,Orla Quist.\n") for name in "abcde"]
    with pytest.warns(NothingKeptWarning) as caught:
        build(files, text_column="story", stop_after="ingest")
    lines = str(caught[0].message).splitlines()
    assert lines[1:3] == [
        "5 inputs skipped (result.corpus.skipped):",
        f"  {files[0]}: no text column 'story' (columns seen: title, a); name it with --text-column "
        "(text_column= in Python)",
    ]
    assert [line.split(":")[0] for line in lines[3:5]] == [f"  {f}" for f in files[1:3]]
    assert lines[5:] == ["  ... and 2 other reasons"]


def test_saving_into_a_foreign_folder_names_force_as_python_writes_it(news: Path, tmp_path: Path) -> None:
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "notes.txt").write_text("mine", encoding="utf-8")
    result = build(news, stop_after="ingest")
    with pytest.raises(OutputDirError) as refused:
        result.save(tmp_path / "mine")
    assert str(refused.value) == (
        f"out='{tmp_path / 'mine'}' is not empty and holds no earlier kg run (no manifest.json); "
        "choose an empty folder or pass force=True to write into it anyway"
    )


@pytest.mark.model
def test_repr_says_when_counts_are_not_in_the_graph(seed_result: Result) -> None:
    without = build(SEEDS, numbers=False)
    assert not any(kind == "number" for _, kind in without.graph.nodes(data="type"))
    numbers = len(without.numbers)
    assert f"{numbers} numbers (not in the graph: numbers=False);" in repr(without)
    assert f"{numbers} numbers;" in repr(seed_result)


@pytest.mark.model
def test_load_names_a_neighbourhood_folder(seed_result: Result, tmp_path: Path) -> None:
    # it said "holds no run (no articles.csv)" of a folder ego().save() wrote
    folder = seed_result.ego("SDF").save(tmp_path / "sdf")
    with pytest.raises(NotARunError) as refused:
        load(folder)
    assert str(refused.value) == (
        f"{folder}: holds a neighbourhood (1 hop of group:syrian-democratic-forces) saved by ego().save() "
        "or kg ego, not a whole run: give the folder of a whole run (saved by Result.save() or "
        "'kg run INPUT... --out DIR')"
    )


@pytest.mark.model
def test_the_readme_jupyter_block_runs_on_the_seeds(seed_result: Result, tmp_path: Path, monkeypatch) -> None:
    # it called evidence_between("Arafat", "Sharon"), who are not in the seeds
    import pipeline
    from pipeline import api

    block = (ROOT / "README.md").read_text(encoding="utf-8").split("\n## In Jupyter\n", 1)[1]
    code = block.split("```python\n", 1)[1].split("```", 1)[0]
    built: list[object] = []

    def build_seeds(inputs: str, *, progress: object = None, **options: object) -> Result:
        assert (ROOT / inputs).is_dir(), inputs
        api._settings(None, options)  # settings that exist, with values they can take
        built.append(inputs)
        return seed_result  # the seeds with the default settings: built once for every test

    monkeypatch.setattr(pipeline, "build", build_seeds)
    monkeypatch.chdir(tmp_path)  # result.save("graphs/mine") writes here
    exec(compile(code, "README.md", "exec"), {})
    assert built == ["seeds", "seeds"] and (tmp_path / "graphs" / "mine" / "manifest.json").is_file()


def test_the_graph_stage_needs_the_resolve_stage_and_dates_span_the_kept_articles(news: Path) -> None:
    from pipeline.api import run_stage

    result = build(news, stop_after="ingest")
    assert result.dates() == {"first": "2001-09-12", "last": "2001-09-13", "period": "", "unreadable": []}
    with pytest.raises(StageError, match="^the graph stage needs the resolve stage first$"):
        run_stage(result, "graph")
    with pytest.raises(
        StageError, match="^unknown stage 'graphs'; stages are ingest, extract, resolve, graph$"
    ):
        run_stage(result, "graphs")


def test_aliases_merged_count_only_what_a_rule_joined() -> None:
    from pipeline.api import Result
    from pipeline.config import Settings
    from pipeline.records import Corpus, Merge, Resolution

    merges = (
        Merge("Ilse Varga", "person:ilse-varga", "label", 1.0),  # the node's own name
        Merge("ILSE VARGA", "person:ilse-varga", "spelling", 1.0),  # the same name in capitals
        Merge("Varga", "person:ilse-varga", "short name", 0.9),
        Merge("OU", "group:orvo-union", "acronym", 1.0),
    )
    result = Result(inputs=(), settings=Settings(), corpus=Corpus(()), resolution=Resolution((), merges, ()))
    assert result.counts()["resolve"]["merged_aliases"] == 2


def test_arguments_of_the_wrong_kind_are_named_and_numpy_integers_are_whole_numbers(tmp_path: Path) -> None:
    import numpy as np

    from pipeline import build
    from pipeline.config import Settings
    from pipeline.errors import BadOptionError

    news = tmp_path / "news"
    news.mkdir()
    (news / "a.txt").write_text("Quellby vote\n\nOrla Quist won the vote in Quellby.\n", encoding="utf-8")
    for arguments, named in [
        (([news],), {"numbers": "no"}),
        (([news],), {"text_field": ["a", "b"]}),
        ((5,), {}),
        (([],), {}),
        (([news],), {"progress": "yes"}),
        (([news],), {"settings": {"window": "paragraph"}}),
        (([news],), {"cache": ""}),
        (([news],), {"workers": 10**20}),
    ]:
        with pytest.raises(BadOptionError):
            build(*arguments, stop_after="ingest", **named)
    # a generator of inputs is read once, not consumed by a first look
    assert len(build((p for p in [news]), stop_after="ingest").corpus.articles) == 1
    settings = Settings(top=np.int64(40), workers=np.int32(1))
    assert (settings.top, type(settings.top)) == (40, int)
