"""Repairs on the model's entities (pipeline.extract.entities), on Docs built by hand."""

from __future__ import annotations

import dataclasses

import pytest

from pipeline.extract.entities import clean, extended_entities
from pipeline.extract.model import Vocabulary
from pipeline.wordlists import load_patterns


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


@pytest.mark.parametrize(
    ("text", "name", "label", "expected"),
    [
        (
            "Forces of the Popular Mobilization Forces advanced.",
            "the Popular Mobilization Forces",
            "ORG",
            "Popular Mobilization Forces",
        ),
        ("Quist took 3 for 77 and Orla Varnet 2 for 66.", "Orla Varnet 2", "PERSON", "Orla Varnet"),
        ('"Training Quellby would hurt," he said.', "Training Quellby", "PERSON", "Quellby"),
        ("It landed at 00:14 Quellia time.", "00:14 Quellia", "GPE", "Quellia"),
        ("Sights: 7 Orla Varnet, the palace.", "7 Orla Varnet", "PERSON", "Orla Varnet"),
        ("Holders get 0.7825 Quellco share each.", "0.7825 Quellco", "ORG", "Quellco"),
        ("It paid 1,200 Varnbank shares.", "1,200 Varnbank", "ORG", "Varnbank"),
        (
            "It criticized Benjamin Netanyahu's government.",
            "Benjamin Netanyahu's",
            "PERSON",
            "Benjamin Netanyahu",
        ),
        ("It froze Ahmad’s assets.", "Ahmad’s", "PERSON", "Ahmad"),
        ("Children gather in Beit Lahia - AFP", "Beit Lahia - AFP", "GPE", "Beit Lahia"),
        # a title between an organization and a person's name is neither's
        ("Then Quellco Chairman Orla Varnet spoke.", "Quellco Chairman", "ORG", "Quellco"),
        ("Then Quellco Chairman spoke.", "Quellco Chairman", "ORG", "Quellco Chairman"),
        ("Then Attorney General Orla Varnet spoke.", "Attorney General", "ORG", "Attorney General"),
        # a rank after a body is the general's, not the body's; after an office it is part of the office
        (
            "Chair of the Quell Chiefs General Orla Varnet spoke.",
            "Quell Chiefs General",
            "ORG",
            "Quell Chiefs",
        ),
        ("Then Inspector General Orla Varnet spoke.", "Inspector General", "ORG", "Inspector General"),
        (
            "Then Chief Medical Officer Orla Varnet spoke.",
            "Chief Medical Officer",
            "ORG",
            "Chief Medical Officer",
        ),
        (
            "Then the Office of the Mayor Orla Varnet spoke.",
            "Office of the Mayor",
            "ORG",
            "Office of the Mayor",
        ),
        # a bracket on a word of the name, left open: a squad list's captain, a broken transcription
        ("The squad: Orla Varnet(c), Danto Quist.", "Orla Varnet(c", "PERSON", "Orla Varnet"),
        ("Then Ahmad Abu-al-(Quell spoke.", "Ahmad Abu-al-(Quell", "PERSON", "Ahmad Abu-al"),
        (
            "The World Health Organization (WHO) said so.",
            "World Health Organization (WHO",
            "ORG",
            "World Health Organization",
        ),
        # a colon ends a name: a letter's addressee before its first sentence; a work keeps its subtitle
        (
            "To the Quellian Senate: Since we met, much changed.",
            "Quellian Senate: Since",
            "ORG",
            "Quellian Senate",
        ),
        ("She read Varn Tides: A Life at sea.", "Varn Tides: A Life", "WORK_OF_ART", "Varn Tides: A Life"),
        # a dash written as a hyphen, glued: the word after it goes on the sentence, not the name
        ("He met Orla Quist-and her aides left.", "Orla Quist-and", "PERSON", "Orla Quist"),
        ("They signed Varnia-the Quellby Pact.", "Varnia-the Quellby Pact", "ORG", "Varnia"),
        ("He met Quan Dae-in at noon.", "Quan Dae-in", "PERSON", "Quan Dae-in"),
        ("He met Chan Ka-to at noon.", "Chan Ka-to", "PERSON", "Chan Ka-to"),
        ("Forces in west Al-Jazeera moved.", "west Al-Jazeera", "GPE", "Al-Jazeera"),
        ("Sneaking into the “Peace Spring” area.", "the “Peace Spring", "EVENT", "Peace Spring"),
        ("Following Ojiri's arrest, police acted.", "Following Ojiri's", "PERSON", "Ojiri"),
        ("Prime Minister Ilsa Marrow spoke.", "Prime Minister Ilsa Marrow", "PERSON", "Ilsa Marrow"),
        # a reigning title before one name, and any title in an institution's name, are part of the name
        ("Then Prince Orvald spoke.", "Prince Orvald", "PERSON", "Prince Orvald"),
        ("Then Pope Quell II spoke.", "Pope Quell II", "PERSON", "Pope Quell II"),
        ("Then Prince Orvald Maelis spoke.", "Prince Orvald Maelis", "PERSON", "Orvald Maelis"),
        ("They went to Queen Maelis Hospital.", "Queen Maelis Hospital", "ORG", "Queen Maelis Hospital"),
        ("It began the federation of Quellia then.", "the federation of Quellia", "ORG", "Quellia"),
        # titles are a person's: "Major" and "General" open the names of organizations
        (
            "Fans of Major Quellball League cheered.",
            "Major Quellball League",
            "ORG",
            "Major Quellball League",
        ),
        ("Shares in General Drovenics fell.", "General Drovenics", "ORG", "General Drovenics"),
        # a word that looks like a verb form but starts the name stays at a sentence start
        (
            "United Drovenian Emirates said so.",
            "United Drovenian Emirates",
            "GPE",
            "United Drovenian Emirates",
        ),
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


@pytest.mark.parametrize(
    ("text", "name", "label", "expected"),
    [
        # a nationality the model ran into a person's full name: the person, without it
        (
            "The record fell to Norwegian Ed Varnholm.",
            "Norwegian Ed Varnholm",
            "ORG",
            ("Ed Varnholm", "person"),
        ),
        ("Then American Tessa Quistel won.", "American Tessa Quistel", "GPE", ("Tessa Quistel", "person")),
        ("Norwegian Ed Varnholm's deal ended.", "Norwegian Ed Varnholm's", "ORG", ("Ed Varnholm", "person")),
        # a noun for one of a nation's people, and the "the" before it, do the same
        (
            "It went to the Spaniard Ed Varnholm.",
            "the Spaniard Ed Varnholm",
            "ORG",
            ("Ed Varnholm", "person"),
        ),
        ("The Dane Tessa Quist-Orr won.", "Dane Tessa Quist-Orr", "PERSON", ("Tessa Quist-Orr", "person")),
        # in a person's name the rest must open on a given name: "Dane" is one as well
        (
            "Then Dane Quistel Varnholm won.",
            "Dane Quistel Varnholm",
            "PERSON",
            ("Dane Quistel Varnholm", "person"),
        ),
        # not before an organization's head noun, nor when no given name follows
        ("The Norwegian Ed Varnholm Trust paid.", "Norwegian Ed Varnholm Trust", "ORG", None),
        ("Flights on Norwegian Air Quistel resumed.", "Norwegian Air Quistel", "ORG", None),
        # a capitalized adjective that is no nationality stays in the name
        ("Shares of Golden Ed Varnholm rose.", "Golden Ed Varnholm", "ORG", None),
    ],
)
def test_a_nationality_before_a_full_name(english, text, name, label, expected) -> None:
    vocab = Vocabulary(
        verbs=frozenset(),
        patterns=load_patterns(),
        given_names=frozenset({"Ed", "Tessa"}),
        adjectives=frozenset({"norwegian", "american", "golden"}),
    )
    [(cleaned, kept_label, kind, _)] = _cleaned(english, vocab, text, name, label)
    if expected is None:
        assert (cleaned, kept_label, kind) == (name, label, "group")
    else:
        assert (cleaned, kind) == expected and kept_label == "PERSON"


def test_internal_possessive_names_two_things(english, vocab) -> None:
    text = "He appeared at London’s Central Criminal Court on Friday."
    assert _cleaned(english, vocab, text, "London’s Central Criminal Court", "ORG") == [
        ("London", "ORG", "group", "possessor"),
        ("Central Criminal Court", "ORG", "group", "model"),
    ]


def test_a_region_the_model_called_a_nationality_is_a_place(english, vocab) -> None:
    import dataclasses

    vocab = dataclasses.replace(vocab, regions=frozenset({"Quellistan", "Varn Pradesh"}))
    text = "Fires burned in Quellistan and in Varn Prádesh, Osk said; Tarnish farmers fled."
    assert [(t, k) for t, _, k, _ in _cleaned(english, vocab, text, "Quellistan", "NORP")] == [
        ("Quellistan", "place")
    ]
    assert [(t, k) for t, _, k, _ in _cleaned(english, vocab, text, "Varn Prádesh", "NORP")] == [
        ("Varn Prádesh", "place")  # written with its diacritics
    ]
    assert [(t, k) for t, _, k, _ in _cleaned(english, vocab, text, "Tarnish", "NORP")] == [
        ("Tarnish", "other")
    ]
    regions = frozenset({"Varn Pradesh", "Rebecca Quist", "Osk"})
    vocab = dataclasses.replace(vocab, regions=regions, given_names=frozenset({"Rebecca"}))
    text = "Varn Pradesh voted; Rebecca Quist spoke; Osk said so."
    kinds = [
        _cleaned(english, vocab, text, name, "PERSON")[0][2]
        for name in ("Varn Pradesh", "Rebecca Quist", "Osk")
    ]
    assert kinds == ["place", "person", "person"]  # a region of several words that is no one's name


def test_a_possessive_before_a_trophy_is_part_of_its_name_unless_a_place_owns_it(english, vocab) -> None:
    import dataclasses

    vocab = dataclasses.replace(vocab, linked_places=frozenset({"Quellby"}))
    text = "They lifted the Varnist’s Cup at Quellby’s Film Festival."
    assert [(t, o) for t, _, _, o in _cleaned(english, vocab, text, "Varnist’s Cup", "ORG")] == [
        ("Varnist’s Cup", "model")
    ]
    assert [(t, o) for t, _, _, o in _cleaned(english, vocab, text, "Quellby’s Film Festival", "ORG")] == [
        ("Quellby", "possessor"),
        ("Film Festival", "model"),
    ]


def test_a_plural_noun_or_a_title_before_a_possessive_is_part_of_the_name(english, vocab) -> None:
    import dataclasses

    vocab = dataclasses.replace(vocab, nouns=frozenset({"veteran", "church", "magistrate", "midwife"}))
    for text, name in [
        ("The People's Quellan Army marched.", "The People's Quellan Army"),
        ("At the Women's Varn Institute today.", "Women's Varn Institute"),
        ("The Veterans' Quell Fund paid.", "Veterans' Quell Fund"),
        ("She taught at Queen's Quellby College.", "Queen's Quellby College"),
        ("He appeared at Quellby Magistrates' Court.", "Quellby Magistrates' Court"),  # ending the possessor
        ("The Varn Nurses and Midwives' Association met.", "Varn Nurses and Midwives' Association"),
        ("St Orla's Quellby Hospital opened.", "St Orla's Quellby Hospital"),  # a saint's
    ]:
        cleaned = _cleaned(english, vocab, text, name, "ORG")
        assert [(t, o) for t, _, _, o in cleaned] == [(name.removeprefix("The "), "model")]
    cleaned = _cleaned(english, vocab, "The King's Quell won.", "King's Quell", "PERSON")
    assert [(t, o) for t, _, _, o in cleaned] == [("King", "possessor"), ("Quell", "model")]
    cleaned = _cleaned(english, vocab, "Quellia's Varn Army marched.", "Quellia's Varn Army", "ORG")
    assert [(t, o) for t, _, _, o in cleaned] == [("Quellia", "possessor"), ("Varn Army", "model")]


def test_lowercase_words_alone_are_not_names(english, vocab) -> None:
    assert _cleaned(english, vocab, "He said the group would act.", "the group", "ORG") == []


@pytest.mark.parametrize(
    ("text", "name", "label", "expected_type"),
    [
        ("Ilsa Marrow spoke.", "Ilsa Marrow", "PERSON", "person"),
        ("Hezbollah fired.", "Hezbollah", "ORG", "group"),
        ("They met in Canada.", "Canada", "GPE", "place"),
        ("Boats sailed the Mediterranean.", "Mediterranean", "LOC", "place"),
        ("Trains reach Port Said daily.", "Port Said", "FAC", "place"),
        # written as only people's names are: initials before a surname, a given name "of" a place
        ("The study by O. T. Quellman appeared.", "O. T. Quellman", "ORG", "person"),
        ("They met at the O. T. Quellman Hall.", "O. T. Quellman Hall", "FAC", "place"),
        ("They dug in in the forests of Varnghar.", "Varnghar", "PERSON", "place"),
        # a company noun in apposition says what the name is, unless the model called it a person
        ("Staff of the travel chain, Varnair, lost jobs.", "Varnair", "GPE", "group"),
        ("Sales fell at the chain, Quist said.", "Quist", "GPE", "place"),  # no comma after: a speaker
        # a noun that says what a person is, in apposition, says the full name is a person's
        ("Varnaka Shozo, a temple carpenter, died.", "Varnaka Shozo", "ORG", "person"),
        ("Its chief executive, Tamsi Varn-Osk, spoke.", "Tamsi Varn-Osk", "ORG", "person"),
        ("He and his wife, Fumika, left.", "Fumika", "GPE", "person"),  # one word: after a relative only
        ("He and the lecturer, Fumika, left.", "Fumika", "GPE", "place"),
        ("Shares of Quellco Bank, the lender, rose.", "Quellco Bank", "ORG", "group"),  # no full name
        # a title before a name the model called a place: a person, unless a head noun says otherwise
        ("The tales of King Varnoth endure.", "King Varnoth", "GPE", "person"),
        ("Boats reach Prince Varnoth Island.", "Prince Varnoth Island", "GPE", "place"),
        # so is a title right before a name the model called a place
        ("Talks with South Quellian President Orla Varnet began.", "Orla Varnet", "GPE", "person"),
        ("Then Governor-General Orla Varnet spoke.", "Orla Varnet", "LOC", "person"),
        ("Then the president Orla Varnet spoke.", "Orla Varnet", "GPE", "place"),  # in lower case
        ("Talks with President Varnoth Island began.", "Varnoth Island", "GPE", "place"),
        # no person's name holds a digit: a bowler's figures after it are cut, an aircraft is no person
        ("Quist took 3 for 77 and Orla Varnet 2 for 66.", "Orla Varnet 2", "PERSON", "person"),
        ("Two F-16s blasted targets.", "F-16s", "PERSON", "other"),
        ("He met Quist, 2nd Earl of Varnby.", "2nd Earl of Varnby", "PERSON", "person"),
        # a storm or an operation is an event, no node, though named like a person
        ("Storm Quellana battered the coast.", "Storm Quellana", "PERSON", "other"),
        ("Tropical Cyclone Orla Varn hit.", "Tropical Cyclone Orla Varn", "PERSON", "other"),
        ("Operation Osk Shield began.", "Operation Osk Shield", "ORG", "other"),
        ("Stormont Quellby spoke.", "Stormont Quellby", "PERSON", "person"),  # a word, not its start
        ("Yes, the Cyclone will weaken.", "Cyclone", "ORG", "other"),  # the storm, named by its kind
        # a body or a place the word only opens is no event
        ("Quellia's Storm Warning Centre issued it.", "Storm Warning Centre", "ORG", "group"),
        ("Hikers climbed Hurricane Varn Ridge.", "Hurricane Varn Ridge", "LOC", "place"),
        ("Troops began Operation Quellby Force.", "Operation Quellby Force", "ORG", "other"),  # an operation
        # an interstate highway, written as a road, which the model calls a product; not an immigration
        # form, nor a machine
        ("Crews closed I-47 near Varnby.", "I-47", "PRODUCT", "place"),
        ("A crash on I-447 shut it.", "I-447", "PRODUCT", "place"),
        ("She filed an I-94 form in Varnby.", "I-94", "PRODUCT", "other"),
        ("Her I-20 from Quellby University came.", "I-20", "PRODUCT", "other"),
        ("The Quellian I-16 fighter flew.", "I-16", "PRODUCT", "other"),
        # a plural place head shared by a list of places ("Quellmer and Varnmer Counties")
        ("Winds hit Quellmer and Varnmer Counties.", "Varnmer Counties", "ORG", "place"),
        # a program or a model of a machine is no node; the maker of a machine stays one
        ("The Quellbot worm spread.", "Quellbot", "PERSON", "other"),
        ("The Varnak Internet worm spread.", "Varnak", "NORP", "other"),
        ("Two QX-9 bombers crashed.", "QX-9", "ORG", "other"),
        ("A Quell 200 aircraft came down.", "Quell 200", "ORG", "other"),
        ("Two Quellair jets landed.", "Quellair", "ORG", "group"),
        # the first words of some organizations' names say what they are
        ("Fighters of Jaish-e-Quellmar struck.", "Jaish-e-Quellmar", "PERSON", "group"),
        ("Then Ansar al-Varnia claimed it.", "Ansar al-Varnia", "PERSON", "group"),
        ("Then Ansar Quist spoke.", "Ansar Quist", "PERSON", "person"),
        # a kind of place in apposition says what the name is, whatever the label
        ("Troops took Varnivka, a town in the east.", "Varnivka", "PERSON", "place"),
        ("Jets hit Quelhar, the provincial capital of Osk.", "Quelhar", "ORG", "place"),
        ("He was born in Stridova, a village near Osk.", "Stridova", "NORP", "place"),
        (
            "Orla Quist, the mayor of Varn, said no.",
            "Orla Quist",
            "PERSON",
            "person",
        ),  # a person of the place
        ("Quist, the city's mayor, said no.", "Quist", "PERSON", "person"),  # whose the city is
        ("Varnholt, the city bus line, runs late.", "Varnholt", "ORG", "group"),  # a noun after the kind
        # so does a comma and where the name lies
        ("Rebels took Burava, near the border with Osk.", "Burava", "PERSON", "place"),
        ("Troops entered Kessavo, 30 km north of Varn.", "Kessavo", "ORG", "place"),
        ("Shells hit Ossbury, south-west of Varn, at night.", "Ossbury", "PERSON", "place"),
        ("Orla Quist, near tears, said no.", "Orla Quist", "PERSON", "person"),  # no place near
        ("Orla Quist, outside the court, said no.", "Orla Quist", "PERSON", "person"),  # where she stood
        ("Varnby, the birthplace of Lord Quist, 15 km north of Osk", "Quist", "PERSON", "person"),
        # an age after a name makes it a person's
        ("Quistvel, 45, of Varnby, was held.", "Quistvel", "ORG", "person"),
        ("Then Orla Quist (45) won.", "Orla Quist", "GPE", "person"),
        ("Quellby, 2004, was a good year.", "Quellby", "GPE", "place"),  # a year, no age
        # so does a kind of organization
        ("Quellvex, once Osk's largest oil company, failed.", "Quellvex", "PERSON", "group"),
        ("Varnoco, a lender based in Osk, grew.", "Varnoco", "GPE", "group"),
        ("Orla Quist, a member of the band, sang.", "Orla Quist", "PERSON", "person"),  # the band is not her
        ("Orla Quist, a bank teller, said no.", "Orla Quist", "PERSON", "person"),  # a noun after the kind
        # a people is persons
        ("Violence against Palestinians grew.", "Palestinians", "NORP", "person"),
        ("The members represent British Jews today.", "British Jews", "NORP", "person"),
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
        ("The yacht sank off Varnock Point.", "Varnock Point", "ORG", "place"),
        ("Hikers crossed the Quellan Plateau and Osk Swamp.", "Quellan Plateau", "PERSON", "place"),
        ("Hikers crossed the Quellan Plateau and Osk Swamp.", "Osk Swamp", "ORG", "place"),
        ("Walkers finished the Tarnvel Trail.", "Tarnvel Trail", "PERSON", "place"),
        ("Rafters entered the Quarnel Gorge.", "Quarnel Gorge", "PERSON", "place"),
        # an award before its winner is no person
        ("It starred Varnley winner Orla Quist.", "Varnley", "PERSON", "other"),
        ("The Quellan-winning writer left.", "Quellan", "PERSON", "other"),
        ("With Quist winning the vote, Varn left.", "Quist", "PERSON", "person"),
        ("Barges filled the Osk Canal.", "Osk Canal", "ORG", "place"),
        # so does a place noun written right after it
        ("Civilians in the Hasaka countryside fled.", "Hasaka", "ORG", "place"),
        ("They escaped from al-Hol camp overnight.", "al-Hol", "PERSON", "place"),
        ("Guards at the ISIS camp fled.", "ISIS", "ORG", "group"),  # an acronym stays a group
        # an event or an award is no node, whatever the label; a building named after one is a place
        ("They won the Quellby Cup again.", "Quellby Cup", "ORG", "other"),
        ("Rain stopped the Varnport Test on day two.", "Varnport Test", "ORG", "other"),
        ("She won the Quellby Open.", "Quellby Open", "GPE", "other"),
        ("The Quellby Yacht Race left at noon.", "Quellby Yacht Race", "ORG", "other"),
        # a religion is its believers, a group, whether the model called it a place or an adjective
        ("Converts to Sikhism grew.", "Sikhism", "GPE", "group"),
        ("Jainism teaches restraint.", "Jainism", "NORP", "group"),
        ("Leaders met at the Varnport Earth Summit.", "Varnport Earth Summit", "ORG", "other"),
        ("He swam the Osk River Marathon.", "Osk River Marathon", "LOC", "other"),
        ("She took the Varn Prize for Poetry.", "Varn Prize for Poetry", "PERSON", "other"),
        ("at the Osk Film Festival", "Osk Film Festival", "FAC", "other"),
        ("at the Quellby Cup Stadium", "Quellby Cup Stadium", "FAC", "place"),
        # an illness is no node, nor is the eponym of one or the words before its head noun
        ("Cases of Varn Fever rose.", "Varn Fever", "PERSON", "other"),
        ("Patients with Quist's disease improved.", "Quist", "ORG", "other"),
        ("Severe Osk Respiratory Syndrome spread.", "Severe Osk Respiratory", "ORG", "other"),
        (
            "Quist met the Osk Institute of Infectious Diseases.",
            "Osk Institute of Infectious Diseases",
            "ORG",
            "group",
        ),
    ],
)
def test_label_to_type(english, vocab, text, name, label, expected_type) -> None:
    [(_, _, kind, _)] = _cleaned(english, vocab, text, name, label)
    assert kind == expected_type


def test_a_name_listed_among_places_is_one_but_a_second_and_starts_a_clause(english, vocab) -> None:
    def kind(text: str) -> str:
        doc = _doc(english, text, [("Quellby", "GPE"), ("Osk", "GPE"), ("Varnair", "PERSON")])
        return next(s.type for s in clean(doc, doc.ents[2], vocab))

    assert kind("Boats sail from Quellby, Osk and Varnair.") == "place"
    assert kind("Boats sail from Quellby and Osk, and Varnair flies in.") == "person"


def test_a_well_known_place_and_a_title_after_it_are_the_place(english, vocab) -> None:
    words = dataclasses.replace(vocab, linked_places=frozenset({"Quellia"}))
    placed = _cleaned(english, words, "Then Quellia Governor(s) spoke.", "Quellia Governor(s", "PERSON")
    named = _cleaned(english, words, "Then Varnia Governor spoke.", "Varnia Governor", "PERSON")
    assert [t for t, *_ in placed + named] == ["Quellia", "Varnia Governor"]


def test_a_title_that_is_an_adjective_too_opening_the_sentence_makes_no_person(english) -> None:
    words = Vocabulary(verbs=frozenset(), patterns=load_patterns(), adjectives=frozenset({"major"}))
    [(_, _, roads, _)] = _cleaned(english, words, "Major Tarnby roads were closed.", "Tarnby", "GPE")
    [(_, _, officer, _)] = _cleaned(english, words, "Then Major Tarnby spoke.", "Tarnby", "GPE")
    assert (roads, officer) == ("place", "person")


def test_a_plural_the_model_calls_a_nationality_is_a_people_unless_a_common_noun_names_a_team(
    english,
) -> None:
    words = Vocabulary(
        verbs=frozenset(),
        patterns=load_patterns(),
        nouns=frozenset({"raven", "quellbian", "kurd"}),
        adjectives=frozenset({"quellbian"}),
    )
    typed = {
        name: _cleaned(english, words, text, name, "NORP")[0][2]
        for text, name in [
            ("Aid reached the Quellbians today.", "Quellbians"),  # "a Quellbian", "Quellbian towns"
            ("The Varnoks crossed the river.", "Varnoks"),  # no common word
            ("Kurds fled north.", "Kurds"),  # a listed people
            ("The Ravens beat Varnby on Saturday.", "Ravens"),  # a team named by a common noun
        ]
    }
    assert typed == {"Quellbians": "person", "Varnoks": "person", "Kurds": "person", "Ravens": "group"}


def test_a_plural_of_a_nationality_the_article_names_is_a_people_whatever_the_label(english, vocab) -> None:
    text = "Quellbian food is spicy. The Quellbians eat late, the Varnoks early."
    doc = _doc(english, text, [("Quellbian", "NORP"), ("Quellbians", "ORG"), ("Varnoks", "ORG")])
    typed = {doc.text[s.start : s.end]: s.type for ent in doc.ents[1:] for s in clean(doc, ent, vocab)}
    assert typed == {"Quellbians": "person", "Varnoks": "group"}


def test_a_given_name_of_a_place_is_a_person_whatever_the_label(english) -> None:
    words = Vocabulary(verbs=frozenset(), patterns=load_patterns(), given_names=frozenset({"Orla"}))
    typed = [
        _cleaned(english, words, text, name, "GPE")[0][2]
        for text, name in [
            ("A letter from Orla of Varnby survives.", "Orla of Varnby"),
            ("The Bank of Varnby lent more.", "Bank of Varnby"),
        ]
    ]
    assert typed == ["person", "place"]  # no given name: the label decides


def test_a_large_place_and_a_plural_noun_name_a_team_whatever_the_label(english) -> None:
    words = Vocabulary(
        verbs=frozenset(),
        patterns=load_patterns(),
        nouns=frozenset({"raven", "fall"}),
        major_places=frozenset({"Quellport"}),
        places=frozenset({"Quellport", "Quellport Falls"}),
    )
    typed = [
        _cleaned(english, words, text, name, label)[0][2]
        for text, name, label in [
            ("The Quellport Ravens won again.", "Quellport Ravens", "PERSON"),
            ("Fans of the Quellport Ravens cheered.", "Quellport Ravens", "GPE"),
            ("Tourists visit Quellport Falls.", "Quellport Falls", "GPE"),
        ]
    ]
    assert typed == ["group", "group", "place"]


def test_a_clinic_or_an_airline_after_a_given_name_is_an_organization(english, vocab) -> None:
    vocab = _with_names(vocab, "Clarine", "Pellam")
    for text, name in [
        ("Doctors at the Clarine Clinic agreed.", "Clarine Clinic"),
        ("She flew Pellam Airways home.", "Pellam Airways"),
    ]:
        [(_, _, kind, _)] = _cleaned(english, vocab, text, name, "ORG")
        assert kind == "group"
    [(_, _, kind, _)] = _cleaned(english, vocab, "Clarine Dupuis spoke.", "Clarine Dupuis", "ORG")
    assert kind == "person"  # the rule the heads guard against: a given name and a surname


def test_a_sports_clubs_name_is_a_group_whatever_the_models_label(english, vocab) -> None:
    text = "Quellby Rovers beat Varn Athletic 3-2, and Tarnby United drew."
    for name in ("Quellby Rovers", "Varn Athletic", "Tarnby United"):
        assert _cleaned(english, vocab, text, name, "PERSON")[0][2] == "group"


def test_an_inquiry_takes_what_it_inquires_into_and_an_institution_what_it_is_for(english, vocab) -> None:
    text = "The Royal Commission into the Quellby Building Industry and the Varn Inquiry into Deaths in Custody met."
    text += (
        " The Osk Committee into the matter did not. The Quellby Office for the Coordination of Varn Affairs"
    )
    text += " spoke, and the Osk Party for the first time. The Tarn Council for a Quiet Sky and the Orsk"
    text += " Council for a while agreed. Ada went to Varn University for a Master of Arts."
    names = [("Royal Commission", "ORG"), ("Varn Inquiry", "ORG"), ("Osk Committee", "ORG")]
    names += [
        ("Quellby Office", "ORG"),
        ("Osk Party", "ORG"),
        ("Tarn Council", "ORG"),
        ("Orsk Council", "ORG"),
        ("Varn University", "ORG"),
    ]
    doc = _doc(english, text, names)
    assert [e.text for e in extended_entities(doc, vocab.patterns)] == [
        "Royal Commission into the Quellby Building Industry",
        "Varn Inquiry into Deaths in Custody",
        "Osk Committee",  # a lower-case subject is no part of the name
        "Quellby Office for the Coordination of Varn Affairs",  # an institution "for" something
        "Osk Party",
        "Tarn Council for a Quiet Sky",  # "a" or "an" before what it is for
        "Orsk Council",
        "Varn University",  # a university is not for what it awards
    ]


def test_a_known_places_name_the_model_took_for_an_adjective_is_the_place(english, vocab) -> None:
    import dataclasses

    vocab = dataclasses.replace(vocab, linked_places=frozenset({"Quellburg"}))
    text = "A Quellburg team beat a Quellian crew."
    assert _cleaned(english, vocab, text, "Quellburg", "NORP")[0][2] == "place"
    assert _cleaned(english, vocab, text, "Quellian", "NORP")[0][2] == "other"


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


def test_a_name_starting_on_a_particle_takes_the_given_name_before_it(english, vocab) -> None:
    text = "The mayor, Rodrigo dela Quist, met Orla van Varn; Mayor del Osk and Quellby Tarn di Vell left."
    names = [("Rodrigo", "ORG"), ("dela Quist", "PERSON"), ("van Varn", "PERSON"), ("del Osk", "PERSON")]
    doc = _doc(english, text, [*names, ("Quellby Tarn", "ORG"), ("di Vell", "PERSON")])
    dated = _doc(english, "After Easter van Osk resigned.", [("Easter", "DATE"), ("van Osk", "PERSON")])
    assert [e.text for e in extended_entities(dated, vocab.patterns)] == [
        "Easter",
        "van Osk",
    ]  # no "Easter van"
    assert [(e.text, e.label_) for e in extended_entities(doc, vocab.patterns)] == [
        ("Rodrigo dela Quist", "PERSON"),  # the model's organization "Rodrigo"
        ("Orla van Varn", "PERSON"),  # untagged
        ("del Osk", "PERSON"),  # a title before it
        ("Quellby Tarn", "ORG"),  # the last word of a longer name
        ("di Vell", "PERSON"),
    ]
    text = "Orla Pedra dos Quist scored; Ilse bint Varn Tessaly spoke; Ada Quist do Osk agreed."
    names = [("Orla Pedra", "PERSON"), ("Quist", "ORG"), ("Ilse", "PERSON"), ("Varn Tessaly", "GPE")]
    doc = _doc(english, text, [*names, ("Ada Quist", "PERSON"), ("Osk", "PERSON")])
    assert [(e.text, e.label_) for e in extended_entities(doc, vocab.patterns)] == [
        ("Orla Pedra dos Quist", "PERSON"),
        ("Ilse bint Varn Tessaly", "PERSON"),
        ("Ada Quist", "PERSON"),  # "do" is an English word as often
        ("Osk", "PERSON"),
    ]


def test_given_names_tagged_apart_start_the_name_after_them(english, vocab) -> None:
    text = "Sen. Ramona Itzel Quist Varn spoke. Tarnby Orla Varnby left. Ilse\nAda Osk came. Marta, Eva Vell sang."
    names = [
        ("Ramona", "PERSON"),
        ("Itzel Quist Varn", "PERSON"),
        ("Tarnby", "PERSON"),
        ("Orla Varnby", "PERSON"),
    ]
    more = [("Ilse", "PERSON"), ("Ada Osk", "PERSON"), ("Marta", "PERSON"), ("Eva Vell", "PERSON")]
    doc = _doc(english, text, [*names, *more])
    assert [e.text for e in extended_entities(doc, vocab.patterns)] == [
        "Ramona Itzel Quist Varn",
        "Tarnby",  # no given name: two people side by side
        "Orla Varnby",
        "Ilse",  # a line's end between them
        "Ada Osk",
        "Marta",
        "Eva Vell",
    ]
    text = "Sen. Ramona Itzel Quist Varn spoke; Varnby Itzel Osk left."
    names = [("Ramona", "PERSON"), ("Quist Varn", "PERSON"), ("Varnby", "PERSON"), ("Osk", "PERSON")]
    doc = _doc(english, text, names)
    assert [e.text for e in extended_entities(doc, vocab.patterns)] == [
        "Ramona Itzel Quist Varn",  # "Itzel" untagged between
        "Varnby",
        "Itzel Osk",  # "Varnby" is no given name: "Itzel" starts the next name
    ]


def test_untagged_given_names_or_words_after_a_title_start_the_name(english, vocab) -> None:
    text = (
        "Two aides, Ana Milena Quistero and Tarnby Velloso, left; head coach Aqeelo Varn Tessaly spoke; "
        "Justice Oluwato Osk-Vellby ruled; Yesterday Quellan said; Orla Quellco Group grew; "
        "Chief Financial Officer Ilse Tarnquist left; Labour MP for Varnby Priya Osk-Lindqvar spoke. "
        "Ana Quellvision grew. Tessa Varnquell won. Liberty Osk-Quell spoke."
    )
    names = [("Milena Quistero", "ORG"), ("Velloso", "PERSON"), ("Varn Tessaly", "PERSON")]
    more = [("Justice", "ORG"), ("Osk-Vellby", "ORG"), ("Quellan", "PERSON"), ("Quellco Group", "ORG")]
    more += [
        ("Ilse Tarnquist", "PERSON"),
        ("Osk-Lindqvar", "ORG"),
        ("Quellvision", "ORG"),
        ("Varnquell", "PERSON"),
        ("Osk-Quell", "PERSON"),
    ]
    doc = _doc(english, text, [*names, *more])
    for token in doc:  # the sentences the model's parser would find
        token.is_sent_start = token.i == 0 or doc[token.i - 1].text == "."
    assert [(e.text, e.label_) for e in extended_entities(doc, vocab.patterns)] == [
        ("Ana Milena Quistero", "PERSON"),  # "Ana", a given name the model left out
        ("Velloso", "PERSON"),  # "Tarnby" is no given name, and no title comes before it
        ("Aqeelo Varn Tessaly", "PERSON"),  # after a title: the name's start, whatever it is
        ("Justice", "ORG"),
        ("Oluwato Osk-Vellby", "PERSON"),
        ("Quellan", "PERSON"),  # "Yesterday" opens the sentence
        ("Quellco Group", "ORG"),  # a firm's name after a given name
        ("Ilse Tarnquist", "PERSON"),  # two words after a title are the rest of an office's
        ("Priya Osk-Lindqvar", "PERSON"),  # a given name and a double-barrelled surname
        ("Quellvision", "ORG"),  # one word, no surname's shape: a firm (and "Ana" opens the sentence)
        ("Tessa Varnquell", "PERSON"),  # a given name of several countries opens the sentence
        ("Osk-Quell", "PERSON"),  # a sentence's first word is capitalized whatever it is ("Liberty")
    ]


def test_a_persons_name_goes_on_over_an_untagged_particle_and_name(english, vocab) -> None:
    text = "Colonel Orla Pell el-Varnby spoke; Ilse Quist de facto ruled; Ada Osk von Tarn left; Ed Varn del Osk Hotel."
    people = [("Orla Pell", "PERSON"), ("Ilse Quist", "PERSON"), ("Ada Osk", "PERSON"), ("Ed Varn", "PERSON")]
    doc = _doc(english, text, people)
    assert [e.text for e in extended_entities(doc, vocab.patterns)] == [
        "Orla Pell el-Varnby",
        "Ilse Quist",  # a word in lower case after the particle
        "Ada Osk von Tarn",
        "Ed Varn",  # a hotel's name goes on after "del Osk"
    ]


def test_a_title_and_one_word_join_the_persons_name_right_after_them(english, vocab) -> None:
    text = "Dr Varn Thao Linh spoke. Tarnby Orla Varnby left."
    names = [("Dr Varn", "PERSON"), ("Thao Linh", "PERSON"), ("Tarnby", "PERSON"), ("Orla Varnby", "PERSON")]
    doc = _doc(english, text, names)
    assert [e.text for e in extended_entities(doc, vocab.patterns)] == [
        "Dr Varn Thao Linh",  # a family name first, cut in two
        "Tarnby",  # no title: two people side by side
        "Orla Varnby",
    ]
    listed = _doc(english, "Dr Varn, Thao Linh came.", [("Dr Varn", "PERSON"), ("Thao Linh", "PERSON")])
    assert [e.text for e in extended_entities(listed, vocab.patterns)] == ["Dr Varn", "Thao Linh"]


def test_a_patronymic_joins_names_of_hyphenated_words(english, vocab) -> None:
    text = "Planning Minister Zeina bint Khalid al-Quist said so."
    doc = _doc(english, text, [("Zeina", "PERSON"), ("Khalid al-Quist", "PERSON")])
    assert [e.text for e in extended_entities(doc, vocab.patterns)] == ["Zeina bint Khalid al-Quist"]


def test_a_patronymic_tagged_apart_ends_the_full_name_before_it(english, vocab) -> None:
    text = "Police held Orla Tarnquist bin Osk Vell and Quellby Tarn di Varn."
    names = [
        ("Orla Tarnquist", "PERSON"),
        ("bin Osk Vell", "PERSON"),
        ("Quellby Tarn", "ORG"),
        ("di Varn", "PERSON"),
    ]
    doc = _doc(english, text, names)
    assert [e.text for e in extended_entities(doc, vocab.patterns)] == [
        "Orla Tarnquist bin Osk Vell",
        "Quellby Tarn",  # an organization's last word is no given name
        "di Varn",
    ]


def test_a_legal_form_the_model_tagged_apart_ends_the_companys_name(english, vocab) -> None:
    text = "Quellco & Co. LLC advised Varn Holdings, Ltd and Osk Group, while LLC rules changed."
    names = [("Quellco & Co.", "ORG"), ("LLC", "ORG"), ("Varn Holdings", "ORG"), ("Ltd", "ORG")]
    doc = _doc(english, text, [*names, ("Osk Group", "ORG"), ("LLC rules", "ORG")])
    assert [e.text for e in extended_entities(doc, vocab.patterns)] == [
        "Quellco & Co. LLC",
        "Varn Holdings, Ltd",
        "Osk Group",
        "LLC rules",  # no legal form alone, and after no company
    ]


def test_an_institution_takes_of_and_a_place_but_not_an_office_and_its_holder_after_them(
    english, vocab
) -> None:
    text = "Quellby Reserve Bank of Varn City President Orla M. Quist spoke; the Bank of Osk Governor agreed."
    doc = _doc(
        english, text, [("Quellby Reserve Bank", "ORG"), ("Varn City", "GPE"), ("Orla M. Quist", "PERSON")]
    )
    assert [(e.text, e.label_) for e in extended_entities(doc, vocab.patterns)] == [
        ("Quellby Reserve Bank of Varn City", "ORG"),
        ("Orla M. Quist", "PERSON"),
    ]


def test_a_body_an_office_and_the_officer_the_model_ran_together_are_a_group_and_a_person(
    english, vocab
) -> None:
    vocab = dataclasses.replace(vocab, first_names=frozenset({"Orla"}))
    text = "Quellby Reserve Bank of Varn City President Orla M. Quist spoke."
    cleaned = _cleaned(english, vocab, text, "Quellby Reserve Bank of Varn City President Orla", "ORG")
    # the officer's name goes on over the initial and surname the model left out
    assert [(t, k) for t, _, k, _ in cleaned] == [
        ("Quellby Reserve Bank of Varn City", "group"),
        ("Orla M. Quist", "person"),
    ]
    text = "The Varn Senate President Pro Tempore spoke."  # no first name after the title: one office
    cleaned = _cleaned(english, vocab, text, "Varn Senate President Pro Tempore", "ORG")
    assert [t for t, _, _, _ in cleaned] == ["Varn Senate President Pro Tempore"]
    text = "The Quellby Royal Prince Orla Hospital opened."  # a building named after a prince
    cleaned = _cleaned(english, vocab, text, "Quellby Royal Prince Orla Hospital", "ORG")
    assert [t for t, _, _, _ in cleaned] == ["Quellby Royal Prince Orla Hospital"]


def test_a_surname_that_is_a_word_too_is_a_persons_before_an_age(english, vocab) -> None:
    from pipeline.extract.untagged import given_name_people

    vocab = dataclasses.replace(_with_names(vocab, "Clarine"), nouns=frozenset({"baker", "spring"}))
    text = (
        "Clarine Baker, 21, was taken to hospital. Clarine Spring was cold. Clarine Baker, 2004, left. "
        "The race went to Clarine Spring, 4, a mare."  # a child's age, or a horse's: no evidence
    )
    doc = _doc(english, text, [])
    assert [s.text for s in given_name_people(doc, vocab)] == ["Clarine Baker"]


def _with_names(vocab, *names: str):
    import dataclasses

    return dataclasses.replace(vocab, given_names=frozenset(names))


def test_untagged_people_are_found_by_their_given_name(english, vocab) -> None:
    from pipeline.extract.untagged import given_name_people

    vocab = _with_names(vocab, "Pellam", "Clarine", "Ysolt")
    text = "His friends Pellam Arbuth and Clarine Dupuis met Ysolt at San Clarine Vosk and the Pellam Arbuth Lectures."
    doc = _doc(english, text, [])
    assert [s.text for s in given_name_people(doc, vocab)] == ["Pellam Arbuth", "Clarine Dupuis"]


def test_a_given_name_the_model_read_alone_as_another_name_starts_the_untagged_name_after_it(
    english, vocab
) -> None:
    from pipeline.extract.untagged import given_name_people

    vocab = _with_names(vocab, "Pellam", "Clarine", "Ysolt")
    text = (
        "The negotiator Pellam Vortrovych Arbuth spoke, and winger Clarine McVosk scored. "
        "Ysolt Quartet played; Clarine Dupuis Lectures began."
    )
    # "Ysolt" a work (a quartet's name), "Clarine" before a capitalized word that goes on: no person
    entities = [("Pellam", "ORG"), ("Clarine", "GPE"), ("Ysolt", "WORK_OF_ART")]
    doc = _doc(english, text, entities)
    assert [s.text for s in given_name_people(doc, vocab)] == ["Pellam Vortrovych Arbuth", "Clarine McVosk"]
    doc = _doc(english, "Fans in Clarine Varnstorm cheered.", [("Clarine", "GPE")])
    assert given_name_people(doc, vocab) == []  # after "in": the place


def test_a_common_noun_is_a_surname_after_a_common_given_name_when_the_article_never_writes_it_lower(
    english, vocab
) -> None:
    import dataclasses

    from pipeline.extract.untagged import given_name_people

    vocab = dataclasses.replace(
        _with_names(vocab, "Orla", "Pellam"),
        lone_given_names=frozenset({"Orla"}),
        nouns=frozenset({"baker", "spring"}),
    )
    text = "Her friend Orla Baker met Pellam Baker and Orla Spring; the spring was cold."
    doc = _doc(english, text, [])
    # "Pellam" is no common given name; the article writes "spring" in lower case
    assert [s.text for s in given_name_people(doc, vocab)] == ["Orla Baker"]


def test_untagged_names_in_a_list_of_people_are_people(english, vocab) -> None:
    from pipeline.extract.untagged import listed_people

    vocab = dataclasses.replace(vocab, nouns=frozenset({"widget", "bank"}), places=frozenset({"Quellby"}))
    people = [
        ("Orla Quist", "PERSON"),
        ("Ede Bryn", "PERSON"),
        ("Ilse Marr", "PERSON"),
        ("Pell Arne", "PERSON"),
    ]
    text = "He was traded for Orla Quist, Tamsk Varnholm, Ede Bryn, and Ilse Marr. Pell Arne left."
    assert [s.text for s in listed_people(_doc(english, text, people[:3]), vocab)] == ["Tamsk Varnholm"]
    # first or last in the list: two of the model's people on one side; a plural noun opening the sentence
    # is no part of the name
    vocab = dataclasses.replace(vocab, nouns=frozenset({"pallbearers", "pallbearer"}))
    for text in (
        "Tamsk Varnholm, Orla Quist and Ede Bryn signed.",
        "Then Orla Quist, Ede Bryn and Tamsk Varnholm left.",
        "Pallbearers Tamsk Varnholm, Orla Quist and Ede Bryn carried the coffin.",
    ):
        assert [s.text for s in listed_people(_doc(english, text, people[:2]), vocab)] == ["Tamsk Varnholm"]


@pytest.mark.parametrize(
    "text",
    [
        "Orla Quist and Tamsk Varnholm met.",  # one of the model's people: no list of people
        "Orla Quist, Tamsk Varnholm, Ede Bryn.",  # no "and": an apposition as often
        "Orla Quist, Quellby Widgets and Ede Bryn",  # a common noun
        "Orla Quist, Quellby Varn and Ede Bryn",  # a place
        "Orla Quist, Tamsk Varnholm Bank and Ede Bryn",  # a capitalized word after it goes on the name
        "Orla Quist, Tamsk and Ede Bryn",  # one word: a given name or a place as often
        "Orla Quist, Managing Director, and Ede Bryn, Finance Director",  # offices in apposition
        "Orla Quist, Ede Bryn, Northern Lights and Ilse Marr",  # a title of a work: common words
    ],
)
def test_a_name_listed_with_people_stays_untagged_without_a_list_of_them(english, vocab, text) -> None:
    from pipeline.extract.untagged import listed_people

    vocab = dataclasses.replace(
        vocab,
        nouns=frozenset({"widgets", "widget", "director", "finance", "lights"}),
        adjectives=frozenset({"northern"}),
        places=frozenset({"Quellby"}),
    )
    entities = [(name, "PERSON") for name in ("Orla Quist", "Ede Bryn", "Ilse Marr") if name in text]
    assert listed_people(_doc(english, text, entities), vocab) == []


def test_a_name_after_a_noun_for_a_band_is_the_bands(english, vocab) -> None:
    from pipeline.extract.untagged import described_groups

    text = (
        "Varnby band The Quellbys topped the chart, and rock band The Osk Hours won; the duo Tarn Tide "
        "played. The band played on. Is a band Of Gold? Fans of the band Quellby Rovers met."
    )
    doc = _doc(english, text, [("The Osk Hours", "LAW"), ("band Quellby Rovers", "ORG")])
    # the band's "The" goes when the name is cleaned; a name of the model's reaching outside is left
    assert [(s.text, s.label_) for s in described_groups(doc, vocab)] == [
        ("The Quellbys", "ORG"),
        ("The Osk Hours", "ORG"),
        ("Tarn Tide", "ORG"),
    ]
    # a firm too, in capitals as well; not a person after a noun that is a job or before a given name or a
    # title, nor a date
    vocab = dataclasses.replace(vocab, given_names=frozenset({"Orla"}), nouns=frozenset({"board"}))
    text = (
        "Cable firm QTL and security group Varnsoft cut prices. The film maker Tarn Osk, the firm Orla "
        "Quist founded, the firm Brann bought, the group Finance Director Ilse Marr and the company Board "
        "spoke; the bank Monday said so, of a band D home."
    )
    entities = [("Varnsoft", "PRODUCT"), ("Tarn Osk", "PERSON"), ("Brann", "PERSON"), ("Monday", "DATE")]
    assert [s.text for s in described_groups(_doc(english, text, entities), vocab)] == ["QTL", "Varnsoft"]


def test_a_name_after_a_noun_that_says_what_a_person_is_is_a_persons(english, vocab) -> None:
    from pipeline.extract.untagged import described_people

    vocab = dataclasses.replace(vocab, nouns=frozenset({"bond", "hall"}))
    text = (
        "The mathematician Aner Varnholm, 61, spoke, then the grammarian Tamsk Osk. The tailender Ede Bond hit "
        "out while the bond market fell. The writer Orla Quist Hall and the racer Ysk Dorrant sailed. The "
        "editor Quellby Varnews appointed left."
    )
    found = [s.text for s in described_people(_doc(english, text, []), vocab)]
    # "Bond" is no surname where the article writes "bond" alone too; "Hall" is a head noun; "racer"
    # names boats as often; a clause goes on after "Quellby Varnews": the subject of "appointed"
    assert found == ["Aner Varnholm", "Tamsk Osk"]
    dateline = "Quellnews interviews mathematician Aner Varnholm Wednesday, September 19, 2007"
    doc = _doc(english, dateline, [("Wednesday, September 19, 2007", "DATE")])
    assert [s.text for s in described_people(doc, vocab)] == ["Aner Varnholm"]
    assert _cleaned(english, vocab, "The editor Aner Varnholm appointed left.", "Aner Varnholm", "ORG") == [
        ("Aner Varnholm", "ORG", "group", "model")
    ]
    assert _cleaned(english, vocab, "So said the mathematician Aner Varnholm.", "Aner Varnholm", "ORG") == [
        ("Aner Varnholm", "ORG", "person", "model")
    ]
    assert _cleaned(
        english, vocab, "The lead guide Aner Varnholm, 61, fell.", "Aner Varnholm", "PRODUCT"
    ) == [("Aner Varnholm", "PRODUCT", "person", "model")]
    assert _cleaned(english, vocab, "The retailer Aner Varnholm grew.", "Aner Varnholm", "ORG") == [
        ("Aner Varnholm", "ORG", "group", "model")
    ]


def test_a_word_after_a_place_and_a_comma_that_ends_the_phrase_is_its_region(english, vocab) -> None:
    def typed(text: str, place: str, place_label: str, name: str) -> str:
        doc = _doc(english, text, [(place, place_label), (name, "PERSON")])
        [span] = clean(doc, doc.ents[1], vocab)
        return span.type

    vocab = dataclasses.replace(vocab, places=frozenset({"Quellby"}))
    assert typed("She was born in Kibbutz Osk, Varnshire.", "Kibbutz Osk", "GPE", "Varnshire") == "place"
    assert typed("She was born in Quellby, Varnshire.", "Quellby", "PERSON", "Varnshire") == "place"
    assert typed("In Kibbutz Osk, Varnshire said no.", "Kibbutz Osk", "GPE", "Varnshire") == "person"
    assert typed("She met Tamsk Osk, Varnshire.", "Tamsk Osk", "PERSON", "Varnshire") == "person"
    # a list of winners, and a relative in an obituary
    assert (
        typed("Winners: in Kibbutz Osk, Varnshire; in Tarn, Ede.", "Kibbutz Osk", "GPE", "Varnshire")
        == "person"
    )
    assert (
        typed("Winners: in Tarn, Ede; in Kibbutz Osk, Varnshire.", "Kibbutz Osk", "GPE", "Varnshire")
        == "person"
    )
    assert typed("She leaves a son in Kibbutz Osk, Varnshire.", "Kibbutz Osk", "GPE", "Varnshire") == "person"
    assert (
        typed("She leaves a brother in Kibbutz Osk, Varnshire.", "Kibbutz Osk", "GPE", "Varnshire")
        == "person"
    )


def test_a_sons_mark_after_a_comma_is_no_persons_name(english, vocab) -> None:
    assert _cleaned(english, vocab, "Orla Quist, Jr. spoke.", "Jr.", "PERSON") == []
    assert _cleaned(english, vocab, "Orla Quist, Sr spoke.", "Sr", "PERSON") == []
    assert _cleaned(english, vocab, "Orla Quist Jr. spoke.", "Orla Quist Jr.", "PERSON") == [
        ("Orla Quist Jr.", "PERSON", "person", "model")
    ]


def test_untagged_places_are_found_by_their_head_noun_or_prefix(english, vocab) -> None:
    import dataclasses

    from pipeline.extract.untagged import headed_places

    vocab = dataclasses.replace(
        _with_names(vocab, "Stuart"),
        nouns=frozenset(
            {"bus", "community", "river", "gorge", "police", "close", "again", "visitor", "quellos"}
        ),
        linked_places=frozenset({"Quellos"}),
    )
    text = (
        "Divers crossed the Quellic River Gorge near Osterby Cemetery and climbed Mount Varnelle. "
        "The Bus Station, the Community Center and the Visitors Center shut, and Stuart Hall spoke. "
        "Police Close Varnholm Road Again. Crowds filled Osk Varnlea Road. Boats reach Quellos Island."
    )
    doc = _doc(english, text, [("Osk", "GPE")])
    found = [(s.text, s.label_) for s in headed_places(doc, vocab)]
    # common words and a given name name no place; a title-cased line ends on another word; "Varnlea Road"
    # goes on from the name "Osk"; a well-known place the model's nouns hold names one ("Quellos Island")
    assert found == [
        ("Quellic River Gorge", "LOC"),
        ("Osterby Cemetery", "FAC"),
        ("Mount Varnelle", "LOC"),
        ("Quellos Island", "LOC"),
    ]


def test_an_organization_the_model_left_untagged_is_found_by_its_head_noun_after_a_place(
    english, vocab
) -> None:
    from pipeline.extract.untagged import headed_places

    vocab = dataclasses.replace(
        vocab, nouns=frozenset({"freedom", "student", "quellby"}), linked_places=frozenset({"Quellby"})
    )
    text = (
        "The Quellby Freedom Caucus, a coalition, met. The Student Council and the Varnish Heritage Society "
        "left. The Varnish Memorial Service and the Quellby Christmas Party followed."
    )
    doc = _doc(english, text, [])
    found = [(s.text, s.label_) for s in headed_places(doc, vocab)]
    # a place that is a noun too ("Quellby", like "Montana") names a body; common words alone do not, nor
    # a head that names a ceremony or a celebration as often
    assert found == [("Quellby Freedom Caucus", "ORG"), ("Varnish Heritage Society", "ORG")]


def test_places_listed_before_one_plural_head_are_each_a_place(english, vocab) -> None:
    from pipeline.extract.untagged import places_before_a_plural_head

    vocab = dataclasses.replace(
        vocab, nouns=frozenset({"fire", "water"}), adjectives=frozenset({"north", "south"})
    )
    text = (
        "Winds hit Weld and Quellmer Counties. Crews start in Osk, Tarnby and Varnick counties. "
        "Rain fell on the North and South Counties, the Fire and Water Districts and the weld and Quellby "
        "counties."
    )
    doc = _doc(english, text, [("Quellmer Counties", "ORG")])
    found = [(s.text, s.label_) for s in places_before_a_plural_head(doc, vocab)]
    # common words and lower-case words never count; a name the model tagged is left to it
    assert found == [("Weld", "GPE"), ("Osk", "GPE"), ("Tarnby", "GPE"), ("Varnick", "GPE")]


def test_a_place_found_by_its_head_noun_is_a_run_between_entities_and_sentences(english, vocab) -> None:
    import dataclasses

    from pipeline.extract.untagged import headed_places

    vocab = dataclasses.replace(vocab, nouns=frozenset({"river", "road", "hall"}))
    text = (
        "Crews and divers later met at Varnholm Hall Monday. Crowds then filled OSK Varnlea Road. "
        "Rain fell all week in Osk Mount Varnelle shook again."
    )
    doc = _doc(english, text, [("Monday", "DATE"), ("OSK", "GPE"), ("Osk", "GPE")])
    for token in doc:  # "Mount" starts a sentence after "Osk", with no stop between
        token.is_sent_start = token.i == 0 or token.text in {"Crowds", "Rain", "Mount"}
    found = [(s.text, s.label_) for s in headed_places(doc, vocab)]
    # the run ends where an entity starts; one after a name in capitals goes on from it; a name ending the
    # sentence before is not the place's
    assert found == [("Varnholm Hall", "FAC"), ("Mount Varnelle", "LOC")]


def test_a_place_found_by_its_head_noun_is_no_phrase_and_no_headline(english, vocab) -> None:
    import dataclasses

    from pipeline.extract.untagged import headed_places

    vocab = dataclasses.replace(
        vocab,
        verbs=frozenset({"take", "locate"}),
        nouns=frozenset({"river"}),
        adjectives=frozenset({"popular"}),
    )
    text = (
        "They said it Would Take Place in a Very Popular Place near Fort Varn Is Located Between hills. "
        "The divers saw ruins at Quellby Osterby Place yesterday morning. Police Close Varnholm Road After Crash. "
        "Teams met. Varnlea River flooded."
    )
    doc = _doc(english, text, [])
    for token in doc:
        token.is_sent_start = token.i == 0 or doc[token.i - 1].text == "."
    found = [(s.text, s.label_) for s in headed_places(doc, vocab)]
    # a stop word, a verb or an adjective names no place ("Would Take", "Very Popular", "Is Located
    # Between"); a title-cased line is a headline; a run stops where a sentence starts ("Teams" is no
    # word of "Varnlea River"), which is found on its own
    assert found == [("Quellby Osterby Place", "LOC"), ("Varnlea River", "LOC")]


def test_a_place_found_by_its_head_noun_is_named_by_a_word_of_its_own(english, vocab) -> None:
    import dataclasses

    from pipeline.extract.untagged import headed_places

    vocab = dataclasses.replace(vocab, nouns=frozenset({"police", "river", "gorge", "road", "upper"}))
    text = (
        "Divers reached Upper Quellic Varn River Gorge Road and Upper Quellic River Gorge Road. "
        "County Police walked in Varnholm Park by the Vel River, not the Ve River."
    )
    doc = _doc(english, text, [])
    found = [(s.text, s.label_) for s in headed_places(doc, vocab)]
    # six words are too many; a prefix names nothing by itself; a park is a place before a building; a
    # word of two letters names nothing
    assert found == [
        ("Upper Quellic River Gorge Road", "LOC"),
        ("Varnholm Park", "LOC"),
        ("Vel River", "LOC"),
    ]


def test_a_nationality_before_a_given_name_is_no_part_of_the_name(english, vocab) -> None:
    from pipeline.extract.untagged import given_name_people

    vocab = _with_names(vocab, "Pellam", "Clarine")
    text = "The Quellbian Pellam Arbuth met San Clarine Vosk."
    doc = _doc(english, text, [("Quellbian", "NORP")])
    assert [s.text for s in given_name_people(doc, vocab)] == ["Pellam Arbuth"]


def test_untagged_people_are_found_by_a_hyphenated_given_name(english, vocab) -> None:
    from pipeline.extract.untagged import given_name_people

    vocab = _with_names(vocab, "Pellam", "Clarine")
    text = "His friends Pellam-Orvis Arbuth and Clarine - Dask won, as did the Pellam-Orvis."
    doc = _doc(english, text, [])
    # spaced dashes join no given name; a hyphenated given name alone names nobody
    assert [s.text for s in given_name_people(doc, vocab)] == ["Pellam-Orvis Arbuth"]


def test_a_personal_name_the_model_called_an_organization_is_a_person(english, vocab) -> None:
    vocab = _with_names(vocab, "Clarine")
    text = "Clarine Dupuis and the Clarine Commission were praised."
    assert _cleaned(english, vocab, text, "Clarine Dupuis", "ORG")[0][2] == "person"
    assert _cleaned(english, vocab, text, "Clarine Commission", "ORG")[0][2] == "group"
    assert _cleaned(english, vocab, text, "Clarine Dupuis", "GPE")[0][2] == "person"  # in no gazetteer
    assert _cleaned(english, vocab, "Flights to Clarine Dupuis.", "Clarine Dupuis", "GPE")[0][2] == "place"
    assert _cleaned(english, vocab, "Off to Clarine Springs.", "Clarine Springs", "ORG")[0][2] == "place"
    assert (
        _cleaned(english, vocab, "Clarine-Anne Dupuis spoke.", "Clarine-Anne Dupuis", "ORG")[0][2] == "person"
    )


def test_a_common_given_name_alone_is_a_person_whatever_the_models_label(english, vocab) -> None:
    import dataclasses

    vocab = dataclasses.replace(
        vocab, given_names=frozenset({"Orlaith", "Quennie"}), lone_given_names=frozenset({"Orlaith"})
    )
    text = "Then Orlaith and Quennie left."
    assert _cleaned(english, vocab, text, "Orlaith", "ORG")[0][2] == "person"
    assert _cleaned(english, vocab, text, "Orlaith", "GPE")[0][2] == "person"
    assert _cleaned(english, vocab, text, "Quennie", "ORG")[0][2] == "group"  # a rare name stays as labelled
    # a place named like a person: after a locative preposition or "of", or before a place noun
    assert _cleaned(english, vocab, "A fire at Orlaith spread.", "Orlaith", "GPE")[0][2] == "place"
    assert _cleaned(english, vocab, "The settlement of Orlaith grew.", "Orlaith", "GPE")[0][2] == "place"
    assert _cleaned(english, vocab, "They left Orlaith village.", "Orlaith", "GPE")[0][2] == "place"


def test_a_name_that_starts_with_a_place_word_is_a_place_whatever_the_models_label(english, vocab) -> None:
    text = "From County Quellby to Mt Osk, passing the Port Authority."
    assert _cleaned(english, vocab, text, "County Quellby", "PERSON")[0][2] == "place"
    assert _cleaned(english, vocab, text, "Mt Osk", "PERSON")[0][2] == "place"
    assert _cleaned(english, vocab, text, "Port Authority", "ORG")[0][2] == "group"


def test_a_country_or_large_city_is_a_place_whatever_the_models_label(english, vocab) -> None:
    vocab = dataclasses.replace(vocab, major_places=frozenset({"Quellstan", "Port Varnis"}))
    text = "Aid reached Quellstan and Port Varnis, and Quellstan Airways flew."
    assert _cleaned(english, vocab, text, "Quellstan", "PERSON")[0][2] == "place"
    assert _cleaned(english, vocab, text, "Port Varnis", "ORG")[0][2] == "place"
    assert _cleaned(english, vocab, text, "Quellstan Airways", "ORG")[0][2] == "group"


def test_a_common_noun_and_a_country_names_a_national_body_not_a_person(english, vocab) -> None:
    import dataclasses

    vocab = dataclasses.replace(
        vocab,
        major_places=frozenset({"Quellstan", "Varnis"}),
        nouns=vocab.nouns | {"rowing", "tourism"},
        first_names=vocab.first_names | {"Orsa"},
    )
    text = "Rowing Quellstan and Tourism Varnis thanked Orsa Varnis and Rowing Quellstani."
    assert _cleaned(english, vocab, text, "Rowing Quellstan", "PERSON")[0][2] == "group"
    assert _cleaned(english, vocab, text, "Tourism Varnis", "PERSON")[0][2] == "group"
    assert _cleaned(english, vocab, text, "Orsa Varnis", "PERSON")[0][2] == "person"  # a first name
    assert _cleaned(english, vocab, text, "Rowing Quellstani", "PERSON")[0][2] == "person"  # no country


def test_a_name_the_model_called_a_person_after_in_or_at_is_a_place(english, vocab) -> None:
    vocab = _with_names(vocab, "Orsa")
    text = "Talks in Quellbora ended; at Orsa Quist's home, in Varn v. Osk and in Drovik's view, none."
    assert _cleaned(english, vocab, text, "Quellbora", "PERSON")[0][2] == "place"
    assert _cleaned(english, vocab, text, "Orsa Quist", "PERSON")[0][2] == "person"  # a personal name
    assert _cleaned(english, vocab, text, "Varn", "PERSON")[0][2] == "person"  # a court case
    assert _cleaned(english, vocab, text, "Drovik", "PERSON")[0][2] == "person"  # a possessive
    # other words of place: fires around a town, troops in a region's centre; not what is felt towards
    text = "Fires burned around Tessby and above Orvale; troops reached central Quellia; anger towards Drovik grew."
    for name in ("Tessby", "Orvale", "Quellia"):
        assert _cleaned(english, vocab, text, name, "PERSON")[0][2] == "place"
    assert _cleaned(english, vocab, text, "Drovik", "PERSON")[0][2] == "person"


def test_a_name_the_model_called_a_person_at_either_end_of_a_route_is_a_place(english, vocab) -> None:
    text = "The Tarnby to Quellbora race left; flights from Velmoor to Tarnby and a gift from Osk to Drovik."
    doc = _doc(english, text, [("Tarnby", "GPE"), ("Quellbora", "PERSON"), ("Velmoor", "PERSON")])
    doc.ents = [*doc.ents, doc.char_span(text.index("Tarnby and"), text.index(" and a"), label="GPE")]
    doc.ents = [*doc.ents, doc.char_span(text.index("Osk"), text.index(" to Drovik"), label="PERSON")]
    doc.ents = [*doc.ents, doc.char_span(text.index("Drovik"), text.index("."), label="PERSON")]
    types = {e.text: clean(doc, e, vocab)[0].type for e in doc.ents}
    assert types == {
        "Tarnby": "place",
        "Quellbora": "place",
        "Velmoor": "place",
        "Osk": "person",
        "Drovik": "person",
    }
    assert (
        _cleaned(english, vocab, "Crowds lined the Quellbora docks.", "Quellbora", "PERSON")[0][2] == "place"
    )


def test_a_name_the_model_called_a_person_before_shares_or_workers_is_a_company(english, vocab) -> None:
    text = "Quellco shares fell and Quellco workers left; Orsa Varn spoke."
    assert _cleaned(english, vocab, text, "Quellco", "PERSON")[0][2] == "group"
    assert _cleaned(english, vocab, text, "Orsa Varn", "PERSON")[0][2] == "person"


def test_a_title_alone_names_an_office_holder_a_person(english, vocab) -> None:
    text = "The Governor-General spoke, and the Prime Minister left Quellby House."
    assert _cleaned(english, vocab, text, "Governor-General", "FAC")[0][2] == "person"
    assert _cleaned(english, vocab, text, "Prime Minister", "ORG")[0][2] == "person"
    assert _cleaned(english, vocab, text, "Quellby House", "FAC")[0][2] == "place"
    text = "The inquiry heard Counsel Assisting, Orla Quist QC, today."
    assert _cleaned(english, vocab, text, "Counsel Assisting", "FAC")[0][2] == "person"  # no building


def test_major_places_leave_out_first_names() -> None:
    from pipeline.gazetteer import major_place_names

    names = major_place_names()
    assert {"Malawi", "Sri Lanka", "Kansas"} <= names
    assert "Jordan" not in names and "Georgia" not in names  # first names: the model's label decides


def test_lone_given_names_are_widespread_first_names_no_town_bears() -> None:
    from pipeline import gazetteer

    widespread = gazetteer.widespread_first_names()
    assert "Rebecca" in widespread and "Olivia" in widespread
    assert widespread < gazetteer.first_names()
    assert len(widespread) < len(gazetteer.first_names()) / 2  # most names are one locale's only


def test_given_names_leave_out_places_and_common_words() -> None:
    from pipeline.gazetteer import coordinates, given_names

    names = given_names(frozenset({"grant"}))
    assert "Clara" in names and "Otto" in names
    assert "Georgia" not in names and "Sydney" not in names  # places
    assert "Grant" not in names  # a common word, as the caller says
    assert coordinates("France") is not None and coordinates("Baghdad") is not None
    assert coordinates("Springfield") is None  # several cities, none dominant


def test_a_given_name_before_a_common_noun_is_no_person(english, vocab) -> None:
    import dataclasses

    from pipeline.extract.untagged import given_name_people

    vocab = dataclasses.replace(vocab, given_names=frozenset({"Harmony"}), nouns=frozenset({"spring"}))
    doc = _doc(english, "They entered the Harmony Spring area near Harmony Quelbeck today.", [])
    assert [s.text for s in given_name_people(doc, vocab)] == ["Harmony Quelbeck"]


def test_a_place_name_that_is_a_common_noun_is_no_place_where_it_starts_a_sentence(english, vocab) -> None:
    import dataclasses

    from pipeline.extract.untagged import gazetteer_places

    text = "Quarrow is good. Flights to Quarrow and Velmora left."
    doc = _doc(english, text, [])
    places = dataclasses.replace(vocab, places=frozenset({"Quarrow", "Velmora"}), nouns=frozenset())
    assert [s.text for s in gazetteer_places(doc, places)] == ["Quarrow", "Quarrow", "Velmora"]
    nouns = dataclasses.replace(places, nouns=frozenset({"quarrow"}))  # "quarrow" is also a word
    assert [s.text for s in gazetteer_places(doc, nouns)] == ["Quarrow", "Velmora"]


def test_an_honorific_names_a_person_whatever_the_models_label(english, vocab) -> None:
    text = "Critics accused Dr Quellmore today, and Mr. Varn Osk too."
    assert _cleaned(english, vocab, text, "Dr Quellmore", "ORG") == [
        ("Quellmore", "PERSON", "person", "model")
    ]
    assert _cleaned(english, vocab, text, "Mr. Varn Osk", "GPE") == [
        ("Varn Osk", "PERSON", "person", "model")
    ]


def test_given_names_the_model_left_out_before_a_persons_name_join_it(english, vocab) -> None:
    vocab = _with_names(vocab, "Ysolt", "Maren", "Pellam", "Orvis", "Judge")
    assert _cleaned(english, vocab, "He married Ysolt Maren Quorvik there.", "Maren Quorvik", "PERSON")[0][
        0
    ] == ("Ysolt Maren Quorvik")
    text = "The envoy to Quellia Pellam Orvis Dask spoke."
    doc = _doc(english, text, [("Quellia", "GPE"), ("Orvis Dask", "PERSON")])
    assert [doc.text[s.start : s.end] for s in clean(doc, doc.ents[1], vocab)] == ["Pellam Orvis Dask"]
    # a capitalized phrase the model saw no name in, a title, a comma: the name stays as the model had it
    assert _cleaned(english, vocab, "the Velmar Pellam Dask show", "Dask", "PERSON")[0][0] == "Dask"
    assert _cleaned(english, vocab, "said Judge Orvis Dask.", "Orvis Dask", "PERSON")[0][0] == "Orvis Dask"
    assert (
        _cleaned(english, vocab, "for Pellam, Orvis Dask left", "Orvis Dask", "PERSON")[0][0] == "Orvis Dask"
    )
    # more capitalized words before it than two given names: none is taken
    assert (
        _cleaned(english, vocab, "Ysolt Maren Pellam Orvis Dask", "Orvis Dask", "PERSON")[0][0]
        == "Orvis Dask"
    )


def test_a_name_whose_head_is_a_place_noun_is_a_place_unless_a_given_name_and_surname(english, vocab) -> None:
    vocab = _with_names(vocab, "Orsa", "Velma")
    text = "Judge Orsa Park met Velma Lane near Quellby Park, the Tarnby Highway and Greater Quellby."
    assert _cleaned(english, vocab, text, "Orsa Park", "PERSON")[0][2] == "person"
    assert _cleaned(english, vocab, "said Judge Quist Park.", "Judge Quist Park", "PERSON")[0][2] == "person"
    assert _cleaned(english, vocab, text, "Velma Lane", "PERSON")[0][2] == "person"
    assert _cleaned(english, vocab, text, "Quellby Park", "PERSON")[0][2] == "place"
    assert _cleaned(english, vocab, text, "Tarnby Highway", "ORG")[0][2] == "place"
    assert _cleaned(english, vocab, text, "Greater Quellby", "PERSON")[0][2] == "place"


def test_a_full_name_the_model_called_a_place_or_an_organization_is_a_person(english, vocab) -> None:
    vocab = _with_names(vocab, "Clarine", "Orla", "Charlotte")
    text = "By Clarine Varn-Dupuis. Contact Orla Quist-Marsh. Alhaji Orla Tesk-Varn spoke. Charlotte Amalie cheered."
    assert _cleaned(english, vocab, text, "Clarine Varn-Dupuis", "GPE")[0][2] == "person"
    assert _cleaned(english, vocab, text, "Orla Quist-Marsh", "ORG")[0][2] == "person"  # no marsh
    assert _cleaned(english, vocab, text, "Alhaji Orla Tesk-Varn", "ORG")[0][2] == "person"
    assert _cleaned(english, vocab, text, "Charlotte Amalie", "GPE")[0][2] == "place"  # in the gazetteer


def test_a_team_or_firm_before_a_job_and_a_person_is_a_group(english, vocab) -> None:
    vocab = _with_names(vocab, "Orla", "Ed")
    text = "Varnley driver Orla Quist won; Tarn spokesman Ed Osk and Orla Quell captain Ed Varn spoke."
    names = [("Varnley", "PERSON"), ("Orla Quist", "PERSON")]
    doc = _doc(
        english,
        text,
        [*names, ("Tarn", "PERSON"), ("Ed Osk", "PERSON"), ("Orla Quell", "PERSON"), ("Ed Varn", "PERSON")],
    )
    found = {doc.text[s.start : s.end]: s.type for ent in doc.ents for s in clean(doc, ent, vocab)}
    assert found["Varnley"] == "group"
    assert found["Tarn"] == "person"  # a spokesman is someone's, not a firm's
    assert found["Orla Quell"] == "person"  # a full name before a job is a person's


def test_both_ends_of_a_route_the_model_called_people_are_places_when_one_is_in_the_gazetteer(
    english, vocab
) -> None:
    text = "Trucks ran from Quellgoorlie to Mildura; power passed from Quist to Varnholt."
    names = ["Quellgoorlie", "Mildura", "Quist", "Varnholt"]
    doc = _doc(english, text, [(name, "PERSON") for name in names])
    found = [clean(doc, ent, vocab)[0].type for ent in doc.ents]
    assert found == ["place", "place", "person", "person"]


def test_a_building_the_model_called_a_person_is_a_place_unless_named_like_a_person(english, vocab) -> None:
    vocab = _with_names(vocab, "Orsa")
    text = "They prayed at Quellan Mosque, then heard Orsa Church sing near Varn Stadium."
    assert _cleaned(english, vocab, text, "Quellan Mosque", "PERSON")[0][2] == "place"
    assert _cleaned(english, vocab, text, "Varn Stadium", "PERSON")[0][2] == "place"
    assert _cleaned(english, vocab, text, "Orsa Church", "PERSON")[0][2] == "person"  # a singer
    text = "Orsa Tower left flowers at the Dalvin Quorrest Statue and the Quellan Memorial."
    assert _cleaned(english, vocab, text, "Dalvin Quorrest Statue", "PERSON")[0][2] == "place"
    assert _cleaned(english, vocab, text, "Quellan Memorial", "PERSON")[0][2] == "place"
    assert _cleaned(english, vocab, text, "Orsa Tower", "PERSON")[0][2] == "person"  # a surname too


def test_a_name_after_a_company_noun_is_a_group_whatever_the_models_label(english, vocab) -> None:
    text = "Shares in retailer Quell Darby fell; travel company Varnair shed jobs; Osk Tarn, a Varnair pilot, left."
    assert _cleaned(english, vocab, text, "Quell Darby", "PERSON")[0][2] == "group"
    assert _cleaned(english, vocab, text, "Varnair", "GPE")[0][2] == "group"
    assert _cleaned(english, vocab, text, "Osk Tarn", "PERSON")[0][2] == "person"
    text = "Oil giant Quellvex and Premier League side Varnby gained; the giant Osk Ice Sheet shrank."
    assert _cleaned(english, vocab, text, "Quellvex", "PERSON")[0][2] == "group"
    assert _cleaned(english, vocab, text, "Varnby", "PERSON")[0][2] == "group"
    adjectives = dataclasses.replace(vocab, adjectives=frozenset({"giant"}))
    assert _cleaned(english, adjectives, text, "Osk Ice Sheet", "LOC")[0][2] == "place"  # an adjective there


def test_a_trade_before_a_full_name_the_model_called_a_person_leaves_a_person(english, vocab) -> None:
    text = "Quellby-based developer Tamsin Varnquist wrote; games developer Oskworks and publisher Orla Tarnel grew."
    assert _cleaned(english, vocab, text, "Tamsin Varnquist", "PERSON")[0][2] == "person"
    assert _cleaned(english, vocab, text, "Orla Tarnel", "PERSON")[0][2] == "person"
    assert _cleaned(english, vocab, text, "Oskworks", "PERSON")[0][2] == "group"  # one word: no full name
    assert _cleaned(english, vocab, text, "Orla Tarnel", "ORG")[0][2] == "group"  # the model said so too
    text = "The publisher Orla Tarnel, which owns magazines, grew."  # "which" says it is no person
    assert _cleaned(english, vocab, text, "Orla Tarnel", "PERSON")[0][2] == "group"
    text = "Shares in retailer Tamsin Varnquist fell."  # a retailer is no one's trade
    assert _cleaned(english, vocab, text, "Tamsin Varnquist", "PERSON")[0][2] == "group"


def test_a_name_after_a_kind_of_place_and_of_is_a_place_whatever_the_models_label(english, vocab) -> None:
    vocab = _with_names(vocab, "Orsa")
    text = "In the town of Quellmar, the suburb of Varn Hill, the village of Orsa Quist and the state of Quellco."
    assert _cleaned(english, vocab, text, "Quellmar", "ORG")[0][2] == "place"
    assert _cleaned(english, vocab, text, "Varn Hill", "PERSON")[0][2] == "place"
    assert _cleaned(english, vocab, text, "Quellco", "ORG")[0][2] == "group"  # "state of": a condition too
    assert _cleaned(english, vocab, text, "Orsa Quist", "PERSON")[0][2] == "person"  # a personal name
    text = "The mayor of Tarnvel and Oskbury residents met."
    assert _cleaned(english, vocab, text, "Tarnvel", "ORG")[0][2] == "place"
    assert _cleaned(english, vocab, text, "Oskbury", "PERSON")[0][2] == "place"
    text = "Fires burned south-west of Quellmar and north of Varn Springs."
    assert _cleaned(english, vocab, text, "Quellmar", "ORG")[0][2] == "place"
    assert _cleaned(english, vocab, text, "Varn Springs", "PERSON")[0][2] == "place"


def test_a_portfolio_before_minister_or_secretary_is_part_of_a_title_not_a_group(english, vocab) -> None:
    import dataclasses

    vocab = dataclasses.replace(vocab, nouns=frozenset({"immigration", "fishery", "ambassador"}))
    text = "Immigration Minister Orsa Quist and Quellco Secretary Varn met the QUN Secretary-General."
    assert _cleaned(english, vocab, text, "Immigration", "ORG") == []
    assert [s[0] for s in _cleaned(english, vocab, text, "Quellco", "ORG")] == ["Quellco"]  # not a noun
    assert [s[0] for s in _cleaned(english, vocab, text, "QUN", "ORG")] == ["QUN"]
    assert [s[0] for s in _cleaned(english, vocab, "Immigration rules changed.", "Immigration", "ORG")] == [
        "Immigration"
    ]
    vocab = dataclasses.replace(
        vocab, nouns=frozenset({"trading", "fishery"}), adjectives=frozenset({"fair", "royal"})
    )
    text = "Fair Trading Minister Orsa Quist and Royal Commissioner Varn Tell met Fair Quellco Minister Osk."
    assert _cleaned(english, vocab, text, "Fair", "ORG") == []  # an adjective and a noun before the office
    assert _cleaned(english, vocab, text, "Royal", "ORG") == []
    assert [s[0] for s in _cleaned(english, vocab, text[text.index("met") :], "Fair", "ORG")] == ["Fair"]
    vocab = dataclasses.replace(vocab, nouns=frozenset({"high", "qun"}))
    assert [s[0] for s in _cleaned(english, vocab, "the QUN High Commissioner", "QUN", "ORG")] == ["QUN"]
    # several words: common nouns and adjectives (a noun's plural too), no nationality among them
    vocab = dataclasses.replace(
        vocab,
        nouns=frozenset({"privacy", "relation", "police", "quellian"}),
        adjectives=frozenset({"federal", "industrial", "quellian"}),
    )
    text = "Federal Privacy Commissioner Orsa Quist and Industrial Relations Minister Varn Tell met."
    assert _cleaned(english, vocab, text, "Federal Privacy", "ORG") == []
    assert _cleaned(english, vocab, text, "Industrial Relations", "ORG") == []
    text = "Quellian Federal Police Commissioner Orsa Quist said so."
    assert [s[0] for s in _cleaned(english, vocab, text, "Quellian Federal Police", "ORG")] == [
        "Quellian Federal Police"
    ]
    vocab = dataclasses.replace(
        vocab, nouns=vocab.nouns | {"people", "high"}, adjectives=vocab.adjectives | {"united"}
    )
    text = "United Peoples Secretary-General Orsa Quist met the United Peoples High Commissioner."
    assert [s[0] for s in _cleaned(english, vocab, text, "United Peoples", "ORG")] == ["United Peoples"]
    text = text[text.index("met") :]
    assert [s[0] for s in _cleaned(english, vocab, text, "United Peoples", "ORG")] == ["United Peoples"]
    text = "The Federal Privacy Act and the Federal Quellco Commissioner apply."
    assert [s[0] for s in _cleaned(english, vocab, text, "Federal Privacy", "ORG")] == ["Federal Privacy"]
    assert [s[0] for s in _cleaned(english, vocab, text, "Federal Quellco", "ORG")] == ["Federal Quellco"]


def test_a_portfolio_after_an_office_or_after_a_nationality_is_no_group(english, vocab) -> None:
    import dataclasses

    vocab = dataclasses.replace(
        vocab,
        nouns=vocab.nouns | {"state", "trade", "art", "police", "home", "office"},
        adjectives=vocab.adjectives | {"foreign"},
    )
    text = "Quellian Secretary of State Orsa Quist met the Minister for the Arts, Varn Tell."
    assert _cleaned(english, vocab, text, "State", "ORG") == []
    assert _cleaned(english, vocab, text, "Arts", "ORG") == []
    # a ministry before its minister is an organization
    text = "A Home Office minister and the Foreign Office Minister, Orsa Quist, met."
    assert [s[0] for s in _cleaned(english, vocab, text, "Home Office", "ORG")] == ["Home Office"]
    assert [s[0] for s in _cleaned(english, vocab, text, "Foreign Office", "ORG")] == ["Foreign Office"]
    # common words joined by "for" and "and" after the office are its portfolio too
    text = "The Secretary of State for Trade and Art, Orsa Quist, met the Minister of State for Quellco."
    assert _cleaned(english, vocab, text, "State for Trade and Art", "ORG") == []
    assert [s[0] for s in _cleaned(english, vocab, text, "State for Quellco", "ORG")] == ["State for Quellco"]
    # a department is an organization, and so is a name that is no common word
    text = "The Department of State and the Secretary of Quellco met."
    assert [s[0] for s in _cleaned(english, vocab, text, "State", "ORG")] == ["State"]
    assert [s[0] for s in _cleaned(english, vocab, text, "Quellco", "ORG")] == ["Quellco"]
    # a nationality and a portfolio before an office: a minister's country and portfolio
    text = "Quellish Trade Secretary Orsa Quist and Quellish Home Secretary Varn Tell met."
    assert _cleaned(english, vocab, text, "Quellish Trade", "ORG") == []
    assert _cleaned(english, vocab, text, "Quellish Home", "ORG") == []
    # not with an organization's head noun, nor without the office after it
    text = "Quellish Police Commissioner Orsa Quist met the Quellish Trade delegation."
    assert [s[0] for s in _cleaned(english, vocab, text, "Quellish Police", "ORG")] == ["Quellish Police"]
    assert [s[0] for s in _cleaned(english, vocab, text, "Quellish Trade", "ORG")] == ["Quellish Trade"]


def test_a_capitalized_noun_that_describes_the_person_is_no_part_of_the_name(english, vocab) -> None:
    import dataclasses

    vocab = dataclasses.replace(
        vocab,
        given_names=frozenset({"Ysolt", "Pellam"}),
        first_names=frozenset({"Ysolt", "Pellam", "Velvet", "Quellia"}),
        nouns=frozenset({"glassblower", "velvet", "tsar"}),
    )

    def name(text: str, entity: str) -> str:
        return _cleaned(english, vocab, text, entity, "PERSON")[0][0]

    assert name("Glassblower Ysolt Quorvik said so.", "Glassblower Ysolt Quorvik") == "Ysolt Quorvik"
    assert name("the former Glassblower Pellam Dask", "Glassblower Pellam Dask") == "Pellam Dask"
    # a first name that is also a country's, so no given name of the list: still the person's first name
    assert name("Glassblower Quellia Dask said so.", "Glassblower Quellia Dask") == "Quellia Dask"
    # a first name that is also a noun, a reigning title, no given name after it, no surname: kept
    assert name("Velvet Ysolt Quorvik sang.", "Velvet Ysolt Quorvik") == "Velvet Ysolt Quorvik"
    assert name("Tsar Pellam Dask ruled.", "Tsar Pellam Dask") == "Tsar Pellam Dask"
    assert name("Glassblower Orvis Dask said so.", "Glassblower Orvis Dask") == "Glassblower Orvis Dask"
    assert name("Glassblower Ysolt said so.", "Glassblower Ysolt") == "Glassblower Ysolt"


def test_a_name_with_a_country_in_brackets_is_a_player(english, vocab) -> None:
    import dataclasses

    vocab = dataclasses.replace(vocab, first_names=frozenset({"Orla"}))
    for text, expected in [
        ("Orla Quist ( Quellia ) beat Varn 6-3 .", "person"),  # a player and the country
        ("Orla Quist ( Quellia ) won .", "person"),
        ("Orla Holdings ( Quellia ) won .", "group"),  # a head noun says what it is
        ("Varn Rovers ( Quellia ) won .", "group"),  # no first name: a team
        ("Orla Quist ( Quellia Rovers ) won .", "group"),  # no country in the brackets
    ]:
        name = " ".join(text.split()[:2])
        inside = text[text.index("( ") + 2 : text.index(" )")]
        doc = _doc(english, text, [(name, "ORG"), (inside, "GPE" if inside == "Quellia" else "ORG")])
        [span] = clean(doc, doc.ents[0], vocab)
        assert span.type == expected, text


def test_a_name_joined_to_a_persons_and_written_like_one_is_a_person(english, vocab) -> None:
    for text, name, other, expected in [
        ("Tamsin Varn and Orla Quist batted on .", "Tamsin Varn", "Orla Quist", "person"),
        ("Orla Quist , and Tamsin Varn batted on .", "Tamsin Varn", "Orla Quist", "person"),
        ("Orla Quist & Tamsin Varn won .", "Tamsin Varn", "Orla Quist", "person"),
        (
            "Orla Quist , Tamsin Varn said .",
            "Tamsin Varn",
            "Orla Quist",
            "group",
        ),  # a comma alone: where she works
        ("Orla Quist and Varn Holdings won .", "Varn Holdings", "Orla Quist", "group"),  # a head noun
        ("Orla Quist and Quellco won .", "Quellco", "Orla Quist", "group"),  # one word may be a company
        ("Tamsin Varn and the Quist twins won .", "Tamsin Varn", "Quist", "group"),  # no person beside it
    ]:
        doc = _doc(english, text, sorted([(name, "ORG"), (other, "PERSON")], key=lambda e: text.index(e[0])))
        [span] = clean(doc, next(e for e in doc.ents if e.text == name), vocab)
        assert span.type == expected, text
    # a name the article gives the same label elsewhere is what the model says: a company beside its chief
    text = "Tamsin Varn and Orla Quist met . Tamsin Varn shares rose ."
    doc = english(text)
    doc.ents = [
        doc.char_span(0, 11, label="ORG"),
        doc.char_span(16, 26, label="PERSON"),
        doc.char_span(text.rindex("Tamsin"), text.rindex("Tamsin") + 11, label="ORG"),
    ]
    [span] = clean(doc, doc.ents[0], vocab)
    assert span.type == "group"


def test_a_name_in_a_list_of_places_is_a_place_whatever_the_models_label(english, vocab) -> None:
    for text, label, expected in [
        ("Fires burn at Quellby , Varnton , Oskmere and Tarnby .", "ORG", "place"),
        ("Fires burn at Quellby , Varnton , Oskmere and Tarnby .", "PERSON", "place"),
        ("Rain fell on the Oskmere , Varnton , the Tarn Valley and the north .", "ORG", "place"),
        ("Fires burn at Quellby , Varnton , OSKM and Tarnby .", "ORG", "group"),  # an acronym: a body
        ("Talks in Varnton , Quellia , Oskmere said .", "ORG", "group"),  # no "and": a dateline, no list
        ("Orla Quist , Oskmere and Tarnby met .", "ORG", "group"),  # one place and a person
    ]:
        name = next(w for w in ("Oskmere", "OSKM") if w in text)
        places = [w for w in ("Quellby", "Varnton", "Tarnby", "Tarn Valley", "Quellia") if w in text]
        entities = [(name, label)] + [(w, "GPE") for w in places]
        if "Orla Quist" in text:
            entities.append(("Orla Quist", "PERSON"))
        doc = _doc(english, text, sorted(entities, key=lambda e: text.index(e[0])))
        [span] = clean(doc, next(e for e in doc.ents if e.text == name), vocab)
        assert span.type == expected, (text, label)


def test_a_score_inside_a_name_parts_the_teams_on_either_side(english, vocab) -> None:
    def names(text: str, name: str, label: str) -> list[tuple[str, str]]:
        return [(found, kind) for found, _, kind, _ in _cleaned(english, vocab, text, name, label)]

    assert names("Arsenal beat Quellby 2-1 at home.", "Quellby 2-1", "ORG") == [("Quellby", "group")]
    assert names("Varn Rovers 3-2 Quellby", "Varn Rovers 3-2 Quellby", "PERSON") == [
        ("Varn Rovers", "group"),
        ("Quellby", "group"),
    ]
    assert names("Oskford 2 Varn Athletic 1: the report.", "Oskford 2 Varn Athletic 1", "ORG") == [
        ("Oskford", "group"),
        ("Varn Athletic", "group"),
    ]
    # one number, or a number too long for goals, is no score
    assert names("He watched Quell 4 News.", "Quell 4 News", "ORG") == [("Quell 4 News", "group")]
    assert names("The Quellair 737-800 landed.", "Quellair 737-800", "ORG") == [("Quellair 737-800", "group")]


def test_people_who_work_somewhere_and_at_name_where_they_work_though_written_like_a_person(
    english, vocab
) -> None:
    vocab = _with_names(vocab, "Orla")
    assert (
        _cleaned(english, vocab, "Analysts at Orla Quist expect more.", "Orla Quist", "ORG")[0][2] == "group"
    )
    assert _cleaned(english, vocab, "He met Orla Quist at noon.", "Orla Quist", "ORG")[0][2] == "person"
    assert _cleaned(english, vocab, "He looked at Orla Quist.", "Orla Quist", "ORG")[0][2] == "person"
    text = "An economist at Orla Quist said so."
    assert _cleaned(english, vocab, text, "Orla Quist", "ORG") == [("Orla Quist", "ORG", "group", "model")]


def test_a_personal_name_the_model_called_a_person_stays_one_before_where_she_stood(english, vocab) -> None:
    vocab = _with_names(vocab, "Orla")
    text = "Orla Quist, near the Varn border, waved."
    doc = _doc(english, text, [("Orla Quist", "PERSON"), ("Varn", "GPE")])
    assert clean(doc, doc.ents[0], vocab)[0].type == "person"
    doc = _doc(english, "Tarnquist, near the Varn border, fell.", [("Tarnquist", "PERSON"), ("Varn", "GPE")])
    assert clean(doc, doc.ents[0], vocab)[0].type == "place"


def test_a_given_name_that_looks_like_a_verb_form_starts_the_name(english, vocab) -> None:
    verbs = dataclasses.replace(vocab, verbs=frozenset({"varn"}))
    text = "Varned Quist said so."
    assert [s[0] for s in _cleaned(english, verbs, text, "Varned Quist", "PERSON")] == ["Quist"]
    named = dataclasses.replace(verbs, given_names=frozenset({"Varned"}))
    assert [s[0] for s in _cleaned(english, named, text, "Varned Quist", "PERSON")] == ["Varned Quist"]


def test_a_linking_word_opening_the_sentence_is_no_part_of_the_name(english, vocab) -> None:
    def name(text: str, entity: str) -> list[str]:
        return [s[0] for s in _cleaned(english, vocab, text, entity, "PERSON")]

    assert name("(Besides Quist, the complaint named others.)", "Besides Quist") == ["Quist"]
    assert name('"Meanwhile Orla Quist said no," he wrote.', "Meanwhile Orla Quist") == ["Orla Quist"]
    assert name("They called Besides Quist a friend.", "Besides Quist") == ["Besides Quist"]  # not opening


def test_a_bylines_follow_button_before_a_handle_is_no_part_of_the_name(english, vocab) -> None:
    text = "By Orla Quist Follow @oquist for more."
    assert [s[0] for s in _cleaned(english, vocab, text, "Orla Quist Follow", "PERSON")] == ["Orla Quist"]
    text = "Orla Quist and Varn Follow left."
    assert [s[0] for s in _cleaned(english, vocab, text, "Varn Follow", "PERSON")] == ["Varn Follow"]


def test_a_place_of_the_article_before_a_portfolio_is_the_place_alone(english, vocab) -> None:
    vocab = dataclasses.replace(vocab, nouns=frozenset({"emergency", "service", "health"}))
    text = "Floods hit Quellia. Quellia Emergency Services Minister Orla Quist spoke; Varnco Health Minister Osk left."
    doc = _doc(english, text, [("Quellia", "GPE"), ("Quellia Emergency", "ORG"), ("Varnco Health", "ORG")])
    [place] = clean(doc, doc.ents[1], vocab)
    assert (doc.text[place.start : place.end], place.type) == ("Quellia", "place")
    # no place of the article at its start: the name stays (another rule may say what it is)
    assert [doc.text[s.start : s.end] for s in clean(doc, doc.ents[2], vocab)] == ["Varnco Health"]


def test_a_rank_of_several_words_is_no_organization_and_no_part_of_the_name(english, vocab) -> None:
    text = "Sergeant First Class Orla Quist and Staff Sergeant Tam Varnby died; the Sergeant First Fund paid."
    assert _cleaned(english, vocab, text, "Sergeant First", "ORG") == []
    assert [s[0] for s in _cleaned(english, vocab, text, "Staff Sergeant Tam Varnby", "PERSON")] == [
        "Tam Varnby"
    ]
    # a fund named so is a name: no person's title is spelled before it
    found = _cleaned(english, vocab, text[text.index("the Sergeant") :], "Sergeant First Fund", "ORG")
    assert [s[0] for s in found] == ["Sergeant First Fund"]
    # an abbreviated police rank and its full stop before the name
    text = "It was a joke, Staff-Insp. Orla Quist said, as Det Sgt Tam Varnby agreed."
    assert _cleaned(english, vocab, text, "Staff-Insp", "ORG") == []
    assert [s[0] for s in _cleaned(english, vocab, text, "Det Sgt Tam Varnby", "PERSON")] == ["Tam Varnby"]


def test_a_city_that_is_also_a_first_name_is_a_place_only_after_a_preposition_of_place(
    english, vocab
) -> None:
    import dataclasses

    from pipeline.extract.untagged import gazetteer_places

    # "Orlaine" is a large city and a first name: linked places hold it, the untagged places do not
    vocab = dataclasses.replace(
        vocab, places=frozenset({"Velmora"}), linked_places=frozenset({"Orlaine", "Velmora"})
    )
    text = (
        "The second Test starts in Orlaine tomorrow. Orlaine said she would go. Gifts to Orlaine Quist came."
        " A pass from Orlaine found Tam."  # in a match report, a player's pass
    )
    doc = _doc(english, text, [])
    assert [(s.text, s.start) for s in gazetteer_places(doc, vocab)] == [("Orlaine", 5)]


def test_a_small_town_after_a_place_and_and_or_a_members_for_is_a_place_too(
    english, vocab, monkeypatch
) -> None:
    import dataclasses

    from pipeline import gazetteer
    from pipeline.extract.untagged import gazetteer_places

    monkeypatch.setattr(gazetteer, "place_names", lambda: frozenset({"Tarnholm", "Osk"}))
    vocab = dataclasses.replace(vocab, places=frozenset({"Velmora"}))
    text = "Trains between Velmora and Tarnholm stop. Velmora and Osk Tessaly met. Ilse and Tarnholm left."
    seat = "The Labour MP for Osk, Ilse Varn, spoke."
    assert [s.text for s in gazetteer_places(_doc(english, seat, []), vocab)] == ["Osk"]
    doc = _doc(english, text, [("Velmora", "GPE")])
    # the untagged second "Velmora" is a well-known place; "Osk" before a name and "Tarnholm" after a person
    # (no tagged place before "and") stay untagged
    assert [(s.text, s.start) for s in gazetteer_places(doc, vocab)] == [("Tarnholm", 4), ("Velmora", 7)]


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        ("He was the Quellish Archbishop of Varnby then.", "Quellish Archbishop of Varnby", ["Varnby"]),
        ("The Mayor of the Varnby spoke.", "Mayor of the Varnby", ["Varnby"]),
        # a group's head before "of", or a place that is no well-known place: the organization stays
        ("The Bank of Varnby cut rates.", "Bank of Varnby", ["Bank of Varnby"]),
        ("The Prince of Varnby visited.", "Prince of Varnby", ["Prince of Varnby"]),  # its holder
        ("He was the Archbishop of Osk then.", "Archbishop of Osk", ["Archbishop of Osk"]),
    ],
)
def test_a_title_of_a_place_is_an_office_and_the_place(english, vocab, text, name, expected) -> None:
    import dataclasses

    vocab = dataclasses.replace(vocab, linked_places=frozenset({"Varnby"}))
    assert [found for found, *_ in _cleaned(english, vocab, text, name, "ORG")] == expected


def test_a_title_of_a_place_the_model_cut_after_of_is_the_place(english, vocab) -> None:
    import dataclasses

    vocab = dataclasses.replace(vocab, linked_places=frozenset({"New Varnby"}))
    text = "She met the Anglican Bishop of New Varnby today."
    doc = _doc(english, text, [("the Anglican Bishop of", "ORG"), ("New Varnby", "GPE")])
    assert [(doc.text[s.start : s.end], s.type) for s in clean(doc, doc.ents[0], vocab)] == [
        ("New Varnby", "place")
    ]


def test_an_event_held_in_a_place_names_the_event_and_the_place(english, vocab) -> None:
    import dataclasses

    vocab = dataclasses.replace(vocab, linked_places=frozenset({"Varnby"}))
    text = "He bowled well in the first Test in Varnby and read Murder at Varnby."
    assert _cleaned(english, vocab, text, "Test in Varnby", "WORK_OF_ART") == [
        ("Test", "EVENT", "other", "model"),
        ("Varnby", "GPE", "place", "model"),
    ]
    assert _cleaned(english, vocab, "She won the Grand Prix at Varnby.", "Grand Prix at Varnby", "EVENT") == [
        ("Grand Prix", "EVENT", "other", "model"),
        ("Varnby", "GPE", "place", "model"),
    ]
    # a work's title whose last word before "at" heads no event stays whole
    assert [found for found, *_ in _cleaned(english, vocab, text, "Murder at Varnby", "WORK_OF_ART")] == [
        "Murder at Varnby"
    ]


def test_a_title_before_a_name_the_model_called_an_organization_is_no_part_of_the_persons_name(
    english, vocab
) -> None:
    import dataclasses

    # "Justice" is a given name too (as Faker lists it), so "Justice Carvin" is written like a person's name
    vocab = dataclasses.replace(vocab, given_names=frozenset({"Justice"}), first_names=frozenset({"Justice"}))
    text = '"You lied," Justice Carvin said, and drove down Admiral Blvd.'
    assert _cleaned(english, vocab, text, "Justice Carvin", "ORG") == [("Carvin", "ORG", "person", "model")]
    # a street stays whole: its head noun says it is no person
    assert [found for found, *_ in _cleaned(english, vocab, text, "Admiral Blvd", "ORG")] == ["Admiral Blvd"]


def test_a_name_with_on_inside_carries_over_of_and_a_name(english, vocab) -> None:
    text = "The Panel on Quell Trade of Varnia met."
    doc = _doc(english, text, [("Panel on Quell Trade", "ORG")])
    assert [(e.text, e.label_) for e in extended_entities(doc, vocab.patterns)] == [
        ("Panel on Quell Trade of Varnia", "ORG")
    ]


def test_a_persons_name_runs_on_over_several_particles_to_the_surname(english, vocab) -> None:
    doc = _doc(english, "Then Ilse van der Varga spoke.", [("Ilse van", "PERSON")])
    assert [(e.text, e.label_) for e in extended_entities(doc, vocab.patterns)] == [
        ("Ilse van der Varga", "PERSON")
    ]


def test_a_place_before_another_entity_ending_on_a_head_noun_is_no_owner_of_it(english, vocab) -> None:
    doc = _doc(english, "Quellia Varn Bank rose.", [("Quellia", "GPE"), ("Varn Bank", "ORG")])
    assert [(e.text, e.label_) for e in extended_entities(doc, vocab.patterns)] == [
        ("Quellia", "GPE"),
        ("Varn Bank", "ORG"),
    ]
    doc = _doc(english, "The Quellia Treasury paid.", [("Quellia", "GPE")])
    assert [(e.text, e.label_) for e in extended_entities(doc, vocab.patterns)] == [
        ("Quellia Treasury", "ORG")
    ]


def test_a_dash_spaced_on_either_side_or_an_open_bracket_ends_a_name(english, vocab) -> None:
    def names(text: str, name: str) -> list[str]:
        return [s[0] for s in _cleaned(english, vocab, text, name, "PERSON")]

    assert names("Then Ilse Varga - Tarnow spoke.", "Ilse Varga - Tarnow") == ["Ilse Varga"]
    # a dash written against the next word only is no part of a name either ("Varga —Tarnow")
    assert names("Then Ilse Varga —Tarnow spoke.", "Ilse Varga —Tarnow") == ["Ilse Varga"]
    assert names("Then Ilse Varga— Tarnow spoke.", "Ilse Varga— Tarnow") == ["Ilse Varga"]
    assert names("Then Ilse Varga—Tarnow spoke.", "Ilse Varga—Tarnow") == ["Ilse Varga—Tarnow"]
    assert names("Then Ilse Varga [Tarnow] spoke.", "Ilse Varga [Tarnow") == ["Ilse Varga"]
    assert names("Then Ilse Varga (Tarnow) spoke.", "Ilse Varga (Tarnow") == ["Ilse Varga"]


def test_a_listed_persons_number_and_figures_are_no_score(english, vocab) -> None:
    assert _cleaned(
        english, vocab, "In the list 4 Orla Varnet 12 took part.", "4 Orla Varnet 12", "PERSON"
    ) == [("Orla Varnet", "PERSON", "person", "model")]


def test_a_nationality_ending_in_i_before_a_full_name_is_no_part_of_it(english) -> None:
    vocab = Vocabulary(
        verbs=frozenset(),
        patterns=load_patterns(),
        given_names=frozenset({"Ed"}),
        adjectives=frozenset({"quellbi", "golden"}),
    )
    text = "The record fell to Quellbi Ed Varnholm."
    assert _cleaned(english, vocab, text, "Quellbi Ed Varnholm", "ORG") == [
        ("Ed Varnholm", "PERSON", "person", "model")
    ]


def test_two_given_names_the_model_left_out_both_join_the_name(english, vocab) -> None:
    vocab = _with_names(vocab, "Ysolt", "Maren", "Pellam")
    text = "It fell to Ysolt Maren Quorvik yesterday."
    doc = _doc(english, text, [("Quorvik", "PERSON")])
    assert [doc.text[s.start : s.end] for s in clean(doc, doc.ents[0], vocab)] == ["Ysolt Maren Quorvik"]
    # a given name opening the sentence is taken though a capitalized word in no name ends the one before
    text = "Quellby Update Pellam Quorvik stayed."
    doc = _doc(english, text, [("Quorvik", "PERSON")])
    doc[2].is_sent_start = True
    assert [doc.text[s.start : s.end] for s in clean(doc, doc.ents[0], vocab)] == ["Pellam Quorvik"]


def test_a_bylines_email_button_before_a_handle_is_no_part_of_the_name(english, vocab) -> None:
    text = "By Orla Quist Email @oquist for more."
    assert [s[0] for s in _cleaned(english, vocab, text, "Orla Quist Email", "PERSON")] == ["Orla Quist"]
    text = "By Orla Quist Tweet @oquist for more."
    assert [s[0] for s in _cleaned(english, vocab, text, "Orla Quist Tweet", "PERSON")] == ["Orla Quist"]


def test_a_first_name_that_is_a_noun_too_before_a_country_stays_a_person(english, vocab) -> None:
    vocab = dataclasses.replace(
        vocab,
        major_places=frozenset({"Quellstan"}),
        nouns=vocab.nouns | {"tarn", "rowing"},
        first_names=vocab.first_names | {"Tarn"},
    )
    text = "Tarn Quellstan thanked Rowing Quellstan."
    assert _cleaned(english, vocab, text, "Tarn Quellstan", "PERSON")[0][2] == "person"
    assert _cleaned(english, vocab, text, "Rowing Quellstan", "PERSON")[0][2] == "group"


def test_a_personal_name_of_four_words_but_not_five_nor_an_acronym_is_a_person(english, vocab) -> None:
    vocab = _with_names(vocab, "Clarine")
    text = "Clarine Ann Mae Dupuis and Clarine Ann Mae Lou Dupuis met Clarine QVX."
    assert _cleaned(english, vocab, text, "Clarine Ann Mae Dupuis", "ORG")[0][2] == "person"
    assert _cleaned(english, vocab, text, "Clarine Ann Mae Lou Dupuis", "ORG")[0][2] == "group"
    assert _cleaned(english, vocab, text, "Clarine QVX", "ORG")[0][2] == "group"


def test_a_hyphen_and_nominated_after_a_one_word_name_make_it_an_award(english, vocab) -> None:
    text = "The Varnley-nominated writer left."
    assert _cleaned(english, vocab, text, "Varnley", "PERSON") == [("Varnley", "PERSON", "other", "model")]


def test_a_name_the_model_called_a_person_near_which_something_happens_is_a_place(english, vocab) -> None:
    text = "Fires burned near Tarnquist on Monday."
    assert _cleaned(english, vocab, text, "Tarnquist", "PERSON") == [
        ("Tarnquist", "PERSON", "place", "model")
    ]


def test_a_title_in_the_name_of_a_hospital_is_part_of_it(english, vocab) -> None:
    text = "She was taken to Queen Maelis Hospital on Monday."
    assert [found for found, *_ in _cleaned(english, vocab, text, "Queen Maelis Hospital", "PERSON")] == [
        "Queen Maelis Hospital"
    ]


def test_an_untagged_given_name_takes_two_surnames_but_not_three(english, vocab) -> None:
    from pipeline.extract.untagged import given_name_people

    vocab = _with_names(vocab, "Pellam", "Clarine")
    text = "His friends Pellam Orvis Arbuth and Clarine Vosk Dask Tarnow came."
    doc = _doc(english, text, [])
    assert [s.text for s in given_name_people(doc, vocab)] == ["Pellam Orvis Arbuth"]


def test_a_city_that_is_also_a_first_name_is_a_place_near_it_but_not_before_a_capitalized_word(
    english, vocab
) -> None:
    from pipeline.extract.untagged import gazetteer_places

    vocab = dataclasses.replace(vocab, places=frozenset({"Velmora"}), linked_places=frozenset({"Orlaine"}))
    text = "Fires burned near Orlaine today. Gifts came in Orlaine Quist style."
    doc = _doc(english, text, [])
    assert [(s.text, s.start, s.label_) for s in gazetteer_places(doc, vocab)] == [("Orlaine", 3, "GPE")]


def test_a_columns_first_word_in_capitals_is_no_part_of_its_writers_name(english, vocab) -> None:
    text = "ORLA VARNQUIST HOW is it that the rain never stops? The WHO and the QUELL NETWORK said so."
    assert [c[0] for c in _cleaned(english, vocab, text, "ORLA VARNQUIST HOW", "PERSON")] == [
        "ORLA VARNQUIST"
    ]
    assert [c[0] for c in _cleaned(english, vocab, text, "QUELL NETWORK", "ORG")] == ["QUELL NETWORK"]
    assert [c[0] for c in _cleaned(english, vocab, text, "WHO", "ORG")] == ["WHO"]
    text = "Prime Minister ORLA MAY survived, and columnist TESS WILL wrote."
    for name in ("ORLA MAY", "TESS WILL"):  # a surname that is a stop word too
        assert [c[0] for c in _cleaned(english, vocab, text, name, "PERSON")] == [name]


def test_a_spaced_slash_joins_two_names_and_an_unspaced_one_is_part_of_a_name(english, vocab) -> None:
    text = "Orla Quist / Orla is an editor. A Varn News/ Quellby Herald poll and AC/DC agreed."
    assert [c[0] for c in _cleaned(english, vocab, text, "Orla Quist / Orla", "PERSON")] == [
        "Orla Quist",
        "Orla",
    ]
    assert [c[0] for c in _cleaned(english, vocab, text, "Varn News/ Quellby Herald", "ORG")] == [
        "Varn News",
        "Quellby Herald",
    ]
    assert [c[0] for c in _cleaned(english, vocab, text, "AC/DC", "ORG")] == ["AC/DC"]


def test_a_companys_chief_officer_is_no_part_of_its_name(english, vocab) -> None:
    text = "At the home of Varncom CIO Orsa Tell and Quellco CFO Ada Varn, the firms met."
    for company in ("Varncom CIO", "Quellco CFO"):
        assert [c[0] for c in _cleaned(english, vocab, text, company, "ORG")] == [company.split()[0]]


def test_untagged_people_are_found_after_a_persons_title(english, vocab) -> None:
    import dataclasses

    from pipeline.extract.untagged import titled_people

    vocab = dataclasses.replace(
        vocab, nouns=frozenset({"motors", "street"}), linked_places=frozenset({"Quellby"})
    )
    text = (
        "Three members--Varn Fed President Plosvik--dissented. Senator Orla Tessaly said no, General Motors"
        " and Mayor Street agreed, Captain Quellby sailed, President Ada Toravo left and Tarnvel Bridge fell."
        " Buyers went through estate agent Varnfield, and Director Osk Brannt resigned."
    )
    doc = _doc(english, text, [("Toravo", "GPE")])
    assert [s.text for s in titled_people(doc, vocab)] == ["Plosvik", "Orla Tessaly", "Osk Brannt"]


def test_a_style_the_tokenizer_cuts_from_its_full_stop_still_opens_an_untagged_name(english, vocab) -> None:
    from pipeline.extract.untagged import titled_people

    text = "Her running mate, Hon. Tunji Ovarde, spoke, and his lawyer, Atty. Velma Quisoro, listened. It ended. Osk left."
    doc = _doc(english, text, [])
    assert [s.text for s in titled_people(doc, vocab)] == ["Tunji Ovarde", "Velma Quisoro"]
    # a title ending a sentence opens no name in the next, and "Hon" without its stop is no style
    text = "He was crowned king. Quellwood stars came. Shares of Hon Varnhai rose."
    assert titled_people(_doc(english, text, []), vocab) == []


def test_a_court_or_tribunal_the_model_left_untagged_is_found_by_its_head_after_a_place(
    english, vocab
) -> None:
    from pipeline.extract.untagged import headed_places

    vocab = dataclasses.replace(
        vocab, nouns=frozenset({"food", "high"}), linked_places=frozenset({"Quellby"})
    )
    text = "The Quellby High Court sat on Monday. They ate at the Food Court and walked to Quellby Court."
    doc = _doc(english, text, [])
    assert [(s.text, s.label_) for s in headed_places(doc, vocab)] == [("Quellby High Court", "ORG")]
    vocab = dataclasses.replace(vocab, nouns=frozenset({"outside", "high", "new"}), linked_places=frozenset())
    doc = _doc(english, "Outside Quellby High Court, crowds sang. New Varnby Supreme Court sat.", [])
    # a preposition opening the sentence is no part of the name; a common word of the name is
    assert [(s.text, s.label_) for s in headed_places(doc, vocab)] == [
        ("Quellby High Court", "ORG"),
        ("New Varnby Supreme Court", "ORG"),
    ]


def test_a_double_barrelled_surname_is_one_word_of_an_untagged_name(english, vocab) -> None:
    from pipeline.extract.untagged import given_name_people, titled_people

    vocab = dataclasses.replace(_with_names(vocab, "Orla", "Pellam"), nouns=frozenset({"greaves"}))
    text = "Chief Superintendent Orla Greaves-Quist spoke, and Pellam Varn-Ostby listened to Inspector Drell-Osk."
    doc = _doc(english, text, [])
    assert [s.text for s in titled_people(doc, vocab)] == ["Orla Greaves-Quist", "Drell-Osk"]
    # after a title, by its given name too
    assert [s.text for s in given_name_people(doc, vocab)] == ["Orla Greaves-Quist", "Pellam Varn-Ostby"]


def test_a_surname_the_model_called_an_organization_after_a_title_and_a_given_name_is_the_person(
    english, vocab
) -> None:
    vocab = _with_names(vocab, "Orla", "Chase")
    text = "Chief Superintendent Orla Greaves-Quist spoke. Shares of Chase Varnhattan rose."
    assert _cleaned(english, vocab, text, "Greaves-Quist", "ORG") == [
        ("Orla Greaves-Quist", "PERSON", "person", "model")
    ]
    assert _cleaned(english, vocab, text, "Varnhattan", "ORG")[0][:3] == ("Varnhattan", "ORG", "group")


def test_no_person_is_found_after_a_title_in_a_title_cased_line(vocab) -> None:
    import spacy

    from pipeline.extract.untagged import titled_people

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    doc = nlp("Quellby Council Votes As Mayor Varnsby Resigns. Later, Mayor Orsby resigned.")
    doc.ents = []  # the model tagged nothing
    assert [s.text for s in titled_people(doc, vocab)] == ["Orsby"]


def test_a_campaigning_body_takes_no_single_word_or_tagged_name_after_a(english, vocab) -> None:
    text = "The Varn League for a Tarnby rally paid. The Osk Fund for an Orla Quist study and the Quell Society for a Free Press met."
    names = [("Varn League", "ORG"), ("Osk Fund", "ORG"), ("Orla Quist", "PERSON"), ("Quell Society", "ORG")]
    doc = _doc(english, text, names)
    assert [e.text for e in extended_entities(doc, vocab.patterns)] == [
        "Varn League",
        "Osk Fund",
        "Orla Quist",
        "Quell Society for a Free Press",
    ]


def test_an_organization_of_a_short_title_and_a_name_is_a_person_without_the_title(english, vocab) -> None:
    vocab = dataclasses.replace(vocab, nouns=frozenset({"record"}))
    text = "Cllr Tarvinder Osk-Varn spoke; Dr Quist Clinic opened; Sgt Varn Records rose."
    assert _cleaned(english, vocab, text, "Cllr Tarvinder Osk-Varn", "ORG") == [
        ("Tarvinder Osk-Varn", "ORG", "person", "model")
    ]
    assert _cleaned(english, vocab, text, "Dr Quist Clinic", "ORG")[0][2] == "group"  # a head noun ends it
    assert _cleaned(english, vocab, text, "Sgt Varn Records", "ORG")[0][2] == "group"  # a plural noun too


def test_a_name_ended_on_a_possessive_of_an_office_goes_on_over_a_head_noun_as_one_name(
    english, vocab
) -> None:
    text = "Bail from the Cape Quell Magistrate's Court; Bishop's Tower, Varn's Parliament and Osk's Bank."
    names = [("Cape Quell Magistrate's", "ORG"), ("Bishop", "ORG"), ("Tower", "GPE"), ("Varn", "GPE")]
    doc = _doc(english, text, [*names, ("Osk", "ORG")])
    repaired = extended_entities(doc, vocab.patterns)
    # a magistrate's or a bishop's: one name; a place's parliament or a firm's bank: two, as the model had
    assert [e.text for e in repaired] == ["Cape Quell Magistrate's Court", "Bishop's Tower", "Varn", "Osk"]
    cleaned = [doc.text[s.start : s.end] for ent in repaired for s in clean(doc, ent, vocab)]
    assert cleaned == ["Cape Quell Magistrate's Court", "Bishop's Tower", "Varn", "Osk"]


def test_a_full_name_the_model_ended_a_word_early_takes_the_surname_after_it(english, vocab) -> None:
    from pipeline.extract.untagged import surnames_after_people

    vocab = dataclasses.replace(
        _with_names(vocab, "Orla", "Ede"), nouns=frozenset({"leave"}), places=frozenset({"Varnby"})
    )
    text = (
        "Orla Pell Tarnat won by far. Orla Pell Leaves went. Ede Osk Varnby left. Ede Osk Quist Hall stood."
    )
    people = [("Orla Pell", "PERSON"), ("Orla Pell Leaves", "ORG"), ("Ede Osk", "PERSON")]
    doc = _doc(english, text, [*people, ("Ede Osk Quist", "ORG")])
    assert [s.text for s in surnames_after_people(doc, vocab)] == ["Orla Pell Tarnat"]
    doc = _doc(english, "Ede Osk Quist Hall stood.", [("Ede Osk", "PERSON")])
    assert surnames_after_people(doc, vocab) == []  # a head noun after it: a building's name
    listed = _doc(english, "1. Orla Pell Varnco 4:12:03, 2. Ede Osk Tarnco +0:12", [("Orla Pell", "PERSON")])
    assert surnames_after_people(listed, vocab) == []  # a results table: a team after the name


def test_a_given_names_run_takes_the_surname_the_model_read_alone_after_it(english, vocab) -> None:
    from pipeline.extract.untagged import given_name_people

    vocab = _with_names(vocab, "Marisol")
    text = "Vice President Marisol Renata Quistero Varnán was sworn in."
    doc = _doc(english, text, [("Varnán", "PERSON")])
    assert [s.text for s in given_name_people(doc, vocab)] == ["Marisol Renata Quistero Varnán"]


def test_a_name_after_an_office_a_comma_and_before_a_comma_is_a_person(english, vocab) -> None:
    vocab = dataclasses.replace(_with_names(vocab), nouns=frozenset({"record"}))
    text = (
        "The firm's director, Tarvo Ndosk, was held. Quellco's board, Varn Holdings, sold. The deal's "
        "agent, Osk Tarrant, won. The label's founder, Quell Records, grew. Its director, Varn Capital, paid."
    )
    assert _cleaned(english, vocab, text, "Tarvo Ndosk", "ORG")[0][2] == "person"
    assert _cleaned(english, vocab, text, "Varn Holdings", "ORG")[0][2] == "group"  # no office
    assert _cleaned(english, vocab, text, "Osk Tarrant", "ORG")[0][2] == "group"  # a firm is an agent too
    # a company's word, or a common noun's plural, ends a firm's name
    assert _cleaned(english, vocab, text, "Quell Records", "ORG")[0][2] == "group"
    assert _cleaned(english, vocab, text, "Varn Capital", "ORG")[0][2] == "group"


def test_a_plural_possessive_the_model_ended_on_takes_its_head_word_after_it(english, vocab) -> None:
    text = "The ruling Quell Socialist Workers' Party met; the Varn Farmers' union did not."
    doc = _doc(
        english, text, [("Quell Socialist Workers'", "ORG"), ("Party", "ORG"), ("Varn Farmers'", "ORG")]
    )
    assert [e.text for e in extended_entities(doc, vocab.patterns)] == [
        "Quell Socialist Workers' Party",
        "Varn Farmers'",  # no head word the model tagged after it
    ]


def test_a_word_for_a_kind_of_organization_opening_the_sentence_is_no_part_of_the_name(
    english, vocab
) -> None:
    text = "Regulator Quellcom is drawing up rules."
    assert _cleaned(english, vocab, text, "Regulator Quellcom", "PERSON") == [
        ("Quellcom", "ORG", "group", "model")
    ]
    text = "Champions Quellby Rovers lost."
    assert [s[:3] for s in _cleaned(english, vocab, text, "Champions Quellby Rovers", "PERSON")] == [
        ("Quellby Rovers", "ORG", "group")
    ]
    text = "Watchdog Varncom agreed."
    assert [s[:3] for s in _cleaned(english, vocab, text, "Watchdog Varncom", "GPE")] == [
        ("Varncom", "ORG", "group")
    ]
    # nor before a name with a head noun of its own, which it opens
    # nor before a person's name or common words: "Broadcaster Orla Quist", "Supermarket Sweep"
    people = dataclasses.replace(vocab, given_names=frozenset({"Orla"}), nouns=frozenset({"sweep"}))
    text = "Broadcaster Orla Quist spoke."
    assert [s[0] for s in _cleaned(english, people, text, "Broadcaster Orla Quist", "PERSON")] == [
        "Broadcaster Orla Quist"
    ]
    text = "Broadcaster Gyles Varnquist spoke."
    assert [s[0] for s in _cleaned(english, people, text, "Broadcaster Gyles Varnquist", "PERSON")] == [
        "Broadcaster Gyles Varnquist"
    ]
    text = "Supermarket Sweep returns."
    assert [s[0] for s in _cleaned(english, people, text, "Supermarket Sweep", "WORK_OF_ART")] == [
        "Supermarket Sweep"
    ]
    text = "Airline Pilots Association members voted."
    nouns = dataclasses.replace(vocab, nouns=frozenset({"pilot"}))
    assert [s[0] for s in _cleaned(english, nouns, text, "Airline Pilots Association", "ORG")] == [
        "Airline Pilots Association"
    ]
    # not inside a sentence, nor a word that opens organizations' names ("Network", "Group")
    text = "The new Regulator Quellcom spoke. Network Varnrail agreed."
    assert [s[0] for s in _cleaned(english, vocab, text, "Regulator Quellcom", "ORG")] == [
        "Regulator Quellcom"
    ]
    assert [s[0] for s in _cleaned(english, vocab, text, "Network Varnrail", "ORG")] == ["Network Varnrail"]


def test_a_venue_the_model_read_as_an_event_is_a_place(english, vocab) -> None:
    text = "Rain swept across the Quellby Stadium before the Varn Cup final."
    assert [s[:3] for s in _cleaned(english, vocab, text, "Quellby Stadium", "EVENT")] == [
        ("Quellby Stadium", "EVENT", "place")
    ]
    assert [s[:3] for s in _cleaned(english, vocab, text, "Varn Cup", "EVENT")] == [
        ("Varn Cup", "EVENT", "other")
    ]


def test_a_number_the_model_ran_over_a_paragraph_break_ends_before_it(english, vocab) -> None:
    text = "Quellco 412.8\n\nVarnco 301.2"
    assert _cleaned(english, vocab, text, "412.8\n\n", "MONEY") == [("412.8", "MONEY", "number", "model")]


def test_an_untagged_name_of_up_to_three_words_follows_a_malaysian_honour_of_two(english, vocab) -> None:
    from pipeline.extract.untagged import titled_people

    vocab = dataclasses.replace(vocab, nouns=frozenset({"boon", "street"}))
    text = (
        "Chairman Tan Sri Varn Boon Quelk said so. Puan Sri Orla Tessaly agreed. Prime Minister Varn Boon"
        " Quelk left, and Datuk Seri Osk Lim Brannt came."
    )
    doc = _doc(english, text, [("Tan Sri", "PERSON")])
    # after a title of two words that is no honour, a common word still ends the name
    assert [s.text for s in titled_people(doc, vocab)] == [
        "Varn Boon Quelk",
        "Orla Tessaly",
        "Osk Lim Brannt",
    ]


def test_a_title_the_model_cut_in_two_leaves_the_name(english, vocab) -> None:
    text = "Menteri Besar Datuk Seri Varn Osk bin Quelk Tarrim said so, and Seri Tellan Ovari sang."
    assert [c[0] for c in _cleaned(english, vocab, text, "Seri Varn Osk bin Quelk Tarrim", "PERSON")] == [
        "Varn Osk bin Quelk Tarrim"
    ]
    # "Seri" opening a name with no honour's first word before it is the name's
    assert [c[0] for c in _cleaned(english, vocab, text, "Seri Tellan Ovari", "PERSON")] == [
        "Seri Tellan Ovari"
    ]


@pytest.mark.parametrize(
    ("text", "tagged", "expected"),
    [
        (
            "Analyst Orla Hajar binti Varn Quelk raised it.",
            ["Orla Hajar", "Varn"],
            ["Orla Hajar binti Varn Quelk"],
        ),
        ("Speaker Ir Tellan a/l Osvaran spoke.", ["Tellan"], ["Tellan a/l Osvaran"]),
        ("Speaker Tellan a/l Osvaran spoke.", ["Tellan", "Osvaran"], ["Tellan a/l Osvaran"]),
        ("Minister Varn bin Osk Tarrim Quell said so.", ["Varn bin Osk"], ["Varn bin Osk Tarrim Quell"]),
        # the father's name holds no head noun, title or word the article writes in lower case
        ("Omar bin Varnad Airways Chief Executive came.", ["Omar bin Varnad"], ["Omar bin Varnad"]),
        ("Pupil Ravi s/o Tellan Said it was hard, and he said so.", ["Ravi"], ["Ravi s/o Tellan"]),
        # no patronymic: the name ends where the model ended it
        ("Orla Hajar met Varn Quelk in Tarrim.", ["Orla Hajar"], ["Orla Hajar"]),
        ("Varn bin Osk said Tuesday was fine.", ["Varn bin Osk"], ["Varn bin Osk"]),
    ],
)
def test_a_malay_or_tamil_name_goes_on_over_the_fathers_name_after_its_patronymic(
    english, vocab, text, tagged, expected
) -> None:
    doc = _doc(english, text, [(name, "PERSON") for name in tagged])
    assert [e.text for e in extended_entities(doc, vocab.patterns)] == expected
