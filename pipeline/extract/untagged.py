"""Names the model left untagged, found from word lists: people by a given name ("Clarine Dupuis") or a
title ("Senator Varnley"), places
from the gazetteer ("flights to Velmora City") or by their own head noun ("the Quellic River Gorge"). Pass
one adds them to the model's entities."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from pipeline.extract.entities import (
    DASHES,
    LONGEST_PLACE_NAME,
    SHORT_TITLES,
    THING_HEADS,
    article_words,
    common_word,
    described_as_a_person,
    followed_by_an_age,
    lower_case_words,
    personal_name,
)
from pipeline.extract.model import FIRST_WORD

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from pipeline.extract.model import Vocabulary


def given_name_people(doc: Doc, vocab: Vocabulary) -> list[Span]:
    """People the model left untagged: a given name (or a hyphenated one, "Jan-Mikael"), untagged or read
    alone as another kind of name, and one or two capitalized words after it (and a person's name of one
    word the model read right after them), none of them inside an entity or a common noun ("Peace
    Spring") unless an age follows ("Clarine Baker, 21,"), the word after them not capitalized ("Pellam
    Arbuth Lectures" is no person)."""
    from spacy.tokens import Span

    found: list[Span] = []
    if not vocab.given_names:
        return found
    length, index = len(doc), 0
    # "Oleksandr Petrovych Hnatyuk", of which the model read "Oleksandr" alone as an organization: a
    # given name the model tagged alone (not as a person) starts a name as an untagged one does
    tagged_alone = [
        ent.start
        for ent in doc.ents
        if len(ent) == 1
        and ent.label_ in _GIVEN_NAME_MISREAD
        and ent.text in vocab.given_names
        and not (ent.start > 0 and doc[ent.start - 1].lower_ in vocab.patterns.locative)  # "in Dakota"
    ]
    for start in sorted({*_untagged_titles(doc), *tagged_alone}):  # every given name is title-cased
        if start < index:
            continue
        index = start
        token = doc[index]
        if token.text not in vocab.given_names:
            continue
        before = doc[index - 1] if index else None
        if before is not None and (
            # "San Clarine Dupuis"; a nationality the model tagged is no part of it ("Quellbian Clarine
            # Dupuis"), nor a title ("Vice President Clarine Dupuis")
            (
                before.is_title
                and before.is_alpha
                and not token.is_sent_start
                and before.ent_type_ != "NORP"
                and (before.lower_,) not in vocab.patterns.person_titles
            )
            or (before.text in DASHES and not before.whitespace_)  # "Anne-Clarine Dupuis"
        ):
            continue
        given_end = index + 1
        if _hyphenated(doc, index):
            given_end += 2  # "Jan-Mikael": both halves make the given name
        end, words = given_end, 0
        while (
            end < length
            and words < 2
            and doc[end].ent_iob_ == "O"
            and (
                _hyphenated(doc, end)  # "Clarine Varn-Dupuis": a double-barrelled surname is one word
                or _name_word(doc[end], vocab.nouns, widespread=token.text in vocab.lone_given_names)
            )
        ):
            end, words = end + (3 if _hyphenated(doc, end) else 1), words + 1
        if (
            end == given_end
            and end < length
            and doc[end].is_title
            and doc[end].is_alpha
            and doc[end].ent_iob_ == "O"
            and followed_by_an_age(list(doc[index : end + 1]), adult=True)
        ):
            end += 1  # "Clarine Baker, 21, was taken": a surname that is a word too, before an adult's age
        if (
            end > given_end
            and end < length
            and doc[end].ent_type_ == "PERSON"
            and doc[end].ent_iob_ == "B"
            and (end + 1 == length or doc[end + 1].ent_iob_ != "I")
            and doc[end - 1].whitespace_ == " "
        ):
            end += 1  # "María Fernanda Quispe" + "Huamán": the last surname the model read alone
        after = doc[end] if end < length else None
        if end > given_end and not (after is not None and after.is_title and after.ent_iob_ == "O"):
            span = Span(doc, index, end, label="PERSON")
            if personal_name(span.text, vocab):
                found.append(span)
                index = end
    return found


def surnames_after_people(doc: Doc, vocab: Vocabulary) -> list[Span]:
    """Full names the model ended a word early: a person's name of two or three words that opens on a
    given name, then one capitalized word outside every entity that is no common word and no known
    place, and no capitalized word or figure after it ("President Ada Kiprono" + "Tarnat by"; not "Orla
    Quist" + "Leaves Varnby", "Orla Quist Monday", "Orla Quist Varnby Hall", a results table's "1. Orla
    Quist Varnco 4:12:03")."""
    from spacy.tokens import Span

    found: list[Span] = []
    length = len(doc)
    for ent in doc.ents:
        if not (ent.label_ == "PERSON" and 2 <= len(ent) <= 3 and ent[0].text in vocab.given_names):
            continue
        end = ent.end + 1
        if end >= length or not _a_surname_after(doc, ent.end, vocab):
            continue
        after = doc[end]
        if after.is_title or after.text in DASHES or any(ch.isdigit() for ch in after.text):
            continue  # a name goes on, or a results table's figure: "Orla Quist Varnco 4:12:03"
        if ent.start > 0 and (doc[ent.start - 1].like_num or doc[ent.start - 1].text == "."):
            continue  # a numbered list's line: a team or a brand after the name as often
        found.append(Span(doc, ent.start, end, label="PERSON"))
    return found


def _a_surname_after(doc: Doc, index: int, vocab: Vocabulary) -> bool:
    """Can the word at ``index``, right after a person's name, be a surname the model left out: a
    capitalized word outside every entity, no common word, known place or common given name?"""
    word, patterns = doc[index], vocab.patterns
    return (
        doc[index - 1].whitespace_ == " "
        and word.ent_iob_ == "O"
        and word.is_title
        and word.is_alpha
        and len(word.text) >= 3
        and _uncommon(word.lower_, vocab)
        and word.text not in vocab.places
        and word.text not in vocab.lone_given_names
        and not any(word.lower_ in heads for heads in (patterns.group_heads, patterns.place_heads))
        and word.lower_ not in patterns.building_heads
    )


#: The model's labels of a given name it read alone as something else than a person ("Callum" an
#: organization in "winger Callum McTavish"); not a work or a product, which bear people's names.
_GIVEN_NAME_MISREAD = frozenset({"ORG", "GPE", "LOC", "NORP", "FAC"})


#: Styles written short before a name, which the tokenizer may cut from their full stop ("Hon", "."); not
#: a title that ends a sentence ("was crowned king. Nollywood stars").
_ABBREVIATED_STYLES = SHORT_TITLES | {
    "hon",
    "atty",
    "engr",
    "barr",
    "gov",
    "rep",
    "dr",
    "prof",
    "rev",
    "gen",
    "brig",
}
_ABBREVIATED_STYLES |= {"adm", "amb", "pres", "sec"}


#: Malaysian honours of two words, before a name that may be of three words, any of them a word of the
#: language ("Tan Sri Ong Boon Keat").
_HONOURS = frozenset(
    {("tan", "sri"), ("puan", "sri"), ("toh", "puan"), ("datuk", "seri"), ("datuk", "wira")}
    | {("dato", "sri"), ("dato'", "sri"), ("dato'", "seri")}
)


def titled_people(doc: Doc, vocab: Vocabulary) -> list[Span]:
    """People the model left untagged after a person's title of one word or an honour of two: "Fed
    President Plosser", "Senator Varnley", "Tan Sri Orla Boon Varn". One or two capitalized words (three
    after an honour), none inside an entity nor a common noun, adjective or
    verb ("General Motors", "Mayor Street", "Chief Justice"), the word after them not capitalized (the
    model's "Toledo" of "President Alejandro Toledo" is no end of the name), none a well-known place, not
    in a title-cased line."""
    from spacy.tokens import Span

    titles = {title[0] for title in vocab.patterns.person_titles if len(title) == 1}
    honours = _HONOURS & set(vocab.patterns.person_titles)
    heads = (vocab.patterns.group_heads, vocab.patterns.place_heads, THING_HEADS)
    found: list[Span] = []
    length, index = len(doc), 0
    for start in _untagged_titles(doc):
        title = doc[start - 1] if start else None
        stop = title is not None and title.text == "." and start > 1 and not doc[start - 2].whitespace_
        if stop and doc[start - 2].is_title and doc[start - 2].lower_ in _ABBREVIATED_STYLES:
            title = doc[start - 2]  # "Hon." that the tokenizer cut in two (none of its exceptions holds it)
        honoured = start > 1 and (doc[start - 2].lower_, doc[start - 1].lower_) in honours
        if start < index or title is None or (title.lower_.rstrip(".") not in titles and not honoured):
            continue
        if title.lower_ == "hon" and not (
            doc[title.i + 1].text == "." or (title.i and doc[title.i - 1].lower_ == "the")
        ):
            continue  # "Hon Hai", a company: "Hon." or "the Hon" is the style
        if title.is_lower and title.lower_ in _JOBS:  # "estate agent Foxtons": a firm as often
            continue
        end, words = start, 0
        while (
            end < length
            and words < (3 if honoured else 2)
            and doc[end].ent_iob_ == "O"
            and _capitalized(doc[end])
            and (
                honoured or _uncommon(doc[end].lower_, vocab) or _hyphenated(doc, end)
            )  # "Chief Constable Orla Varn-Quist"; an honour's name may hold a word of the language
        ):
            end, words = end + (3 if _hyphenated(doc, end) else 1), words + 1
        after = doc[end] if end < length else None
        if end == start or (after is not None and after.is_title):  # "President Alejandro Toledo" goes on
            continue
        if doc.has_annotation("SENT_START") and _title_cased(doc[start].sent):  # "Mayor Said Yes"
            continue
        span = Span(doc, start, end, label="PERSON")
        if span.text not in vocab.linked_places and not any(t.lower_ in kind for t in span for kind in heads):
            found.append(span)
            index = end
    return found


def described_people(doc: Doc, vocab: Vocabulary) -> list[Span]:
    """People the model left untagged after a lower-case noun that says what a person is: "mathematician
    Orla Quist", "the grammarian Tamsk Varnholm". Two or three capitalized words written as a full name
    is, none inside an entity nor a common word, the word after them not capitalized, not in a
    title-cased line."""
    from spacy.tokens import Span

    descriptors = vocab.patterns.person_descriptors
    found: list[Span] = []
    length, index = len(doc), 0
    for start in _untagged_titles(doc):
        noun = doc[start - 1] if start else None
        if start < index or noun is None or not noun.is_lower or noun.text not in descriptors:
            continue
        end = index = _end_of_a_name(doc, start, vocab)
        if end - start < 2 or (end < length and _name_goes_on(doc[end])):
            continue
        if doc.has_annotation("SENT_START") and _title_cased(doc[start].sent):
            continue
        span = Span(doc, start, end, label="PERSON")
        if described_as_a_person(span.text, list(span), vocab):
            found.append(span)
    return found


#: Lower-case nouns for a band, before its name: "rock band The Quellbys", "the Varnby duo Osk Tide".
_BAND_NOUNS = frozenset({"band", "duo", "trio", "quartet", "quintet", "outfit"})
#: Lower-case nouns for a firm or a body, before its name, that are no person's job: "security firm
#: Quellsoft", "cable group Varntel" (not "developer", "publisher", "broadcaster" or "maker": "film maker
#: Orla Quist"; nor "carrier": "the aircraft carrier HMS Varn").
_FIRM_NOUNS = frozenset(
    {"company", "firm", "retailer", "airline", "insurer", "bank", "lender"}
    | {"newspaper", "manufacturer", "chain", "conglomerate", "agency", "network", "telco", "group"}
    | {"giant", "multinational", "startup", "automaker", "carmaker", "chipmaker", "drugmaker", "utility"}
)
#: The model's readings a described name takes the place of; a place, a date or a number stays.
_MISREAD = frozenset({"PERSON", "PRODUCT", "WORK_OF_ART", "LAW", "NORP", "FAC", "EVENT"})
#: Capitalized words a band's or a firm's name runs over at most, "The" included.
_BAND_WORDS = 5


def described_groups(doc: Doc, vocab: Vocabulary) -> list[Span]:
    """Bands and firms the model left untagged or read as something else after a lower-case noun that
    says what they are: "Sheffield band The Quellbys", "rock band The Varn Hours", "the duo Osk Tide",
    "cable firm Varntel", "security firm Quellsoft". The capitalized words after the noun ("The" and up
    to four more), the first no other function word, none a given name or a title ("the group Chairman
    Orla Quist"), not a letter alone ("a band D property") nor only common words without "The" ("the
    company Board"), the word after them not capitalized, not in a title-cased line; not when an entity
    of the model's reaches outside them or is a place, a date or a number, nor, after a firm's noun, a
    person ("the firm Quist founded", "the startup Founder Orla Quist"). The caller puts them in place of
    the model's entities inside them."""
    from spacy.tokens import Span

    found: list[Span] = []
    length = len(doc)
    nouns = [t.i for t in doc[:-1] if t.text in _BAND_NOUNS or t.text in _FIRM_NOUNS]
    if not nouns:
        return found  # (most articles: no entity table built)
    inside_entity = {i: ent for ent in doc.ents for i in range(ent.start, ent.end)}
    titles = {title[0] for title in vocab.patterns.person_titles}
    for noun_at in nouns:
        noun = doc[noun_at]
        start = end = noun.i + 1
        while end < length and end - start < _BAND_WORDS and (_capitalized(doc[end]) or _acronym(doc[end])):
            end += 1
        if end - start < 1 or (end - start == 1 and doc[start].lower_ == "the"):
            continue
        first = doc[start]
        words = doc[start + (first.lower_ == "the") : end]
        if (
            (first.is_stop and first.lower_ != "the")
            or any(t.text in vocab.given_names or t.lower_ in titles for t in words)
            or (len(words) == 1 and len(words[0].text) < 2)
        ):
            # "a band Of Gold?", "the group Finance Director Orla Quist", "a band D property": words of
            # the sentence, a person, a letter
            continue
        if first.lower_ != "the" and all(common_word(t.lower_, vocab) for t in words):
            continue  # "the company Board", "the airline Business Class": a common noun capitalized
        if end < length and doc[end].text[:1].isupper():
            continue
        if doc.has_annotation("SENT_START") and _title_cased(first.sent):
            continue
        entities = {inside_entity[i] for i in range(start, end) if i in inside_entity}
        if any(
            ent.start < start or ent.end > end or ent.label_ not in _MISREAD | {"ORG"} for ent in entities
        ):
            continue  # "the band Quellby Rovers fans", "the bank Monday": a name of its own, a date
        if noun.text in _FIRM_NOUNS and any(ent.label_ == "PERSON" for ent in entities):
            continue  # "the startup Founder Orla Quist": a firm's noun before a person the model read
        name = range(start + (first.lower_ == "the"), end)
        if all((ent := inside_entity.get(i)) is not None and ent.label_ == "ORG" for i in name):
            continue  # the model read it already
        found.append(Span(doc, start, end, label="ORG"))  # its "The" goes when the name is cleaned
    return found


#: Titles that are jobs as well: in lower case before a capitalized word they name a firm's or a body's
#: staff as often as a person's title ("estate agent Foxtons", "a Quellco official").
_JOBS = frozenset(
    {"agent", "official", "officer", "director", "spokesman", "spokeswoman", "spokesperson", "chief", "coach"}
)


def listed_people(doc: Doc, vocab: Vocabulary) -> list[Span]:
    """People the model left untagged in a list of people: "for Orla Quist, Tamsk Varnholm, Ede Bryn and
    Ilse Marr" with the model's people on either side of "Tamsk Varnholm", or two of them before or after
    it. Two or three capitalized words, none inside an entity, a common word or a place; the list closed
    by "and" or "or". A roster's unusual names are the ones the model misses between the usual ones."""
    from spacy.tokens import Span

    full_names = [ent for ent in doc.ents if ent.label_ == "PERSON" and len(ent) >= 2]
    if len(full_names) < 2:
        return []
    ending_at = {ent.end: ent for ent in full_names}
    starting_at = {ent.start: ent for ent in full_names}
    found: list[Span] = []
    length, index = len(doc), 0
    for start in _untagged_titles(doc):
        if start < index:
            continue
        end = index = _end_of_a_name(doc, start, vocab)
        if end - start < 2 or (end < length and _name_goes_on(doc[end])):
            continue
        before, closed_before = _people_listed(doc, start, ending_at, step=-1)
        after, closed_after = _people_listed(doc, end, starting_at, step=1)
        listed = (before and after) or before >= 2 or after >= 2
        if listed and (closed_before or closed_after):
            span = Span(doc, start, end, label="PERSON")
            if not any(word in vocab.places for word in (span.text, doc[start].text, doc[end - 1].text)):
                found.append(span)
    return found


def _name_goes_on(token: Token) -> bool:
    """Does the name go on with ``token``: a capitalized word, not a date's ("Orla Quist Wednesday, 19
    September" in a dateline), or a dash glued to a word?"""
    return (token.is_title and token.ent_type_ != "DATE") or token.text in DASHES


#: Words that close a list: "Quist, Varn and Osk".
_LIST_ENDS = frozenset({"and", "or", "&"})


def _end_of_a_name(doc: Doc, start: int, vocab: Vocabulary) -> int:
    """The end of the two or three capitalized words from ``start`` that may be a person's name a list or
    a noun says is one, or ``start`` when none may. The first word is no common word ("Northern Lights",
    "Water Lilies", "Pallbearers Gwen Price" opening a sentence) unless it is a first name; none is a
    word of an office ("Managing Director", "Home Secretary", "Chief Executive")."""
    first = doc[start]
    if not (_uncommon(first.lower_, vocab) or first.text in vocab.first_names):
        return start
    end = start
    while end < len(doc) and end - start < 3 and _listed_name_word(doc[end], vocab):
        end += 1
    if any(_an_office(token.lower_, vocab) for token in doc[start:end]):
        return start
    return end


def _an_office(word: str, vocab: Vocabulary) -> bool:
    patterns = vocab.patterns
    return (word,) in patterns.person_titles or word in patterns.person_descriptors or word in _OFFICE_WORDS


#: Words of offices besides the titles: "Chief Executive", "General Counsel", "Managing Director".
_OFFICE_WORDS = frozenset(
    {"executive", "counsel", "deputy", "shadow", "acting", "associate", "assistant", "vice", "managing"}
    | {"operating", "financial", "head", "leader", "member", "trustee", "partner", "founder", "principal"}
)


def _listed_name_word(token: Token, vocab: Vocabulary) -> bool:
    """Can the capitalized word outside every entity be part of a name a list or a noun before it says is
    a person's? No head noun, and no common word the article writes in lower case too ("Bond" is a
    surname where "bond" is written nowhere else)."""
    text = token.text
    return (
        token.ent_iob_ == "O"
        and text[:1].isupper()
        and text.replace("-", "").replace("'", "").isalpha()
        and not text.isupper()
        and token.lower_ not in vocab.patterns.group_heads
        and token.lower_ not in vocab.patterns.place_heads
        and (
            _uncommon(token.lower_, vocab)
            or token.lower_ not in article_words(token.doc, "lower-case words", lower_case_words)
        )
    )


def _people_listed(doc: Doc, edge: int, people: dict[int, Span], *, step: int) -> tuple[int, bool]:
    """How many of the model's full names follow one another in a list from token ``edge`` (``step`` 1,
    rightwards) or up to it (``step`` -1, leftwards), each after a comma or "and"; and does an "and" or
    "or" close the list there?"""
    count, closed = 0, False
    while count < _LONGEST_LIST:
        position = edge if step > 0 else edge - 1
        separators = []
        while 0 <= position < len(doc) and (doc[position].text == "," or doc[position].lower_ in _LIST_ENDS):
            separators.append(doc[position].lower_)
            position += step
        if not 1 <= len(separators) <= 2 or separators.count(",") > 1:
            break
        person = people.get(position if step > 0 else position + 1)
        if person is None:
            break
        count += 1
        closed = closed or any(word in _LIST_ENDS for word in separators)
        edge = person.end if step > 0 else person.start
    return count, closed


#: Names looked at on either side of an untagged one: a list of people is seldom longer.
_LONGEST_LIST = 12


def _hyphenated(doc: Doc, index: int) -> bool:
    """Is the name word at ``index`` the first half of a hyphenated one ("Jan-Mikael", "Varn-Quist"): a
    capitalized word, a hyphen with no space either side, then a capitalized word in no entity?"""
    if index + 2 >= len(doc):
        return False
    hyphen, second = doc[index + 1], doc[index + 2]
    return (
        doc[index].is_title
        and doc[index].is_alpha
        and hyphen.text in DASHES
        and not doc[index].whitespace_
        and not hyphen.whitespace_
        and second.is_title
        and second.is_alpha
        and second.ent_iob_ == "O"
    )


#: Prepositions after which a city that is also a first name is the city: where something is ("a pass
#: from Austin" in a match report is a player's).
_WHERE = frozenset({"in", "at", "near", "inside", "outside", "across", "around", "throughout"})


def gazetteer_places(doc: Doc, vocab: Vocabulary) -> list[Span]:
    """Well-known places the model left untagged ("flights to Velmora City" when the gazetteer knows
    it): the longest run of up to four tokens spelling a place, none inside an entity, not part of a
    longer capitalized name (no capitalized word right before, unless it starts the sentence, or after).
    A large city that is also a first name or a noun ("Adelaide", "Bath") counts only right after a
    preposition of place ("the Test in Adelaide"): alone, the word names a person as often."""
    from spacy.tokens import Span

    from pipeline.gazetteer import place_names

    found: list[Span] = []
    if not vocab.places:
        return found
    length, index, starts = len(doc), 0, vocab.place_starts
    for start in _untagged_titles(doc):
        if start < index:
            continue
        index = start
        token = doc[index]
        if (
            token.text in vocab.linked_places
            and token.text not in vocab.places
            and index
            and doc[index - 1].lower_ in _WHERE
            and doc[index - 1].is_lower
            and not (index + 1 < length and doc[index + 1].is_title)
        ):
            found.append(Span(doc, index, index + 1, label="GPE"))
            continue
        if (_after_a_place_and(doc, index) or _a_members_seat(doc, index)) and token.text in place_names():
            found.append(Span(doc, index, index + 1, label="GPE"))  # "between Leeds and Carlisle"
            continue
        word = FIRST_WORD.match(token.text)
        if word is None or word.group() not in starts:
            continue  # the common case: no place starts with this word
        before = doc[index - 1] if index else None
        if before is not None and before.is_title and before.ent_iob_ == "O" and not token.is_sent_start:
            continue
        match = 0
        for end in range(min(length, index + LONGEST_PLACE_NAME), index, -1):
            span = doc[index:end]
            if span.text in vocab.places and all(t.ent_iob_ == "O" for t in span):
                match = end
                break
        after = doc[match] if match and match < length else None
        if match == index + 1 and token.is_sent_start and token.lower_ in vocab.nouns:
            match = 0  # "Reading from line E": a sentence start capitalizes any word
        if match and not (after is not None and after.is_title and after.ent_iob_ == "O"):
            found.append(Span(doc, index, match, label="GPE"))
            index = match
    return found


def _after_a_place_and(doc: Doc, index: int) -> bool:
    """Does the one word at ``index`` come right after "and" or "or" and a place the model tagged, with
    no capitalized word after it ("between Quellby and Varn on Sunday"; not "Quellby and Varn Tessaly")?"""
    if index < 2 or doc[index - 1].lower_ not in {"and", "or"} or doc[index - 2].ent_type_ != "GPE":
        return False
    return not (index + 1 < len(doc) and doc[index + 1].is_title) and doc[index].is_title


def _a_members_seat(doc: Doc, index: int) -> bool:
    """Is the word at ``index`` the seat of a member of a parliament, right after "MP for" ("the Labour
    MP for Varnby", "MLA for", "member for")?"""
    if index < 2 or doc[index - 1].lower_ != "for":
        return False
    return doc[index - 2].text in _MEMBERS or doc[index - 2].lower_ == "member"


#: Members of a parliament, as written before "for" and their seat.
_MEMBERS = frozenset({"MP", "MPs", "MLA", "MSP", "MS", "AM", "TD", "MHA", "MHK", "MNA", "MPP", "MHR"})


#: Most capitalized words a place found by its head noun holds ("Upper Quellic River Gorge Road").
LONGEST_HEADED_PLACE = 5


def headed_places(doc: Doc, vocab: Vocabulary) -> list[Span]:
    """Places (and organizations) the model left untagged whose own words say what they are: a run of
    capitalized words, none inside an entity, ending on a place's or a building's head noun ("the Quellic
    River Gorge", "Varnholm Boulevard", "Osterby Cemetery"), after a place's prefix ("Mount Quellan"), or
    ending on an organization's head ("the Varnish Heritage Society"). One of its other words must be no
    common word, or a well-known place ("the Montana Freedom Caucus", "Lagos Island": the model's common
    nouns hold many towns), and the first no given name: "Bus Station", "Community Center" and "Stuart
    Hall" are none. The run is taken whole, so a title-cased line ending on another word names no place
    ("Police Close Varnholm Road After Crash"), nor a run after a name ("Quellby" + "River Road")."""
    from spacy.tokens import Span

    found: list[Span] = []
    patterns = vocab.patterns
    length, index = len(doc), 0
    for start in _untagged_titles(doc):
        if start < index:
            continue
        end = start
        while (
            end < length
            and _capitalized(doc[end])
            and doc[end].ent_iob_ == "O"
            and (end == start or not doc[end].is_sent_start)  # a sentence ends the run as a name does
        ):
            end += 1
        index = end
        before = doc[start - 1] if start else None
        if before is not None and not before.is_sent_end and (before.ent_iob_ != "O" or _capitalized(before)):
            continue  # a word of a longer name
        if doc[start].lower_ == "the" or (
            doc[start].is_sent_start and end - start > 2 and doc[start].lower_ in _OPENING_PREPOSITIONS
        ):
            start += 1  # "the", or a preposition opening the sentence: "Outside Kano State High Court, ..."
        run = doc[start:end]
        words = [token.lower_ for token in run]
        if (
            not 2 <= len(words) <= LONGEST_HEADED_PLACE
            or doc[start].text in vocab.given_names
            or any(token.is_stop for token in run)  # "Would Take Place", "Fort Lee Is Located Between"
            or (doc.has_annotation("SENT_START") and _title_cased(run.sent))
        ):
            continue
        if words[-1] in patterns.place_heads or words[-1] in patterns.building_heads:
            label, named_by = ("LOC" if words[-1] in patterns.place_heads else "FAC"), words[:-1]
        elif words[0] in patterns.place_prefixes and len(words) <= 3:
            label, named_by = "LOC", words[1:]
        elif words[-1] in _INSTITUTION_HEADS or (words[-1] == "court" and words[-2] in _KINDS_OF_COURT):
            # "the Quellby Freedom Caucus", "Varn Heritage Society", "the Varnby High Court" (not "Earls
            # Court" or "Hampton Court", a district and a palace)
            label, named_by = "ORG", words[:-1]
        else:
            continue
        if any(_uncommon(word, vocab) for word in named_by) or any(
            token.text in vocab.linked_places for token in run[:-1]
        ):
            found.append(Span(doc, start, end, label=label))
    return found


#: Heads of organizations that name nothing else ("Quellby Freedom Caucus"); not "Party" or "Service",
#: which name a celebration or a ceremony as often ("the Quellby Christmas Party", "Memorial Service").
_INSTITUTION_HEADS = frozenset(
    {"caucus", "committee", "council", "commission", "association", "society", "institute", "foundation"}
    | {"federation", "league", "coalition", "alliance", "agency", "authority", "bureau", "ministry"}
    | {"directorate", "secretariat", "university", "corporation", "trust", "fund", "department"}
    | {"tribunal"}
)
#: Prepositions that open a sentence before a name, capitalized as it is ("Outside Kano State High Court,
#: ..."; "New York Supreme Court" keeps its first word).
_OPENING_PREPOSITIONS = frozenset(
    {"outside", "inside", "near", "beside", "behind", "across", "opposite", "at", "in", "on", "from", "into"}
    | {"before", "after", "during", "under", "above", "beyond", "despite", "against", "within", "toward"}
    | {"towards", "beneath", "around", "along", "past", "through", "throughout", "until", "via"}
)
#: The words before "Court" that make it a court of law.
_KINDS_OF_COURT = frozenset(
    {
        "high",
        "supreme",
        "district",
        "crown",
        "magistrates",
        "county",
        "federal",
        "appeals",
        "appeal",
        "circuit",
    }
    | {"family", "criminal", "constitutional", "industrial", "labour", "labor", "sessions", "superior"}
    | {"juvenile", "military", "tax", "commercial", "provincial", "regional", "municipal", "state"}
)


def places_before_a_plural_head(doc: Doc, vocab: Vocabulary) -> list[Span]:
    """Places named in a list before one plural head noun, which the model leaves untagged or runs into the
    head: "in Weld and Larimer Counties", "Quellby, Osk and Varn counties", "the Tarne and Ossel rivers".
    Each capitalized word of the list that is no common word is a place; the last one too when the
    model tagged nothing there."""
    from spacy.tokens import Span

    found: list[Span] = []
    for token in doc:
        if (
            token.lower_ not in _PLURAL_PLACE_HEADS
            or token.i < 3
            or doc[token.i - 2].lower_ not in {"and", "&"}
        ):
            continue
        listed = [token.i - 1]
        index = token.i - 3
        while index >= 0 and _capitalized(doc[index]):
            listed.append(index)
            if index < 2 or doc[index - 1].text != ",":
                break
            index -= 2
        # No common word: "the Fire and Water Districts", "North and South Counties" name no places
        if len(listed) < 2 or any(
            not _capitalized(doc[i]) or doc[i].is_sent_start or not _uncommon(doc[i].lower_, vocab)
            for i in listed
        ):
            continue
        if doc.has_annotation("SENT_START") and _title_cased(doc[listed[-1] : token.i + 1].sent):
            continue
        found.extend(Span(doc, i, i + 1, label="GPE") for i in sorted(listed) if doc[i].ent_iob_ == "O")
    return found


#: The plurals of place heads a list of places shares ("Weld and Larimer Counties").
_PLURAL_PLACE_HEADS = frozenset(
    {"counties", "provinces", "districts", "rivers", "lakes", "parishes", "townships", "boroughs", "states"}
)


def _title_cased(sentence: Span) -> bool:
    return title_cased(sentence.text)


def title_cased(sentence: str) -> bool:
    """Is most of the sentence title case, a headline's or a heading's ("Police Close Varnholm Road After
    Crash"), whose capitals say nothing of names? Four words of four letters at least, four in five
    capitalized.

    >>> title_cased("Gunmen Will Meet Varn Police Today"), title_cased("Orla Quist will meet Varn police")
    (True, False)
    """
    long_words = [word for word in _WORDS.findall(sentence) if len(word) >= 4 and word.isalpha()]
    return len(long_words) >= 4 and sum(word.istitle() for word in long_words) * 5 >= len(long_words) * 4


_WORDS = re.compile(r"\w+")


def _capitalized(token: Token) -> bool:
    return token.is_title and token.is_alpha


def _acronym(token: Token) -> bool:
    """ "NTL", "BT": two capitals or more, letters only."""
    return token.is_upper and token.is_alpha and len(token.text) >= 2


def _uncommon(word: str, vocab: Vocabulary) -> bool:
    """Is the lower-case ``word`` no common noun (in the singular either: "visitors", "princes"), adjective
    ("popular") or verb ("took" aside, whose past no suffix gives: "located", "taking")?

    >>> from pipeline.extract.model import Vocabulary
    >>> from pipeline.wordlists import load_patterns
    >>> vocab = Vocabulary(verbs=frozenset({"locate"}), patterns=load_patterns(),
    ...     nouns=frozenset({"bus", "prince", "river"}), adjectives=frozenset({"popular"}))
    >>> [_uncommon(w, vocab) for w in ("saxeten", "bus", "princes", "buses", "popular", "located")]
    [True, False, False, False, False, False]
    >>> vocab = Vocabulary(verbs=frozenset({"reply", "deny"}), patterns=load_patterns())
    >>> [_uncommon(w, vocab) for w in ("replies", "denied", "varnies")]
    [False, False, True]
    """
    if len(word) < 3 or word in vocab.nouns or word in vocab.adjectives:
        return False
    stems = {word[:-2], word[:-1]} if word.endswith("es") else {word[:-1]} if word.endswith("s") else set()
    if stems & vocab.nouns:
        return False
    verb_stems = (
        {word[:-1], word[:-2], word[:-3], word[:-3] + "e"} if word.endswith(("ed", "ing", "s")) else set()
    )
    if word.endswith(("ies", "ied")):
        verb_stems.add(word[:-3] + "y")  # "replies", "denied"
    return word not in vocab.verbs and not verb_stems & vocab.verbs


def _untagged_titles(doc: Doc) -> list[int]:
    """Indices of the title-cased tokens outside every entity, from doc-level arrays: both finders start
    only there, and a Token object for each of a body's tokens costs more than the search itself."""
    from spacy.attrs import ENT_IOB, IS_TITLE

    iob, title = doc.to_array([ENT_IOB, IS_TITLE]).T
    return ((iob == _OUTSIDE) & (title == 1)).nonzero()[0].tolist()  # type: ignore[no-any-return]


#: ``Token.ent_iob`` of a token outside every entity ("O"; 0 is "not set", which the finders skip too).
_OUTSIDE = 2


_CELTIC_SURNAME = re.compile(r"(?:Mc|Mac|Fitz)[A-Z][a-z]{2,}")


def _name_word(token: Token, nouns: frozenset[str], *, widespread: bool) -> bool:
    """Can the capitalized word be a surname after a given name? Not a common noun ("Peace Spring"),
    unless the given name is a common one and the article never writes the noun in lower case ("Celeste
    Pollock", "Orla Baker")."""
    if _CELTIC_SURNAME.fullmatch(token.text):
        return True  # "McTavish", "MacAskill": no title case, but a surname's shape
    if not (token.is_title and token.is_alpha and len(token.text) >= 2):
        return False
    if token.lower_ not in nouns:
        return True
    return widespread and token.lower_ not in article_words(token.doc, "lower-case words", lower_case_words)
