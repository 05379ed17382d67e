"""Enumerations of names in a sentence, on invented text."""

from __future__ import annotations

from pipeline.enumerations import listed


def spans_of(text: str, *names: str) -> list[tuple[int, int]]:
    """The offsets of each name, each found after the one before."""
    spans, cursor = [], 0
    for name in names:
        start = text.index(name, cursor)
        spans.append((start, start + len(name)))
        cursor = start + len(name)
    return spans


def items(text: str, *names: str) -> list[list[str]]:
    """The items of the enumerations of ``text``, each as the list of its names."""
    spans = spans_of(text, *names)
    grouped: dict[int, list[str]] = {}
    for index, item in sorted(listed(text, spans).items()):
        grouped.setdefault(item, []).append(text[slice(*spans[index])])
    return list(grouped.values())


def test_four_names_or_more_separated_only_by_commas_and_and_are_an_enumeration() -> None:
    text = "Ministers from Quellia, Varnia, Oskland and Tellia will meet in Brinmouth."
    assert items(text, "Quellia", "Varnia", "Oskland", "Tellia", "Brinmouth") == [
        ["Quellia"],
        ["Varnia"],
        ["Oskland"],
        ["Tellia"],
    ]


def test_two_or_three_names_are_no_enumeration() -> None:
    assert items("Quist and Varn met.", "Quist", "Varn") == []
    assert items("Quist, Varn and Osk met Tell.", "Quist", "Varn", "Osk", "Tell") == []


def test_separators_of_real_lists() -> None:
    squad = "The squad is: Orla Quist(c), Varn Osk(vc), Tell Brin, Dell Ekk; Fenn Gorr."
    assert len(items(squad, "Orla Quist", "Varn Osk", "Tell Brin", "Dell Ekk", "Fenn Gorr")) == 5
    row = "Terminal 4: Quellair | Varnjet | Osk Airways | Tellfly"
    assert len(items(row, "Quellair", "Varnjet", "Osk Airways", "Tellfly")) == 4
    # a name the model missed between two items ("Nevis") does not end the list
    visas = "Citizens of Quellia (28 days), Saint Varn and Nevis, Oskia or the Tellia Isles."
    assert len(items(visas, "Quellia", "Saint Varn", "Oskia", "Tellia Isles")) == 4
    # and counts as an item: three names and one the model missed are four yachts
    yachts = "Quell Star, Broomstick, Varnbay and Osk Wind were damaged near Tellport."
    assert items(yachts, "Quell Star", "Varnbay", "Osk Wind", "Tellport") == [
        ["Quell Star"],
        ["Varnbay"],
        ["Osk Wind"],
    ]


def test_citations_are_enumerations_of_their_authors() -> None:
    one = "Play helps (Quist, Varn, Osk, & Tell, 2010)."
    assert len(items(one, "Quist", "Varn", "Osk", "Tell")) == 4
    # several citations in one bracket, years and "et al." between them
    several = "Play helps (Quist & Varn, 2010; Osk et al., 2007; Tell, 2009a)."
    assert len(items(several, "Quist", "Varn", "Osk", "Tell")) == 4


def test_names_in_a_bracket_after_an_item_belong_to_it() -> None:
    text = "Visitors from Quellia, Oskia (except Tell and Brin), Varnia and Dellia need no visa."
    assert items(text, "Quellia", "Oskia", "Tell", "Brin", "Varnia", "Dellia") == [
        ["Quellia"],
        ["Oskia", "Tell", "Brin"],
        ["Varnia"],
        ["Dellia"],
    ]
    films = "She worked with Osk Varn (Quell Nights), Tell Dorn, Brin Ekk and Fenn Gorr (Dark Osk)."
    names = ("Osk Varn", "Quell Nights", "Tell Dorn", "Brin Ekk", "Fenn Gorr", "Dark Osk")
    assert items(films, *names) == [
        ["Osk Varn", "Quell Nights"],
        ["Tell Dorn"],
        ["Brin Ekk"],
        ["Fenn Gorr", "Dark Osk"],
    ]


def test_any_other_word_ends_the_run() -> None:
    text = "Quist in Varn, Osk in Tell, Brin in Dell."
    assert items(text, "Quist", "Varn", "Osk", "Tell", "Brin", "Dell") == []
    # names with only spaces between: one name cut in two more often than a list
    assert items("Quist Varn Osk Tell", "Quist", "Varn", "Osk", "Tell") == []
    # a run of three, a verb, then a run of four: only the four are items
    text = "Quist, Varn and Osk told Tell, Brin, Dell and Ekk."
    found = items(text, "Quist", "Varn", "Osk", "Tell", "Brin", "Dell", "Ekk")
    assert found == [["Tell"], ["Brin"], ["Dell"], ["Ekk"]]


def test_a_name_inside_an_item_is_part_of_it() -> None:
    text = "Quellby Rovers, Varn, Osk and Tell drew."
    spans = [(0, 14), (0, 7), (16, 20), (22, 25), (30, 34)]  # "Quellby" inside "Quellby Rovers"
    assert listed(text, spans) == {0: 0, 1: 0, 2: 2, 3: 3, 4: 4}
    assert listed("Quellby Rovers beat Varn.", [(0, 14), (0, 7), (20, 24)]) == {}


def test_a_list_of_places_or_events_each_in_its_place() -> None:
    text = "I have been to the Quell Fair in Varn, Osk Games in Tellby, Brinland and the Dell Show at Ekk."
    names = ("Quell Fair", "Varn", "Osk Games", "Tellby", "Brinland", "Dell Show", "Ekk")
    assert items(text, *names) == [
        ["Quell Fair", "Varn"],
        ["Osk Games", "Tellby"],
        ["Brinland"],
        ["Dell Show", "Ekk"],
    ]
    # one "in" alone is no such list: where the four met is no part of the last
    text = "Ministers of Quellia, Varnia, Oskia and Tellia in Brinmouth agreed."
    found = items(text, "Quellia", "Varnia", "Oskia", "Tellia", "Brinmouth")
    assert found == [["Quellia"], ["Varnia"], ["Oskia"], ["Tellia"]]


def test_a_bracket_of_up_to_eighty_characters_stands_between_items_and_a_longer_one_ends_the_run() -> None:
    note = "(visas for thirty days, renewable once at the border post)"  # 58 characters
    text = f"Citizens of Quellia {note}, Varnia, Oskia and Tellia need no visa."
    assert items(text, "Quellia", "Varnia", "Oskia", "Tellia") == [
        ["Quellia"],
        ["Varnia"],
        ["Oskia"],
        ["Tellia"],
    ]
    long = "(" + "renewable once " * 6 + "at the border)"  # 105 characters
    text = f"Citizens of Quellia {long}, Varnia, Oskia and Tellia need no visa."
    assert items(text, "Quellia", "Varnia", "Oskia", "Tellia") == []


def test_nor_a_tab_and_a_twentieth_century_year_join_items() -> None:
    text = "Neither Quellia, Varnia, Oskia nor Tellia signed."
    assert len(items(text, "Quellia", "Varnia", "Oskia", "Tellia")) == 4
    row = "Quellair\tVarnjet\tOsk Airways\tTellfly"
    assert items(row, "Quellair", "Varnjet", "Osk Airways", "Tellfly") == [
        ["Quellair"],
        ["Varnjet"],
        ["Osk Airways"],
        ["Tellfly"],
    ]
    cited = "Play helps (Quist, 1998; Varn, 1987; Osk & Tell, 1975)."
    assert len(items(cited, "Quist", "Varn", "Osk", "Tell")) == 4


def test_only_a_capitalized_word_between_separators_counts_as_an_untagged_item() -> None:
    # "et al." between two commas is no fourth author: three names stay three
    assert items("(Quist, et al., Varn and Osk, 2010)", "Quist", "Varn", "Osk") == []
    # a capitalized one is: "Broomstick" makes four
    text = "(Quist, Broomstick, Varn and Osk, 2010)"
    assert items(text, "Quist", "Varn", "Osk") == [["Quist"], ["Varn"], ["Osk"]]
