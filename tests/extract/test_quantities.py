"""Counts in parsed sentences (pipeline.extract.quantities), on Docs built by hand; the number path
never raises, whatever the phrase."""

from __future__ import annotations

import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.extract.quantities import quantities
from pipeline.extract.values import format_value, parse_number


def _doc(english, words, heads, deps, pos, lemmas=None, ents=None, tags=None):
    from spacy.tokens import Doc

    return Doc(
        english.vocab, words=words, heads=heads, deps=deps, pos=pos, lemmas=lemmas, ents=ents, tags=tags
    )


def test_elliptical_count_borrows_the_object_and_takes_its_own_verb(english) -> None:
    # At least 10 civilians were killed and 45 injured .
    doc = _doc(
        english,
        words=["At", "least", "10", "civilians", "were", "killed", "and", "45", "injured", "."],
        heads=[1, 2, 3, 5, 5, 5, 5, 8, 5, 5],
        deps=["advmod", "advmod", "nummod", "nsubjpass", "auxpass", "ROOT", "cc", "nsubj", "conj", "punct"],
        pos=["ADP", "ADV", "NUM", "NOUN", "AUX", "VERB", "CCONJ", "NUM", "VERB", "PUNCT"],
        lemmas=["at", "least", "10", "civilian", "be", "kill", "and", "45", "injure", "."],
        ents=["B-CARDINAL", "I-CARDINAL", "I-CARDINAL", "O", "O", "O", "O", "B-CARDINAL", "O", "O"],
    )
    found = quantities(doc, [(0, 3, "CARDINAL"), (7, 8, "CARDINAL")], article_id="a", sentence=4, offset=100)
    assert [(q.value, q.qualifier, q.object, q.category, q.sentence, q.start) for q in found] == [
        (10.0, "at least", "civilians", "kill", 4, 100),
        (45.0, "", "civilians", "wound", 4, 100 + doc[7].idx),
    ]


def test_a_count_the_parser_left_without_its_noun_counts_the_plural_just_after_it(english) -> None:
    # 5 healthy quelling tips for Varn ramblers : a headline whose "quelling" the parser made its root
    doc = _doc(
        english,
        words=["5", "healthy", "quelling", "tips", "for", "Varn", "ramblers"],
        heads=[2, 2, 2, 2, 3, 6, 4],
        deps=["meta", "amod", "ROOT", "dobj", "prep", "compound", "pobj"],
        pos=["NUM", "ADJ", "VERB", "NOUN", "ADP", "PROPN", "NOUN"],
        tags=["CD", "JJ", "VBG", "NNS", "IN", "NNP", "NNS"],
        lemmas=["5", "healthy", "quell", "tip", "for", "Varn", "rambler"],
        ents=["B-CARDINAL", "O", "O", "O", "O", "O", "O"],
    )
    found = quantities(doc, [(0, 1, "CARDINAL")], article_id="a", sentence=0, offset=0)
    assert [(q.value, q.object) for q in found] == [(5.0, "tips")]
    # Quist won 5 , ramblers said . : a comma after the number, and nothing is counted
    doc = _doc(
        english,
        words=["Quist", "won", "5", ",", "ramblers", "said", "."],
        heads=[1, 5, 1, 5, 5, 5, 5],
        deps=["nsubj", "ccomp", "dobj", "punct", "nsubj", "ROOT", "punct"],
        pos=["PROPN", "VERB", "NUM", "PUNCT", "NOUN", "VERB", "PUNCT"],
        tags=["NNP", "VBD", "CD", ",", "NNS", "VBD", "."],
        lemmas=["Quist", "win", "5", ",", "rambler", "say", "."],
        ents=["O", "O", "B-CARDINAL", "O", "O", "O", "O"],
    )
    found = quantities(doc, [(2, 3, "CARDINAL")], article_id="a", sentence=0, offset=0)
    assert [(q.value, q.object) for q in found] == [(5.0, "")]
    # 500 angry Quellians marching : a people's plural is counted as a noun's is
    doc = _doc(
        english,
        words=["500", "angry", "Quellians", "marching"],
        heads=[3, 2, 3, 3],
        deps=["meta", "amod", "dobj", "ROOT"],
        pos=["NUM", "ADJ", "PROPN", "VERB"],
        tags=["CD", "JJ", "NNPS", "VBG"],
        lemmas=["500", "angry", "Quellians", "march"],
        ents=["B-CARDINAL", "O", "O", "O"],
    )
    found = quantities(doc, [(0, 1, "CARDINAL")], article_id="a", sentence=0, offset=0)
    assert [(q.value, q.object) for q in found] == [(500.0, "Quellians")]


def test_the_plural_after_a_count_the_parser_left_comes_past_three_describing_words_at_most(english) -> None:
    def counted(*described: tuple[str, str]) -> str:
        # 5 <described ...> quelling spots : a headline whose "quelling" the parser made its root
        words = ["5", *(word for word, _ in described), "quelling", "spots"]
        root = len(words) - 2
        doc = _doc(
            english,
            words=words,
            heads=[root] * len(words),
            deps=["meta", *["amod"] * len(described), "ROOT", "dobj"],
            pos=["NUM", *("NOUN" if tag == "NN" else "ADJ" for _, tag in described), "VERB", "NOUN"],
            tags=["CD", *(tag for _, tag in described), "VBG", "NNS"],
            ents=["B-CARDINAL"] + ["O"] * (len(words) - 1),
        )
        [found] = quantities(doc, [(0, 1, "CARDINAL")], article_id="a", sentence=0, offset=0)
        return found.object

    assert counted(("new", "JJ"), ("varn", "NN")) == "spots"  # three words: these two and "quelling"
    assert counted(("big", "JJ"), ("new", "JJ"), ("varn", "NN")) == ""  # four
    assert counted(("best", "JJS"), ("beach", "NN")) == "spots"
    assert counted(("bigger", "JJR")) == "spots"
    # Quist won 5 Ramblers cheered : the plural starts the next sentence, and nothing is counted
    doc = _doc(
        english,
        words=["Quist", "won", "5", "Ramblers", "cheered"],
        heads=[1, 1, 1, 4, 4],
        deps=["nsubj", "ROOT", "dobj", "nsubj", "ROOT"],
        pos=["PROPN", "VERB", "NUM", "NOUN", "VERB"],
        tags=["NNP", "VBD", "CD", "NNS", "VBD"],
        lemmas=["Quist", "win", "5", "rambler", "cheer"],
        ents=["O", "O", "B-CARDINAL", "O", "O"],
    )
    assert doc[3].is_sent_start
    found = quantities(doc, [(2, 3, "CARDINAL")], article_id="a", sentence=0, offset=0)
    assert [(q.value, q.object) for q in found] == [(5.0, "")]


def test_a_number_after_its_noun_labels_it_and_counts_nothing(english) -> None:
    # 12 rowers won and Quellby 2 beat Varnet 1 .
    doc = _doc(
        english,
        words=["12", "rowers", "won", "and", "Quellby", "2", "beat", "Varnet", "1", "."],
        heads=[1, 2, 2, 2, 6, 4, 2, 6, 7, 2],
        deps=["nummod", "nsubj", "ROOT", "cc", "nsubj", "nummod", "conj", "dobj", "nummod", "punct"],
        pos=["NUM", "NOUN", "VERB", "CCONJ", "PROPN", "NUM", "VERB", "PROPN", "NUM", "PUNCT"],
        lemmas=["12", "rower", "win", "and", "Quellby", "2", "beat", "Varnet", "1", "."],
        ents=["B-CARDINAL", "O", "O", "O", "O", "B-CARDINAL", "O", "O", "B-CARDINAL", "O"],
    )
    spans = [(0, 1, "CARDINAL"), (5, 6, "CARDINAL"), (8, 9, "CARDINAL")]
    found = quantities(doc, spans, article_id="a", sentence=0, offset=0)
    # The scores neither count their team nor borrow "rowers" from the count before them.
    assert [(q.value, q.object) for q in found] == [(12.0, "rowers"), (2.0, ""), (1.0, "")]


def test_a_named_person_place_or_thing_is_never_counted(english) -> None:
    def counted(words, heads, deps, pos, tags, ents, number=(0, 1)) -> str:
        doc = _doc(english, words, heads, deps, pos, ents=ents, tags=tags)
        [found] = quantities(doc, [(*number, "CARDINAL")], article_id="a", sentence=0, offset=0)
        return found.object

    # "64 Orla Quistes" on a leaderboard: a person's name, whatever its tag
    assert counted(
        ["64", "Orla", "Quistes"], [2, 2, 2], ["nummod", "compound", "ROOT"], ["NUM", "PROPN", "PROPN"],
        ["CD", "NNP", "NNPS"], ["B-CARDINAL", "B-PERSON", "I-PERSON"],
    ) == ""  # fmt: skip
    # "177 Varn St." and "23 Quellmonth": one named thing
    assert counted(
        ["177", "Varn", "St."], [2, 2, 2], ["nummod", "compound", "ROOT"], ["NUM", "PROPN", "PROPN"],
        ["CD", "NNP", "NNP"], ["B-CARDINAL", "O", "O"],
    ) == ""  # fmt: skip
    # a people the model calls an organization, and a plural people-name, are counted
    assert counted(
        ["12", "Quellban", "died"], [1, 2, 2], ["nummod", "nsubj", "ROOT"], ["NUM", "PROPN", "VERB"],
        ["CD", "NNP", "VBD"], ["B-CARDINAL", "B-ORG", "O"],
    ) == "Quellban"  # fmt: skip
    assert counted(
        ["12", "Varnians", "died"], [1, 2, 2], ["nummod", "nsubj", "ROOT"], ["NUM", "PROPN", "VERB"],
        ["CD", "NNPS", "VBD"], ["B-CARDINAL", "B-NORP", "O"],
    ) == "Varnians"  # fmt: skip


def test_measure_unit_counts_its_of_object(english) -> None:
    # The ship carried 6,600 tons of wheat .
    doc = _doc(
        english,
        words=["The", "ship", "carried", "6,600", "tons", "of", "wheat", "."],
        heads=[1, 2, 2, 4, 2, 4, 5, 2],
        deps=["det", "nsubj", "ROOT", "nummod", "dobj", "prep", "pobj", "punct"],
        pos=["DET", "NOUN", "VERB", "NUM", "NOUN", "ADP", "NOUN", "PUNCT"],
        lemmas=["the", "ship", "carry", "6,600", "ton", "of", "wheat", "."],
        ents=["O", "O", "O", "B-QUANTITY", "I-QUANTITY", "O", "O", "O"],
    )
    [count] = quantities(doc, [(3, 5, "QUANTITY")], article_id="a", sentence=0, offset=0)
    assert (count.value, count.unit, count.object, count.text) == (6600.0, "t", "wheat", "6,600 tons")


def test_partitive_of_and_a_name_that_holds_a_number(english) -> None:
    # 36 of its members criticized the Group of Seven .
    doc = _doc(
        english,
        words=["36", "of", "its", "members", "criticized", "the", "Group", "of", "Seven", "."],
        heads=[4, 0, 3, 1, 4, 6, 4, 6, 7, 4],
        deps=["nsubj", "prep", "poss", "pobj", "ROOT", "det", "dobj", "prep", "pobj", "punct"],
        pos=["NUM", "ADP", "PRON", "NOUN", "VERB", "DET", "PROPN", "ADP", "PROPN", "PUNCT"],
        lemmas=["36", "of", "its", "member", "criticize", "the", "Group", "of", "Seven", "."],
        ents=["B-CARDINAL", "O", "O", "O", "O", "O", "O", "O", "B-CARDINAL", "O"],
    )
    found = quantities(doc, [(0, 1, "CARDINAL"), (8, 9, "CARDINAL")], article_id="a", sentence=0, offset=0)
    assert [(q.value, q.object) for q in found] == [(36.0, "members")]


def test_years_and_ages_are_not_counts(english) -> None:
    # In 2019 , Maria Lopez , 53 , quit .
    doc = _doc(
        english,
        words=["In", "2019", ",", "Maria", "Lopez", ",", "53", ",", "quit", "."],
        heads=[8, 0, 8, 4, 8, 4, 4, 4, 8, 8],
        deps=["prep", "pobj", "punct", "compound", "nsubj", "punct", "appos", "punct", "ROOT", "punct"],
        pos=["ADP", "NUM", "PUNCT", "PROPN", "PROPN", "PUNCT", "NUM", "PUNCT", "VERB", "PUNCT"],
        lemmas=["in", "2019", ",", "Maria", "Lopez", ",", "53", ",", "quit", "."],
        ents=["O", "B-DATE", "O", "B-PERSON", "I-PERSON", "O", "B-DATE", "O", "O", "O"],
    )
    found = quantities(
        doc,
        [(1, 2, "CARDINAL"), (6, 7, "CARDINAL")],
        article_id="a",
        sentence=0,
        offset=0,
        person_ends=frozenset({4}),
    )
    assert [(q.value, q.category, q.unit) for q in found] == [(53.0, "age", "years")]


def test_a_number_hyphenated_to_a_noun_before_another_gives_a_size_and_a_spelled_age_is_an_age(
    english,
) -> None:
    from spacy.tokens import Doc

    # 12 crews wrote a 172-page report .
    doc = Doc(
        english.vocab,
        words=["12", "crews", "wrote", "a", "172", "-", "page", "report", "."],
        spaces=[True, True, True, True, False, False, True, False, False],
        heads=[1, 2, 2, 7, 6, 6, 7, 2, 2],
        deps=["nummod", "nsubj", "ROOT", "det", "nummod", "punct", "compound", "dobj", "punct"],
        pos=["NUM", "NOUN", "VERB", "DET", "NUM", "PUNCT", "NOUN", "NOUN", "PUNCT"],
    )
    found = quantities(doc, [(0, 1, "CARDINAL"), (4, 5, "CARDINAL")], article_id="a", sentence=0, offset=0)
    # the size counts nothing, nor borrows the count before it
    assert [(q.value, q.object) for q in found] == [(12.0, "crews"), (172.0, "")]
    # Twenty-eight-year-old Quist spoke .
    doc = Doc(
        english.vocab,
        words=["Twenty", "-", "eight", "-", "year", "-", "old", "Quist", "spoke", "."],
        spaces=[False, False, False, False, False, False, True, True, False, False],
        heads=[2, 2, 6, 4, 6, 6, 7, 8, 8, 8],
        deps=[
            "compound",
            "punct",
            "npadvmod",
            "punct",
            "npadvmod",
            "punct",
            "amod",
            "nsubj",
            "ROOT",
            "punct",
        ],
        pos=["NUM", "PUNCT", "NUM", "PUNCT", "NOUN", "PUNCT", "ADJ", "PROPN", "VERB", "PUNCT"],
    )
    found = quantities(doc, [(0, 3, "CARDINAL")], article_id="a", sentence=0, offset=0)
    assert [(q.value, q.object, q.category, q.unit) for q in found] == [(28.0, "age", "age", "years")]


def test_one_as_a_determiner_is_not_a_count(english) -> None:
    # one trader told Reuters .
    doc = _doc(
        english,
        words=["one", "trader", "told", "Reuters", "."],
        heads=[1, 2, 2, 2, 2],
        deps=["nummod", "nsubj", "ROOT", "dobj", "punct"],
        pos=["NUM", "NOUN", "VERB", "PROPN", "PUNCT"],
        lemmas=["one", "trader", "tell", "Reuters", "."],
        ents=["B-CARDINAL", "O", "O", "B-ORG", "O"],
    )
    assert quantities(doc, [(0, 1, "CARDINAL")], article_id="a", sentence=0, offset=0) == []


_DIGITS = "0123456789٠١٢٣٤٥٦٧٨٩۰۱۲۳४५६०१０１２"


_NUMBER_WORDS = [
    "one", "two", "twelve", "twenty", "ninety", "hundred", "thousand", "million", "billion", "dozen", "half",
    "quarter", "point", "and", "a", "dozens", "thousands", "about", "at least", "more than", "nearly", "%",
    "percent", "$", "£", "€", "pounds", "tons", "bn", "k", "m", "½", "¾", "e", "x", "the", "of", "-", "–",
]  # fmt: skip


_numeral = st.text(alphabet=_DIGITS + ".,-–'’ ٫٬", min_size=1, max_size=24)


_number_like = st.lists(st.one_of(_numeral, st.sampled_from(_NUMBER_WORDS)), min_size=1, max_size=10).map(
    " ".join
) | st.text(alphabet=_DIGITS + ".,-½e% $", max_size=40)


@settings(max_examples=600, deadline=None)
@given(text=_number_like, label=st.sampled_from(["CARDINAL", "MONEY", "QUANTITY", "PERCENT"]))
def test_parse_number_never_raises(text: str, label: str) -> None:
    parsed = parse_number(text, label=label)
    if parsed is not None:
        assert math.isfinite(parsed.value) and parsed.value >= 0
        format_value(parsed.value, parsed.unit)  # what the graph and the page show


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=_number_like, label=st.sampled_from(["CARDINAL", "MONEY", "QUANTITY", "PERCENT", "DATE"]))
def test_the_quantity_path_never_raises(english, text: str, label: str) -> None:
    """The whole entity through :func:`quantities`, in a parsed sentence: "In Velmora <text> people left ."
    (the number's tokens modify "people", the subject of "left")."""
    number = [t.text for t in english.tokenizer(text) if not t.is_space]
    if not number:
        return
    n = len(number)
    words = ["In", "Velmora", *number, "people", "left", "."]
    people, left = n + 2, n + 3
    heads = [left, 0, *[i + 1 for i in range(2, n + 2)], left, left, left]
    deps = ["prep", "pobj", *(["compound"] * (n - 1)), "nummod", "nsubj", "ROOT", "punct"]
    pos = ["ADP", "PROPN", *(["NUM"] * n), "NOUN", "VERB", "PUNCT"]
    doc = _doc(english, words, heads, deps, pos, [w.lower() for w in words], ["O"] * len(words))
    assert doc[people].text == "people" and doc[2 + n - 1].head.i == people
    for quantity in quantities(doc, [(2, 2 + n, label)], article_id="a", sentence=0, offset=0):
        assert math.isfinite(quantity.value)


def test_a_bare_number_a_level_reaches_counts_nothing_unless_the_subject_is_a_count(english) -> None:
    def counted(subject: str, lemma: str, number: str = "7,430", label: str = "CARDINAL") -> str:
        # The SUBJECT fell to NUMBER .
        doc = _doc(
            english,
            words=["The", subject, "fell", "to", number, "."],
            heads=[1, 2, 2, 2, 3, 2],
            deps=["det", "nsubj", "ROOT", "prep", "pobj", "punct"],
            pos=["DET", "NOUN", "VERB", "ADP", "NUM", "PUNCT"],
            lemmas=["the", lemma, "fall", "to", number, "."],
            ents=["O", "O", "O", "O", f"B-{label}", "O"],
        )
        [found] = quantities(doc, [(4, 5, label)], article_id="a", sentence=0, offset=0)
        return found.object

    assert counted("index", "index") == ""  # where the index stands, nothing counted
    assert counted("toll", "toll") == "toll"  # a count itself: the death toll fell to 51
    # an amount measures the subject: The debt fell to $ 17 .
    doc = _doc(
        english,
        words=["The", "debt", "fell", "to", "$", "17", "."],
        heads=[1, 2, 2, 2, 5, 3, 2],
        deps=["det", "nsubj", "ROOT", "prep", "nmod", "pobj", "punct"],
        pos=["DET", "NOUN", "VERB", "ADP", "SYM", "NUM", "PUNCT"],
        lemmas=["the", "debt", "fall", "to", "$", "17", "."],
        ents=["O", "O", "O", "O", "B-MONEY", "I-MONEY", "O"],
    )
    [found] = quantities(doc, [(4, 6, "MONEY")], article_id="a", sentence=0, offset=0)
    assert (found.value, found.unit, found.object) == (17.0, "dollar", "debt")


def _parsed(english, rows, glued=()):
    """A Doc from (word, head, dep, pos, lemma, tag) rows, every word followed by a space but those at
    the indices ``glued`` ("3-0")."""
    from spacy.tokens import Doc

    words, heads, deps, pos, lemmas, tags = (list(column) for column in zip(*rows, strict=True))
    spaces = [i not in glued for i in range(len(words))]
    return Doc(
        english.vocab, words=words, spaces=spaces, heads=heads, deps=deps, pos=pos, lemmas=lemmas, tags=tags
    )


def _counts(doc, spans):
    return [
        (q.text, q.value, q.unit, q.object, q.category)
        for q in quantities(doc, spans, article_id="a", sentence=0, offset=0)
    ]


def test_coordinated_counts_share_the_verb_that_governs_the_first(english) -> None:
    # Four Quellish troops and six Varn police were killed .
    doc = _parsed(english, [
        ("Four", 2, "nummod", "NUM", "four", "CD"), ("Quellish", 2, "amod", "ADJ", "quellish", "JJ"),
        ("troops", 8, "nsubjpass", "NOUN", "troop", "NNS"), ("and", 2, "cc", "CCONJ", "and", "CC"),
        ("six", 6, "nummod", "NUM", "six", "CD"), ("Varn", 6, "compound", "PROPN", "Varn", "NNP"),
        ("police", 2, "conj", "NOUN", "police", "NNS"), ("were", 8, "auxpass", "AUX", "be", "VBD"),
        ("killed", 8, "ROOT", "VERB", "kill", "VBN"), (".", 8, "punct", "PUNCT", ".", "."),
    ])  # fmt: skip
    assert _counts(doc, [(0, 1, "CARDINAL"), (4, 5, "CARDINAL")]) == [
        ("Four", 4.0, "", "troops", "kill"),
        ("six", 6.0, "", "police", "kill"),
    ]


def test_an_event_noun_with_of_gives_the_category_of_its_counts(english) -> None:
    # charged with the manslaughter of 18 hikers and three guides
    doc = _parsed(english, [
        ("charged", 0, "ROOT", "VERB", "charge", "VBN"), ("with", 0, "prep", "ADP", "with", "IN"),
        ("the", 3, "det", "DET", "the", "DT"), ("manslaughter", 1, "pobj", "NOUN", "manslaughter", "NN"),
        ("of", 3, "prep", "ADP", "of", "IN"), ("18", 6, "nummod", "NUM", "18", "CD"),
        ("hikers", 4, "pobj", "NOUN", "hiker", "NNS"), ("and", 6, "cc", "CCONJ", "and", "CC"),
        ("three", 9, "nummod", "NUM", "three", "CD"), ("guides", 6, "conj", "NOUN", "guide", "NNS"),
    ])  # fmt: skip
    assert [c[3:] for c in _counts(doc, [(5, 6, "CARDINAL"), (8, 9, "CARDINAL")])] == [
        ("hikers", "kill"),
        ("guides", "kill"),
    ]


def test_the_number_of_things_is_a_count_of_the_things(english) -> None:
    # the number of Varn soldiers killed is now three .
    doc = _parsed(english, [
        ("the", 1, "det", "DET", "the", "DT"), ("number", 6, "nsubj", "NOUN", "number", "NN"),
        ("of", 1, "prep", "ADP", "of", "IN"), ("Varn", 4, "compound", "PROPN", "Varn", "NNP"),
        ("soldiers", 2, "pobj", "NOUN", "soldier", "NNS"), ("killed", 4, "acl", "VERB", "kill", "VBN"),
        ("is", 6, "ROOT", "AUX", "be", "VBZ"), ("now", 6, "advmod", "ADV", "now", "RB"),
        ("three", 6, "attr", "NUM", "three", "CD"), (".", 6, "punct", "PUNCT", ".", "."),
    ])  # fmt: skip
    assert _counts(doc, [(8, 9, "CARDINAL")]) == [("three", 3.0, "", "soldiers", "kill")]


def test_a_part_of_a_count_takes_what_happened_to_the_whole(english) -> None:
    # killing 21 people , 14 of them children ; 30 people including 12 children were killed .
    doc = _parsed(english, [
        ("killing", 0, "ROOT", "VERB", "kill", "VBG"), ("21", 2, "nummod", "NUM", "21", "CD"),
        ("people", 0, "dobj", "NOUN", "people", "NNS"), (",", 2, "punct", "PUNCT", ",", ","),
        ("14", 7, "nsubj", "NUM", "14", "CD"), ("of", 4, "prep", "ADP", "of", "IN"),
        ("them", 5, "pobj", "PRON", "they", "PRP"), ("children", 2, "appos", "NOUN", "child", "NNS"),
        (";", 0, "punct", "PUNCT", ";", ":"), ("30", 10, "nummod", "NUM", "30", "CD"),
        ("people", 16, "nsubjpass", "NOUN", "people", "NNS"), ("including", 10, "prep", "VERB", "include", "VBG"),
        ("12", 13, "nummod", "NUM", "12", "CD"), ("children", 11, "pobj", "NOUN", "child", "NNS"),
        ("were", 16, "auxpass", "AUX", "be", "VBD"), ("still", 16, "advmod", "ADV", "still", "RB"),
        ("killed", 0, "conj", "VERB", "kill", "VBN"), (".", 0, "punct", "PUNCT", ".", "."),
    ])  # fmt: skip
    spans = [(1, 2, "CARDINAL"), (4, 5, "CARDINAL"), (9, 10, "CARDINAL"), (12, 13, "CARDINAL")]
    assert [(c[0], c[4]) for c in _counts(doc, spans)] == [
        ("21", "kill"),
        ("14", "kill"),
        ("30", "kill"),
        ("12", "kill"),
    ]


def test_a_score_and_a_rate_are_no_counts_of_things(english) -> None:
    # a 3-0 win ; three meals a day ; Orlavik 2 sailed ; 40 men a year ago
    doc = _parsed(english, [
        ("a", 4, "det", "DET", "a", "DT"), ("3", 4, "nummod", "NUM", "3", "CD"), ("-", 3, "punct", "SYM", "-", "SYM"),
        ("0", 1, "prep", "NUM", "0", "CD"), ("win", 4, "ROOT", "NOUN", "win", "NN"), (";", 4, "punct", "PUNCT", ";", ":"),
        ("three", 7, "nummod", "NUM", "three", "CD"), ("meals", 4, "appos", "NOUN", "meal", "NNS"),
        ("a", 9, "det", "DET", "a", "DT"), ("day", 7, "npadvmod", "NOUN", "day", "NN"),
        (";", 4, "punct", "PUNCT", ";", ":"), ("Orlavik", 13, "nsubj", "PROPN", "Orlavik", "NNP"),
        ("2", 11, "nummod", "NUM", "2", "CD"), ("sailed", 4, "conj", "VERB", "sail", "VBD"),
        (";", 4, "punct", "PUNCT", ";", ":"), ("40", 16, "nummod", "NUM", "40", "CD"),
        ("men", 4, "appos", "NOUN", "man", "NNS"), ("a", 18, "det", "DET", "a", "DT"),
        ("year", 19, "npadvmod", "NOUN", "year", "NN"), ("ago", 16, "advmod", "ADV", "ago", "RB"),
    ], glued={1, 2})  # fmt: skip
    spans = [
        (1, 2, "CARDINAL"),
        (3, 4, "CARDINAL"),
        (6, 7, "CARDINAL"),
        (12, 13, "CARDINAL"),
        (15, 16, "CARDINAL"),
    ]
    # "3-0" is a score, "Orlavik 2" labels a name (kept as a value, counting nothing), "a year ago" a time
    assert _counts(doc, spans) == [
        ("three", 3.0, "per day", "meals", ""),
        ("2", 2.0, "", "", ""),
        ("40", 40.0, "", "men", ""),
    ]


def test_named_modifiers_before_a_shared_noun_leave_the_noun_counted(english) -> None:
    # closed dozens of Quellist and Varn Front offices
    doc = _parsed(english, [
        ("closed", 0, "ROOT", "VERB", "close", "VBD"), ("dozens", 0, "dobj", "NOUN", "dozen", "NNS"),
        ("of", 1, "prep", "ADP", "of", "IN"), ("Quellist", 2, "pobj", "PROPN", "Quellist", "NNP"),
        ("and", 3, "cc", "CCONJ", "and", "CC"), ("Varn", 6, "compound", "PROPN", "Varn", "NNP"),
        ("Front", 7, "compound", "PROPN", "Front", "NNP"), ("offices", 3, "conj", "NOUN", "office", "NNS"),
    ])  # fmt: skip
    assert _counts(doc, [(1, 2, "CARDINAL")]) == [("dozens", 24.0, "", "offices", "")]


def test_a_unit_word_beside_the_number_is_its_unit(english) -> None:
    # dropped a 6,800 kilogram bomb
    doc = _parsed(english, [
        ("dropped", 0, "ROOT", "VERB", "drop", "VBD"), ("a", 4, "det", "DET", "a", "DT"),
        ("6,800", 4, "nummod", "NUM", "6,800", "CD"), ("kilogram", 4, "compound", "PROPN", "kilogram", "NNP"),
        ("bomb", 0, "dobj", "NOUN", "bomb", "NN"),
    ])  # fmt: skip
    assert _counts(doc, [(2, 3, "CARDINAL")]) == [("6,800", 6800.0, "kg", "bomb", "")]


def test_ages_after_aged_in_words_or_digits(english) -> None:
    # two boys aged three and 13 died
    doc = _parsed(english, [
        ("two", 1, "nummod", "NUM", "two", "CD"), ("boys", 6, "nsubj", "NOUN", "boy", "NNS"),
        ("aged", 1, "acl", "VERB", "age", "VBN"), ("three", 2, "dobj", "NUM", "three", "CD"),
        ("and", 3, "cc", "CCONJ", "and", "CC"), ("13", 3, "conj", "NUM", "13", "CD"),
        ("died", 6, "ROOT", "VERB", "die", "VBD"),
    ])  # fmt: skip
    found = _counts(doc, [(0, 1, "CARDINAL"), (3, 4, "CARDINAL"), (5, 6, "CARDINAL")])
    assert found == [
        ("two", 2.0, "", "boys", "kill"),
        ("three", 3.0, "years", "age", "age"),
        ("13", 13.0, "years", "age", "age"),
    ]


def test_the_population_of_a_place_stays_the_population(english) -> None:
    # the population of Quellport was 181,000 .
    doc = _parsed(english, [
        ("the", 1, "det", "DET", "the", "DT"), ("population", 4, "nsubj", "NOUN", "population", "NN"),
        ("of", 1, "prep", "ADP", "of", "IN"), ("Quellport", 2, "pobj", "PROPN", "Quellport", "NNP"),
        ("was", 4, "ROOT", "AUX", "be", "VBD"), ("181,000", 4, "attr", "NUM", "181,000", "CD"),
        (".", 4, "punct", "PUNCT", ".", "."),
    ])  # fmt: skip
    assert _counts(doc, [(5, 6, "CARDINAL")]) == [("181,000", 181000.0, "", "population", "")]


def test_a_number_after_its_noun_labels_it_even_before_of(english) -> None:
    # won game four of the final
    doc = _parsed(english, [
        ("won", 0, "ROOT", "VERB", "win", "VBD"), ("game", 0, "dobj", "NOUN", "game", "NN"),
        ("four", 1, "nummod", "NUM", "four", "CD"), ("of", 2, "prep", "ADP", "of", "IN"),
        ("the", 5, "det", "DET", "the", "DT"), ("final", 3, "pobj", "NOUN", "final", "NN"),
    ])  # fmt: skip
    assert _counts(doc, [(2, 3, "CARDINAL")]) == [("four", 4.0, "", "", "")]


def test_a_number_joined_to_a_label_labels_too_and_borrows_no_earlier_object(english) -> None:
    # cut power to 900 homes and shut the road between gates 4 and 7
    doc = _parsed(english, [
        ("cut", 0, "ROOT", "VERB", "cut", "VBD"), ("power", 0, "dobj", "NOUN", "power", "NN"),
        ("to", 0, "prep", "ADP", "to", "IN"), ("900", 4, "nummod", "NUM", "900", "CD"),
        ("homes", 2, "pobj", "NOUN", "home", "NNS"), ("and", 0, "cc", "CCONJ", "and", "CC"),
        ("shut", 0, "conj", "VERB", "shut", "VBD"), ("the", 8, "det", "DET", "the", "DT"),
        ("road", 6, "dobj", "NOUN", "road", "NN"), ("between", 6, "prep", "ADP", "between", "IN"),
        ("gates", 9, "pobj", "NOUN", "gate", "NNS"), ("4", 10, "nummod", "NUM", "4", "CD"),
        ("and", 11, "cc", "CCONJ", "and", "CC"), ("7", 11, "conj", "NUM", "7", "CD"),
    ])  # fmt: skip
    found = _counts(doc, [(3, 4, "CARDINAL"), (11, 12, "CARDINAL"), (13, 14, "CARDINAL")])
    assert found == [("900", 900.0, "", "homes", ""), ("4", 4.0, "", "", ""), ("7", 7.0, "", "", "")]


def test_lives_claimed_are_deaths_and_the_predicate_of_the_counted_comes_first(english) -> None:
    # the storm claimed 200 lives ; the blast left three people dead and 20 injured
    doc = _parsed(english, [
        ("the", 1, "det", "DET", "the", "DT"), ("storm", 2, "nsubj", "NOUN", "storm", "NN"),
        ("claimed", 2, "ROOT", "VERB", "claim", "VBD"), ("200", 4, "nummod", "NUM", "200", "CD"),
        ("lives", 2, "dobj", "NOUN", "life", "NNS"), (";", 2, "punct", "PUNCT", ";", ":"),
        ("the", 7, "det", "DET", "the", "DT"), ("blast", 8, "nsubj", "NOUN", "blast", "NN"),
        ("left", 2, "conj", "VERB", "leave", "VBD"), ("three", 10, "nummod", "NUM", "three", "CD"),
        ("people", 8, "dobj", "NOUN", "people", "NNS"), ("dead", 8, "oprd", "ADJ", "dead", "JJ"),
        ("and", 8, "cc", "CCONJ", "and", "CC"), ("20", 14, "nsubj", "NUM", "20", "CD"),
        ("injured", 8, "conj", "VERB", "injure", "VBN"),
    ])  # fmt: skip
    found = _counts(doc, [(3, 4, "CARDINAL"), (9, 10, "CARDINAL"), (13, 14, "CARDINAL")])
    assert [(c[0], c[3], c[4]) for c in found] == [
        ("200", "lives", "kill"),
        ("three", "people", "kill"),
        ("20", "people", "wound"),
    ]


def test_a_bare_count_takes_the_category_written_right_after_it(english) -> None:
    # two were killed and around 120 injured , half of them boys  (the parser hangs 120 anywhere)
    doc = _parsed(english, [
        ("two", 2, "nsubjpass", "NUM", "two", "CD"), ("were", 2, "auxpass", "AUX", "be", "VBD"),
        ("killed", 2, "ROOT", "VERB", "kill", "VBN"), ("and", 2, "cc", "CCONJ", "and", "CC"),
        ("around", 5, "quantmod", "ADP", "around", "IN"), ("120", 2, "conj", "NUM", "120", "CD"),
        ("injured", 2, "advcl", "VERB", "injure", "VBN"), (",", 2, "punct", "PUNCT", ",", ","),
        ("half", 11, "nsubj", "NOUN", "half", "NN"), ("of", 8, "prep", "ADP", "of", "IN"),
        ("them", 9, "pobj", "PRON", "they", "PRP"), ("boys", 2, "appos", "NOUN", "boy", "NNS"),
    ])  # fmt: skip
    found = _counts(doc, [(0, 1, "CARDINAL"), (4, 6, "CARDINAL"), (8, 9, "CARDINAL")])
    assert [(c[0], c[4]) for c in found] == [("two", "kill"), ("around 120", "wound"), ("half", "wound")]


def test_those_who_did_it_take_no_category_of_what_they_did(english) -> None:
    # three gunmen killed 25 people
    doc = _parsed(english, [
        ("three", 1, "nummod", "NUM", "three", "CD"), ("gunmen", 2, "nsubj", "NOUN", "gunman", "NNS"),
        ("killed", 2, "ROOT", "VERB", "kill", "VBD"), ("25", 4, "nummod", "NUM", "25", "CD"),
        ("people", 2, "dobj", "NOUN", "people", "NNS"),
    ])  # fmt: skip
    assert [(c[3], c[4]) for c in _counts(doc, [(0, 1, "CARDINAL"), (3, 4, "CARDINAL")])] == [
        ("gunmen", ""),
        ("people", "kill"),
    ]


def test_every_category_a_count_takes_is_one_the_outputs_document() -> None:
    from pipeline.extract.quantities import CATEGORIES
    from pipeline.records import COUNT_CATEGORIES

    assert {*CATEGORIES.values(), "age"} == set(COUNT_CATEGORIES)


def test_a_clause_that_names_its_own_victim_gives_the_count_beside_it_no_category(english) -> None:
    # Raiders threw two crates at guards , injuring one porter , and shot five men , killing them .
    doc = _parsed(english, [
        ("Raiders", 1, "nsubj", "NOUN", "raider", "NNS"), ("threw", 1, "ROOT", "VERB", "throw", "VBD"),
        ("two", 3, "nummod", "NUM", "two", "CD"), ("crates", 1, "dobj", "NOUN", "crate", "NNS"),
        ("at", 1, "prep", "ADP", "at", "IN"), ("guards", 4, "pobj", "NOUN", "guard", "NNS"),
        (",", 1, "punct", "PUNCT", ",", ","), ("injuring", 1, "advcl", "VERB", "injure", "VBG"),
        ("one", 9, "nummod", "NUM", "one", "CD"), ("porter", 7, "dobj", "NOUN", "porter", "NN"),
        (",", 1, "punct", "PUNCT", ",", ","), ("and", 1, "cc", "CCONJ", "and", "CC"),
        ("shot", 1, "conj", "VERB", "shoot", "VBD"), ("five", 14, "nummod", "NUM", "five", "CD"),
        ("men", 12, "dobj", "NOUN", "man", "NNS"), (",", 12, "punct", "PUNCT", ",", ","),
        ("killing", 12, "advcl", "VERB", "kill", "VBG"), ("them", 16, "dobj", "PRON", "they", "PRP"),
        (".", 1, "punct", "PUNCT", ".", "."),
    ])  # fmt: skip
    # the porter was injured, not the crates; "them" are the five men
    assert _counts(doc, [(2, 3, "CARDINAL"), (8, 9, "CARDINAL"), (13, 14, "CARDINAL")]) == [
        ("two", 2.0, "", "crates", ""),
        ("one", 1.0, "", "porter", "wound"),
        ("five", 5.0, "", "men", "kill"),
    ]


def test_a_relative_clause_of_place_or_with_its_own_victim_leaves_its_noun_uncounted(english) -> None:
    # two raids in which three people were hurt
    doc = _parsed(english, [
        ("two", 1, "nummod", "NUM", "two", "CD"), ("raids", 1, "ROOT", "NOUN", "raid", "NNS"),
        ("in", 7, "prep", "ADP", "in", "IN"), ("which", 2, "pobj", "PRON", "which", "WDT"),
        ("three", 5, "nummod", "NUM", "three", "CD"), ("people", 7, "nsubjpass", "NOUN", "people", "NNS"),
        ("were", 7, "auxpass", "AUX", "be", "VBD"), ("hurt", 1, "relcl", "VERB", "hurt", "VBN"),
    ])  # fmt: skip
    assert _counts(doc, [(0, 1, "CARDINAL"), (4, 5, "CARDINAL")]) == [
        ("two", 2.0, "", "raids", ""),
        ("three", 3.0, "", "people", "wound"),
    ]


def test_what_is_counted_is_the_head_of_its_phrase_with_its_compounds(english) -> None:
    def counted(rows, number, glued=()):
        [found] = quantities(_parsed(english, rows, glued), [(*number, "CARDINAL")], article_id="a", sentence=0,
                             offset=0)  # fmt: skip
        return found.object

    # the number on a compound modifier: "the three sorting centres"
    assert counted([
        ("the", 3, "det", "DET", "the", "DT"), ("three", 2, "nummod", "NUM", "three", "CD"),
        ("sorting", 3, "compound", "NOUN", "sorting", "NN"), ("centres", 3, "ROOT", "NOUN", "centre", "NNS"),
    ], (1, 2)) == "sorting centres"  # fmt: skip
    # a singular noun coordinated as the first modifier: "almost 900 quell and varn machines"
    assert counted([
        ("almost", 1, "advmod", "ADV", "almost", "RB"), ("900", 2, "nummod", "NUM", "900", "CD"),
        ("quell", 2, "ROOT", "NOUN", "quell", "NN"), ("and", 2, "cc", "CCONJ", "and", "CC"),
        ("varn", 5, "compound", "NOUN", "varn", "NN"), ("machines", 2, "conj", "NOUN", "machine", "NNS"),
    ], (0, 2)) == "quell and varn machines"  # fmt: skip
    # an apposition with no comma continues the phrase: "two Golden Quell best actor awards"
    assert counted([
        ("won", 0, "ROOT", "VERB", "win", "VBD"), ("two", 3, "nummod", "NUM", "two", "CD"),
        ("Golden", 3, "nmod", "PROPN", "Golden", "NNP"), ("Quell", 0, "dobj", "PROPN", "Quell", "NNP"),
        ("best", 5, "amod", "ADJ", "good", "JJS"), ("actor", 6, "compound", "NOUN", "actor", "NN"),
        ("awards", 3, "appos", "NOUN", "award", "NNS"),
    ], (1, 2)) == "Golden Quell best actor awards"  # fmt: skip
    # a maker's name before a model number: "Five other Varno 70s"
    assert counted([
        ("Five", 3, "nummod", "NUM", "five", "CD"), ("other", 3, "amod", "ADJ", "other", "JJ"),
        ("Varno", 3, "compound", "PROPN", "Varno", "NNP"), ("70s", 3, "ROOT", "NOUN", "70", "NNS"),
    ], (0, 1)) == "Varno 70s"  # fmt: skip
    # a typo's hyphen joins no count to its noun: "including 14-Quellans"
    assert counted([
        ("including", 0, "ROOT", "VERB", "include", "VBG"), ("14", 3, "nummod", "NUM", "14", "CD"),
        ("-", 3, "punct", "PUNCT", "-", "HYPH"), ("Quellans", 0, "pobj", "PROPN", "Quellans", "NNPS"),
    ], (1, 2), glued={1, 2}) == "Quellans"  # fmt: skip


def test_a_quoted_name_before_its_noun_is_a_modifier_and_its_number_counts_nothing(english) -> None:
    # Three of the " band of five " senators
    doc = _parsed(english, [
        ("Three", 0, "ROOT", "NUM", "three", "CD"), ("of", 0, "prep", "ADP", "of", "IN"),
        ("the", 4, "det", "DET", "the", "DT"), ('"', 4, "punct", "PUNCT", '"', "``"),
        ("band", 1, "pobj", "NOUN", "band", "NN"), ("of", 4, "prep", "ADP", "of", "IN"),
        ("five", 8, "nummod", "NUM", "five", "CD"), ('"', 8, "punct", "PUNCT", '"', "''"),
        ("senators", 5, "pobj", "NOUN", "senator", "NNS"),
    ])  # fmt: skip
    assert _counts(doc, [(0, 1, "CARDINAL"), (6, 7, "CARDINAL")]) == [
        ("Three", 3.0, "", "senators", ""),
        ("five", 5.0, "", "", ""),
    ]


def test_a_percentage_the_entity_cut_short_is_still_a_percentage(english) -> None:
    # a figure of just under 2 per cent
    doc = _parsed(english, [
        ("a", 1, "det", "DET", "a", "DT"), ("figure", 1, "ROOT", "NOUN", "figure", "NN"),
        ("of", 1, "prep", "ADP", "of", "IN"), ("just", 5, "advmod", "ADV", "just", "RB"),
        ("under", 5, "quantmod", "ADP", "under", "IN"), ("2", 2, "pobj", "NUM", "2", "CD"),
        ("per", 5, "prep", "ADP", "per", "IN"), ("cent", 6, "pobj", "NOUN", "cent", "NN"),
    ])  # fmt: skip
    [found] = quantities(doc, [(3, 6, "CARDINAL")], article_id="a", sentence=0, offset=0)
    assert (found.value, found.unit, found.qualifier) == (2.0, "%", "nearly")


def test_a_score_a_tally_and_a_size_count_no_things(english) -> None:
    # Quist was not out 67 ; passed by 12 votes to five ; a shock five set loss
    doc = _parsed(english, [
        ("Quist", 1, "nsubj", "PROPN", "Quist", "NNP"), ("was", 1, "ROOT", "AUX", "be", "VBD"),
        ("not", 1, "neg", "PART", "not", "RB"), ("out", 4, "advmod", "ADV", "out", "RB"),
        ("67", 1, "attr", "NUM", "67", "CD"), (";", 1, "punct", "PUNCT", ";", ":"),
        ("passed", 1, "conj", "VERB", "pass", "VBD"), ("by", 6, "agent", "ADP", "by", "IN"),
        ("12", 9, "nummod", "NUM", "12", "CD"), ("votes", 7, "pobj", "NOUN", "vote", "NNS"),
        ("to", 6, "prep", "ADP", "to", "IN"), ("five", 10, "pobj", "NUM", "five", "CD"),
        (";", 1, "punct", "PUNCT", ";", ":"), ("a", 17, "det", "DET", "a", "DT"),
        ("shock", 17, "compound", "NOUN", "shock", "NN"), ("five", 17, "nummod", "NUM", "five", "CD"),
        ("set", 17, "amod", "VERB", "set", "VBN"), ("loss", 1, "npadvmod", "NOUN", "loss", "NN"),
    ])  # fmt: skip
    spans = [(4, 5, "CARDINAL"), (8, 9, "CARDINAL"), (11, 12, "CARDINAL"), (15, 16, "CARDINAL")]
    # the five of the tally counts votes, as the twelve does (votes never make a node: pipeline.counts)
    assert _counts(doc, spans) == [
        ("67", 67.0, "", "", ""),
        ("12", 12.0, "", "votes", ""),
        ("five", 5.0, "", "votes", ""),
        ("five", 5.0, "", "", ""),
    ]


def test_the_ends_of_a_range_count_one_thing_and_a_range_of_a_level_counts_nothing(english) -> None:
    # raise the number from 700 people to 1,100
    doc = _parsed(english, [
        ("raise", 0, "ROOT", "VERB", "raise", "VB"), ("the", 2, "det", "DET", "the", "DT"),
        ("number", 0, "dobj", "NOUN", "number", "NN"), ("from", 0, "prep", "ADP", "from", "IN"),
        ("700", 5, "nummod", "NUM", "700", "CD"), ("people", 3, "pobj", "NOUN", "people", "NNS"),
        ("to", 0, "prep", "ADP", "to", "IN"), ("1,100", 6, "pobj", "NUM", "1,100", "CD"),
    ])  # fmt: skip
    assert _counts(doc, [(4, 5, "CARDINAL"), (7, 8, "CARDINAL")]) == [
        ("700", 700.0, "", "people", ""),
        ("1,100", 1100.0, "", "people", ""),
    ]
    # estimates range from 300 to 900: what ranges is no thing they count
    doc = _parsed(english, [
        ("estimates", 1, "nsubj", "NOUN", "estimate", "NNS"), ("range", 1, "ROOT", "VERB", "range", "VBP"),
        ("from", 1, "prep", "ADP", "from", "IN"), ("300", 2, "pobj", "NUM", "300", "CD"),
        ("to", 2, "prep", "ADP", "to", "IN"), ("900", 4, "pobj", "NUM", "900", "CD"),
    ])  # fmt: skip
    assert _counts(doc, [(3, 4, "CARDINAL"), (5, 6, "CARDINAL")]) == [
        ("300", 300.0, "", "", ""),
        ("900", 900.0, "", "", ""),
    ]


def test_each_count_of_a_tally_sets_the_other_counts_places_apart(english) -> None:
    # Seven people died in Oskland , five in Quellia , three in Varnby .
    words = [
        "Seven",
        "people",
        "died",
        "in",
        "Oskland",
        ",",
        "five",
        "in",
        "Quellia",
        ",",
        "three",
        "in",
        "Varnby",
        ".",
    ]
    doc = _doc(
        english,
        words=words,
        heads=[1, 2, 2, 2, 3, 4, 4, 6, 7, 4, 4, 10, 11, 2],
        deps=["nummod", "nsubj", "ROOT", "prep", "pobj", "punct", "appos", "prep", "pobj", "punct", "appos",
              "prep", "pobj", "punct"],
        pos=["NUM", "NOUN", "VERB", "ADP", "PROPN", "PUNCT", "NUM", "ADP", "PROPN", "PUNCT", "NUM", "ADP",
             "PROPN", "PUNCT"],
        ents=["B-CARDINAL", "O", "O", "O", "B-GPE", "O", "B-CARDINAL", "O", "B-GPE", "O", "B-CARDINAL", "O",
              "B-GPE", "O"],
    )  # fmt: skip
    spans = [(0, 1, "CARDINAL"), (6, 7, "CARDINAL"), (10, 11, "CARDINAL")]
    found = quantities(doc, spans, article_id="a", sentence=0, offset=100)

    def named(count, name: str) -> bool:  # is the name outside the count's apart ranges?
        start = 100 + doc.text.index(name)
        return not any(a <= start and start + len(name) <= b for a, b in count.apart)

    assert [(q.value, q.object) for q in found] == [(7.0, "people"), (5.0, "people"), (3.0, "people")]
    assert [[c for c in ("Oskland", "Quellia", "Varnby") if named(q, c)] for q in found] == [
        ["Oskland"],
        ["Quellia"],
        ["Varnby"],
    ]


def test_the_last_item_of_a_tally_joined_by_and_is_apart_from_the_one_before(english) -> None:
    # Seven people died in Oskland , two in Quellia and one in Varnby .  ("one" hangs on "two")
    doc = _doc(
        english,
        words=["Seven", "people", "died", "in", "Oskland", ",", "two", "in", "Quellia", "and", "one", "in",
               "Varnby", "."],
        heads=[1, 2, 2, 2, 3, 4, 4, 6, 7, 6, 6, 10, 11, 2],
        deps=["nummod", "nsubj", "ROOT", "prep", "pobj", "punct", "appos", "prep", "pobj", "cc", "conj",
              "prep", "pobj", "punct"],
        pos=["NUM", "NOUN", "VERB", "ADP", "PROPN", "PUNCT", "NUM", "ADP", "PROPN", "CCONJ", "NUM", "ADP",
             "PROPN", "PUNCT"],
        lemmas=["seven", "people", "die", "in", "Oskland", ",", "two", "in", "Quellia", "and", "one", "in",
                "Varnby", "."],
        ents=["B-CARDINAL", "O", "O", "O", "B-GPE", "O", "B-CARDINAL", "O", "B-GPE", "O", "B-CARDINAL", "O",
              "B-GPE", "O"],
    )  # fmt: skip
    found = quantities(
        doc,
        [(0, 1, "CARDINAL"), (6, 7, "CARDINAL"), (10, 11, "CARDINAL")],
        article_id="a",
        sentence=0,
        offset=0,
    )

    def named(count, name: str) -> bool:
        start = doc.text.index(name)
        return not any(a <= start and start + len(name) <= b for a, b in count.apart)

    assert [[c for c in ("Oskland", "Quellia", "Varnby") if named(q, c)] for q in found] == [
        ["Oskland"],
        ["Quellia"],
        ["Varnby"],
    ]


def test_a_part_of_a_count_is_no_item_of_a_tally(english) -> None:
    # Two men died , one of them in Oskland .
    doc = _doc(
        english,
        words=["Two", "men", "died", ",", "one", "of", "them", "in", "Oskland", "."],
        heads=[1, 2, 2, 2, 2, 4, 5, 4, 7, 2],
        deps=["nummod", "nsubj", "ROOT", "punct", "npadvmod", "prep", "pobj", "prep", "pobj", "punct"],
        pos=["NUM", "NOUN", "VERB", "PUNCT", "NUM", "ADP", "PRON", "ADP", "PROPN", "PUNCT"],
        ents=["B-CARDINAL", "O", "O", "O", "B-CARDINAL", "O", "O", "O", "B-GPE", "O"],
    )
    found = quantities(doc, [(0, 1, "CARDINAL"), (4, 5, "CARDINAL")], article_id="a", sentence=0, offset=0)
    assert [q.apart for q in found] == [()] * len(found)


def test_a_share_of_a_thing_takes_no_category(english) -> None:
    # Rebels captured half of the Quellby airport .
    doc = _doc(
        english,
        words=["Rebels", "captured", "half", "of", "the", "Quellby", "airport", "."],
        heads=[1, 1, 1, 2, 6, 6, 3, 1],
        deps=["nsubj", "ROOT", "dobj", "prep", "det", "compound", "pobj", "punct"],
        pos=["NOUN", "VERB", "NUM", "ADP", "DET", "PROPN", "NOUN", "PUNCT"],
        lemmas=["rebel", "capture", "half", "of", "the", "Quellby", "airport", "."],
        ents=["O", "O", "B-CARDINAL", "O", "O", "O", "O", "O"],
    )
    [found] = quantities(doc, [(2, 3, "CARDINAL")], article_id="a", sentence=0, offset=0)
    assert (found.value, found.object, found.category) == (0.5, "airport", "")


def test_a_toll_that_rises_to_a_count_gives_its_category_and_so_do_its_parts(english) -> None:
    # The death toll rose to 412 people , including 37 Quellians .
    doc = _parsed(english, [
        ("The", 2, "det", "DET", "the", "DT"), ("death", 2, "compound", "NOUN", "death", "NN"),
        ("toll", 3, "nsubj", "NOUN", "toll", "NN"), ("rose", 3, "ROOT", "VERB", "rise", "VBD"),
        ("to", 3, "prep", "ADP", "to", "IN"), ("412", 6, "nummod", "NUM", "412", "CD"),
        ("people", 4, "pobj", "NOUN", "people", "NNS"), (",", 6, "punct", "PUNCT", ",", ","),
        ("including", 6, "prep", "VERB", "include", "VBG"), ("37", 10, "nummod", "NUM", "37", "CD"),
        ("Quellians", 8, "pobj", "PROPN", "Quellians", "NNPS"), (".", 3, "punct", "PUNCT", ".", "."),
    ])  # fmt: skip
    assert [c[3:] for c in _counts(doc, [(5, 6, "CARDINAL"), (9, 10, "CARDINAL")])] == [
        ("people", "kill"),
        ("Quellians", "kill"),
    ]
    # a level that rises is no toll: The price rose to 412 people -> nothing
    price = _parsed(english, [
        ("The", 1, "det", "DET", "the", "DT"), ("fare", 2, "nsubj", "NOUN", "fare", "NN"),
        ("rose", 2, "ROOT", "VERB", "rise", "VBD"), ("to", 2, "prep", "ADP", "to", "IN"),
        ("9", 5, "nummod", "NUM", "9", "CD"), ("passengers", 3, "pobj", "NOUN", "passenger", "NNS"),
    ])  # fmt: skip
    assert [c[4] for c in _counts(price, [(4, 5, "CARDINAL")])] == [""]
    # only a toll's words say what happened: The arrest warrant went to 9 officers -> nothing
    warrant = _parsed(english, [
        ("The", 2, "det", "DET", "the", "DT"), ("arrest", 2, "compound", "NOUN", "arrest", "NN"),
        ("warrant", 3, "nsubj", "NOUN", "warrant", "NN"), ("went", 3, "ROOT", "VERB", "go", "VBD"),
        ("to", 3, "prep", "ADP", "to", "IN"), ("9", 6, "nummod", "NUM", "9", "CD"),
        ("officers", 4, "pobj", "NOUN", "officer", "NNS"),
    ])  # fmt: skip
    assert [c[3:] for c in _counts(warrant, [(5, 6, "CARDINAL")])] == [("officers", "")]


def test_the_dead_who_are_counted_are_killed(english) -> None:
    # The dead were five Varnish guides and two porters .
    doc = _parsed(english, [
        ("The", 1, "det", "DET", "the", "DT"), ("dead", 2, "nsubj", "ADJ", "dead", "JJ"),
        ("were", 2, "ROOT", "AUX", "be", "VBD"), ("five", 5, "nummod", "NUM", "five", "CD"),
        ("Varnish", 5, "amod", "ADJ", "varnish", "JJ"), ("guides", 2, "attr", "NOUN", "guide", "NNS"),
        ("and", 5, "cc", "CCONJ", "and", "CC"), ("two", 8, "nummod", "NUM", "two", "CD"),
        ("porters", 5, "conj", "NOUN", "porter", "NNS"), (".", 2, "punct", "PUNCT", ".", "."),
    ])  # fmt: skip
    assert [c[3:] for c in _counts(doc, [(3, 4, "CARDINAL"), (7, 8, "CARDINAL")])] == [
        ("guides", "kill"),
        ("porters", "kill"),
    ]


def test_lives_of_people_a_war_cost_are_deaths_and_a_qualifier_before_the_span_is_read(english) -> None:
    # The war cost the lives of up to 9,000 Oskish villagers .
    doc = _parsed(english, [
        ("The", 1, "det", "DET", "the", "DT"), ("war", 2, "nsubj", "NOUN", "war", "NN"),
        ("cost", 2, "ROOT", "VERB", "cost", "VBD"), ("the", 4, "det", "DET", "the", "DT"),
        ("lives", 2, "dobj", "NOUN", "life", "NNS"), ("of", 4, "prep", "ADP", "of", "IN"),
        ("up", 8, "quantmod", "ADP", "up", "IN"), ("to", 8, "quantmod", "PART", "to", "TO"),
        ("9,000", 10, "nummod", "NUM", "9,000", "CD"), ("Oskish", 10, "amod", "ADJ", "oskish", "JJ"),
        ("villagers", 5, "pobj", "NOUN", "villager", "NNS"), (".", 2, "punct", "PUNCT", ".", "."),
    ])  # fmt: skip
    [found] = quantities(doc, [(8, 9, "CARDINAL")], article_id="a", sentence=0, offset=0)
    assert (found.text, found.value, found.qualifier, found.object, found.category) == (
        "up to 9,000",
        9000.0,
        "at most",
        "villagers",
        "kill",
    )
    assert found.start == doc[6].idx  # the qualifier is part of the count as written


@pytest.mark.parametrize(
    ("words", "spaces", "span", "text"),
    [
        (["paid", "A$", "1.2bn", "."], [1, 0, 0, 0], (2, 3), "A$1.2bn"),
        (["paid", "US", "$", "5", "."], [1, 1, 0, 0, 0], (3, 4), "US $5"),
        (["paid", "Canadian", "$", "40", "million"], [1, 1, 0, 1, 0], (2, 5), "Canadian $40 million"),
        (["paid", "$", "US", "40", "million"], [1, 0, 1, 1, 0], (3, 5), "$US 40 million"),
        (["paid", "AUD", "45", "million"], [1, 1, 1, 0], (2, 4), "AUD 45 million"),
        (["paid", "40", "million", "NZD", "."], [1, 1, 1, 0, 0], (1, 3), "40 million NZD"),
        (["paid", "a", "$", "5", "fee"], [1, 1, 0, 1, 0], (3, 4), "$5"),  # "a" is no country
    ],
)
def test_the_currency_written_beside_an_amount_is_taken_in(english, words, spaces, span, text) -> None:
    from spacy.tokens import Doc

    from pipeline.extract.quantities import _with_currency_symbol

    doc = Doc(english.vocab, words=words, spaces=[bool(s) for s in spaces])
    assert _with_currency_symbol(doc, doc[span[0] : span[1]])[0] == text


def test_a_later_clause_that_does_it_to_them_gives_its_category(english) -> None:
    # Troops rounded up 40 men , and police detained them .  (its own subject, but "them" are the 40)
    doc = _parsed(english, [
        ("Troops", 1, "nsubj", "NOUN", "troop", "NNS"), ("rounded", 1, "ROOT", "VERB", "round", "VBD"),
        ("up", 1, "prt", "ADP", "up", "RP"), ("40", 4, "nummod", "NUM", "40", "CD"),
        ("men", 1, "dobj", "NOUN", "man", "NNS"), (",", 1, "punct", "PUNCT", ",", ","),
        ("and", 1, "cc", "CCONJ", "and", "CC"), ("police", 8, "nsubj", "NOUN", "police", "NNS"),
        ("detained", 1, "conj", "VERB", "detain", "VBD"), ("them", 8, "dobj", "PRON", "they", "PRP"),
        (".", 1, "punct", "PUNCT", ".", "."),
    ])  # fmt: skip
    assert [c[3:] for c in _counts(doc, [(3, 4, "CARDINAL")])] == [("men", "arrest")]


@pytest.mark.parametrize(
    ("words", "age"),
    [
        (["When", "she", "was", "16", ",", "Orla", "left", "Quellby", "."], 16.0),
        (["Tam", "Brevik", "said", "he", "turned", "40", "in", "March", "."], 40.0),
        (["He", "was", "5", "points", "behind", "."], None),  # something counted after it
    ],
)
def test_a_number_one_person_was_or_turned_is_an_age(english, words, age) -> None:
    from spacy.tokens import Doc

    doc = Doc(english.vocab, words=words)
    number = next(i for i, word in enumerate(words) if word.isdigit())
    [found] = quantities(doc, [(number, number + 1, "CARDINAL")], article_id="a", sentence=0, offset=0)
    assert (found.value if found.category == "age" else None) == age


def test_a_qualifier_before_a_currency_written_apart_is_read(english) -> None:
    from spacy.tokens import Doc

    doc = Doc(english.vocab, words=["paid", "about", "US", "$", "5", "."], spaces=[1, 1, 1, 0, 0, 0])
    [found] = quantities(doc, [(4, 5, "MONEY")], article_id="a", sentence=0, offset=0)
    assert (found.text, found.unit, found.qualifier, found.start) == ("about US $5", "USD", "about", 5)


def test_what_did_not_happen_gives_no_category(english) -> None:
    # Five miners were not hurt .
    doc = _parsed(english, [
        ("Five", 1, "nummod", "NUM", "five", "CD"), ("miners", 4, "nsubjpass", "NOUN", "miner", "NNS"),
        ("were", 4, "auxpass", "AUX", "be", "VBD"), ("not", 4, "neg", "PART", "not", "RB"),
        ("hurt", 4, "ROOT", "VERB", "hurt", "VBN"), (".", 4, "punct", "PUNCT", ".", "."),
    ])  # fmt: skip
    assert [c[3:] for c in _counts(doc, [(0, 1, "CARDINAL")])] == [("miners", "")]


def test_a_later_clause_with_a_subject_of_its_own_gives_no_category(english) -> None:
    # The fever reached four villagers , and one of those has died .  (the one died, not the four)
    doc = _parsed(english, [
        ("The", 1, "det", "DET", "the", "DT"), ("fever", 2, "nsubj", "NOUN", "fever", "NN"),
        ("reached", 2, "ROOT", "VERB", "reach", "VBD"), ("four", 4, "nummod", "NUM", "four", "CD"),
        ("villagers", 2, "dobj", "NOUN", "villager", "NNS"), (",", 2, "punct", "PUNCT", ",", ","),
        ("and", 2, "cc", "CCONJ", "and", "CC"), ("one", 11, "nsubj", "NUM", "one", "CD"),
        ("of", 7, "prep", "ADP", "of", "IN"), ("those", 8, "pobj", "PRON", "those", "DT"),
        ("has", 11, "aux", "AUX", "have", "VBZ"), ("died", 2, "conj", "VERB", "die", "VBN"),
        (".", 2, "punct", "PUNCT", ".", "."),
    ])  # fmt: skip
    assert [c[3:] for c in _counts(doc, [(3, 4, "CARDINAL")])] == [("villagers", "")]


@pytest.mark.parametrize(
    ("words", "span", "label", "relabeled"),
    [
        # the model calls a per-cent value MONEY as often as not, and a currency code's amount a cardinal
        (["Fares", "rose", "5", "per", "cent", "."], (2, 5), "MONEY", "PERCENT"),
        (["Varnair", "paid", "AUD", "45", "million", "."], (3, 5), "CARDINAL", "MONEY"),
        (["Varnair", "paid", "45", "million", "."], (2, 4), "CARDINAL", "CARDINAL"),
    ],
)
def test_the_label_says_what_the_value_is(english, words, span, label, relabeled) -> None:
    from spacy.tokens import Doc

    doc = Doc(english.vocab, words=words)
    [found] = quantities(doc, [(*span, label)], article_id="a", sentence=0, offset=0)
    assert found.label == relabeled


def _actors(doc, spans):
    return [
        (q.text, q.category, q.actor) for q in quantities(doc, spans, article_id="a", sentence=0, offset=0)
    ]


def test_the_subject_of_an_active_verb_did_it_with_its_modifiers(english) -> None:
    # Varn police arrested three Quellish men .
    doc = _parsed(english, [
        ("Varn", 1, "compound", "PROPN", "Varn", "NNP"), ("police", 2, "nsubj", "NOUN", "police", "NNS"),
        ("arrested", 2, "ROOT", "VERB", "arrest", "VBD"), ("three", 5, "nummod", "NUM", "three", "CD"),
        ("Quellish", 5, "amod", "ADJ", "quellish", "JJ"), ("men", 2, "dobj", "NOUN", "man", "NNS"),
        (".", 2, "punct", "PUNCT", ".", "."),
    ])  # fmt: skip
    assert _actors(doc, [(3, 4, "CARDINAL")]) == [("three", "arrest", "Varn police")]


def test_a_passive_names_its_doer_by_by_or_by_a_when_clause(english) -> None:
    # Three men were arrested by the Varn police .
    by = _parsed(english, [
        ("Three", 1, "nummod", "NUM", "three", "CD"), ("men", 3, "nsubjpass", "NOUN", "man", "NNS"),
        ("were", 3, "auxpass", "AUX", "be", "VBD"), ("arrested", 3, "ROOT", "VERB", "arrest", "VBN"),
        ("by", 3, "agent", "ADP", "by", "IN"), ("the", 7, "det", "DET", "the", "DT"),
        ("Varn", 7, "compound", "PROPN", "Varn", "NNP"), ("police", 4, "pobj", "NOUN", "police", "NNS"),
        (".", 3, "punct", "PUNCT", ".", "."),
    ])  # fmt: skip
    assert _actors(by, [(0, 1, "CARDINAL")]) == [("Three", "arrest", "Varn police")]
    # Two soldiers were killed when a Drovian bomber dropped a bomb .
    when = _parsed(english, [
        ("Two", 1, "nummod", "NUM", "two", "CD"), ("soldiers", 3, "nsubjpass", "NOUN", "soldier", "NNS"),
        ("were", 3, "auxpass", "AUX", "be", "VBD"), ("killed", 3, "ROOT", "VERB", "kill", "VBN"),
        ("when", 8, "advmod", "SCONJ", "when", "WRB"), ("a", 7, "det", "DET", "a", "DT"),
        ("Drovian", 7, "amod", "ADJ", "drovian", "JJ"), ("bomber", 8, "nsubj", "NOUN", "bomber", "NN"),
        ("dropped", 3, "advcl", "VERB", "drop", "VBD"), ("a", 10, "det", "DET", "a", "DT"),
        ("bomb", 8, "dobj", "NOUN", "bomb", "NN"), (".", 3, "punct", "PUNCT", ".", "."),
    ])  # fmt: skip
    assert _actors(when, [(0, 1, "CARDINAL")]) == [("Two", "kill", "Drovian bomber")]


@pytest.mark.parametrize(
    ("place", "pos", "lemma", "actor"),
    [
        ("fire", "NOUN", "fire", "fire"),
        ("Quellby", "PROPN", "Quellby", ""),
        ("village", "NOUN", "village", ""),
    ],
)
def test_a_passive_done_in_an_event_names_the_event_never_a_place(english, place, pos, lemma, actor) -> None:
    # Two people were killed in the fire / in Quellby / in the village .
    doc = _parsed(english, [
        ("Two", 1, "nummod", "NUM", "two", "CD"), ("people", 3, "nsubjpass", "NOUN", "people", "NNS"),
        ("were", 3, "auxpass", "AUX", "be", "VBD"), ("killed", 3, "ROOT", "VERB", "kill", "VBN"),
        ("in", 3, "prep", "ADP", "in", "IN"), ("the", 6, "det", "DET", "the", "DT"),
        (place, 4, "pobj", pos, lemma, "NN"), (".", 3, "punct", "PUNCT", ".", "."),
    ])  # fmt: skip
    assert _actors(doc, [(0, 1, "CARDINAL")]) == [("Two", "kill", actor)]


def test_what_befell_the_counted_names_no_doer(english) -> None:
    # Five people died .
    died = _parsed(english, [
        ("Five", 1, "nummod", "NUM", "five", "CD"), ("people", 2, "nsubj", "NOUN", "people", "NNS"),
        ("died", 2, "ROOT", "VERB", "die", "VBD"), (".", 2, "punct", "PUNCT", ".", "."),
    ])  # fmt: skip
    assert _actors(died, [(0, 1, "CARDINAL")]) == [("Five", "kill", "")]
    # Quellia recorded three deaths .  /  The quake claimed 200 lives .
    recorded = _parsed(english, [
        ("Quellia", 1, "nsubj", "PROPN", "Quellia", "NNP"), ("recorded", 1, "ROOT", "VERB", "record", "VBD"),
        ("three", 3, "nummod", "NUM", "three", "CD"), ("deaths", 1, "dobj", "NOUN", "death", "NNS"),
        (".", 1, "punct", "PUNCT", ".", "."),
    ])  # fmt: skip
    assert _actors(recorded, [(2, 3, "CARDINAL")]) == [("three", "kill", "")]
    claimed = _parsed(english, [
        ("The", 1, "det", "DET", "the", "DT"), ("quake", 2, "nsubj", "NOUN", "quake", "NN"),
        ("claimed", 2, "ROOT", "VERB", "claim", "VBD"), ("200", 4, "nummod", "NUM", "200", "CD"),
        ("lives", 2, "dobj", "NOUN", "life", "NNS"), (".", 2, "punct", "PUNCT", ".", "."),
    ])  # fmt: skip
    assert _actors(claimed, [(3, 4, "CARDINAL")]) == [("200", "kill", "quake")]


def test_a_relative_or_personal_pronoun_gives_the_noun_it_stands_for(english) -> None:
    # Gunmen who killed six villagers fled .
    relative = _parsed(english, [
        ("Gunmen", 5, "nsubj", "NOUN", "gunman", "NNS"), ("who", 2, "nsubj", "PRON", "who", "WP"),
        ("killed", 0, "relcl", "VERB", "kill", "VBD"), ("six", 4, "nummod", "NUM", "six", "CD"),
        ("villagers", 2, "dobj", "NOUN", "villager", "NNS"), ("fled", 5, "ROOT", "VERB", "flee", "VBD"),
        (".", 5, "punct", "PUNCT", ".", "."),
    ])  # fmt: skip
    assert _actors(relative, [(3, 4, "CARDINAL")]) == [("six", "kill", "Gunmen")]
    # Wardens say they detained 16 poachers .  /  They detained 16 poachers .
    said = _parsed(english, [
        ("Wardens", 1, "nsubj", "NOUN", "warden", "NNS"), ("say", 1, "ROOT", "VERB", "say", "VBP"),
        ("they", 3, "nsubj", "PRON", "they", "PRP"), ("detained", 1, "ccomp", "VERB", "detain", "VBD"),
        ("16", 5, "nummod", "NUM", "16", "CD"), ("poachers", 3, "dobj", "NOUN", "poacher", "NNS"),
        (".", 1, "punct", "PUNCT", ".", "."),
    ])  # fmt: skip
    assert _actors(said, [(4, 5, "CARDINAL")]) == [("16", "arrest", "Wardens")]
    alone = _parsed(english, [
        ("They", 1, "nsubj", "PRON", "they", "PRP"), ("detained", 1, "ROOT", "VERB", "detain", "VBD"),
        ("16", 3, "nummod", "NUM", "16", "CD"), ("poachers", 1, "dobj", "NOUN", "poacher", "NNS"),
        (".", 1, "punct", "PUNCT", ".", "."),
    ])  # fmt: skip
    assert _actors(alone, [(2, 3, "CARDINAL")]) == [("16", "arrest", "")]


def test_a_participle_clause_takes_the_subject_of_its_verb(english) -> None:
    # Raiders stormed the camp , kidnapping 12 workers .
    doc = _parsed(english, [
        ("Raiders", 1, "nsubj", "NOUN", "raider", "NNS"), ("stormed", 1, "ROOT", "VERB", "storm", "VBD"),
        ("the", 3, "det", "DET", "the", "DT"), ("camp", 1, "dobj", "NOUN", "camp", "NN"),
        (",", 1, "punct", "PUNCT", ",", ","), ("kidnapping", 1, "advcl", "VERB", "kidnap", "VBG"),
        ("12", 7, "nummod", "NUM", "12", "CD"), ("workers", 5, "dobj", "NOUN", "worker", "NNS"),
        (".", 1, "punct", "PUNCT", ".", "."),
    ])  # fmt: skip
    assert _actors(doc, [(6, 7, "CARDINAL")]) == [("12", "kidnap", "Raiders")]


def test_the_possessor_of_an_act_did_it_never_of_an_outcome(english) -> None:
    # the army 's massacre of 12 villagers  /  the town 's toll of 12
    act = _parsed(english, [
        ("the", 1, "det", "DET", "the", "DT"), ("army", 3, "poss", "NOUN", "army", "NN"),
        ("'s", 1, "case", "PART", "'s", "POS"), ("massacre", 3, "ROOT", "NOUN", "massacre", "NN"),
        ("of", 3, "prep", "ADP", "of", "IN"), ("12", 6, "nummod", "NUM", "12", "CD"),
        ("villagers", 4, "pobj", "NOUN", "villager", "NNS"),
    ], glued={1})  # fmt: skip
    assert _actors(act, [(5, 6, "CARDINAL")]) == [("12", "kill", "army")]
    outcome = _parsed(english, [
        ("the", 1, "det", "DET", "the", "DT"), ("town", 3, "poss", "NOUN", "town", "NN"),
        ("'s", 1, "case", "PART", "'s", "POS"), ("toll", 3, "ROOT", "NOUN", "toll", "NN"),
        ("of", 3, "prep", "ADP", "of", "IN"), ("12", 4, "pobj", "NUM", "12", "CD"),
    ], glued={1})  # fmt: skip
    assert _actors(outcome, [(5, 6, "CARDINAL")]) == [("12", "kill", "")]


def test_a_scale_glued_to_money_or_to_a_count_of_things_multiplies_it_but_a_length_stays(english) -> None:
    # Varn raised £3.5m for the harbour .
    money = _parsed(english, [
        ("Varn", 1, "nsubj", "PROPN", "Varn", "NNP"), ("raised", 1, "ROOT", "VERB", "raise", "VBD"),
        ("£", 4, "nmod", "SYM", "£", "$"), ("3.5", 4, "compound", "NUM", "3.5", "CD"),
        ("m", 1, "dobj", "NOUN", "m", "NN"), ("for", 1, "prep", "ADP", "for", "IN"),
        ("the", 7, "det", "DET", "the", "DT"), ("harbour", 5, "pobj", "NOUN", "harbour", "NN"),
        (".", 1, "punct", "PUNCT", ".", "."),
    ], glued={2, 3})  # fmt: skip
    assert _counts(money, [(3, 4, "MONEY")]) == [("£3.5m", 3_500_000.0, "GBP", "", "")]
    # Floods left 12.5m people homeless .
    people = _parsed(english, [
        ("Floods", 1, "nsubj", "NOUN", "flood", "NNS"), ("left", 1, "ROOT", "VERB", "leave", "VBD"),
        ("12.5", 3, "nummod", "NUM", "12.5", "CD"), ("m", 1, "dobj", "NUM", "m", "CD"),
        ("people", 1, "dobj", "NOUN", "people", "NNS"), ("homeless", 1, "oprd", "ADJ", "homeless", "JJ"),
        (".", 1, "punct", "PUNCT", ".", "."),
    ], glued={2})  # fmt: skip
    assert _counts(people, [(2, 3, "CARDINAL")]) == [("12.5m", 12_500_000.0, "", "people", "affect")]
    # Quist won the 400m race .
    length = _parsed(english, [
        ("Quist", 1, "nsubj", "PROPN", "Quist", "NNP"), ("won", 1, "ROOT", "VERB", "win", "VBD"),
        ("the", 5, "det", "DET", "the", "DT"), ("400", 4, "nummod", "NUM", "400", "CD"),
        ("m", 5, "compound", "NOUN", "m", "NN"), ("race", 1, "dobj", "NOUN", "race", "NN"),
        (".", 1, "punct", "PUNCT", ".", "."),
    ], glued={3})  # fmt: skip
    assert [(text, value) for text, value, *_ in _counts(length, [(3, 4, "CARDINAL")])] in (
        [],
        [("400", 400.0)],
    )


def test_counts_of_one_event_share_its_doer(english) -> None:
    # 24 civilians were killed and 15 injured in raids .  (the parser hangs "injured" on the 15)
    doc = _parsed(english, [
        ("24", 1, "nummod", "NUM", "24", "CD"), ("civilians", 3, "nsubjpass", "NOUN", "civilian", "NNS"),
        ("were", 3, "auxpass", "AUX", "be", "VBD"), ("killed", 3, "ROOT", "VERB", "kill", "VBN"),
        ("and", 3, "cc", "CCONJ", "and", "CC"), ("15", 3, "conj", "NUM", "15", "CD"),
        ("injured", 5, "acl", "VERB", "injure", "VBN"), ("in", 6, "prep", "ADP", "in", "IN"),
        ("raids", 7, "pobj", "NOUN", "raid", "NNS"), (".", 3, "punct", "PUNCT", ".", "."),
    ])  # fmt: skip
    assert _actors(doc, [(0, 1, "CARDINAL"), (5, 6, "CARDINAL")]) == [
        ("24", "kill", "raids"),
        ("15", "wound", "raids"),
    ]


@pytest.mark.parametrize(("word", "pos", "actor"), [("fire", "NOUN", "fire"), ("Quellby", "PROPN", "")])
def test_what_the_counted_died_in_is_named_when_it_is_an_event_never_a_place(
    english, word, pos, actor
) -> None:
    # Two girls died in the fire .  /  Two girls died in the Quellby .
    died_in = _parsed(english, [
        ("Two", 1, "nummod", "NUM", "two", "CD"), ("girls", 2, "nsubj", "NOUN", "girl", "NNS"),
        ("died", 2, "ROOT", "VERB", "die", "VBD"), ("in", 2, "prep", "ADP", "in", "IN"),
        ("the", 5, "det", "DET", "the", "DT"), (word, 3, "pobj", pos, word.lower(), "NN"),
        (".", 2, "punct", "PUNCT", ".", "."),
    ])  # fmt: skip
    assert _actors(died_in, [(0, 1, "CARDINAL")]) == [("Two", "kill", actor)]
    # Two girls died when a tree fell .
    died_when = _parsed(english, [
        ("Two", 1, "nummod", "NUM", "two", "CD"), ("girls", 2, "nsubj", "NOUN", "girl", "NNS"),
        ("died", 2, "ROOT", "VERB", "die", "VBD"), ("when", 6, "advmod", "SCONJ", "when", "WRB"),
        ("a", 5, "det", "DET", "a", "DT"), ("tree", 6, "nsubj", "NOUN", "tree", "NN"),
        ("fell", 2, "advcl", "VERB", "fall", "VBD"), (".", 2, "punct", "PUNCT", ".", "."),
    ])  # fmt: skip
    assert _actors(died_when, [(0, 1, "CARDINAL")]) == [("Two", "kill", "tree")]


def test_a_toll_names_the_event_it_was_taken_in_and_a_batch_its_of_phrase(english) -> None:
    # The death toll in the riots rose to 20 .
    toll = _parsed(english, [
        ("The", 2, "det", "DET", "the", "DT"), ("death", 2, "compound", "NOUN", "death", "NN"),
        ("toll", 6, "nsubj", "NOUN", "toll", "NN"), ("in", 2, "prep", "ADP", "in", "IN"),
        ("the", 5, "det", "DET", "the", "DT"), ("riots", 3, "pobj", "NOUN", "riot", "NNS"),
        ("rose", 6, "ROOT", "VERB", "rise", "VBD"), ("to", 6, "prep", "ADP", "to", "IN"),
        ("20", 7, "pobj", "NUM", "20", "CD"), (".", 6, "punct", "PUNCT", ".", "."),
    ])  # fmt: skip
    assert _actors(toll, [(8, 9, "CARDINAL")]) == [("20", "kill", "riots")]
    # The first night of bombings left 80 civilians dead .
    night = _parsed(english, [
        ("The", 2, "det", "DET", "the", "DT"), ("first", 2, "amod", "ADJ", "first", "JJ"),
        ("night", 5, "nsubj", "NOUN", "night", "NN"), ("of", 2, "prep", "ADP", "of", "IN"),
        ("bombings", 3, "pobj", "NOUN", "bombing", "NNS"), ("left", 5, "ROOT", "VERB", "leave", "VBD"),
        ("80", 7, "nummod", "NUM", "80", "CD"), ("civilians", 5, "dobj", "NOUN", "civilian", "NNS"),
        ("dead", 7, "amod", "ADJ", "dead", "JJ"), (".", 5, "punct", "PUNCT", ".", "."),
    ])  # fmt: skip
    assert _actors(night, [(6, 7, "CARDINAL")]) == [("80", "kill", "bombings")]


def test_a_common_noun_where_a_cut_window_begins_is_no_doer(english) -> None:
    # bombings killed 12 people .  (the window may have begun inside "after a wave of bombings")
    doc = _parsed(english, [
        ("bombings", 1, "nsubj", "NOUN", "bombing", "NNS"), ("killed", 1, "ROOT", "VERB", "kill", "VBD"),
        ("12", 3, "nummod", "NUM", "12", "CD"), ("people", 1, "dobj", "NOUN", "people", "NNS"),
        (".", 1, "punct", "PUNCT", ".", "."),
    ])  # fmt: skip
    spans = [(2, 3, "CARDINAL")]
    assert [q.actor for q in quantities(doc, spans, article_id="a", sentence=0, offset=0)] == ["bombings"]
    assert [q.actor for q in quantities(doc, spans, article_id="a", sentence=0, offset=0, cut=True)] == [""]


def test_a_scale_apart_from_its_number_is_not_taken(english) -> None:
    # Quist won the 400 m hurdles .  (the scale written apart: a length, whatever follows)
    doc = _parsed(english, [
        ("Quist", 1, "nsubj", "PROPN", "Quist", "NNP"), ("won", 1, "ROOT", "VERB", "win", "VBD"),
        ("the", 5, "det", "DET", "the", "DT"), ("400", 5, "nummod", "NUM", "400", "CD"),
        ("m", 5, "compound", "NOUN", "m", "NN"), ("hurdles", 1, "dobj", "NOUN", "hurdle", "NNS"),
        (".", 1, "punct", "PUNCT", ".", "."),
    ])  # fmt: skip
    assert [(text, value) for text, value, *_ in _counts(doc, [(3, 4, "CARDINAL")])] in ([], [("400", 400.0)])


@pytest.mark.parametrize(
    ("words", "tags", "number", "label", "expected"),
    [
        # Varn 's debt stands at 2.5bn .  ("bn" is only ever a scale)
        (["Varn", "'s", "debt", "stands", "at", "2.5", "bn", "."], ["NNP", "POS", "NN", "VBZ", "IN", "CD", "NN", "."],
         5, "CARDINAL", ("2.5bn", 2_500_000_000.0)),
        # Varn paid 3.5m for the harbour .  (money the model found, no symbol written)
        (["Varn", "paid", "3.5", "m", "for", "the", "harbour", "."], ["NNP", "VBD", "CD", "NN", "IN", "DT", "NN", "."],
         2, "MONEY", ("3.5m", 3_500_000.0)),
        # 2.5m Quellians fled .  (a plural proper noun after the scale)
        (["2.5", "m", "Quellians", "fled", "."], ["CD", "NN", "NNPS", "VBD", "."], 0, "CARDINAL",
         ("2.5m", 2_500_000.0)),
        # Varn raised £500k .
        (["Varn", "raised", "£", "500", "k", "."], ["NNP", "VBD", "$", "CD", "NN", "."], 3, "MONEY",
         ("£500k", 500_000.0)),
    ],
)  # fmt: skip
def test_a_glued_scale_is_taken_always_for_bn_and_after_money_or_before_a_plural(
    english, words, tags, number, label, expected
) -> None:
    from spacy.tokens import Doc

    spaces = [True] * len(words)
    spaces[number] = False  # the scale glued to its number
    if words[number - 1] == "£":
        spaces[number - 1] = False
    doc = Doc(english.vocab, words=words, spaces=spaces, tags=tags)
    assert [(q.text, q.value) for q in quantities(doc, [(number, number + 1, label)], article_id="a",
                                                   sentence=0, offset=0)] == [expected]  # fmt: skip


def test_a_scaled_amount_counts_only_the_plural_after_its_scale(english) -> None:
    # Varn built a £3.5m harbour .
    harbour = _parsed(english, [
        ("Varn", 1, "nsubj", "PROPN", "Varn", "NNP"), ("built", 1, "ROOT", "VERB", "build", "VBD"),
        ("a", 6, "det", "DET", "a", "DT"), ("£", 5, "nmod", "SYM", "£", "$"),
        ("3.5", 5, "compound", "NUM", "3.5", "CD"), ("m", 6, "compound", "NOUN", "m", "NN"),
        ("harbour", 1, "dobj", "NOUN", "harbour", "NN"), (".", 1, "punct", "PUNCT", ".", "."),
    ], glued={3, 4})  # fmt: skip
    assert _counts(harbour, [(4, 5, "MONEY")]) == [("£3.5m", 3_500_000.0, "GBP", "", "")]
    # Officials said 2m people fled .  (the parser hangs the scale on "said", the people on "fled")
    fled = _parsed(english, [
        ("Officials", 1, "nsubj", "NOUN", "official", "NNS"), ("said", 1, "ROOT", "VERB", "say", "VBD"),
        ("2", 3, "nummod", "NUM", "2", "CD"), ("m", 1, "dobj", "NOUN", "m", "NN"),
        ("people", 5, "nsubj", "NOUN", "people", "NNS"), ("fled", 1, "ccomp", "VERB", "flee", "VBD"),
        (".", 1, "punct", "PUNCT", ".", "."),
    ], glued={2})  # fmt: skip
    assert _counts(fled, [(2, 3, "CARDINAL")]) == [("2m", 2_000_000.0, "", "people", "escape")]


def test_a_bare_count_left_so_by_a_verb_takes_the_verb_s_subject(english) -> None:
    # The blast left 12 dead .
    bare = _parsed(english, [
        ("The", 1, "det", "DET", "the", "DT"), ("blast", 2, "nsubj", "NOUN", "blast", "NN"),
        ("left", 2, "ROOT", "VERB", "leave", "VBD"), ("12", 4, "nsubj", "NUM", "12", "CD"),
        ("dead", 2, "oprd", "ADJ", "dead", "JJ"), (".", 2, "punct", "PUNCT", ".", "."),
    ])  # fmt: skip
    assert _actors(bare, [(3, 4, "CARDINAL")]) == [("12", "kill", "blast")]
    # The blast left 12 people dead .
    people = _parsed(english, [
        ("The", 1, "det", "DET", "the", "DT"), ("blast", 2, "nsubj", "NOUN", "blast", "NN"),
        ("left", 2, "ROOT", "VERB", "leave", "VBD"), ("12", 4, "nummod", "NUM", "12", "CD"),
        ("people", 2, "dobj", "NOUN", "people", "NNS"), ("dead", 2, "oprd", "ADJ", "dead", "JJ"),
        (".", 2, "punct", "PUNCT", ".", "."),
    ])  # fmt: skip
    assert _actors(people, [(3, 4, "CARDINAL")]) == [("12", "kill", "blast")]


def test_what_took_or_caused_the_lives_or_deaths_did_it(english) -> None:
    # The war cost the lives of 200 villagers .
    lives = _parsed(english, [
        ("The", 1, "det", "DET", "the", "DT"), ("war", 2, "nsubj", "NOUN", "war", "NN"),
        ("cost", 2, "ROOT", "VERB", "cost", "VBD"), ("the", 4, "det", "DET", "the", "DT"),
        ("lives", 2, "dobj", "NOUN", "life", "NNS"), ("of", 4, "prep", "ADP", "of", "IN"),
        ("200", 7, "nummod", "NUM", "200", "CD"), ("villagers", 5, "pobj", "NOUN", "villager", "NNS"),
        (".", 2, "punct", "PUNCT", ".", "."),
    ])  # fmt: skip
    assert _actors(lives, [(6, 7, "CARDINAL")]) == [("200", "kill", "war")]
    # The quake caused 12 deaths .
    deaths = _parsed(english, [
        ("The", 1, "det", "DET", "the", "DT"), ("quake", 2, "nsubj", "NOUN", "quake", "NN"),
        ("caused", 2, "ROOT", "VERB", "cause", "VBD"), ("12", 4, "nummod", "NUM", "12", "CD"),
        ("deaths", 2, "dobj", "NOUN", "death", "NNS"), (".", 2, "punct", "PUNCT", ".", "."),
    ])  # fmt: skip
    assert _actors(deaths, [(3, 4, "CARDINAL")]) == [("12", "kill", "quake")]
    # The dead were five children .  (what the count is, not what anyone did)
    were = _parsed(english, [
        ("The", 1, "det", "DET", "the", "DT"), ("dead", 2, "nsubj", "NOUN", "dead", "NN"),
        ("were", 2, "ROOT", "AUX", "be", "VBD"), ("five", 4, "nummod", "NUM", "five", "CD"),
        ("children", 2, "attr", "NOUN", "child", "NNS"), (".", 2, "punct", "PUNCT", ".", "."),
    ])  # fmt: skip
    assert _actors(were, [(3, 4, "CARDINAL")]) == [("five", "kill", "")]


def test_a_noun_that_says_what_happened_takes_the_doer_of_its_verb_or_its_possessor(english) -> None:
    # Rebels took 200 hostages .
    took = _parsed(english, [
        ("Rebels", 1, "nsubj", "NOUN", "rebel", "NNS"), ("took", 1, "ROOT", "VERB", "take", "VBD"),
        ("200", 3, "nummod", "NUM", "200", "CD"), ("hostages", 1, "dobj", "NOUN", "hostage", "NNS"),
        (".", 1, "punct", "PUNCT", ".", "."),
    ])  # fmt: skip
    assert _actors(took, [(2, 3, "CARDINAL")]) == [("200", "kidnap", "Rebels")]
    # Protests grew after the army 's 12 arrests .
    after = _parsed(english, [
        ("Protests", 1, "nsubj", "NOUN", "protest", "NNS"), ("grew", 1, "ROOT", "VERB", "grow", "VBD"),
        ("after", 1, "prep", "ADP", "after", "IN"), ("the", 4, "det", "DET", "the", "DT"),
        ("army", 7, "poss", "NOUN", "army", "NN"), ("'s", 4, "case", "PART", "'s", "POS"),
        ("12", 7, "nummod", "NUM", "12", "CD"), ("arrests", 2, "pobj", "NOUN", "arrest", "NNS"),
        (".", 1, "punct", "PUNCT", ".", "."),
    ], glued={4})  # fmt: skip
    assert _actors(after, [(6, 7, "CARDINAL")]) == [("12", "arrest", "army")]


def test_an_object_however_hung_and_a_verb_joined_to_the_doer_s_take_its_subject(english) -> None:
    # Gunmen killed six villagers .  (the parser hangs the villagers as an adverb)
    npadvmod = _parsed(english, [
        ("Gunmen", 1, "nsubj", "NOUN", "gunman", "NNS"), ("killed", 1, "ROOT", "VERB", "kill", "VBD"),
        ("six", 3, "nummod", "NUM", "six", "CD"), ("villagers", 1, "npadvmod", "NOUN", "villager", "NNS"),
        (".", 1, "punct", "PUNCT", ".", "."),
    ])  # fmt: skip
    assert _actors(npadvmod, [(2, 3, "CARDINAL")]) == [("six", "kill", "Gunmen")]
    # Raiders stormed the camp and kidnapped 12 workers .
    conj = _parsed(english, [
        ("Raiders", 1, "nsubj", "NOUN", "raider", "NNS"), ("stormed", 1, "ROOT", "VERB", "storm", "VBD"),
        ("the", 3, "det", "DET", "the", "DT"), ("camp", 1, "dobj", "NOUN", "camp", "NN"),
        ("and", 1, "cc", "CCONJ", "and", "CC"), ("kidnapped", 1, "conj", "VERB", "kidnap", "VBD"),
        ("12", 7, "nummod", "NUM", "12", "CD"), ("workers", 5, "dobj", "NOUN", "worker", "NNS"),
        (".", 1, "punct", "PUNCT", ".", "."),
    ])  # fmt: skip
    assert _actors(conj, [(6, 7, "CARDINAL")]) == [("12", "kidnap", "Raiders")]
    # Raiders tried to kidnap 12 workers .
    xcomp = _parsed(english, [
        ("Raiders", 1, "nsubj", "NOUN", "raider", "NNS"), ("tried", 1, "ROOT", "VERB", "try", "VBD"),
        ("to", 3, "aux", "PART", "to", "TO"), ("kidnap", 1, "xcomp", "VERB", "kidnap", "VB"),
        ("12", 5, "nummod", "NUM", "12", "CD"), ("workers", 3, "dobj", "NOUN", "worker", "NNS"),
        (".", 1, "punct", "PUNCT", ".", "."),
    ])  # fmt: skip
    assert _actors(xcomp, [(4, 5, "CARDINAL")]) == [("12", "kidnap", "Raiders")]
    # A blast killing 12 people shook Quellby .
    acl = _parsed(english, [
        ("A", 1, "det", "DET", "a", "DT"), ("blast", 6, "nsubj", "NOUN", "blast", "NN"),
        ("killing", 1, "acl", "VERB", "kill", "VBG"), ("12", 4, "nummod", "NUM", "12", "CD"),
        ("people", 2, "dobj", "NOUN", "people", "NNS"), ("shook", 6, "ROOT", "VERB", "shake", "VBD"),
        ("Quellby", 6, "dobj", "PROPN", "Quellby", "NNP"), (".", 6, "punct", "PUNCT", ".", "."),
    ])  # fmt: skip
    assert _actors(acl, [(3, 4, "CARDINAL")]) == [("12", "kill", "blast")]


def test_a_subject_that_names_no_doer_of_the_count_gives_none(english) -> None:
    # That killed 12 people , Quist said .  ("that" a demonstrative, not a relative)
    that = _parsed(english, [
        ("That", 1, "nsubj", "PRON", "that", "DT"), ("killed", 6, "ccomp", "VERB", "kill", "VBD"),
        ("12", 3, "nummod", "NUM", "12", "CD"), ("people", 1, "dobj", "NOUN", "people", "NNS"),
        (",", 6, "punct", "PUNCT", ",", ","), ("Quist", 6, "nsubj", "PROPN", "Quist", "NNP"),
        ("said", 6, "ROOT", "VERB", "say", "VBD"), (".", 6, "punct", "PUNCT", ".", "."),
    ])  # fmt: skip
    assert _actors(that, [(2, 3, "CARDINAL")]) == [("12", "kill", "")]
    # 12 of the raiders killed two guards .  (the subject is the count itself)
    of_them = _parsed(english, [
        ("12", 4, "nsubj", "NUM", "12", "CD"), ("of", 0, "prep", "ADP", "of", "IN"),
        ("the", 3, "det", "DET", "the", "DT"), ("raiders", 1, "pobj", "NOUN", "raider", "NNS"),
        ("killed", 4, "ROOT", "VERB", "kill", "VBD"), ("two", 6, "nummod", "NUM", "two", "CD"),
        ("guards", 4, "dobj", "NOUN", "guard", "NNS"), (".", 4, "punct", "PUNCT", ".", "."),
    ])  # fmt: skip
    assert [actor for _, _, actor in _actors(of_them, [(0, 1, "CARDINAL")])] == [""]
    # Twelve raiders killed three guards .  (the subject is what the count counts)
    counted = _parsed(english, [
        ("Twelve", 1, "nummod", "NUM", "twelve", "CD"), ("raiders", 2, "nsubj", "NOUN", "raider", "NNS"),
        ("killed", 2, "ROOT", "VERB", "kill", "VBD"), ("three", 4, "nummod", "NUM", "three", "CD"),
        ("guards", 2, "dobj", "NOUN", "guard", "NNS"), (".", 2, "punct", "PUNCT", ".", "."),
    ])  # fmt: skip
    assert [actor for _, _, actor in _actors(counted, [(0, 1, "CARDINAL")])] == [""]
    assert _actors(counted, [(3, 4, "CARDINAL")]) == [("three", "kill", "raiders")]
    # The convoy was ambushed , killing 12 soldiers .  (the convoy suffered it)
    ambushed = _parsed(english, [
        ("The", 1, "det", "DET", "the", "DT"), ("convoy", 3, "nsubjpass", "NOUN", "convoy", "NN"),
        ("was", 3, "auxpass", "AUX", "be", "VBD"), ("ambushed", 3, "ROOT", "VERB", "ambush", "VBN"),
        (",", 3, "punct", "PUNCT", ",", ","), ("killing", 3, "advcl", "VERB", "kill", "VBG"),
        ("12", 7, "nummod", "NUM", "12", "CD"), ("soldiers", 5, "dobj", "NOUN", "soldier", "NNS"),
        (".", 3, "punct", "PUNCT", ".", "."),
    ])  # fmt: skip
    assert _actors(ambushed, [(6, 7, "CARDINAL")]) == [("12", "kill", "")]
    # 12 men who kidnapped them were caught .  (the relative names the counted: no doer of its own count)
    relative = _parsed(english, [
        ("12", 1, "nummod", "NUM", "12", "CD"), ("men", 6, "nsubjpass", "NOUN", "man", "NNS"),
        ("who", 3, "nsubj", "PRON", "who", "WP"), ("kidnapped", 1, "relcl", "VERB", "kidnap", "VBD"),
        ("them", 3, "dobj", "PRON", "they", "PRP"), ("were", 6, "auxpass", "AUX", "be", "VBD"),
        ("caught", 6, "ROOT", "VERB", "catch", "VBN"), (".", 6, "punct", "PUNCT", ".", "."),
    ])  # fmt: skip
    assert [actor for _, _, actor in _actors(relative, [(0, 1, "CARDINAL")])] == [""]


def test_a_passive_participle_or_headline_names_its_doer(english) -> None:
    # Two people killed in the fire were named .
    acl = _parsed(english, [
        ("Two", 1, "nummod", "NUM", "two", "CD"), ("people", 7, "nsubjpass", "NOUN", "people", "NNS"),
        ("killed", 1, "acl", "VERB", "kill", "VBN"), ("in", 2, "prep", "ADP", "in", "IN"),
        ("the", 5, "det", "DET", "the", "DT"), ("fire", 3, "pobj", "NOUN", "fire", "NN"),
        ("were", 7, "auxpass", "AUX", "be", "VBD"), ("named", 7, "ROOT", "VERB", "name", "VBN"),
        (".", 7, "punct", "PUNCT", ".", "."),
    ])  # fmt: skip
    assert _actors(acl, [(0, 1, "CARDINAL")]) == [("Two", "kill", "fire")]
    # Two people killed by Osk raiders were named .
    by = _parsed(english, [
        ("Two", 1, "nummod", "NUM", "two", "CD"), ("people", 7, "nsubjpass", "NOUN", "people", "NNS"),
        ("killed", 1, "acl", "VERB", "kill", "VBN"), ("by", 2, "agent", "ADP", "by", "IN"),
        ("Osk", 5, "compound", "PROPN", "Osk", "NNP"), ("raiders", 3, "pobj", "NOUN", "raider", "NNS"),
        ("were", 7, "auxpass", "AUX", "be", "VBD"), ("named", 7, "ROOT", "VERB", "name", "VBN"),
        (".", 7, "punct", "PUNCT", ".", "."),
    ])  # fmt: skip
    assert _actors(by, [(0, 1, "CARDINAL")]) == [("Two", "kill", "Osk raiders")]
    # 12 killed by Osk raiders  (a headline: no auxiliary)
    headline = _parsed(english, [
        ("12", 1, "nsubjpass", "NUM", "12", "CD"), ("killed", 1, "ROOT", "VERB", "kill", "VBN"),
        ("by", 1, "agent", "ADP", "by", "IN"), ("Osk", 4, "compound", "PROPN", "Osk", "NNP"),
        ("raiders", 2, "pobj", "NOUN", "raider", "NNS"),
    ])  # fmt: skip
    assert _actors(headline, [(0, 1, "CARDINAL")]) == [("12", "kill", "Osk raiders")]


@pytest.mark.parametrize("on_the_second", [False, True])
def test_a_passive_joined_to_another_shares_its_event_phrase(english, on_the_second) -> None:
    # Four soldiers were killed and others wounded in the attack .  ("in" on either verb)
    doc = _parsed(english, [
        ("Four", 1, "nummod", "NUM", "four", "CD"), ("soldiers", 3, "nsubjpass", "NOUN", "soldier", "NNS"),
        ("were", 3, "auxpass", "AUX", "be", "VBD"), ("killed", 3, "ROOT", "VERB", "kill", "VBN"),
        ("and", 3, "cc", "CCONJ", "and", "CC"), ("others", 6, "nsubjpass", "NOUN", "other", "NNS"),
        ("wounded", 3, "conj", "VERB", "wound", "VBN"), ("in", 6 if on_the_second else 3, "prep", "ADP", "in", "IN"),
        ("the", 9, "det", "DET", "the", "DT"), ("attack", 7, "pobj", "NOUN", "attack", "NN"),
        (".", 3, "punct", "PUNCT", ".", "."),
    ])  # fmt: skip
    assert _actors(doc, [(0, 1, "CARDINAL")]) == [("Four", "kill", "attack")]
    # Soldiers were killed and 20 wounded in the attack .
    twenty = _parsed(english, [
        ("Soldiers", 2, "nsubjpass", "NOUN", "soldier", "NNS"), ("were", 2, "auxpass", "AUX", "be", "VBD"),
        ("killed", 2, "ROOT", "VERB", "kill", "VBN"), ("and", 2, "cc", "CCONJ", "and", "CC"),
        ("20", 5, "nsubj", "NUM", "20", "CD"), ("wounded", 2, "conj", "VERB", "wound", "VBN"),
        ("in", 5 if on_the_second else 2, "prep", "ADP", "in", "IN"), ("the", 8, "det", "DET", "the", "DT"),
        ("attack", 6, "pobj", "NOUN", "attack", "NN"), (".", 2, "punct", "PUNCT", ".", "."),
    ])  # fmt: skip
    assert _actors(twenty, [(4, 5, "CARDINAL")]) == [("20", "wound", "attack")]


def test_an_act_s_doer_is_its_by_phrase_or_a_named_possessor_never_a_pronoun_nor_of_a_death(english) -> None:
    # the massacre of 12 villagers by Osk raiders
    by = _parsed(english, [
        ("the", 1, "det", "DET", "the", "DT"), ("massacre", 1, "ROOT", "NOUN", "massacre", "NN"),
        ("of", 1, "prep", "ADP", "of", "IN"), ("12", 4, "nummod", "NUM", "12", "CD"),
        ("villagers", 2, "pobj", "NOUN", "villager", "NNS"), ("by", 1, "prep", "ADP", "by", "IN"),
        ("Osk", 7, "compound", "PROPN", "Osk", "NNP"), ("raiders", 5, "pobj", "NOUN", "raider", "NNS"),
    ])  # fmt: skip
    assert _actors(by, [(3, 4, "CARDINAL")]) == [("12", "kill", "Osk raiders")]
    # Varn condemned their massacre of 12 villagers .
    their = _parsed(english, [
        ("Varn", 1, "nsubj", "PROPN", "Varn", "NNP"), ("condemned", 1, "ROOT", "VERB", "condemn", "VBD"),
        ("their", 3, "poss", "PRON", "their", "PRP$"), ("massacre", 1, "dobj", "NOUN", "massacre", "NN"),
        ("of", 3, "prep", "ADP", "of", "IN"), ("12", 6, "nummod", "NUM", "12", "CD"),
        ("villagers", 4, "pobj", "NOUN", "villager", "NNS"), (".", 1, "punct", "PUNCT", ".", "."),
    ])  # fmt: skip
    assert _actors(their, [(5, 6, "CARDINAL")]) == [("12", "kill", "")]
    # the deaths of 12 prisoners by hanging  (a death names how, not who)
    deaths = _parsed(english, [
        ("the", 1, "det", "DET", "the", "DT"), ("deaths", 1, "ROOT", "NOUN", "death", "NNS"),
        ("of", 1, "prep", "ADP", "of", "IN"), ("12", 4, "nummod", "NUM", "12", "CD"),
        ("prisoners", 2, "pobj", "NOUN", "prisoner", "NNS"), ("by", 1, "prep", "ADP", "by", "IN"),
        ("hanging", 5, "pobj", "NOUN", "hanging", "NN"),
    ])  # fmt: skip
    assert _actors(deaths, [(3, 4, "CARDINAL")]) == [("12", "kill", "")]


def test_a_cause_is_a_noun_subject_of_when_or_an_event_in_or_during(english) -> None:
    # Two guards were wounded during the raid .
    during = _parsed(english, [
        ("Two", 1, "nummod", "NUM", "two", "CD"), ("guards", 3, "nsubjpass", "NOUN", "guard", "NNS"),
        ("were", 3, "auxpass", "AUX", "be", "VBD"), ("wounded", 3, "ROOT", "VERB", "wound", "VBN"),
        ("during", 3, "prep", "ADP", "during", "IN"), ("the", 6, "det", "DET", "the", "DT"),
        ("raid", 4, "pobj", "NOUN", "raid", "NN"), (".", 3, "punct", "PUNCT", ".", "."),
    ])  # fmt: skip
    assert _actors(during, [(0, 1, "CARDINAL")]) == [("Two", "wound", "raid")]
    # Two guards were killed when they opened fire .  (a pronoun: who "they" are the clause does not say)
    they = _parsed(english, [
        ("Two", 1, "nummod", "NUM", "two", "CD"), ("guards", 3, "nsubjpass", "NOUN", "guard", "NNS"),
        ("were", 3, "auxpass", "AUX", "be", "VBD"), ("killed", 3, "ROOT", "VERB", "kill", "VBN"),
        ("when", 6, "advmod", "SCONJ", "when", "WRB"), ("they", 6, "nsubj", "PRON", "they", "PRP"),
        ("opened", 3, "advcl", "VERB", "open", "VBD"), ("fire", 6, "dobj", "NOUN", "fire", "NN"),
        (".", 3, "punct", "PUNCT", ".", "."),
    ])  # fmt: skip
    assert _actors(they, [(0, 1, "CARDINAL")]) == [("Two", "kill", "")]
    # Two guards were killed although medics arrived .  (a clause of another kind names no cause)
    although = _parsed(english, [
        ("Two", 1, "nummod", "NUM", "two", "CD"), ("guards", 3, "nsubjpass", "NOUN", "guard", "NNS"),
        ("were", 3, "auxpass", "AUX", "be", "VBD"), ("killed", 3, "ROOT", "VERB", "kill", "VBN"),
        ("although", 6, "mark", "SCONJ", "although", "IN"), ("medics", 6, "nsubj", "NOUN", "medic", "NNS"),
        ("arrived", 3, "advcl", "VERB", "arrive", "VBD"), (".", 3, "punct", "PUNCT", ".", "."),
    ])  # fmt: skip
    assert _actors(although, [(0, 1, "CARDINAL")]) == [("Two", "kill", "")]
    # Two divers died in Strike , a village .  (a place named like an event is a place)
    named = _parsed(english, [
        ("Two", 1, "nummod", "NUM", "two", "CD"), ("divers", 2, "nsubj", "NOUN", "diver", "NNS"),
        ("died", 2, "ROOT", "VERB", "die", "VBD"), ("in", 2, "prep", "ADP", "in", "IN"),
        ("Strike", 3, "pobj", "PROPN", "Strike", "NNP"), (",", 4, "punct", "PUNCT", ",", ","),
        ("a", 7, "det", "DET", "a", "DT"), ("village", 4, "appos", "NOUN", "village", "NN"),
        (".", 2, "punct", "PUNCT", ".", "."),
    ])  # fmt: skip
    assert _actors(named, [(0, 1, "CARDINAL")]) == [("Two", "kill", "")]
    # Quellia recorded three deaths in the floods .  (a death noun's own event phrase)
    recorded = _parsed(english, [
        ("Quellia", 1, "nsubj", "PROPN", "Quellia", "NNP"), ("recorded", 1, "ROOT", "VERB", "record", "VBD"),
        ("three", 3, "nummod", "NUM", "three", "CD"), ("deaths", 1, "dobj", "NOUN", "death", "NNS"),
        ("in", 3, "prep", "ADP", "in", "IN"), ("the", 6, "det", "DET", "the", "DT"),
        ("floods", 4, "pobj", "NOUN", "flood", "NNS"), (".", 1, "punct", "PUNCT", ".", "."),
    ])  # fmt: skip
    assert _actors(recorded, [(2, 3, "CARDINAL")]) == [("three", "kill", "floods")]
    # an exchange of gunfire in which two sailors were injured
    in_which = _parsed(english, [
        ("an", 1, "det", "DET", "an", "DT"), ("exchange", 1, "ROOT", "NOUN", "exchange", "NN"),
        ("of", 1, "prep", "ADP", "of", "IN"), ("gunfire", 2, "pobj", "NOUN", "gunfire", "NN"),
        ("in", 9, "prep", "ADP", "in", "IN"), ("which", 4, "pobj", "PRON", "which", "WDT"),
        ("two", 7, "nummod", "NUM", "two", "CD"), ("sailors", 9, "nsubjpass", "NOUN", "sailor", "NNS"),
        ("were", 9, "auxpass", "AUX", "be", "VBD"), ("injured", 1, "relcl", "VERB", "injure", "VBN"),
    ])  # fmt: skip
    assert _actors(in_which, [(6, 7, "CARDINAL")]) == [("two", "wound", "exchange")]


def test_they_is_the_speaker_only_of_a_reported_clause_and_only_a_noun_one(english) -> None:
    # Varn police arrested the men because they kidnapped 12 tourists .
    because = _parsed(english, [
        ("Varn", 1, "compound", "PROPN", "Varn", "NNP"), ("police", 2, "nsubj", "NOUN", "police", "NNS"),
        ("arrested", 2, "ROOT", "VERB", "arrest", "VBD"), ("the", 4, "det", "DET", "the", "DT"),
        ("men", 2, "dobj", "NOUN", "man", "NNS"), ("because", 7, "mark", "SCONJ", "because", "IN"),
        ("they", 7, "nsubj", "PRON", "they", "PRP"), ("kidnapped", 2, "advcl", "VERB", "kidnap", "VBD"),
        ("12", 9, "nummod", "NUM", "12", "CD"), ("tourists", 7, "dobj", "NOUN", "tourist", "NNS"),
        (".", 2, "punct", "PUNCT", ".", "."),
    ])  # fmt: skip
    assert _actors(because, [(8, 9, "CARDINAL")]) == [("12", "kidnap", "")]
    # He says they detained 16 poachers .
    he = _parsed(english, [
        ("He", 1, "nsubj", "PRON", "he", "PRP"), ("says", 1, "ROOT", "VERB", "say", "VBZ"),
        ("they", 3, "nsubj", "PRON", "they", "PRP"), ("detained", 1, "ccomp", "VERB", "detain", "VBD"),
        ("16", 5, "nummod", "NUM", "16", "CD"), ("poachers", 3, "dobj", "NOUN", "poacher", "NNS"),
        (".", 1, "punct", "PUNCT", ".", "."),
    ])  # fmt: skip
    assert _actors(he, [(4, 5, "CARDINAL")]) == [("16", "arrest", "")]


def _police_arrested_12_men(english, first_words):
    """ "<first words> police arrested 12 men .", the first words rows as :func:`_parsed` takes them."""
    n = len(first_words)
    return _parsed(english, [
        *first_words, ("police", n + 1, "nsubj", "NOUN", "police", "NNS"),
        ("arrested", n + 1, "ROOT", "VERB", "arrest", "VBD"), ("12", n + 3, "nummod", "NUM", "12", "CD"),
        ("men", n + 1, "dobj", "NOUN", "man", "NNS"), (".", n + 1, "punct", "PUNCT", ".", "."),
    ])  # fmt: skip


@pytest.mark.parametrize(
    ("first_words", "actor"),
    [
        # the Varn police  (the parser hung "the" on "Varn")
        ([("the", 1, "det", "DET", "the", "DT"), ("Varn", 2, "compound", "PROPN", "Varn", "NNP")], "Varn police"),
        # its police
        ([("its", 1, "poss", "PRON", "its", "PRP$")], "police"),
        # heavily armed police
        ([("heavily", 1, "advmod", "ADV", "heavily", "RB"), ("armed", 2, "amod", "ADJ", "armed", "JJ")],
         "heavily armed police"),
        # Armed , masked police  (a modifier apart from the noun stays out)
        ([("Armed", 3, "amod", "ADJ", "armed", "JJ"), (",", 3, "punct", "PUNCT", ",", ","),
          ("masked", 3, "amod", "ADJ", "masked", "JJ")], "masked police"),
    ],
)  # fmt: skip
def test_an_actor_is_written_with_its_adjacent_modifiers_without_a_determiner(
    english, first_words, actor
) -> None:
    doc = _police_arrested_12_men(english, first_words)
    number = len(first_words) + 2
    assert _actors(doc, [(number, number + 1, "CARDINAL")]) == [("12", "arrest", actor)]


def test_an_actor_in_a_name_the_model_found_is_the_name(english) -> None:
    from spacy.tokens import Span

    # The Army of Quell arrested 16 poachers .
    doc = _parsed(english, [
        ("The", 1, "det", "DET", "the", "DT"), ("Army", 4, "nsubj", "PROPN", "Army", "NNP"),
        ("of", 1, "prep", "ADP", "of", "IN"), ("Quell", 2, "pobj", "PROPN", "Quell", "NNP"),
        ("arrested", 4, "ROOT", "VERB", "arrest", "VBD"), ("16", 6, "nummod", "NUM", "16", "CD"),
        ("poachers", 4, "dobj", "NOUN", "poacher", "NNS"), (".", 4, "punct", "PUNCT", ".", "."),
    ])  # fmt: skip
    doc.ents = [Span(doc, 0, 4, label="ORG")]
    assert _actors(doc, [(5, 6, "CARDINAL")]) == [("16", "arrest", "Army of Quell")]


def test_a_share_of_a_thing_names_no_doer_either(english) -> None:
    # Osk raiders captured half of the Quellby airport .
    doc = _parsed(english, [
        ("Osk", 1, "compound", "PROPN", "Osk", "NNP"), ("raiders", 2, "nsubj", "NOUN", "raider", "NNS"),
        ("captured", 2, "ROOT", "VERB", "capture", "VBD"), ("half", 2, "dobj", "NUM", "half", "CD"),
        ("of", 3, "prep", "ADP", "of", "IN"), ("the", 7, "det", "DET", "the", "DT"),
        ("Quellby", 7, "compound", "PROPN", "Quellby", "NNP"), ("airport", 4, "pobj", "NOUN", "airport", "NN"),
        (".", 2, "punct", "PUNCT", ".", "."),
    ])  # fmt: skip
    assert _actors(doc, [(3, 4, "CARDINAL")]) == [("half", "", "")]


def test_a_batch_of_a_pronoun_stays_the_batch(english) -> None:
    # A wave of them killed 12 people .
    doc = _parsed(english, [
        ("A", 1, "det", "DET", "a", "DT"), ("wave", 4, "nsubj", "NOUN", "wave", "NN"),
        ("of", 1, "prep", "ADP", "of", "IN"), ("them", 2, "pobj", "PRON", "they", "PRP"),
        ("killed", 4, "ROOT", "VERB", "kill", "VBD"), ("12", 6, "nummod", "NUM", "12", "CD"),
        ("people", 4, "dobj", "NOUN", "people", "NNS"), (".", 4, "punct", "PUNCT", ".", "."),
    ])  # fmt: skip
    assert _actors(doc, [(5, 6, "CARDINAL")]) == [("12", "kill", "wave")]


def test_a_cut_window_drops_a_phrase_it_may_have_cut_but_keeps_a_name(english) -> None:
    from spacy.tokens import Span

    def actors(doc, spans):
        return [q.actor for q in quantities(doc, spans, article_id="a", sentence=0, offset=0, cut=True)]

    # wave of bombings killed 12 people .  (the window began inside "after a wave of bombings")
    wave = _parsed(english, [
        ("wave", 3, "nsubj", "NOUN", "wave", "NN"), ("of", 0, "prep", "ADP", "of", "IN"),
        ("bombings", 1, "pobj", "NOUN", "bombing", "NNS"), ("killed", 3, "ROOT", "VERB", "kill", "VBD"),
        ("12", 5, "nummod", "NUM", "12", "CD"), ("people", 3, "dobj", "NOUN", "people", "NNS"),
        (".", 3, "punct", "PUNCT", ".", "."),
    ])  # fmt: skip
    assert actors(wave, [(4, 5, "CARDINAL")]) == [""]
    # Varn police arrested 12 men .  (a name at the window's start is the name still)
    named = _police_arrested_12_men(english, [("Varn", 1, "compound", "PROPN", "Varn", "NNP")])
    named.ents = [Span(named, 0, 2, label="ORG")]
    assert actors(named, [(3, 4, "CARDINAL")]) == ["Varn police"]


def test_only_counts_of_one_event_share_a_doer(english) -> None:
    # Osk raiders killed 12 villagers ; officials said five people died .
    doc = _parsed(english, [
        ("Osk", 1, "compound", "PROPN", "Osk", "NNP"), ("raiders", 2, "nsubj", "NOUN", "raider", "NNS"),
        ("killed", 2, "ROOT", "VERB", "kill", "VBD"), ("12", 4, "nummod", "NUM", "12", "CD"),
        ("villagers", 2, "dobj", "NOUN", "villager", "NNS"), (";", 2, "punct", "PUNCT", ";", ":"),
        ("officials", 7, "nsubj", "NOUN", "official", "NNS"), ("said", 2, "conj", "VERB", "say", "VBD"),
        ("five", 9, "nummod", "NUM", "five", "CD"), ("people", 10, "nsubj", "NOUN", "people", "NNS"),
        ("died", 7, "ccomp", "VERB", "die", "VBD"), (".", 2, "punct", "PUNCT", ".", "."),
    ])  # fmt: skip
    assert _actors(doc, [(3, 4, "CARDINAL"), (8, 9, "CARDINAL")]) == [
        ("12", "kill", "Osk raiders"),
        ("five", "kill", ""),
    ]


def test_a_part_counted_in_a_whole_shares_the_whole_s_doer(english) -> None:
    # 21 people including 14 children were killed when a storm struck .
    doc = _parsed(english, [
        ("21", 1, "nummod", "NUM", "21", "CD"), ("people", 6, "nsubjpass", "NOUN", "people", "NNS"),
        ("including", 1, "prep", "VERB", "include", "VBG"), ("14", 4, "nummod", "NUM", "14", "CD"),
        ("children", 2, "pobj", "NOUN", "child", "NNS"), ("were", 6, "auxpass", "AUX", "be", "VBD"),
        ("killed", 6, "ROOT", "VERB", "kill", "VBN"), ("when", 10, "advmod", "SCONJ", "when", "WRB"),
        ("a", 9, "det", "DET", "a", "DT"), ("storm", 10, "nsubj", "NOUN", "storm", "NN"),
        ("struck", 6, "advcl", "VERB", "strike", "VBD"), (".", 6, "punct", "PUNCT", ".", "."),
    ])  # fmt: skip
    assert _actors(doc, [(0, 1, "CARDINAL"), (3, 4, "CARDINAL")]) == [
        ("21", "kill", "storm"),
        ("14", "kill", "storm"),
    ]


def test_counted_doers_in_a_coordinated_subject_did_it_and_name_no_other_doer(english) -> None:
    # Five soldiers and 12 police killed three gunmen .
    doc = _parsed(english, [
        ("Five", 1, "nummod", "NUM", "five", "CD"), ("soldiers", 5, "nsubj", "NOUN", "soldier", "NNS"),
        ("and", 1, "cc", "CCONJ", "and", "CC"), ("12", 4, "nummod", "NUM", "12", "CD"),
        ("police", 1, "conj", "NOUN", "police", "NNS"), ("killed", 5, "ROOT", "VERB", "kill", "VBD"),
        ("three", 7, "nummod", "NUM", "three", "CD"), ("gunmen", 5, "dobj", "NOUN", "gunman", "NNS"),
        (".", 5, "punct", "PUNCT", ".", "."),
    ])  # fmt: skip
    assert _actors(doc, [(0, 1, "CARDINAL"), (3, 4, "CARDINAL"), (6, 7, "CARDINAL")]) == [
        ("Five", "", ""),
        ("12", "", ""),
        ("three", "kill", "soldiers"),
    ]


def test_the_labels_of_a_lists_items_are_not_counts(english) -> None:
    # Quist 's dishes are : 4 ) Varnish pie , 5 ) Tarn stew ( 12 bowls ) .
    words = ["Quist", "'s", "dishes", "are", ":", "4", ")", "Varnish", "pie", ",", "5", ")", "Tarn", "stew",
             "(", "12", "bowls", ")", "."]  # fmt: skip
    doc = _doc(
        english,
        words=words,
        heads=[2, 0, 3, 3, 3, 8, 5, 8, 3, 8, 13, 10, 13, 8, 13, 16, 13, 13, 3],
        deps=[
            "poss",
            "case",
            "nsubj",
            "ROOT",
            "punct",
            "nummod",
            "punct",
            "compound",
            "attr",
            "punct",
            "nummod",
            "punct",
            "compound",
            "conj",
            "punct",
            "nummod",
            "appos",
            "punct",
            "punct",
        ],  # fmt: skip
        pos=[
            "PROPN",
            "PART",
            "NOUN",
            "AUX",
            "PUNCT",
            "NUM",
            "PUNCT",
            "PROPN",
            "NOUN",
            "PUNCT",
            "NUM",
            "PUNCT",
            "PROPN",
            "NOUN",
            "PUNCT",
            "NUM",
            "NOUN",
            "PUNCT",
            "PUNCT",
        ],  # fmt: skip
        tags=[
            "NNP",
            "POS",
            "NNS",
            "VBP",
            ":",
            "CD",
            "-RRB-",
            "NNP",
            "NN",
            ",",
            "CD",
            "-RRB-",
            "NNP",
            "NN",
            "-LRB-",
            "CD",
            "NNS",
            "-RRB-",
            ".",
        ],  # fmt: skip
        lemmas=[w.lower() if w != "bowls" else "bowl" for w in words],
        ents=["O"] * 5 + ["B-CARDINAL"] + ["O"] * 4 + ["B-CARDINAL"] + ["O"] * 4 + ["B-CARDINAL"] + ["O"] * 3,
    )
    spans = [(5, 6, "CARDINAL"), (10, 11, "CARDINAL"), (15, 16, "CARDINAL")]
    found = quantities(doc, spans, article_id="a", sentence=0, offset=0)
    assert [(q.value, q.object) for q in found] == [(12.0, "bowls")]


def test_a_label_follows_a_lists_separator_or_opens_its_sentence_and_no_bracket_holds_it(english) -> None:
    from spacy.tokens import Doc

    from pipeline.extract.quantities import _an_item_label

    def labels(text: str) -> list[str]:
        words = text.split()
        doc = Doc(english.vocab, words=words, sent_starts=[i == 0 for i in range(len(words))])
        return [t.text for t in doc if t.like_num and _an_item_label(doc, doc[t.i : t.i + 1])]

    assert labels("Dishes : 1 ) pie , 2 ) stew and 3 ) tart") == ["1", "2", "3"]
    assert labels("1 ) hire 20 wardens , 2 ) build 3 shelters") == ["1", "2"]
    assert labels("rank them ( 1 ) roads , ( 2 ) schools") == ["1", "2"]
    assert labels("The toll rose to 12 ) officials said") == []  # a typo's bracket, no list
    assert labels("( the Varn Tribune ( since renamed ) put it at 31 )") == []
    assert labels("( Quist put the [ dead ] miners : 12 )") == []  # the bracket is open: it ends there
    assert labels("Quist ( 45 ) said") == []
