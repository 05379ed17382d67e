"""Span repairs by the shape of the text (pipeline.extract.shapes), on invented names."""

from __future__ import annotations

import pytest

from pipeline.extract.entities import CharSpan
from pipeline.extract.shapes import (
    hometowns,
    known_as,
    lineups,
    names_in_capitals,
    never_names,
    nicknamed_people,
    reshaped,
    results_tables,
    scorecards,
    surnames_cut_off,
)
from pipeline.extract.spans import ArticleText
from pipeline.wordlists import load_patterns


def _spans(body: str, *names: tuple[str, str]) -> list[CharSpan]:
    labels = {"person": "PERSON", "group": "ORG", "place": "GPE", "other": "WORK_OF_ART"}
    return [CharSpan(body.index(n), body.index(n) + len(n), labels[t], t) for n, t in names]


def _texts(body: str, spans: list[CharSpan]) -> list[tuple[str, str]]:
    return [(body[s.start : s.end], s.type) for s in spans]


@pytest.mark.parametrize(
    ("body", "name"),
    [
        ("Follow @VelmoraQuist for news.", "VelmoraQuist"),
        ("Trending now: #VarnVotes in Quellby.", "VarnVotes"),
        ("See www.quistmining.com/news today.", "quistmining"),
        ("Write to velmora@quistmining.org now.", "quistmining"),
        ("The vote closes at 10:00 GMT tomorrow.", "GMT"),
        ("The call is at 9 UTC+2 on Monday.", "UTC+2"),
        ("The University said nothing.", "University"),
        ("Goals: Quist 23.\n\nAtt: 44,235", "Att"),
        ("She is Professor of Astronomy at Quellby.", "Astronomy"),
        ("He took a Ph.D. in Computer Science.", "Computer Science"),
        ("Shares of Quellco (NYSE: QLC) fell.", "QLC"),
        ("Shares of Quellco (ASX:QLC) fell.", "ASX"),
        ("Sen. Orla Quist, D-Varn., said so.", "Varn."),
        ("Rep. Orla Quist (R-Quellia) voted no.", "Quellia"),
        ("Rates in the non-Quellan population rose.", "non-Quellan"),
        ("Anti-Varnian forces regrouped near the pass.", "Anti-Varnian"),
        ("The pro-Quellan militia left.", "pro-Quellan"),
        ("Learn more about our Privacy Policy and Terms of Use.", "Privacy Policy and Terms"),
        ("Manage your Cookie Settings here.", "Cookie Settings"),
        ("Use of AI in Quellby schools rose.", "AI"),
        ("Two CFLs burned out; the CCTV footage showed it.", "CFLs"),
        ("He was named MVP of the Varn series.", "MVP"),
        ("Quellco boxes get a new guide in Q4.", "Q4"),
        ("Varnco's Q3 2010 profit rose.", "Q3 2010"),
        ("Its FY2011 sales fell.", "FY2011"),
        ("A berth costs 225 DKK a night.", "DKK"),
        ("The exit tax is MXN 350 at Varnport.", "MXN"),
        ("Visas cost 25 CUC. Pay the CUC at the desk.", "CUC"),
        ("By Orla Quist, Employment Correspondent", "Employment Correspondent"),
        ("Orla Quist in Varnby. Photo by Ada Lind", "Photo"),
        ("Varnco shares closed at Rs 1,486.40 on Friday.", "Rs 1,486.40"),
        ("Quellco's target rose to RM1.62 from RM1.10.", "RM1.10"),
        ("Tellby Ltd fell to HK$6.05 in Varnwan.", "HK$6.05"),
        ("The deal is worth NT$300 million.", "NT$300 million"),
        ("Fees of INR 1,200 apply.", "INR 1,200"),
    ],
)
def test_handles_addresses_time_zones_and_generic_heads_are_never_names(body: str, name: str) -> None:
    article = ArticleText(body, (), load_patterns())
    assert never_names(_spans(body, (name, "group")), article) == []


def test_a_three_letter_name_that_no_amount_is_written_in_is_kept() -> None:
    body = "The NOK and the CUC met in Quellby; 40 EUR-backed bonds were sold."  # "EUR-backed": no code alone
    names = [("NOK", "group"), ("CUC", "group")]
    assert _texts(body, never_names(_spans(body, *names), ArticleText(body, (), load_patterns()))) == names


def test_a_name_with_a_number_that_is_no_amount_is_kept() -> None:
    body = "Quellvision showed it on BBC 1 and Varn 2, and Apollo 11 flew over Quellby."
    names = [("BBC 1", "group"), ("Varn 2", "group"), ("Apollo 11", "group")]
    assert _texts(body, never_names(_spans(body, *names), ArticleText(body, (), load_patterns()))) == names


def test_a_name_that_opens_with_anti_is_kept() -> None:
    body = "The Anti-Varnian League met the Pro-Quell Alliance."
    names = [("Anti-Varnian League", "group"), ("Pro-Quell Alliance", "group")]
    assert _texts(body, never_names(_spans(body, *names), ArticleText(body, (), load_patterns()))) == names


def test_a_name_written_like_a_half_year_is_kept() -> None:
    body = "Tel Varn has formed part of H2, a section of Quellby, since 1997."
    names = [("H2", "place"), ("Quellby", "place")]
    assert _texts(body, never_names(_spans(body, *names), ArticleText(body, (), load_patterns()))) == names


def test_names_beside_a_ticker_or_a_party_tag_stay() -> None:
    body = "Quellco (NYSE: QLC) and Varn Mining (Quellia) met D-Day veterans, said Orla Quist, R-Osk."
    names = [("Quellco", "group"), ("Varn Mining", "group"), ("Quellia", "place"), ("Orla Quist", "person")]
    assert _texts(body, never_names(_spans(body, *names), ArticleText(body, (), load_patterns()))) == names


def test_a_fixture_is_two_teams() -> None:
    body = "Quellby v Drovenport Town ended 2-1."
    article = ArticleText(body, (), load_patterns())
    found = reshaped(_spans(body, ("Quellby v Drovenport Town", "person")), article)
    assert _texts(body, found) == [("Quellby", "group"), ("Drovenport Town", "group")]


def test_a_team_and_the_venue_it_plays_at_are_two_names() -> None:
    body = (
        "Varnby Rovers at Quellton Oval, the University of Osk at Tarnby and Quell Hospital at Varnley met."
    )
    article = ArticleText(body, (), load_patterns())
    spans = _spans(
        body,
        ("Varnby Rovers at Quellton Oval", "group"),
        ("University of Osk at Tarnby", "group"),
        ("Quell Hospital at Varnley", "group"),
    )
    assert _texts(body, reshaped(spans, article)) == [
        ("Varnby Rovers", "group"),
        ("Quellton Oval", "place"),
        ("University of Osk at Tarnby", "group"),  # no venue after "at": one name
        ("Quell Hospital at Varnley", "group"),
    ]


def test_a_fixture_with_versus_or_vs_is_two_teams_but_a_lower_case_side_is_none() -> None:
    body = "Quellby versus Drovenport Town and Varn Rovers vs. Oskford drew; Quist v the rest ended."
    article = ArticleText(body, (), load_patterns())
    spans = _spans(
        body,
        ("Quellby versus Drovenport Town", "person"),
        ("Varn Rovers vs. Oskford", "place"),
        ("Quist v the rest", "person"),
    )
    assert _texts(body, reshaped(spans, article)) == [
        ("Quellby", "group"),
        ("Drovenport Town", "group"),
        ("Varn Rovers", "group"),
        ("Oskford", "group"),
        ("Quist v the rest", "person"),
    ]


def test_a_lower_case_participle_after_a_hyphen_is_no_part_of_a_persons_name() -> None:
    body = "The Orla Quist-backed plan and Ilse Varga-tarn met."
    article = ArticleText(body, (), load_patterns())
    spans = _spans(body, ("Orla Quist", "person"), ("Ilse Varga", "person"))
    assert _texts(body, reshaped(spans, article)) == [("Orla Quist", "person"), ("Ilse Varga-tarn", "person")]


def test_a_dash_written_as_a_hyphen_and_the_sentence_after_it_are_no_part_of_a_name() -> None:
    body = "Then Orla Quist-and her aides-left, and Quan Dae-in stayed with Ilse Varga-the youngest."
    article = ArticleText(body, (), load_patterns())
    spans = _spans(body, ("Orla Quist", "person"), ("Quan Dae", "person"), ("Ilse Varga", "person"))
    assert _texts(body, reshaped(spans, article)) == [
        ("Orla Quist", "person"),
        ("Quan Dae-in", "person"),
        ("Ilse Varga", "person"),
    ]


def test_names_cut_at_a_hyphen_are_taken_whole_but_describing_words_are_not() -> None:
    body = "Quan Hsien-vorr met the Institute for Anglo-Varish Studies and Drovenport-based Quellby-led fighters."
    article = ArticleText(body, (), load_patterns())
    spans = _spans(
        body,
        ("Quan Hsien", "person"),
        ("Institute for Anglo", "group"),
        ("Drovenport", "place"),
        ("Quellby", "group"),
    )
    assert _texts(body, reshaped(spans, article)) == [
        ("Quan Hsien-vorr", "person"),
        ("Institute for Anglo-Varish Studies", "group"),
        ("Drovenport", "place"),
        ("Quellby", "group"),
    ]


def test_a_name_made_whole_at_a_hyphen_may_show_an_organization() -> None:
    body = "Jaish-e-Quellmar struck, said Quan Jaish-e-Vorr."
    article = ArticleText(body, (), load_patterns())
    spans = _spans(body, ("Jaish", "person"), ("Quan Jaish", "person"))
    found = _texts(body, reshaped(spans, article))
    assert found == [("Jaish-e-Quellmar", "group"), ("Quan Jaish-e-Vorr", "person")]


def test_a_hyphenated_place_runs_on_over_its_linking_words() -> None:
    body = "From Bourgel-la-Varne to Quell-upon-Osk and Mazor-e-Varif, past Drovenport-on-sea and Varnby-en-route traffic."
    article = ArticleText(body, (), load_patterns())
    spans = _spans(
        body,
        ("Bourgel", "place"),
        ("Quell", "place"),
        ("Mazor", "place"),
        ("Drovenport", "place"),
        ("Varnby", "place"),
    )
    assert _texts(body, reshaped(spans, article)) == [
        ("Bourgel-la-Varne", "place"),
        ("Quell-upon-Osk", "place"),
        ("Mazor-e-Varif", "place"),  # a Persian name's linking "e"
        ("Drovenport", "place"),  # a lower-case word ends no name
        ("Varnby", "place"),
    ]


def test_two_known_places_joined_by_a_hyphen_stay_two_places_one_hyphenated_place_stays_one() -> None:
    body = "Quellia-Varnistan talks, the Drovenport-Osk race and Guinea-Varn elections."
    places = frozenset({"Quellia", "Varnistan", "Guinea", "Varn", "Guinea-Varn"})
    article = ArticleText(body, (), load_patterns(), places)
    spans = _spans(body, ("Quellia", "place"), ("Drovenport", "place"), ("Guinea", "place"))
    assert _texts(body, reshaped(spans, article)) == [
        ("Quellia", "place"),
        ("Varnistan", "place"),
        ("Drovenport-Osk", "place"),  # neither is known: one name
        ("Guinea-Varn", "place"),  # the whole is a known place
    ]


def test_a_name_run_over_a_verb_or_a_demonstrative_is_two_names() -> None:
    body = (
        "Quist composed Varnala; Orsa Tell this Court; the Quellby Is Osk trio; Museum of the Dreamed City."
    )
    article = ArticleText(body, (), load_patterns())
    spans = _spans(
        body,
        ("Quist composed Varnala", "group"),
        ("Orsa Tell this Court", "person"),
        ("Quellby Is Osk", "group"),
        ("Museum of the Dreamed City", "place"),
    )
    assert _texts(body, reshaped(spans, article)) == [
        ("Quist", "group"),
        ("Varnala", "group"),
        ("Orsa Tell", "person"),
        ("Court", "person"),  # each piece keeps the model's label; resolution's votes settle its type
        ("Quellby Is Osk", "group"),  # capitalized, a word of the name
        ("Museum of the Dreamed City", "place"),
    ]


def test_a_phrase_after_for_the_is_not_part_of_the_name() -> None:
    body = "Quellby for the Cup, and the Commission for the Protection of Drovenport."
    article = ArticleText(body, (), load_patterns())
    spans = _spans(
        body, ("Quellby for the Cup", "group"), ("Commission for the Protection of Drovenport", "group")
    )
    assert _texts(body, reshaped(spans, article)) == [
        ("Quellby", "group"),
        ("Commission for the Protection of Drovenport", "group"),
    ]


def test_a_purpose_after_for_the_or_on_is_part_of_an_organizations_name() -> None:
    body = "Quellers for the Ethical Treatment of Varns protested; the Osk Panel on Climate Drift met."
    article = ArticleText(body, (), load_patterns())
    names = ("Quellers for the Ethical Treatment of Varns", "group"), ("Osk Panel on Climate Drift", "group")
    assert _texts(body, reshaped(_spans(body, *names), article)) == list(names)
    body = "They backed Quellby for the World Cup and Varn on Oskco."
    article = ArticleText(body, (), load_patterns())
    spans = _spans(body, ("Quellby for the World Cup", "group"), ("Varn on Oskco", "group"))
    assert _texts(body, reshaped(spans, article)) == [("Quellby", "group"), ("Varn", "group")]


def test_one_organization_working_for_the_other_is_two_names() -> None:
    body = "A study by the Quellby University for the Varn Bureau of Road Statistics, and the Osk Society for the Prevention of Fires."
    article = ArticleText(body, (), load_patterns())
    spans = _spans(
        body,
        ("Quellby University for the Varn Bureau of Road Statistics", "group"),
        ("Osk Society for the Prevention of Fires", "group"),
    )
    assert _texts(body, reshaped(spans, article)) == [
        ("Quellby University", "group"),
        ("Varn Bureau of Road Statistics", "group"),
        ("Osk Society for the Prevention of Fires", "group"),  # no body of its own after "for the"
    ]


def test_an_organization_run_over_on_and_another_name_ends_before_it_unless_a_head_noun_comes_first() -> None:
    body = "A report by Quist and Varn on Oskco's debts reached the Council on Drovenport Relations in Stoke on Osk."
    article = ArticleText(body, (), load_patterns())
    names = ("Quist and Varn on Oskco", "group"), ("Council on Drovenport Relations", "group")
    spans = _spans(body, *names, ("Stoke on Osk", "place"))
    assert _texts(body, reshaped(spans, article)) == [
        ("Quist and Varn", "group"),
        ("Council on Drovenport Relations", "group"),
        ("Stoke on Osk", "place"),  # a place's "on" links its river
    ]


def test_a_place_cut_after_on_runs_on_over_capitalized_words_unless_they_say_whose_place_it_is() -> None:
    body = "The plane hit Mt Varn on Quellia's Drove Coast near Stoke on Osk Water."
    article = ArticleText(body, (), load_patterns())
    spans = _spans(body, ("Mt Varn on", "place"), ("Stoke on", "place"))
    assert _texts(body, reshaped(spans, article)) == [("Mt Varn", "place"), ("Stoke on Osk Water", "place")]


def test_et_al_leaves_the_author_a_person_and_honours_leave_the_name() -> None:
    body = "As Trevolan et al showed, Orsa Quillmay FRS and Danto Vell, PhD, met in Drovenport, MD today."
    article = ArticleText(body, (), load_patterns())
    spans = _spans(
        body,
        ("Trevolan et al", "group"),
        ("Orsa Quillmay FRS", "person"),
        ("Danto Vell, PhD", "person"),
        ("Drovenport, MD", "place"),
    )
    assert _texts(body, reshaped(spans, article)) == [
        ("Trevolan", "person"),
        ("Orsa Quillmay", "person"),
        ("Danto Vell", "person"),
        ("Drovenport, MD", "place"),  # a state after a place stays
    ]


def test_a_regnal_number_belongs_to_the_persons_name_and_the_pronoun_does_not() -> None:
    body = "Tsar Varnulf I, who met Shah Quellam II and Osk XIV of Drovia, said Orsa Quist I think. Quellport IV won."
    article = ArticleText(body, (), load_patterns())
    spans = _spans(
        body,
        ("Tsar Varnulf", "person"),
        ("Shah Quellam", "person"),
        ("Osk", "person"),
        ("Orsa Quist", "person"),
        ("Quellport", "place"),
    )
    assert _texts(body, reshaped(spans, article)) == [
        ("Tsar Varnulf I", "person"),
        ("Shah Quellam II", "person"),
        ("Osk XIV", "person"),
        ("Orsa Quist", "person"),
        ("Quellport", "place"),  # only a person's name takes a number
    ]


def test_a_name_ends_before_the_weekday_of_a_dateline_the_model_ran_it_into() -> None:
    body = "Orsa Quist interviewed by Quellnews Saturday, March 3, 2012. Varn Sunday 4 won at Osk Friday."
    article = ArticleText(body, (), load_patterns())
    spans = _spans(body, ("Quellnews Saturday", "group"), ("Varn Sunday", "person"), ("Osk Friday", "place"))
    assert _texts(body, reshaped(spans, article)) == [
        ("Quellnews", "group"),
        ("Varn", "person"),
        ("Osk Friday", "place"),  # no date after it: the day may be part of the name
    ]


def test_a_lower_case_landform_belongs_to_the_place_before_it() -> None:
    body = "Ships crossed the Velmora sea to the Quist river delta and Drovenport islanders."
    article = ArticleText(body, (), load_patterns())
    spans = _spans(body, ("Velmora", "place"), ("Quist", "place"), ("Drovenport", "place"))
    assert _texts(body, reshaped(spans, article)) == [
        ("Velmora sea", "place"),
        ("Quist river", "place"),
        ("Drovenport", "place"),  # "islanders" is not "islands"
    ]


def test_a_lower_case_party_belongs_to_the_party_name_before_it() -> None:
    body = "The Quellbian party met Varnco partygoers and Orsa Quist's party."
    article = ArticleText(body, (), load_patterns())
    spans = _spans(body, ("Quellbian", "group"), ("Varnco", "group"), ("Orsa Quist", "person"))
    assert _texts(body, reshaped(spans, article)) == [
        ("Quellbian party", "group"),
        ("Varnco", "group"),  # "partygoers" is not "party"
        ("Orsa Quist", "person"),  # a person's party is a gathering (and comes after "'s")
    ]


def test_names_run_together_over_a_slash_or_a_comma_are_split() -> None:
    body = (
        "Fares from Quellby / Drovenport rose, said Velmora, Department of Roads, and Orsa Vell, Jr. agreed."
    )
    article = ArticleText(body, (), load_patterns())
    spans = _spans(
        body,
        ("Quellby / Drovenport", "place"),
        ("Velmora, Department of Roads", "group"),
        ("Orsa Vell, Jr.", "person"),
    )
    assert _texts(body, reshaped(spans, article)) == [
        ("Quellby", "place"),
        ("Drovenport", "place"),
        ("Velmora", "group"),
        ("Department of Roads", "group"),
        ("Orsa Vell, Jr.", "person"),
    ]


def test_a_word_capitalized_only_at_sentence_starts_is_not_a_name() -> None:
    from pipeline.extract.shapes import sentence_initial_words

    body = (
        "Overview\n\nThe quellbine market opens early. Wear a hat; the overview below helps. "
        "Drovenport traders say Quellbine prices rose. Marrowick is calm; marrowick is also a sweet. "
        "Orla Hay spoke. Hay said hay was dear."
    )
    article = ArticleText(body, (), load_patterns())
    spans = _spans(
        body,
        ("Overview", "group"),  # a heading; "overview" is written in lower case too
        ("Wear", "person"),  # a sentence start; the article never writes "wear" in lower case: kept
        ("Drovenport", "place"),  # only at a start, never in lower case: kept
        ("Quellbine", "group"),  # also mid-sentence: kept
        ("Marrowick", "place"),  # a start only, and in lower case later: dropped
        ("Orla Hay", "person"),
    )
    said = body.index("Hay said")  # a start only and in lower case, but the surname of a name of the article
    spans.append(CharSpan(said, said + 3, "PERSON", "person"))
    assert _texts(body, sentence_initial_words(spans, article)) == [
        ("Wear", "person"),
        ("Drovenport", "place"),
        ("Quellbine", "group"),
        ("Orla Hay", "person"),
        ("Hay", "person"),
    ]


def test_a_word_capitalized_only_after_a_datelines_dash_is_not_a_name() -> None:
    from pipeline.extract.shapes import sentence_initial_words

    # the story's first word comes after "OSKBURG —"; mid-sentence after a dash it is a name
    body = "OSKBURG — Raiders stormed the Varn depot. Two raiders fled — Quellmen said so; quellmen agree."
    article = ArticleText(body, (), load_patterns())
    spans = _spans(body, ("Raiders", "place"), ("Quellmen", "group"))
    assert _texts(body, sentence_initial_words(spans, article)) == [("Quellmen", "group")]
    # a person there is a name the model read in the sentence's words, whatever the article's "the bush"
    body = "OSKBURG — Bush told reporters the bush burned."
    spans = _spans(body, ("Bush", "person"))
    assert _texts(body, sentence_initial_words(spans, ArticleText(body, (), load_patterns()))) == [
        ("Bush", "person")
    ]


def test_a_word_capitalized_only_after_the_dash_of_a_later_dateline_is_not_a_name() -> None:
    from pipeline.extract.shapes import sentence_initial_words

    # a first line shaped like a dateline too ("UPDATE -"): the story starts after each line's dash
    body = "UPDATE - the Varn depot story changed.\nOSKBURG — Raiders stormed the depot. Two raiders fled."
    spans = _spans(body, ("Raiders", "place"))
    assert sentence_initial_words(spans, ArticleText(body, (), load_patterns())) == []


def test_a_common_word_that_is_a_heading_of_its_own_is_not_a_name() -> None:
    from pipeline.extract.shapes import sentence_initial_words

    body = "Quellwork\n\nThe Drovenport mill opened.\n\nDrovenport:\nIt grew.\n\nQuellwork Osk came."
    words = (frozenset({"quellwork", "mill"}), frozenset({"grow"}))  # the model's nouns and verbs
    article = ArticleText(body, (), load_patterns(), common_words=words)
    spans = _spans(body, ("Quellwork", "group"), ("Drovenport", "place"), ("Quellwork Osk", "person"))
    heading = body.index("Drovenport:")
    spans.append(CharSpan(heading, heading + 10, "GPE", "place"))  # a heading, but no common word
    assert _texts(body, sentence_initial_words(spans, article)) == [
        ("Drovenport", "place"),
        ("Quellwork Osk", "person"),
        ("Drovenport", "place"),
    ]


def test_a_name_cut_after_a_function_word_runs_on_or_loses_it() -> None:
    body = (
        "The Institute of Quellan Studies of Varn Academy hired Orsa Quist of Drovenport from the Lodge of."
    )
    article = ArticleText(body, (), load_patterns())
    spans = _spans(
        body,
        ("Institute of Quellan Studies of", "group"),
        ("Orsa Quist of", "person"),
        ("Lodge of", "group"),
    )
    assert _texts(body, reshaped(spans, article)) == [
        ("Institute of Quellan Studies of Varn Academy", "group"),
        ("Orsa Quist", "person"),
        ("Lodge", "group"),
    ]


def test_two_places_joined_by_and_are_two_unless_one_country() -> None:
    body = "Raids hit Quellby and Drovenport; Velmora and Osk agreed; Ernst and Quale advised; Quellby Food and Arts."
    article = ArticleText(body, (), load_patterns(), frozenset({"Drovenport", "Velmora and Osk"}))
    spans = _spans(
        body,
        ("Quellby and Drovenport", "group"),
        ("Velmora and Osk", "place"),  # a country of that name
        ("Ernst and Quale", "group"),  # no place in it
        ("Quellby Food and Arts", "group"),
    )
    assert _texts(body, reshaped(spans, article)) == [
        ("Quellby", "place"),
        ("Drovenport", "place"),
        ("Velmora and Osk", "place"),
        ("Ernst and Quale", "group"),
        ("Quellby Food and Arts", "group"),
    ]


def test_two_names_joined_by_and_after_towns_of_are_two_places_known_or_not() -> None:
    body = "Troops entered the border towns of Quellby and Drovenport; Ernst and Quale of Osk advised."
    article = ArticleText(body, (), load_patterns())
    spans = _spans(body, ("Quellby and Drovenport", "group"), ("Ernst and Quale", "group"))
    assert _texts(body, reshaped(spans, article)) == [
        ("Quellby", "place"),
        ("Drovenport", "place"),
        ("Ernst and Quale", "group"),  # nothing before it lists places
    ]


def test_a_party_an_office_and_its_holder_run_together_are_a_group_and_a_person() -> None:
    body = (
        "Federal Quellish Labour MP Orla Quistby said so; Varnby Mayor Tamsin Oskar agreed; "
        "the Quellish Labour MP Office and Drovenport Governor Wexley Varn stayed one name; "
        "Osk Undersecretary Orla Tarnez left."
    )
    article = ArticleText(
        body, (), load_patterns(), frozenset({"Varnby"}), given_names=frozenset({"Orla", "Tamsin"})
    )
    spans = _spans(
        body,
        ("Federal Quellish Labour MP Orla Quistby", "group"),
        ("Varnby Mayor Tamsin Oskar", "place"),
        ("Quellish Labour MP Office", "group"),  # no person's name after the office
        ("Drovenport Governor Wexley Varn", "group"),  # "Wexley" is no given name it knows
        ("Osk Undersecretary Orla Tarnez", "group"),
    )
    assert _texts(body, reshaped(spans, article)) == [
        ("Quellish Labour", "group"),  # "Federal" says which branch, not whose
        ("Orla Quistby", "person"),
        ("Varnby", "place"),
        ("Tamsin Oskar", "person"),
        ("Quellish Labour MP Office", "group"),
        ("Drovenport Governor Wexley Varn", "group"),
        ("Osk", "group"),
        ("Orla Tarnez", "person"),
    ]


def test_a_party_run_into_a_persons_name_before_a_members_office_is_the_party() -> None:
    body = "Fianna Quell TD Orla Quistby said so; Tamsin Mayor Oskar agreed."
    article = ArticleText(body, (), load_patterns(), given_names=frozenset({"Orla", "Tamsin"}))
    spans = _spans(body, ("Fianna Quell TD Orla Quistby", "person"), ("Tamsin Mayor Oskar", "person"))
    assert _texts(body, reshaped(spans, article)) == [
        ("Fianna Quell", "group"),
        ("Orla Quistby", "person"),
        ("Tamsin Mayor Oskar", "person"),  # an office in words, no given name after it: left alone
    ]


def test_an_office_and_its_holder_called_something_else_are_the_person() -> None:
    body = "Patrol Chief Orla Quistby said so at the Varn Chief Summit."
    article = ArticleText(body, (), load_patterns(), given_names=frozenset({"Orla"}))
    spans = [
        CharSpan(0, 25, "EVENT", "other"),
        CharSpan(body.index("Varn Chief Summit"), body.index("Varn Chief Summit") + 17, "EVENT", "other"),
    ]
    assert _texts(body, reshaped(spans, article)) == [
        ("Orla Quistby", "person"),
        ("Varn Chief Summit", "other"),  # no given name after the office
    ]


def test_a_faiths_adjective_before_a_common_noun_is_no_part_of_the_name_before_it() -> None:
    body = "Pupils of a Varnby Anglican school met the Quellco Muslim staff and the Osk Catholic Church."
    article = ArticleText(body, (), load_patterns(), linked_places=frozenset({"Varnby"}))
    spans = _spans(
        body, ("Varnby Anglican", "group"), ("Quellco Muslim", "group"), ("Osk Catholic Church", "group")
    )
    assert _texts(body, reshaped(spans, article)) == [
        ("Varnby", "place"),  # a place it knows
        ("Quellco", "group"),
        ("Osk Catholic Church", "group"),  # the adjective inside the name
    ]


def test_a_one_word_name_cut_before_its_place_head_is_taken_whole() -> None:
    body = "Boys from Varn Heights and Shell Cove. Quellco Bay Trading rose. Osk River Dock Ltd fell."
    article = ArticleText(body, (), load_patterns())
    spans = _spans(body, ("Shell", "group"), ("Quellco", "group"), ("Osk", "place"))
    assert _texts(body, reshaped(spans, article)) == [
        ("Shell Cove", "place"),
        ("Quellco", "group"),  # a longer capitalized name goes on after the head noun
        ("Osk", "place"),
    ]


def test_an_adjective_made_from_a_place_of_the_article_is_no_name() -> None:
    body = "The Quellbi groups fought in Quellb. Varnian troops left Varnia. Aid went to Quellbi. Quellbi Rovers won."
    article = ArticleText(body, (), load_patterns())
    spans = _spans(
        body, ("Quellbi", "group"), ("Quellb", "place"), ("Varnian", "person"), ("Varnia", "place")
    )
    spans.append(CharSpan(body.index("Quellbi."), body.index("Quellbi.") + 7, "GPE", "place"))
    spans.append(CharSpan(body.rindex("Quellbi"), body.rindex("Quellbi") + 7, "ORG", "group"))
    assert _texts(body, reshaped(spans, article)) == [
        ("Quellbi", "other"),  # an adjective before "groups"
        ("Quellb", "place"),
        ("Varnian", "other"),
        ("Varnia", "place"),
        ("Quellbi", "place"),  # no word after it: a place of that name
        ("Quellbi", "group"),  # a capitalized word after it
    ]


def test_a_name_with_a_head_noun_takes_no_lower_case_landform_after_it() -> None:
    body = "The jet flew from the Quell Ocean island to the Varn River valley and the Osk sea."
    article = ArticleText(body, (), load_patterns())
    spans = _spans(body, ("Quell Ocean", "place"), ("Varn River", "place"), ("Osk", "place"))
    assert _texts(body, reshaped(spans, article)) == [
        ("Quell Ocean", "place"),  # an island in that ocean
        ("Varn River", "place"),
        ("Osk sea", "place"),
    ]


def test_the_words_after_a_persons_name_and_age_are_where_they_live() -> None:
    body = (
        "Orla Quistby, 31, of Varnholt pleaded guilty. Tam Oskar (45) from Drovenport Heights was fined. "
        "Wex Varn, 52, of Quellby Council spoke. Osk Quale, 60, of Varn Mining spoke. Quellby, 2004, of Osk. "
        "Ada Quist, 20, of Varnby’s west won. Ilse Varga, 40, of VARNCO spoke."
    )
    article = ArticleText(body, (), load_patterns())
    spans = [
        *_spans(body, ("Orla Quistby", "person"), ("Tam Oskar", "person"), ("Wex Varn", "person")),
        CharSpan(body.index("Varnholt"), body.index("Varnholt") + 8, "PRODUCT", "other"),
        *_spans(body, ("Quellby Council", "group"), ("Osk Quale", "person"), ("Varn Mining", "group")),
        *_spans(body, ("Quellby, 2004", "group"), ("Ada Quist", "person")),
        *_spans(body, ("Ilse Varga", "person"), ("VARNCO", "group")),
    ]
    found = hometowns(spans, article)
    assert [(text, span.origin) for text, span in zip(_texts(body, found), found, strict=True)] == [
        (("Orla Quistby", "person"), "model"),
        (("Varnholt", "place"), "hometown"),  # the model called it a product
        (("Tam Oskar", "person"), "model"),
        (("Drovenport Heights", "place"), "hometown"),  # found in no span
        (("Wex Varn", "person"), "model"),
        (("Quellby Council", "group"), "model"),  # an organization with a head noun: where he works
        (("Osk Quale", "person"), "model"),
        (("Varn Mining", "group"), "model"),
        (("Quellby, 2004", "group"), "model"),  # a year, after no person
        (("Ada Quist", "person"), "model"),
        (("Varnby", "place"), "hometown"),  # without the possessive
        (("Ilse Varga", "person"), "model"),
        (("VARNCO", "group"), "model"),  # an organization in capitals: where she works
    ]


def test_the_town_a_resident_is_named_by_is_a_place() -> None:
    body = (
        "A 34-year-old Varnholt man was charged. Police said a Broken Osk woman died. An Oskish boy and a "
        "Quellby High School student were hurt. A Varn Labour man spoke; Varn Labour won. The Quist family "
        "left. A VARNCO driver and a Tessa woman came."
    )
    article = ArticleText(body, (), load_patterns(), adjectives=frozenset({"oskish", "broken"}))
    spans = _spans(
        body,
        ("Varnholt", "person"),  # the model's readings of towns it does not know
        ("Broken Osk", "group"),
        ("Oskish", "group"),  # a people's adjective: no town
        ("Quellby High School", "group"),  # a school's student
        ("Varn Labour", "group"),
        ("Quist", "person"),  # "the ... family": a surname
        ("VARNCO", "group"),  # an organization in capitals: where the driver works
    )
    labour = body.index("Varn Labour won")  # the party, named elsewhere in the article
    spans.append(CharSpan(labour, labour + 11, "ORG", "group"))
    spans += _spans(body, ("Tessa", "place"))  # the model's place stands
    found = hometowns(spans, article)
    assert [(text, span.origin) for text, span in zip(_texts(body, found), found, strict=True)] == [
        (("Varnholt", "place"), "hometown"),
        (("Broken Osk", "place"), "hometown"),  # only the name's last word must be no adjective
        (("Oskish", "group"), "model"),
        (("Quellby High School", "group"), "model"),
        (("Varn Labour", "group"), "model"),
        (("Quist", "person"), "model"),
        (("VARNCO", "group"), "model"),
        (("Varn Labour", "group"), "model"),
        (("Tessa", "place"), "model"),
    ]


def test_the_names_of_a_results_table_are_teams() -> None:
    body = (
        "Results of Varnland league matches on Saturday :\n\n"
        "Quellby Rovers 2 Orla Athletic 1\n\n"
        "Drovenport 0 Tessbury & Marrow United 0\n\n"
        "Standings :\n\n"
        "Quellby Rovers 4 3 0 1 8 4 9\n\n"
        "Total 12 10 8 6 30 30 36\n\n"
        "The Drovenport manager Orla Brannoc was pleased ."
    )
    # The model calls one team a person and runs another into its score; "Orla" is a given name.
    spans = _spans(
        body, ("Orla Athletic", "person"), ("Drovenport 0 Tessbury", "group"), ("Orla Brannoc", "person")
    )
    article = ArticleText(body, (), load_patterns(), given_names=frozenset({"Orla"}))
    found = [(body[s.start : s.end], s.type, s.origin) for s in results_tables(spans, article)]
    assert found == [
        ("Quellby Rovers", "group", "table"),
        ("Orla Athletic", "group", "table"),
        ("Drovenport", "group", "table"),
        ("Tessbury & Marrow United", "group", "table"),
        ("Quellby Rovers", "group", "table"),  # "Total" labels a row, it is no team
        ("Orla Brannoc", "person", "model"),  # prose is left alone
    ]


def test_an_office_holders_given_name_may_be_written_with_accents() -> None:
    from pipeline.extract.shapes import _office_and_holder
    from pipeline.gazetteer import AccentBlindNames

    article = ArticleText("", (), load_patterns(), given_names=AccentBlindNames({"Siobhan"}))
    assert _office_and_holder("Quell Labour TD Siobhán Ní Varrada", article) == (((0, 12), "group"), (16, 34))


def test_results_written_with_a_comma_and_overtime_are_a_table_too() -> None:
    body = "Results Saturday:\nQuellby 4, Varnton 3\nTessbury 3, Orla Bay 2 (OT)\nDrovenport 2, Marrow 1 (SO)\n\nIt snowed."
    spans = _spans(body, ("Varnton", "place"), ("Orla Bay", "person"))
    article = ArticleText(body, (), load_patterns(), given_names=frozenset({"Orla"}))
    found = [(body[s.start : s.end], s.type) for s in results_tables(spans, article)]
    assert found == [
        (team, "group") for team in ("Quellby", "Varnton", "Tessbury", "Orla Bay", "Drovenport", "Marrow")
    ]
    # one such line alone is no table: "Labour 31, Conservatives 8" in a story
    body = "Seats won:\nVarn Labour 31, Quellby Greens 8\n\nIt rained."
    assert results_tables(_spans(body), ArticleText(body, (), load_patterns())) == []


def test_a_matchs_summary_gives_its_teams_and_scorers() -> None:
    body = (
        "Summaries of Varnland matches :\n\n"
        "Quellby Rovers 2 ( Orla Quist 34 , Ed Varn 60 penalty ) VfB Osk 0 . Halftime 1-0 . Attendance 5,000 .\n\n"
        "Tarn 1 ( Ilse Marr 12 ) Brann United 1 ( Dunmore 88 ) .\n\n"
        "Quellby stay top ."
    )
    # the model reads one team as a work; a scorer without a given name is left to it
    spans = _spans(body, ("VfB Osk", "other"), ("Orla Quist", "person"))
    article = ArticleText(body, (), load_patterns(), given_names=frozenset({"Ed", "Ilse"}))
    found = [(body[s.start : s.end], s.type, s.origin) for s in results_tables(spans, article)]
    assert found == [
        ("Quellby Rovers", "group", "table"),
        ("Orla Quist", "person", "table"),
        ("Ed Varn", "person", "table"),
        ("VfB Osk", "group", "table"),
        ("Tarn", "group", "table"),
        ("Ilse Marr", "person", "table"),
        ("Brann United", "group", "table"),
    ]
    # an election's or a court's tallies are no match; a scorer opens on a given name or is a person
    body = (
        "Labour 31 ( West Varnshire 12 ) Conservative 8 .\n\nCount 1 ( fraud ) Guilty 10 .\n\n"
        "Quellco 3 ( North Osk 2 , Gulf Tarn 1 ) Varnco 2 .\n\nOsk 1 Tarn 0"
    )
    words = (frozenset({"labour", "count"}),)
    article = ArticleText(
        body, (), load_patterns(), common_words=words, adjectives=frozenset({"conservative", "guilty"})
    )
    assert _texts(body, results_tables([], article)) == [
        ("Quellco", "group"),
        ("Varnco", "group"),
        ("Osk", "group"),
        ("Tarn", "group"),
    ]


def test_the_players_of_a_cricket_scorecard_are_people_and_a_side_with_its_roles_too() -> None:
    body = (
        "Varnland first innings\n\nM. Quist c Tarn b Osk 31\n\nN. Varn lbw b Osk 8\n\n"
        "Ed Brann st Marr b Tell 12\n\nO. Pell run out ( Tarn ) 4\n\nExtras ( lb-2 ) 2\n\n"
        "Quellia : Tarn ( wicketkeeper ) , Orrin , Osk , Tell , Varro , Marr ( captain ) , Ambry , Trell , "
        "Harrad , Vossel , Quenby"
    )
    spans = _spans(body, ("Quellia", "place")) + [
        CharSpan(body.index("Tarn"), body.index("Tarn") + 4, "GPE", "place")
    ]
    article = ArticleText(body, (), load_patterns())
    found = [(body[s.start : s.end], s.type) for s in scorecards(spans, article) if s.type == "person"]
    assert found == [
        ("M. Quist", "person"),
        ("Tarn", "person"),  # the catcher the model read as a place
        ("Osk", "person"),
        ("N. Varn", "person"),
        ("Osk", "person"),
        ("Ed Brann", "person"),
        ("Marr", "person"),
        ("Tell", "person"),
        ("O. Pell", "person"),  # the fielder of a run-out is left to the model
    ]
    side = [body[s.start : s.end] for s in lineups(spans, article) if s.origin == "table"]
    assert side == [
        "Tarn",
        "Orrin",
        "Osk",
        "Tell",
        "Varro",
        "Marr",
        "Ambry",
        "Trell",
        "Harrad",
        "Vossel",
        "Quenby",
    ]
    # one row is no scorecard
    one = "He went on: M. Quist c Tarn b Osk 31\n\nand so on ."
    assert scorecards([], ArticleText(one, (), load_patterns())) == []


def test_rows_alone_may_rank_players_and_one_line_is_no_table() -> None:
    body = "Leaders :\n\nOrla Brannoc 68 70 71 209\n\nQuellby Varn 69 70 72 211\n\nDone ."
    article = ArticleText(body, (), load_patterns(), given_names=frozenset({"Orla"}))
    found = [(body[s.start : s.end], s.type) for s in results_tables([], article)]
    assert found == [("Orla Brannoc", "person"), ("Quellby Varn", "group")]
    one_line = "He said :\n\nQuellby 2 Varn 1\n\nand left ."
    assert results_tables([], ArticleText(one_line, (), load_patterns())) == []


def test_the_players_of_a_line_up_are_people_in_place_of_what_the_model_read() -> None:
    body = (
        "Quellby won .\n\n"
        "Quellby: O Quist; T Varnholm, D O'Tarn, J-B Osk, Ed Brann-Orr (capt); K Tell (R Marr 60), "
        "P Quillon.\n\nReferee: Ilse Varn (Osk)."
    )
    # the model reads initials and a surname as an organization, and the team's name is no player
    names = ("Quellby", "place"), ("O Quist", "group"), ("T Varnholm", "group"), ("Ilse Varn", "person")
    spans = _spans(body, *names)
    found = [
        (body[s.start : s.end], s.type, s.origin)
        for s in lineups(spans, ArticleText(body, (), load_patterns()))
    ]
    assert found == [
        ("Quellby", "place", "model"),  # the team the article names
        ("O Quist", "person", "table"),
        ("T Varnholm", "person", "table"),
        ("D O'Tarn", "person", "table"),
        ("J-B Osk", "person", "table"),
        ("Ed Brann-Orr", "person", "table"),
        ("K Tell", "person", "table"),  # the substitute in brackets is left to the model
        ("P Quillon", "person", "table"),
        ("Ilse Varn", "person", "table"),  # the referee, beside a line-up
    ]


def test_a_side_by_surnames_with_a_substitution_and_its_reports_lists_are_people() -> None:
    side = "Quist, Tarnow, Osk-Brann, Marrit, Ellory (Dunmore 61), Pelk, Varro, Ambry, Trell, Harrad, Vossel"
    body = (
        f"Quellby won.\n\nQuellby: {side}. Subs Not Used: Quenby, Orrin. Booked: Pelk.\n\n"
        "Goals: Varro 23, Trell 88.\n\nReferee: Ysolt Marrow-Dane (Varnshire).\n\n"
        "Terminal 2: Quellair, Varn Jet, Oskway (Gate 4), Brannair, Marr Wings, Ellair, Tarnair, Orla Air, "
        "Quell Express, Vossair."
    )
    spans = _spans(body, ("Quellby", "group"), ("Terminal 2", "place"))
    found = [
        body[s.start : s.end]
        for s in lineups(spans, ArticleText(body, (), load_patterns()))
        if s.origin == "table"
    ]
    assert found == [
        *side.replace(" (Dunmore 61)", "").split(", "),  # the substitute in brackets is left to the model
        *("Quenby", "Orrin", "Pelk"),  # the report's other lists, after their labels
        *("Varro", "Trell"),
        "Ysolt Marrow-Dane",  # the referee
    ]  # a terminal's airlines: "(Gate 4)" gives no minute, and several of them are two words
    # a line's stations after a city: "(Platform 12)" is no substitution, and stations are places
    stations = "Quellgate, Osk Road, Tarnby, Varnley, Brannock, Marrow, Ellby, Tellham, Ambridge, Vossley (Platform 12)"
    body = f"Varnchester was shut.\n\nVarnchester: {stations}."
    spans = _spans(body, ("Varnchester", "place"))
    article = ArticleText(body, (), load_patterns(), common_words=(frozenset({"platform"}),))
    assert lineups(spans, article) == spans
    article = ArticleText(body, (), load_patterns(), places=frozenset({"Tarnby", "Varnley"}))
    assert lineups(spans, article) == spans
    # without a line-up, a label's list is no one's
    body = "Goals: Quellby, Varnton.\n\nBooked: Osk, Tarn."
    assert lineups([], ArticleText(body, (), load_patterns())) == []


def test_a_line_up_under_its_team_in_capitals_with_scores_in_brackets_names_its_players() -> None:
    body = (
        "Quellby beat Varnholm .\n\n"
        "QUELLBY: O Quist; T Varnholm-Osk (0-3), D Tarn (1-6, 0-4f), J Osk; E Brann (0-2), K Tell; P Quillon."
    )
    spans = _spans(body, ("Quellby", "place"), ("Varnholm", "place"))
    found = [
        body[s.start : s.end]
        for s in lineups(spans, ArticleText(body, (), load_patterns()))
        if s.origin == "table"
    ]
    assert found == ["O Quist", "T Varnholm-Osk", "D Tarn", "J Osk", "E Brann", "K Tell", "P Quillon"]


def test_a_list_after_something_that_is_no_team_or_of_streets_is_no_line_up() -> None:
    body = (
        "Quellby Rovers and Varn Street played.\n\n"
        "Companies reporting: O Quist, T Varnholm, Ed Brann, Ilse Marr, J Osk, Quellco.\n\n"
        "Quellby Rovers: Orla Road, Ed Street, Ilse Lane, Tarn Street, Osk Avenue, J Close."
    )
    spans = _spans(body, ("Quellby Rovers", "group"), ("Varn Street", "place"))
    assert (
        lineups(spans, ArticleText(body, (), load_patterns(), given_names=frozenset({"Orla", "Ed"}))) == spans
    )


def test_a_list_after_a_colon_that_is_no_line_up_is_left_alone() -> None:
    # surnames alone are left to the model: a terminal's airlines are listed so too
    body = (
        "Sources: Quellby Council, Varn Police.\n\n"
        "Note: the Quellby mayor, the Varn police, the Osk board and Tarn officials all spoke, said Orla.\n\n"
        "Airlines: Quellair, Varn, Osk Country, Great Tarn, Air Brann, Orla Jet.\n\n"
        "Varn United: Quist, Tarnow, Osk-Brann, Marrit, Ellory, Pelk."
    )
    assert lineups([], ArticleText(body, (), load_patterns())) == []


def test_two_organizations_the_model_joined_by_and_are_two() -> None:
    body = (
        "Money came from the Varn Film Council and Channel 9 and from Quellco and Mr Osk. The Quell "
        "Food and Drug Administration agreed."
    )
    spans = _spans(
        body,
        ("Varn Film Council and Channel 9", "group"),
        ("Quellco and Mr", "group"),
        ("Quell Food and Drug Administration", "group"),
    )
    assert _texts(body, reshaped(spans, ArticleText(body, (), load_patterns()))) == [
        ("Varn Film Council", "group"),
        ("Channel 9", "group"),
        ("Quellco", "group"),  # the next name's honorific is no part of it
        ("Quell Food and Drug Administration", "group"),  # "Food" heads no organization
    ]
    body = "Deposits at Osk National Bank and Trust of Varnby rose."
    spans = _spans(body, ("Osk National Bank and Trust of Varnby", "group"))
    assert _texts(body, reshaped(spans, ArticleText(body, (), load_patterns()))) == [
        ("Osk National Bank and Trust of Varnby", "group")
    ]
    # a name cut after "and" loses it when it ends on an organization's head: what follows is another
    body = "The Varn Film Council and Channel 9's arm paid."
    spans = _spans(body, ("Varn Film Council and", "group"))
    assert _texts(body, reshaped(spans, ArticleText(body, (), load_patterns()))) == [
        ("Varn Film Council", "group")
    ]


def test_two_names_the_article_names_alone_joined_by_a_hyphen_are_two() -> None:
    body = "Orla Quist met Tamsin Varnby; Quist spoke. Varnby listened. The Quist-Varnby sparring went on."
    article = ArticleText(body, (), load_patterns())
    names = ("Orla Quist", "person"), ("Tamsin Varnby", "person"), ("Quist", "person"), ("Varnby", "person")
    spans = _spans(body, *names) + [
        CharSpan(body.index("Quist-"), body.index(" sparring"), "PERSON", "person")
    ]
    assert _texts(body, reshaped(spans, article))[-2:] == [("Quist", "person"), ("Varnby", "person")]
    # the pair again, cut at the hyphen by the model this time: the whole pair above proves nothing
    body += " Not all Quist-Varnby rounds ended so."
    article = ArticleText(body, (), load_patterns())
    again = body.rindex("Quist-")
    spans = _spans(body, *names) + [
        CharSpan(body.index("Quist-"), body.index(" sparring"), "PERSON", "person"),
        CharSpan(again, again + len("Quist"), "PERSON", "person"),
    ]
    assert _texts(body, reshaped(spans, article))[-4:] == [("Quist", "person"), ("Varnby", "person")] * 2


def test_a_place_and_a_group_joined_by_a_hyphen_are_two_when_each_is_named_alone() -> None:
    body = (
        "Quellia and the Varnists fought; Varnists fired. The Quellia-Varnists war went on in Guinea-Bissau."
    )
    article = ArticleText(
        body, (), load_patterns(), places=frozenset({"Quellia", "Guinea", "Bissau", "Guinea-Bissau"})
    )
    war = body.index("Quellia-")
    spans = _spans(body, ("Quellia", "place"), ("Varnists", "group")) + [
        CharSpan(war, war + len("Quellia"), "GPE", "place"),  # the model's name, cut at the hyphen
        CharSpan(body.index("Guinea-"), body.index("Guinea-") + len("Guinea-Bissau"), "GPE", "place"),
    ]
    assert _texts(body, reshaped(spans, article))[2:] == [
        ("Quellia", "place"),
        ("Varnists", "group"),
        ("Guinea-Bissau", "place"),  # a known place of its own
    ]


def test_a_nickname_after_known_as_is_the_person_and_so_is_the_nickname_alone() -> None:
    body = 'Orla Varnez Tarn, known as "El Quillo", fled. El Quillo hid; Ed Osk, alias The Fixer, and Tarn, known as a wit.'
    spans = _spans(body, ("Orla Varnez Tarn", "person"), ("El Quillo", "place"), ("Ed Osk", "person"))
    spans = sorted(spans, key=lambda s: s.start)
    assert _texts(body, nicknamed_people(spans, ArticleText(body, (), load_patterns()))) == [
        ("Orla Varnez Tarn", "person"),
        ("El Quillo", "person"),  # the model's place
        ("El Quillo", "person"),  # untagged, found as the nickname
        ("Ed Osk", "person"),
        ("The Fixer", "person"),
    ]


def test_a_name_at_birth_a_stage_name_and_a_pen_name_are_the_persons_other_names() -> None:
    body = (
        "Orla Maren Quistby (born 4 June 1988), better known by her stage name Lady Varnhollow, sang. "
        "Tamsin Oskar (born Mary Ruth Delvane; 1950) wrote. Quell Ambry was the pen name of novelist "
        "Ivo Tarnquist. Edda Varn (born May 3, 1950) and Ivo Hask (pictured), commonly known as Saint Ivo. "
        "Ed Osk (born Quell City, 1950) backed a plan by Ada Varn, known as Varncare. Oda Lind was the pen "
        "name of an author who Ilse Varn unmasked."
    )
    people = ("Orla Maren Quistby", "Tamsin Oskar", "Quell Ambry", "Ivo Tarnquist", "Edda Varn", "Ivo Hask")
    spans = _spans(
        body, *((name, "person") for name in (*people, "Ed Osk", "Ada Varn", "Oda Lind", "Ilse Varn"))
    )
    spans += _spans(body, ("Quell City", "place"), ("Varncare", "group"))
    spans = sorted(spans, key=lambda s: s.start)
    assert known_as(spans, body) == [
        ("Lady Varnhollow", "Orla Maren Quistby", body.index("Lady"), body.index(", sang")),
        ("Mary Ruth Delvane", "Tamsin Oskar", body.index("Mary Ruth"), body.index("; 1950")),
        ("Quell Ambry", "Ivo Tarnquist", body.index("Quell"), body.index(" was the pen")),
        ("Saint Ivo", "Ivo Hask", body.index("Saint"), body.index(". Ed Osk")),
    ]  # not "May" of a date of birth, a place of birth, a plan the model found, nor a person after "who"
    assert ("Lady Varnhollow", "person") in _texts(
        body, nicknamed_people(spans, ArticleText(body, (), load_patterns()))
    )


def test_a_name_with_a_nickname_in_quotes_is_one_person_and_the_nickname_alone_is_that_person() -> None:
    body = (
        'Lee “Quill” Tae-min’s Varnhound beat Orla "Osk" Varnby. Quill lifted the cup; Osk left. '
        "The Quellco “Green” Fund grew."
    )
    article = ArticleText(body, (), load_patterns())
    spans = _spans(body, ("Lee", "person"), ("Osk", "group"), ("Tae-min", "person"), ("Varnby", "person"))
    spans += [CharSpan(body.index("Osk left"), body.index("Osk left") + 3, "ORG", "group")]
    spans += _spans(body, ("Quellco", "group"), ("Fund", "group"))
    spans = sorted(spans, key=lambda s: s.start)
    assert _texts(body, nicknamed_people(spans, article)) == [
        ("Lee “Quill” Tae-min", "person"),  # not the possessive, nor what is his
        ('Orla "Osk" Varnby', "person"),
        ("Quill", "person"),  # untagged, found as the nickname
        ("Osk", "person"),  # the model's organization: the nickname
        ("Quellco", "group"),  # no person among the pieces: a fund's name, left alone
        ("Fund", "group"),
    ]
    body = "Orsby 'Tank' Varnquist scored twice, and Tank was cheered; the Quist’s 'Big' Day ended."
    spans = _spans(body, ("Orsby", "group"), ("Tank", "place"), ("Varnquist", "person"), ("Day", "group"))
    assert _texts(body, nicknamed_people(spans, ArticleText(body, (), load_patterns()))) == [
        ("Orsby 'Tank' Varnquist", "person"),  # in single quotes too
        ("Tank", "person"),
        ("Day", "group"),
    ]
    # no piece the model read as a person's, but the name opens on a given name
    body = 'A tribute to guitarist Orla "Mudlark" Varnquist, and to the Quellco "Green" Fund.'
    spans = _spans(body, ("Orla", "group"), ('Mudlark" Varnquist', "group"), ("Quellco", "group"))
    article = ArticleText(body, (), load_patterns(), given_names=frozenset({"Orla"}))
    assert _texts(body, nicknamed_people(spans, article)) == [
        ('Orla "Mudlark" Varnquist', "person"),
        ("Quellco", "group"),
    ]
    # nor a tour named so, nor a name of which the model read nothing
    body = 'The Orla "Tension" Tour and Orla "Lark" Varnquist sold out at Quellby.'
    spans = _spans(body, ("Tension", "other"), ("Quellby", "place"))
    words = (frozenset({"tour"}),)
    article = ArticleText(body, (), load_patterns(), given_names=frozenset({"Orla"}), common_words=words)
    assert _texts(body, nicknamed_people(spans, article)) == [("Tension", "other"), ("Quellby", "place")]


def test_a_full_name_of_a_place_is_a_person_and_where_they_live() -> None:
    body = "Orla Quist of Varnby said so; Hilary of Osk wrote; Queen Maelis of Quellia reigned."
    article = ArticleText(body, (), load_patterns())
    names = (
        ("Orla Quist of Varnby", "person"),
        ("Hilary of Osk", "person"),
        ("Queen Maelis of Quellia", "person"),
    )
    assert _texts(body, reshaped(_spans(body, *names), article)) == [
        ("Orla Quist", "person"),
        ("Varnby", "place"),
        ("Hilary of Osk", "person"),  # one given name "of" a place: how the person is named
        ("Queen Maelis of Quellia", "person"),  # a title: a style, one name
    ]


def test_a_name_found_only_in_a_line_in_capitals_is_dropped_unless_named_elsewhere() -> None:
    body = (
        "SOCCER - QUELLBY GET LUCKY WIN, VARNBY IN SURPRISE DEFEAT AT OSKPORT.\n\n"
        "VARNTON, VELMORA 1996-12-06\n\n"  # a dateline's line is in capitals too
        "Quellby beat Drovia 2-1 on Friday, while Varnby lost: a defeat."
    )
    spans = _spans(
        body,
        ("QUELLBY", "group"),
        ("VARNBY", "group"),
        ("DEFEAT", "place"),
        ("OSKPORT", "place"),
        ("VARNTON", "place"),
        ("Quellby", "group"),
        ("Drovia", "group"),
    )
    spans[4].origin = "dateline"
    article = ArticleText(body, (), load_patterns(), frozenset({"Oskport"}))
    assert _texts(body, names_in_capitals(spans, article)) == [
        ("QUELLBY", "group"),  # the body names it
        ("VARNBY", "group"),  # the body writes it, untagged
        ("OSKPORT", "place"),  # a well-known place
        ("VARNTON", "place"),  # a dateline's city
        ("Quellby", "group"),
        ("Drovia", "group"),
    ]  # "DEFEAT" is no name elsewhere: "a defeat"


def test_a_person_of_a_place_the_model_called_an_organization_is_a_person_and_a_place(monkeypatch) -> None:
    from pipeline import gazetteer

    monkeypatch.setattr(gazetteer, "place_names", lambda: frozenset({"Varnby"}))
    body = "A son, Ewan Tarnquist of Varnby, the Bank of Varnby, Ewan Trust of Osk and Ewan Fest of Varnby."
    article = ArticleText(body, (), load_patterns(), common_words=(frozenset(), frozenset({"fest"})))
    spans = _spans(
        body,
        ("Ewan Tarnquist of Varnby", "group"),
        ("Bank of Varnby", "group"),
        ("Ewan Trust of Osk", "group"),
        ("Ewan Fest of Varnby", "group"),
    )
    assert _texts(body, reshaped(spans, article)) == [
        ("Ewan Tarnquist", "person"),
        ("Varnby", "place"),
        ("Bank of Varnby", "group"),  # no given name
        ("Ewan Trust of Osk", "group"),  # a head noun, and no known place
        ("Ewan Fest of Varnby", "group"),  # a verb of the language: an event's name
    ]


def test_a_surname_cut_off_a_persons_name_and_an_article_of_no_names() -> None:
    body = "Chief Orla Tuuli Varnkoski spoke."
    spans = _spans(body, ("Orla Tuuli", "person"), ("Varnkoski", "group"))
    assert _texts(body, surnames_cut_off(spans, ArticleText(body, (), load_patterns()))) == [
        ("Orla Tuuli Varnkoski", "person")
    ]
    assert surnames_cut_off([], ArticleText("no names here", (), load_patterns())) == []
