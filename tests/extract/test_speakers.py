"""A transcript's speaker labels (pipeline.extract.speakers), on invented names."""

from __future__ import annotations

from pipeline.extract.entities import CharSpan
from pipeline.extract.spans import ArticleText
from pipeline.extract.speakers import speaker_labels
from pipeline.wordlists import load_patterns


def test_a_speakers_label_is_the_person_the_article_names_so_and_no_other_label_is_anyone() -> None:
    body = (
        "Dana Varnholt asked Orla Quist-Tarn about the budget.\n\nVARNHOLT: Why now?\n\n"
        "QUIST-TARN: It is ready. OSK: not a turn.\n\nANNOUNCER: News at ten.\n\nQ: And then?\n\n"
        "Mid-line QUIST-TARN: is no label."
    )
    people = [
        CharSpan(body.index("Dana Varnholt"), body.index("Dana Varnholt") + 13, "PERSON", "person"),
        CharSpan(body.index("Orla Quist-Tarn"), body.index("Orla Quist-Tarn") + 15, "PERSON", "person"),
    ]
    found = speaker_labels(people, ArticleText(body, (), load_patterns()))
    assert [(body[s.start : s.end], s.type, s.origin) for s in found[2:]] == [
        ("VARNHOLT", "person", "propagated"),
        ("QUIST-TARN", "person", "propagated"),
    ]
    assert speaker_labels([], ArticleText(body, (), load_patterns())) == []  # no person named: no speaker


def test_a_label_the_model_called_an_organization_or_of_a_son_or_in_another_alphabet_is_the_speaker() -> None:
    body = (
        "Orla Dunvar Jr. met Ebba Öberg.\n\nDUNVAR: Thank you, Chair.\n\nÖBERG: Tack.\n\nOECD: the rate rose."
    )
    spans = [
        CharSpan(0, 15, "PERSON", "person"),
        CharSpan(body.index("Ebba"), body.index("Ebba") + 10, "PERSON", "person"),
        CharSpan(body.index("DUNVAR"), body.index("DUNVAR") + 6, "ORG", "group"),  # the model's organization
    ]
    found = speaker_labels(spans, ArticleText(body, (), load_patterns()))
    assert [(body[s.start : s.end], s.type) for s in found] == [
        ("Orla Dunvar Jr.", "person"),
        ("Ebba Öberg", "person"),
        ("DUNVAR", "person"),
        ("ÖBERG", "person"),
    ]
