"""Repairs on the model's entities, while they are still spaCy spans with their tokens.

Two kinds, both systematic errors of the small model on news text:

* where a name ends (:data:`ENTITY_REPAIRS`, run by :func:`extended_entities`): each repair looks at one
  entity (and the repaired one before it) and returns a longer or relabelled span, or None; the first
  repair that applies wins. A new boundary rule is one function added to the list;
* what a name is (:func:`clean`): cut a credit line or parenthesis the model ran into, split "X's Y" in
  two, trim determiners, titles, quotes and sentence-initial verbs, and correct the type from the
  name's own head word and what follows it.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pipeline.extract.model import text_of
from pipeline.names import (
    COMPANY_WORDS,
    GENERATIONS,
    LEGAL_FORMS,
    NAME_PARTICLES,
    ascii_fold,
    head_word,
    name_key,
)
from pipeline.wordlists import Patterns

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span, Token

    from pipeline.extract.model import Vocabulary

NUMBER_LABELS = frozenset({"CARDINAL", "QUANTITY", "MONEY", "PERCENT"})
TYPE_OF_LABEL = {
    "PERSON": "person",
    "ORG": "group",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    **{label: "number" for label in NUMBER_LABELS},
}
#: Labels whose text is a name, so the name cleaning rules apply.
NAME_LABELS = frozenset(
    {"PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "LANGUAGE"}
)
#: Most tokens a well-known place's name spells ("Bosnia and Herzegovina"): the longest looked up.
LONGEST_PLACE_NAME = 4
DETERMINERS = frozenset(
    {"the", "a", "an", "this", "that", "these", "those", "its", "their", "his", "her", "our"}
)
POSSESSIVE_MARKS = frozenset({"'s", "’s", "'", "’"})
DASHES = frozenset({"-", "–", "—", "|"})


@dataclass
class CharSpan:
    """A name or number found in an article body: character offsets ``[start, end)``, spaCy label,
    node type and how it was found (see :class:`pipeline.records.Mention`)."""

    start: int
    end: int
    label: str
    type: str
    origin: str = "model"


# --- where a name ends ------------------------------------------------------------------------------

#: repair(doc, entity, previous, patterns) -> the repaired entity, or None when the repair does not apply.
#: ``previous`` is the repaired entity before this one; a result that covers it replaces it.
EntityRepair = Callable[["Doc", "Span", "Span | None", Patterns], "Span | None"]


def institution_of_name(doc: Doc, ent: Span, previous: Span | None, patterns: Patterns) -> Span | None:
    """An institutional name carries over a trailing "of + Name": "the Board of Deputies" + "of British
    Jews", "Federal Reserve Bank" + "of New York", "Group" + "of Seven". Only names that already contain a
    lowercase connective or end on an institutional noun grow, so "Hezbollah of Lebanon" stays two. An
    institutional noun takes "for + Name" too ("United Nations Office" + "for the Coordination of
    Humanitarian Affairs"), and an inquiry what it inquires into ("Royal Commission" + "into the
    Building Industry")."""
    if ent.label_ != "ORG":
        return None
    subject_end = _subject_of_inquiry(doc, ent.end) if ent[-1].lower_ in _INQUIRY_HEADS else ent.end
    if subject_end > ent.end:
        return _extended(doc, ent, subject_end)
    connective = any(t.is_lower and t.is_alpha and t.lower_ in {"of", "for", "on"} for t in ent[1:-1])
    institutional = ent[-1].lower_ in patterns.group_heads  # "Federal Reserve Bank" + "of New York"
    if not (connective or institutional):
        return None
    end = probe = ent.end
    while probe + 1 < len(doc) and doc[probe].lower_ == "of" and doc[probe + 1].is_title:
        probe += 1
        first = probe
        while (
            probe < len(doc)
            and (doc[probe].is_title or doc[probe].is_upper)
            and doc[probe].is_alpha
            # a person's name starts: "of Varn" + "Orla Quist" ("of British" + "Jews" goes on)
            and (probe == first or doc[probe].ent_iob_ != "B" or doc[probe].ent_type_ != "PERSON")
        ):
            probe += 1
        while (
            probe - 1 > first
            and probe < len(doc)
            and doc[probe].ent_type_ == "PERSON"
            and (doc[probe - 1].lower_,) in patterns.person_titles
            and doc[probe - 1].lower_ not in NAMING_TITLES  # "Foundation of Saint" + "Orla": the saint's
        ):
            probe -= 1  # "Bank of Varn President" + "Orla Quist": the office is his, not the bank's name
        end = probe
    if end == ent.end and institutional:
        end = _subject_of_inquiry(doc, end, opener="for")  # "Office" + "for the Coordination of ..."
    return _extended(doc, ent, end)


#: Bodies named after what they inquire into: "the Royal Commission into the Building Industry".
_INQUIRY_HEADS = frozenset({"commission", "inquiry", "committee", "tribunal", "taskforce"})
#: Bodies that campaign for what their name says: "the Council for a Livable World", "the Committee for
#: an Effective Congress".
_CAMPAIGN_HEADS = frozenset(
    {"committee", "council", "campaign", "coalition", "alliance", "center", "centre", "foundation", "fund"}
    | {"project", "institute", "society", "association", "league", "movement", "initiative", "network"}
)
#: Lower-case words inside the subject of an inquiry: "into Deaths in Custody", "into Trade and Tariffs".
_SUBJECT_LINKS = frozenset({"of", "and", "in", "on", "for", "the"})


def _subject_of_inquiry(doc: Doc, start: int, *, opener: str = "into") -> int:
    """The end of "into (the) Capitalized Words" at ``start`` ("into the Building Industry", "into
    Deaths in Custody"), or of "for ..." with ``opener`` "for" ("for the Coordination of Humanitarian
    Affairs", "for an Effective Congress"); ``start`` when there is none."""
    if start >= len(doc) or doc[start].lower_ != opener:
        return start
    probe = start + 1
    if probe < len(doc) and doc[probe].lower_ == "the":
        probe += 1
    elif probe < len(doc) and doc[probe].lower_ in {"a", "an"} and doc[start - 1].lower_ in _CAMPAIGN_HEADS:
        # "Council for a Livable World": two capitalized words or more, none a name the model tagged
        # but an organization's. "University for a Master of Arts" is a degree, "Committee for a Trump
        # rally" what a committee spent on, "Institute for an Ostrava study" a study
        after = probe + 1
        while (
            after < len(doc)
            and doc[after].is_title
            and doc[after].is_alpha
            and doc[after].ent_type_ in ("", "ORG")
        ):
            after += 1
        if after - (probe + 1) < 2 or (after < len(doc) and doc[after].is_title and doc[after].is_alpha):
            return start
        probe += 1
    end = start
    while probe < len(doc):
        token = doc[probe]
        if token.is_title and token.is_alpha:
            probe += 1
            end = probe
        elif token.lower_ in _SUBJECT_LINKS and probe + 1 < len(doc) and doc[probe + 1].is_title:
            probe += 1
        else:
            break
    return end


def name_particles(doc: Doc, ent: Span, previous: Span | None, patterns: Patterns) -> Span | None:
    """A person's name does not end on a particle: "Ursula von der" + "Leyen"."""
    if ent.label_ != "PERSON" or ent[-1].lower_ not in NAME_PARTICLES:
        return None
    probe = ent.end
    while probe < len(doc) and (doc[probe].is_title or doc[probe].lower_ in NAME_PARTICLES):
        probe += 1
    return _extended(doc, ent, probe)


def particle_name_after_a_person(
    doc: Doc, ent: Span, previous: Span | None, patterns: Patterns
) -> Span | None:
    """A person's name goes on over a lower-case particle and the capitalized word after it, which the
    model left untagged: "Haroun Ibrahim" + "el-Tayeb", "Orla Quist" + "de Varn". Not a word in lower
    case after the particle ("de facto")."""
    if ent.label_ != "PERSON" or not ent[-1].whitespace_:
        return None
    probe = ent.end
    while (
        probe < len(doc)
        and doc[probe].is_lower
        and doc[probe].lower_ in NAME_PARTICLES
        and doc[probe].ent_iob_ == "O"
    ):
        probe += 1
    if probe == ent.end or probe >= len(doc):
        return None
    if doc[probe].text in DASHES and not doc[probe - 1].whitespace_ and probe + 1 < len(doc):
        probe += 1  # "el-Tayeb"
    if not (doc[probe].is_title and doc[probe].is_alpha and doc[probe].ent_iob_ == "O"):
        return None  # a name tagged after the particle is another repair's ("bint" + "Khalid al-Quist")
    if probe + 1 < len(doc) and (doc[probe + 1].is_title or doc[probe + 1].ent_iob_ != "O"):
        return None  # another name goes on after it: "Orla Quist del Varn Hotel", "la Liga" + "coverage"
    return _extended(doc, ent, probe + 1)


def particle_after_a_given_name(
    doc: Doc, ent: Span, previous: Span | None, patterns: Patterns
) -> Span | None:
    """A person's name that starts on a lower-case particle takes the capitalized word before it, which
    the model left out or tagged apart: "Rodrigo" + "dela Cruz", "Ilse" + "van Quist". Not a title
    ("Mayor dela Cruz"), nor a word of a longer name before it."""
    from spacy.tokens import Span

    if ent.label_ != "PERSON" or ent.start == 0 or not ent[0].is_lower or ent[0].lower_ not in NAME_PARTICLES:
        return None
    before = doc[ent.start - 1]
    if not (before.is_title and before.is_alpha and before.whitespace_):
        return None
    if (before.lower_,) in patterns.person_titles or before.lower_ in HONORIFICS:
        return None
    if (
        previous is not None
        and previous.label_ == "PERSON"
        and previous.end == ent.start
        and len(previous) > 1
    ):
        return Span(doc, previous.start, ent.end, label="PERSON")  # "Ahmad Zulkarnain" + "bin Mohd Quist"
    alone = before.ent_iob_ == "O" or (
        previous is not None
        and previous.start == before.i == previous.end - 1
        and previous.label_ in {"PERSON", "ORG"}  # not "Tuesday", "Paris" or "Christmas" before "van Quist"
    )
    return Span(doc, before.i, ent.end, label="PERSON") if alone else None


def particle_between_names(doc: Doc, ent: Span, previous: Span | None, patterns: Patterns) -> Span | None:
    """A person's name the model cut at lower-case particles into two names is one: "João Pedro" + "dos"
    + "Santos", "Fatima" + "bint" + "Rashid Quist" (the second part tagged as anything)."""
    from spacy.tokens import Span

    if previous is None or previous.label_ != "PERSON" or not ent[0].is_title:
        return None
    between = doc[previous.end : ent.start]
    if not 1 <= len(between) <= 2 or not all(t.is_lower and t.lower_ in NAME_PARTICLES for t in between):
        return None
    if ent.label_ not in {"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"} or len(ent.text.split()) > 3:
        return None  # (words, not tokens: "Khalid al-Majali" is two)
    return Span(doc, previous.start, ent.end, label="PERSON")


def given_names_before_a_name(doc: Doc, ent: Span, previous: Span | None, patterns: Patterns) -> Span | None:
    """A person's given names the model tagged as a name of their own, right before the rest of the
    name (untagged given names between), are its start: "Ramona" + "Itzel Quist Varn", "Ramona" +
    "Itzel" + "Quist Varn". Only given names, with one space after each: "Quist Varn" ("Quist" no
    given name) are two people of a headline, and a line's end parts two names. One given name the
    model called a place or an organization starts a full name of two words or more ("Marta" + "Quist
    Varn"), unless it is a large place too ("in Georgia Orla Quist said") or follows a word that leads
    to a place ("Speaking in Marta Orla Quist" of a town Marta).

    >>> import spacy
    >>> from spacy.tokens import Span
    >>> from pipeline.wordlists import load_patterns
    >>> doc = spacy.blank("en")("Speaking in Marta John Varn spoke. Houston John Varn and Marta Quist Varn spoke.")
    >>> given_names_before_a_name(doc, Span(doc, 3, 5, "PERSON"), Span(doc, 2, 3, "GPE"), load_patterns())
    >>> given_names_before_a_name(doc, Span(doc, 8, 10, "PERSON"), Span(doc, 7, 8, "GPE"), load_patterns())
    >>> given_names_before_a_name(doc, Span(doc, 12, 14, "PERSON"), Span(doc, 11, 12, "GPE"), load_patterns())
    Marta Quist Varn
    """
    from spacy.tokens import Span

    from pipeline.gazetteer import is_first_name, large_place_names

    if previous is None or ent.label_ != "PERSON":
        return None
    if previous.label_ != "PERSON" and (
        previous.label_ not in {"GPE", "LOC", "ORG"}  # a nationality or a faith is no given name
        or len(previous) != 1
        or len(ent) < 2
        or previous.text in large_place_names()
        or (previous.start > 0 and doc[previous.start - 1].lower_ in _TO_OR_IN_A_PLACE)
    ):
        return None
    given = doc[previous.start : ent.start]
    if not 1 <= len(given) <= 3 or len(previous) > 2:
        return None
    if any(token.whitespace_ != " " or not (token.is_title and token.is_alpha) for token in given):
        return None
    if not all(is_first_name(token.text) for token in given):
        return None
    if not all(token.is_title or not token.is_alpha for token in ent):
        return None
    return Span(doc, previous.start, ent.end, label="PERSON")


def untagged_start_of_a_name(doc: Doc, ent: Span, previous: Span | None, patterns: Patterns) -> Span | None:
    """The capitalized words the model left untagged right before a person's name are its start when
    they are given names, two at most ("Ana" + "Milena Quist"), or one word right after a title
    ("coach Aqeel" + "Javed Quist", "Justice Oluwa" + "Varn-Quist", an organization to the model; not
    "Chief Financial Officer" + "Orla Quist"), each followed by one space, and at a sentence's start
    only a given name of several countries. A name the model called an organization takes them only
    after a title, when it opens on a given name itself, or when it is a double-barrelled surname
    ("Priya" + "Osk-Quist"); the title stays out."""
    from spacy.tokens import Span

    from pipeline.gazetteer import is_first_name

    if ent.label_ not in {"PERSON", "ORG"} or len(ent.text.split()) > 3:
        return None
    if ent.label_ == "ORG" and ent[-1].lower_ in patterns.group_heads:
        return None  # "Orla Quellco Group": a firm after a name
    furthest = ent.start
    while furthest > max(0, ent.start - 2):
        token = doc[furthest - 1]
        if token.ent_iob_ != "O" or not (token.is_title and token.is_alpha) or token.whitespace_ != " ":
            break
        furthest -= 1
    # "Priya" + "Kaur-Lindley": a double-barrelled surname the model called an organization ("Liberty" +
    # "Media" is a firm)
    surname = " " not in ent.text and "-" in ent.text
    for start in range(furthest, ent.start):  # the longest start that holds ("Varnby Priya": "Priya")
        if _a_title_token(doc[start], patterns) or (
            doc[start].is_sent_start and not _opens_a_name(doc[start])
        ):
            continue  # a sentence's first word is capitalized whatever it is ("May Quellco keep it?")
        titled = start > 0 and _a_title_token(doc[start - 1], patterns) and start == ent.start - 1
        given = all(is_first_name(token.text) for token in doc[start : ent.start])
        if not (titled or given):
            continue
        if ent.label_ == "ORG" and not (titled or is_first_name(ent[0].text) or (given and surname)):
            continue
        return Span(doc, start, ent.end, label="PERSON")
    return None


def _opens_a_name(token: Token) -> bool:
    """Is a sentence's first word a given name of several countries ("Ana", "Tyler") and no month or day
    ("May")? Other first names are words as often at a sentence's start ("Liberty", "Will")."""
    from pipeline.dates import CALENDAR_WORDS
    from pipeline.gazetteer import widespread_first_names

    return token.text in widespread_first_names() and token.lower_ not in CALENDAR_WORDS


def _a_title_token(token: Token, patterns: Patterns) -> bool:
    return (token.lower_,) in patterns.person_titles or token.lower_.rstrip(".") in HONORIFICS


def legal_form_after_a_company(doc: Doc, ent: Span, previous: Span | None, patterns: Patterns) -> Span | None:
    """A company's legal form the model tagged apart is the end of its name: "Quellco & Co." + "LLC",
    "Varn Holdings," + "Ltd"."""
    from spacy.tokens import Span

    if previous is None or previous.label_ != "ORG" or ent.label_ not in {"ORG", "PERSON", "GPE", "NORP"}:
        return None
    if not all(name_key(token.text) in LEGAL_FORMS or token.text in {".", "&"} for token in ent):
        return None
    between = doc[previous.end : ent.start]
    if len(between) > 1 or any(token.text != "," for token in between):
        return None
    return Span(doc, previous.start, ent.end, label="ORG")


def possessive_and_head(doc: Doc, ent: Span, previous: Span | None, patterns: Patterns) -> Span | None:
    """A name the model ended on a possessive of a person's office or trade, or just before one, goes on
    over a capitalized head noun after it: "the Cape Quell Magistrate's" + "Court", "Bishop" + "'s
    Tower": one name (:func:`_possessor_in_the_name`), where "Quellia's Parliament" is two."""
    if ent.label_ not in {"ORG", "GPE", "FAC", "LOC"}:
        return None
    mark = ent.end - 1 if ent[-1].text in POSSESSIVE_MARKS else ent.end
    if mark >= len(doc) - 1 or doc[mark].text not in POSSESSIVE_MARKS or doc[mark - 1].whitespace_:
        return None
    owner, head = doc[mark - 1].lower_, doc[mark + 1]
    if doc[mark].text in _PLURAL_POSSESSIVE:
        # "the Quellish Socialist Workers'" + "Party": the model's own head word alone, which a plural
        # noun's possessive opens (:func:`clean` parts a name's possessive that is none: "Quellcos' Bank")
        if not (
            owner.endswith("s")
            and head.ent_iob_ == "B"
            and (mark + 2 >= len(doc) or doc[mark + 2].ent_iob_ != "I")
        ):
            return None
    elif not (
        (owner,) in patterns.person_titles or owner in patterns.person_descriptors or owner in patterns.trades
    ):
        return None  # "Quellco's Bank", "Varnby's Bridge": two names, which the model had apart
    heads = (patterns.group_heads, patterns.place_heads, patterns.building_heads)
    if not (head.is_title and head.is_alpha and any(head.lower_ in kind for kind in heads)):
        return None
    after = doc[mark + 2] if mark + 2 < len(doc) else None
    if after is not None and (
        (after.is_title and after.is_alpha) or after.lower_ in {"of", "for"} or after.ent_iob_ == "I"
    ):
        return None  # the name goes on further ("Quellia's Ministry of Health"): not this repair's
    return _extended(doc, ent, mark + 2)


#: A plural's possessive mark ("Workers'"), of :data:`POSSESSIVE_MARKS`.
_PLURAL_POSSESSIVE = frozenset({"'", "’"})


def owner_institution(doc: Doc, ent: Span, previous: Span | None, patterns: Patterns) -> Span | None:
    """A place or people-name followed by a capitalized institutional noun is an organization: "the UK
    Treasury", "the US Navy"."""
    from spacy.tokens import Span

    if ent.label_ not in {"GPE", "NORP"}:
        return None
    probe = ent.end
    while probe < len(doc) and doc[probe].is_title and doc[probe].ent_iob_ == "O":
        probe += 1
    if probe > ent.end and doc[probe - 1].lower_ in patterns.group_heads:
        return Span(doc, ent.start, probe, label="ORG")
    return None


def adjacent_people_names(doc: Doc, ent: Span, previous: Span | None, patterns: Patterns) -> Span | None:
    """Adjacent people-names join: "British" + "Jews" -> "British Jews" (replacing "British"); so does a
    title and one word the model read as a person's name with the person's name right after it, one
    name it cut in two ("Dr Vo" + "Thanh Binh", a family name first): a title names one person."""
    from spacy.tokens import Span

    if previous is None or ent.label_ != previous.label_ or previous.end != ent.start:
        return None
    if ent.label_ == "PERSON":
        titled = len(previous) == 2 and (
            previous[0].lower_.rstrip(".") in HONORIFICS or (previous[0].lower_,) in patterns.person_titles
        )
        if titled and doc[previous.end - 1].whitespace_ == " " and ent[0].is_title:
            return Span(doc, previous.start, ent.end, label="PERSON")
        return None
    if ent.label_ != "NORP":
        return None
    return Span(doc, previous.start, ent.end, label="NORP")


#: The boundary repairs, in order; the first that applies to an entity wins.
ENTITY_REPAIRS: tuple[EntityRepair, ...] = (
    institution_of_name,
    name_particles,
    particle_name_after_a_person,
    particle_after_a_given_name,
    particle_between_names,
    given_names_before_a_name,
    untagged_start_of_a_name,
    legal_form_after_a_company,
    possessive_and_head,
    owner_institution,
    adjacent_people_names,
)


def extended_entities(
    doc: Doc, patterns: Patterns, repairs: Sequence[EntityRepair] = ENTITY_REPAIRS
) -> list[Span]:
    """The model's entities with :data:`ENTITY_REPAIRS` applied, in document order. An entity that
    starts inside the repaired one before it was swallowed by that one's extension and is dropped."""
    result: list[Span] = []
    for ent in doc.ents:
        if result and ent.start < result[-1].end:
            continue  # swallowed by the previous name's extension
        previous = result[-1] if result else None
        repaired = None
        for repair in repairs:
            repaired = repair(doc, ent, previous, patterns)
            if repaired is not None:
                break
        if ent.label_ == "PERSON":  # after any repair: "Orla binti" + "Varn" joined, then + "Quist"
            repaired = _patronymic_continued(doc, repaired or ent, patterns) or repaired
        if repaired is None:
            result.append(ent)
            continue
        while result and repaired.start <= result[-1].start:  # it covers the previous one
            result.pop()
        result.append(repaired)
    return result


#: Words between a Malay name and the father's ("Siti Hajar binti Mohd Yusof").
_PATRONYMICS = frozenset({"bin", "binti", "binte", "bte", "ibni"})
#: The same between a Tamil name and the father's, as Malaysia and Singapore write them ("Kumaresan a/l
#: Muniandy": anak lelaki, son of; "a/p", "s/o", "d/o").
_PATRONYMIC_SLASHES = frozenset({("a", "l"), ("a", "p"), ("s", "o"), ("d", "o")})


def _patronymic_continued(doc: Doc, name: Span, patterns: Patterns) -> Span | None:
    """A person's name with a patronymic goes on over the father's name the model left out: "Siti Hajar
    binti Mohd" + "Yusof", "Kumaresan" + "a/l Muniandy"; up to three capitalized words, untagged or a
    person's, none a head noun or a title's word, nor a word the article writes in lower case ("Omar bin
    Khalid Airways Chief Executive", "Ravi s/o Tellan Said").

    >>> import spacy
    >>> from pipeline.wordlists import load_patterns
    >>> doc = spacy.blank("en")("Analyst Siti Orla binti Mohd Varnuf said so; Ravi a/l Tellan agreed.")
    >>> from spacy.tokens import Span
    >>> [_patronymic_continued(doc, Span(doc, s, e, "PERSON"), load_patterns()).text for s, e in ((1, 5), (9, 10))]
    ['Siti Orla binti Mohd Varnuf', 'Ravi a/l Tellan']
    """
    probe = name.end
    slash = (
        probe + 3 < len(doc)
        and doc[probe + 1].text == "/"
        and (doc[probe].lower_, doc[probe + 2].lower_) in _PATRONYMIC_SLASHES
        and not doc[probe].whitespace_
        and not doc[probe + 1].whitespace_
    )
    if slash:
        probe += 3
    elif not any(token.lower_ in _PATRONYMICS for token in name[1:]):
        return None
    end = probe
    heads = (patterns.group_heads, patterns.place_heads, _title_ends(tuple(patterns.person_titles)))
    while (
        end < len(doc)
        and end - probe < 3
        and doc[end].is_title
        and doc[end].is_alpha
        and (doc[end].ent_iob_ in ("O", "") or doc[end].ent_type_ == "PERSON")
        and not any(doc[end].lower_ in kind for kind in heads)
        and doc[end].lower_ not in article_words(doc, "lower-case words", lower_case_words)
    ):
        end += 1
    return _extended(doc, name, end) if end > probe else None


def lower_case_words(doc: Doc) -> frozenset[str]:
    """The words an article writes in lower case (:func:`article_words` keeps them on the Doc)."""
    return frozenset(t.text for t in doc if t.is_lower and t.is_alpha)


def _extended(doc: Doc, ent: Span, end: int) -> Span | None:
    from spacy.tokens import Span

    return Span(doc, ent.start, end, label=ent.label_) if end != ent.end else None


# --- what a name is ---------------------------------------------------------------------------------

#: Head nouns of buildings and grounds that are places whatever the model read: no event or product
#: ends on one ("Quellby Stadium", "Varn Abbey"), as they end on "Cup" or "Prize".
_VENUE_HEADS = frozenset(
    {"stadium", "arena", "bridge", "castle", "cathedral", "abbey", "basilica", "chapel", "mosque", "temple"}
    | {"shrine", "tower", "velodrome", "racecourse"}
)
#: Words for a kind of organization, or a team's standing, that open a sentence before its name and open
#: no organization's name themselves ("Regulator Quellcom", "Watchdog Varncom", "Champions Quellby"; not
#: "Network", "Group" or "Bank").
_DESCRIBING_WORDS = frozenset(
    {"regulator", "watchdog", "firm", "retailer", "lender", "insurer", "broadcaster", "carmaker"}
    | {"chipmaker", "drugmaker", "telco", "supermarket", "miner", "airline", "publisher"}
    # and a team's standing ("Champions Quellby", "Leaders Varn Rovers"; "Champions League" keeps its word)
    | {"champions", "holders", "leaders", "hosts", "visitors"}
)


def clean(doc: Doc, ent: Span, vocab: Vocabulary, doc_text: str | None = None) -> list[CharSpan]:
    """Systematic repairs of one entity; returns zero, one or two spans (character offsets in ``doc``)."""
    label = ent.label_
    if doc_text is None:
        doc_text = text_of(doc)
    if label not in NAME_LABELS:
        # a number the model ran over a paragraph's break ("412.8" + "\n\n") ends before it
        text = ent.text
        start, end = (
            ent.start_char + len(text) - len(text.lstrip()),
            ent.end_char - len(text) + len(text.rstrip()),
        )
        return [CharSpan(start, end, label, TYPE_OF_LABEL.get(label, "other"))] if start < end else []
    tokens = list(ent)
    if _opened_by_a_describing_word(tokens, label, vocab):
        # "Regulator Quellcom is drawing up rules": the sentence's first word says what the name is
        tokens, label = tokens[1:], "ORG"
    if label == "ORG" and _portfolio(doc, ent, vocab):
        return []  # "Immigration" of "Immigration Minister Quist": part of a title, not an organization
    if label == "ORG" and _inside_a_title(doc, ent, vocab):
        return []  # "Sergeant First" of "Sergeant First Class Orla Quist": a rank, not an organization
    place = _place_before_a_portfolio(doc, ent, vocab) if label == "ORG" else 0
    if place:  # "Quellia Emergency" of "Quellia Emergency Services Minister": the state, then a title
        return [CharSpan(ent[0].idx, ent[place - 1].idx + len(ent[place - 1].text), "GPE", "place")]
    venue = _event_at_a_place(ent, vocab) if label in {"EVENT", "WORK_OF_ART"} else 0
    if venue:  # "Test in Quellby": the event, then where it is held
        held = ent[venue + 1 :]
        return [
            CharSpan(ent.start_char, ent[venue - 1].idx + len(ent[venue - 1].text), "EVENT", "other"),
            CharSpan(held.start_char, held.end_char, "GPE", "place"),
        ]
    office = _office_of_a_place(doc, ent, vocab) if label == "ORG" else None
    if office is not None:  # "Anglican Archbishop of Quellby": a title, then the place it is the office of
        start, end = office
        return [CharSpan(doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text), "GPE", "place")]
    while (
        len(tokens) > 1
        and tokens[0].like_num
        and any(c in tokens[0].text for c in ".,")
        and tokens[1].is_title
    ):
        tokens = tokens[1:]  # "0.7825 Quellco share", "1,200 Varn": a number run into a name
    if label == "PERSON":
        tokens = _given_names_before(doc, ent, vocab) + tokens
    elif label in _NOT_PEOPLE_LABELS | {"WORK_OF_ART", "EVENT"}:
        given = _surname_after_title_and_given_name(doc, ent, vocab)
        if given:  # "Chief Superintendent Orla Varn-Quist", the model's organization "Varn-Quist"
            tokens, label = given + tokens, "PERSON"
    if label != "PERSON" and len(tokens) >= 2 and tokens[0].lower_.rstrip(".") in HONORIFICS:
        label = "PERSON"  # "Dr Quist" the model called an organization: an honorific names a person
    opening = (
        _nationality_before_a_name(tokens, vocab, person=label == "PERSON")
        if label in {"ORG", "GPE", "NORP", "PERSON"}
        else 0
    )
    if opening:  # "Quellian Ed Varnholm", "the Spaniard Orla Quist": a nationality run into a name
        tokens, label = tokens[opening:], "PERSON"
    # A credit or dateline tail after a dash spaced on either side ("Beit Lahia - AFP", "Varga —Tarnow"),
    # a parenthesis the model ran into ("World Health Organization (WHO"), a colon and the sentence
    # after it ("To the Quellian Senate: Since ..."), or a dash written as a hyphen and glued, then a word
    # that goes on the sentence ("Orla Quist-and her aides"): the name ends before it.
    for i, token in enumerate(tokens):
        spaced_dash = token.text in DASHES and bool(tokens[i - 1].whitespace_ or token.whitespace_)
        colon = token.text == ":" and label not in {"WORK_OF_ART", "LAW", "EVENT"}  # a title's subtitle stays
        if i > 0 and (spaced_dash or colon or token.text in {"(", "["} or _glued_dash_goes_on(tokens, i)):
            tokens = tokens[:i]
            break
    teams = _teams_around_scores(tokens)
    if teams:  # "Quellby 2 Varn Rovers 1", "Varn Rovers 3-2 Quellby": teams and their goals
        return [
            CharSpan(team[0].idx, team[-1].idx + len(team[-1].text), "ORG", "group", "model")
            for team in teams
        ]
    holder = _holder_inside(tokens, vocab) if label in {"ORG", "GPE", "NORP", "FAC"} else None
    if holder is not None:  # "Quellby Reserve Bank of Varn President Orla": the body, then its officer
        from spacy.tokens import Span

        title_at, person_end = holder
        body = Span(doc, tokens[0].i, tokens[title_at].i, label=label)
        person = Span(doc, tokens[title_at + 1].i, person_end, label="PERSON")
        return [*clean(doc, body, vocab, doc_text), *clean(doc, person, vocab, doc_text)]
    # An internal possessive names two things: "London's Central Criminal Court" -> London, Central Criminal Court.
    pieces: list[tuple[list[Token], str]] = [(tokens, "model")]
    # Two names a spaced slash joins are two ("Orla Quist / Orla" of an author's box, "Varn News/ Quellby
    # Herald"): no name holds one ("AC/DC" holds no space).
    slash = next((i for i, t in enumerate(tokens[:-1]) if _spaced_slash(tokens, i)), -1)
    if slash >= 0:  # the tokenizer leaves "News/" whole: its slash comes off its name below
        first = slash if tokens[slash].text == "/" else slash + 1
        pieces = [(tokens[:first], "model"), (tokens[slash + 1 :], "model")]
    for i, token in enumerate(tokens[:-1] if slash < 0 else ()):
        if (
            i > 0
            and token.lower_ in POSSESSIVE_MARKS
            and not _possessor_in_the_name(tokens[:i], label, vocab, tokens[i + 1 :])
            and not _names_an_event_after(tokens[:i], tokens[i + 1 :], vocab)
        ):
            pieces = [(tokens[:i], "possessor"), (tokens[i + 1 :], "model")]
            break
    spans = []
    for piece, origin in pieces:
        piece = _trim(piece, vocab, titles=label == "PERSON")
        if label != "PERSON" and _ends_with_a_title_before_a_name(piece, vocab):
            piece = piece[:-1]  # "Quellco Chairman" of "Quellco Chairman Orla Quist": his company
        if not piece or not any(ch.isupper() for t in piece for ch in t.text):
            continue
        if all(t.lower_.rstrip(".") in GENERATIONS or t.text == "." for t in piece):
            continue  # "Jr." of "Orla Quist, Jr.": the end of the name before the comma, no one's name
        start, end = piece[0].idx, piece[-1].idx + len(piece[-1].text)
        text = doc_text[start:end]
        if text.endswith("/"):  # "Varn News/ Quellby Herald"
            text = text.rstrip("/ ")
            end = start + len(text)
        glued = _GLUED_BRACKET.search(text)
        if glued:  # "Orla Quist(c)" in a squad list: a captain's mark the tokenizer left on the name
            text = text[: glued.start()].rstrip("-‐ ")
            end = start + len(text)
            if not text:
                continue
        kind = _type(label, text, doc, piece, vocab)
        if kind == "person" and label != "PERSON":
            # "Justice Quist" the model called an organization: a person's title is no part of the name
            untitled = _trim(piece, vocab)
            if (
                untitled
                and untitled[0].i > piece[0].i
                and untitled[-1].i == piece[-1].i
                and untitled[-1].lower_.rstrip(".") not in vocab.patterns.place_heads  # "Admiral Blvd"
            ):
                start = untitled[0].idx
                text = doc_text[start:end]
        spans.append(CharSpan(start, end, label, kind, origin))
    return spans


def _spaced_slash(tokens: Sequence[Token], i: int) -> bool:
    """Does a slash with a space on one side at least end token ``i`` ("/" alone or "News/"), after a word
    of the name?"""
    token = tokens[i]
    if token.text == "/":
        return i > 0 and bool(tokens[i - 1].whitespace_ or token.whitespace_)
    return len(token.text) > 1 and token.text.endswith("/") and bool(token.whitespace_)


def _teams_around_scores(tokens: Sequence[Token]) -> list[list[Token]]:
    """The capitalized names on either side of a score in a name: "Quellby 2-1" (a score after the name),
    "Varn Rovers 3-2 Quellby", "Quellby 2 Varn Rovers 1" (each team's goals after it); [] for a name with
    no score in it ("Channel 4 News", "Boeing 737-800", "Apollo 11" hold one number, or one too long)."""
    goals = [i for i, token in enumerate(tokens) if token.is_digit and len(token.text) <= 2]
    dashed = [
        i
        for i in goals
        if i + 2 < len(tokens)
        and tokens[i + 1].text in _SCORE_DASHES
        and i + 2 in goals
        and not tokens[i].whitespace_
    ]
    if dashed:
        scores = {j for i in dashed for j in (i, i + 1, i + 2)}
    elif len(goals) == 2 and goals[1] > goals[0] + 1:
        scores = set(goals)
    else:
        return []
    if min(scores) == 0:
        return []
    teams: list[list[Token]] = [[]]
    for i, token in enumerate(tokens):
        if i in scores:
            if teams[-1]:
                teams.append([])
        else:
            teams[-1].append(token)
    teams = [team for team in teams if team]
    if not all(
        team[0].text[:1].isupper() and all(_capitalized_or_particle(t) for t in team) for team in teams
    ):
        return []
    return teams


def _capitalized_or_particle(token: Token) -> bool:
    return token.text[:1].isupper() or token.text in NAME_PARTICLES


#: Dashes between a score's goals: "2-1", "2–1".
_SCORE_DASHES = frozenset({"-", "–"})

#: An opening bracket on a word of the name, not closed within it ("Quist(c", "Abu-al-(Quell").
_GLUED_BRACKET = re.compile(r"(?<=\S)[(\[][^)\]]*$")

#: A time of day written with a colon: "00:14", "9:30".
_CLOCK_TIME = re.compile(r"\d{1,2}:\d{2}")

#: Plural nouns that are not a noun plus "s".
_IRREGULAR_PLURALS = frozenset({"people", "men", "women", "children"})


def _possessor_in_the_name(
    possessor: Sequence[Token], label: str, vocab: Vocabulary, rest: Sequence[Token] = ()
) -> bool:
    """Is the possessor part of an organization's or place's name rather than a name of its own: a plural
    common noun, alone or ending it ("People's Liberation Army", "Women's Institute", "Leeds Magistrates'
    Court"), a reigning title ("Queen's University"), a saint ("St Patrick's Athletic"), or an office or
    a trade before a head noun ending the ``rest`` ("Cape Quell Magistrate's Court", "Bishop's Tower")?
    Not in a person's name, where it is another person's ("the King's Man")."""
    if label == "PERSON":
        return False
    if possessor and rest and possessor[-1].is_title and _a_head_noun_among([rest[-1].text], vocab):
        patterns, word = vocab.patterns, possessor[-1].lower_
        if (
            (word,) in patterns.person_titles
            or word in patterns.person_descriptors
            or word in patterns.trades
        ):
            return True  # a person's office or trade, which "Quellia's Parliament" is not
    words = [t.lower_ for t in possessor]
    while words and words[0] in DETERMINERS:
        words.pop(0)
    if len(words) >= 2 and words[0] in {"st", "st.", "saint"}:
        return True  # a saint's: "St Patrick's Athletic", "St Mary's Hospital"
    if not words:
        return False
    word = words[-1]
    if len(words) == 1 and (word in _IRREGULAR_PLURALS or word in _REIGNING_TITLES):
        return True
    # a plural common noun, alone or ending the possessor: "Veterans' Affairs", "Leeds Magistrates'
    # Court", "Elementary Teachers' Federation", "Nurses and Midwives' Association"
    return word in _IRREGULAR_PLURALS or (
        word.endswith("s")
        and (
            word[:-1] in vocab.nouns
            or (word.endswith("es") and word[:-2] in vocab.nouns)
            or (word.endswith("ves") and (word[:-3] + "fe" in vocab.nouns or word[:-3] + "f" in vocab.nouns))
        )
    )


def _names_an_event_after(possessor: Sequence[Token], rest: Sequence[Token], vocab: Vocabulary) -> bool:
    """Is "X's Y" one name of a trophy or an event, Y ending on an event's head noun and X no place anyone
    knows ("the Summoner's Cup", "the Varnist's Prize": no Summoner is named; "Quellby's Film Festival"
    is Quellby's)?"""
    return (
        bool(rest)
        and rest[-1].lower_ in vocab.patterns.event_heads
        and " ".join(t.text for t in possessor) not in vocab.linked_places
    )


#: Office words a portfolio comes before: "Immigration Minister", "Defence Secretary".
_OFFICES = frozenset({"minister", "secretary", "commissioner"})
#: The last words of a ministry's name, which a minister of it may come after ("Home Office minister").
_MINISTRIES = frozenset({"office", "department", "ministry", "agency", "bureau", "council", "commission"})
#: Words that join the common words of a portfolio: "State for Trade and Industry".
_PORTFOLIO_JOINS = frozenset({"for", "of", "and", "&", "the", ","})
#: The offices that a portfolio of several words comes right before.
_PORTFOLIO_OFFICES = frozenset({"minister", "commissioner"})


def _portfolio(doc: Doc, ent: Span, vocab: Vocabulary) -> bool:
    """Is the name a common noun or adjective before "Minister", "Secretary" or "Commissioner", maybe with
    one or two more capitalized common nouns ("Immigration Minister", "Home Secretary", "Fair Trading
    Minister"), or two or three right before "Minister" or "Commissioner" ("Industrial Relations
    Minister", "Federal Privacy Commissioner")? A name is not: "UN Secretary-General" keeps the UN, and a
    name of several words with a nationality in it ("Quellian Federal Police Commissioner") keeps the
    organization, unless the rest is a portfolio ("Quellian Trade" of "Quellian Trade Secretary"). Common
    words after an office and "of" or "for" are its portfolio too ("Secretary of State")."""
    common = all(token.is_title and common_word(token.lower_, vocab) for token in ent)
    joined = ent[0].is_title and all(
        token.lower_ in _PORTFOLIO_JOINS or (token.is_title and common_word(token.lower_, vocab))
        for token in ent
    )
    if joined and _after_an_office(doc, ent.start):
        # "State" of "Secretary of State", "Foreign Affairs" of "Minister for Foreign Affairs", "State for
        # Health" of "Secretary of State for Health"
        return True
    if 2 <= len(ent) <= 3 and _nationality_and_portfolio(doc, ent, vocab):
        return True
    if len(ent) > 3 or not common:
        return False  # "UN High Commissioner": an acronym is a name
    if len(ent) > 1:
        # "United Nations Secretary-General", "Quellian Labour Party Secretary", "United Nations High
        # Commissioner": organizations of common words have secretaries and high commissioners
        office = doc[ent.end] if ent.end < len(doc) else None
        return (
            office is not None
            and office.lower_ in _PORTFOLIO_OFFICES
            and not any(_NATIONALITY_ENDING.search(token.lower_) for token in ent)
            and ent[-1].lower_ not in _MINISTRIES  # "Foreign Office minister": the minister's ministry
        )
    return _before_an_office(doc, ent.end, _OFFICES, lambda word: word in vocab.nouns)


def _after_an_office(doc: Doc, start: int) -> bool:
    """Do "Minister", "Secretary" or "Commissioner" and "of" or "for" (and "the") come right before
    ``start``: the name is the office's portfolio ("Secretary of State", "Minister for the Arts")?"""
    before = [token.lower_ for token in doc[max(0, start - 3) : start]]
    if before[-1:] == ["the"]:
        before = before[:-1]
    return len(before) >= 2 and before[-1] in ("of", "for") and before[-2] in _OFFICES


def _nationality_and_portfolio(doc: Doc, ent: Span, vocab: Vocabulary) -> bool:
    """Is the name a nationality and one or two capitalized common words before an office ("British Home"
    of "British Home Secretary", "British Trade" of "British Trade Secretary"): a minister's country and
    portfolio, no organization? An organization's head noun keeps it ("Quellian Federal Police
    Commissioner")."""
    nationality, portfolio = ent[0], ent[1:]
    office = doc[ent.end] if ent.end < len(doc) else None
    return (
        office is not None
        and office.lower_ in _OFFICES
        and nationality.is_title
        and _NATIONALITY_ENDING.search(nationality.lower_) is not None
        and all(t.is_title and common_word(t.lower_, vocab) for t in portfolio)
        and not any(t.lower_ in vocab.patterns.group_heads for t in portfolio)
    )


def _before_an_office(doc: Doc, start: int, offices: frozenset[str], common: Callable[[str], bool]) -> bool:
    """Does one of ``offices`` come at ``start``, or after one or two capitalized ``common`` words?"""
    for after in range(start, min(start + 3, len(doc))):
        token = doc[after]
        if token.lower_ in offices:
            return True
        if not (token.is_title and common(token.lower_)):
            return False
    return False


def _place_before_a_portfolio(doc: Doc, ent: Span, vocab: Vocabulary) -> int:
    """How many first words of the name are a place the article names elsewhere, when the rest is one to
    three common words that open a portfolio before "Minister" or "Commissioner" ("Quellia Emergency" of
    "Quellia Emergency Services Minister", where "Quellia" is a place of the article); 0 otherwise."""
    places = article_words(doc, "places", _places_named)
    words = [token.text for token in ent]
    for cut in range(len(words) - 1, 0, -1):
        if " ".join(words[:cut]) in places:
            rest = ent[cut:]
            if len(rest) > 3 or not all(t.is_title and common_word(t.lower_, vocab) for t in rest):
                return 0
            common = functools.partial(common_word, vocab=vocab)
            return cut if _before_an_office(doc, ent.end, _PORTFOLIO_OFFICES, common) else 0
    return 0


def _office_of_a_place(doc: Doc, ent: Span, vocab: Vocabulary) -> tuple[int, int] | None:
    """The place (its first and end token) of a name that is a one-word title, "of", maybe "the", and a
    well-known place, after at most two capitalized words that are no organization's head ("Anglican
    Archbishop of Quellby", "Mayor of Varnby"); the place may follow a name the model cut after "of".
    Such a name is an office, no organization. Not a title of several words ("Secretary of State" is
    :func:`_portfolio`'s), a group's head before "of" ("Bank of Quellia"), nor a reigning title, which
    names its holder ("Prince of Quellia")."""
    words = [token.lower_ for token in ent]
    first = 1 if words[0] in DETERMINERS else 0
    if "of" not in words[first + 1 : first + 4]:
        return None
    of = words.index("of", first + 1)
    title = words[of - 1]
    if (
        (title,) not in vocab.patterns.person_titles
        or title in _REIGNING_TITLES
        or not all(t.is_title and t.lower_ not in vocab.patterns.group_heads for t in ent[first:of])
    ):
        return None
    start = ent.start + of + 1
    if start < len(doc) and doc[start].lower_ == "the":
        start += 1
    for end in range(min(len(doc), start + LONGEST_PLACE_NAME), start, -1):
        if end >= ent.end and doc[start:end].text in vocab.linked_places:  # all the rest of the name
            return start, end
    return None


def _event_at_a_place(ent: Span, vocab: Vocabulary) -> int:
    """Where the locative preposition is in an event's name that ends on an event's head noun, then
    "in" or "at" and a well-known place ("the first Test in Quellby", "Grand Prix at Varnby"); 0
    otherwise. A work's title stays whole ("Murder at Varnby": "murder" heads no event)."""
    for index in range(1, len(ent) - 1):
        token = ent[index]
        if token.lower_ in {"in", "at"} and token.is_lower:
            head = ent[index - 1].lower_
            if head in vocab.patterns.event_heads and ent[index + 1 :].text in vocab.linked_places:
                return index
            return 0
    return 0


def _places_named(doc: Doc) -> frozenset[str]:
    return frozenset(e.text for e in doc.ents if e.label_ in {"GPE", "LOC"})


#: How the adjectives of nationalities end ("Quellian", "Varnese", "Oskish", "Tarni"): the model's word
#: lists hold them in lower case, beside the common adjectives.
_NATIONALITY_ENDING = re.compile(r"(?:an|ese|ish|i)$")


def _opened_by_a_describing_word(tokens: Sequence[Token], label: str, vocab: Vocabulary) -> bool:
    """Does a word of :data:`_DESCRIBING_WORDS` open the sentence and the name ("Regulator Quellcom",
    "Champions Quellby Rovers"), the rest being the name? Not before common words ("Firm Foundations",
    "Airline Pilots Association", "Champions League") nor before a person's name ("Broadcaster Orla
    Quist", or a full name the model read as a person's)."""
    if len(tokens) < 2 or tokens[0].lower_ not in _DESCRIBING_WORDS or not tokens[1].text[:1].isupper():
        return False
    if not (tokens[0].i == 0 or tokens[0].is_sent_start):
        return False
    rest = tokens[1:]
    heads = vocab.patterns.group_heads
    if rest[-1].lower_ in heads and common_word(rest[0].lower_, vocab):
        return False
    if all(common_word(t.lower_, vocab) for t in rest):
        return False
    if rest[0].text in vocab.given_names or personal_name(" ".join(t.text for t in rest), vocab):
        return False
    return not (label == "PERSON" and len(rest) > 1 and rest[-1].lower_ not in heads)


def _nationality_before_a_name(tokens: Sequence[Token], vocab: Vocabulary, *, person: bool) -> int:
    """How many first words, a nationality and the "the" before it, open a person's full name
    ("Quellian Ed Varnholm", "the Spaniard Orla Quist", which the model read as one organization); 0
    when they do not. Not before a head noun ("Quellian Ed Varnholm Trust"). In a name the model read
    as a person's (``person``), the full name must open on a given name: "Dane" and "Finn" are given
    names too."""
    while tokens and tokens[-1].lower_ in POSSESSIVE_MARKS:  # "Quellian Ed Varnholm's contract"
        tokens = tokens[:-1]
    skip = 1 if tokens and tokens[0].lower_ == "the" else 0
    if len(tokens) - skip < 3:
        return 0
    nationality, rest = tokens[skip], tokens[skip + 1 :]
    word = nationality.lower_
    adjective = word in vocab.adjectives and _NATIONALITY_ENDING.search(word) is not None
    named = personal_name(rest[0].doc[rest[0].i : rest[-1].i + 1].text, vocab)  # "Tremblay-Roy" whole
    if person:
        named = named and rest[0].text in vocab.given_names
    found = nationality.is_title and (adjective or word in _NATIONALITY_NOUNS) and named
    return skip + 1 if found else 0


#: Nouns for one of a nation's people, which open a name as a nationality does ("the Spaniard Orla
#: Quist", "Dane Ilse Varn"); the adjectives are the model's (:data:`_NATIONALITY_ENDING`).
_NATIONALITY_NOUNS = frozenset(
    {"spaniard", "dane", "finn", "swede", "pole", "scot", "briton", "turk", "croat", "serb", "czech", "greek"}
    | {"swiss", "thai", "kiwi", "argentine", "filipino", "filipina", "aussie", "frenchman", "frenchwoman"}
    | {"dutchman", "dutchwoman", "englishman", "englishwoman", "welshman", "welshwoman", "irishman"}
    | {"irishwoman", "scotsman", "scotswoman"}
)


def common_word(word: str, vocab: Vocabulary) -> bool:
    """A common noun or adjective of the model's, or the plural of a noun ("relations", "rights")."""
    return (
        word in vocab.nouns
        or word in vocab.adjectives
        or (word.endswith("s") and not word.endswith("ss") and word[:-1] in vocab.nouns)
    )


def _given_names_before(doc: Doc, ent: Span, vocab: Vocabulary) -> list[Token]:
    """The given names the model left out before a person's name: "María" of "María Elena Quist",
    "Abdul" of "Abdul Salam Quist". At most two, each capitalized, in no entity, no title, in the same
    sentence; the word before them is not a capitalized word of some other name ("Art Deco Quist")."""
    found: list[Token] = []
    index = ent.start - 1
    while len(found) < 2 and index >= 0 and not doc[index + 1].is_sent_start:
        token = doc[index]
        if not (
            token.whitespace_
            and token.is_title
            and token.is_alpha
            and token.ent_iob_ == "O"
            and token.text in vocab.given_names
            and token.lower_ not in _title_starts(tuple(vocab.patterns.person_titles))
        ):
            break
        found.insert(0, token)
        index -= 1
    while (
        found
        and index >= 0
        and doc[index].is_title
        and doc[index].ent_iob_ == "O"
        and not found[0].is_sent_start
        and not _a_title_word(doc[index], vocab)  # "Chief Superintendent Orla Quist"
    ):
        found.pop(0)  # inside a capitalized phrase that is no name the model saw
    return found


def _a_title_word(token: Token, vocab: Vocabulary) -> bool:
    """Is ``token`` a word that ends a person's title or an honorific ("Superintendent", "Dr.", "Gov.")?"""
    word = token.lower_.rstrip(".")
    return word in HONORIFICS or word in _title_ends(tuple(vocab.patterns.person_titles))


@functools.lru_cache(maxsize=4)
def _title_ends(titles: tuple[tuple[str, ...], ...]) -> frozenset[str]:
    """Last words of the titles ("superintendent" of "chief superintendent")."""
    return frozenset(title[-1] for title in titles)


def _surname_after_title_and_given_name(doc: Doc, ent: Span, vocab: Vocabulary) -> list[Token]:
    """The given name before a surname the model took for something else, when a title comes before
    both: "Greaves-Holt" (an organization to the model) of "Chief Superintendent Fiona Greaves-Holt".
    Empty otherwise: a given name alone before a name is a company's founder as often ("Chase Manhattan")."""
    words = [token for token in ent if token.text not in DASHES]
    if not 1 <= len(words) <= 2 or not all(token.is_title and token.is_alpha for token in words):
        return []
    if _a_head_noun_among([words[-1].text], vocab):
        return []  # "Dr Orla Quellby Clinic": a title and a name before the body's
    given = _given_names_before(doc, ent, vocab)
    if not given or given[0].i == 0 or not _a_title_word(doc[given[0].i - 1], vocab):
        return []
    return given


def _trim(tokens: list[Token], vocab: Vocabulary, *, titles: bool = True) -> list[Token]:
    """Drop determiners, ``titles`` (a person's: "Major" and "General" open company names), sentence-initial
    verbs, quotes and possessive marks around a name."""
    tokens = list(tokens)
    changed = True
    while tokens and changed:
        changed = False
        first = tokens[0]
        lowered = first.lower_
        if (
            first.is_punct
            or first.is_space
            or lowered in DETERMINERS
            or (first.is_alpha and first.is_lower and (len(first.text) >= 4 or lowered in _LINKING_WORDS))
            or (titles and len(tokens) > 1 and first.is_digit)  # "7 Orla Quist": a list's number
            or (len(tokens) > 1 and _CLOCK_TIME.fullmatch(first.text) is not None)  # "00:14 Quellia time"
            or (
                len(tokens) > 1
                and _opens_a_sentence(first)  # '"Closing Quellby would be a betrayal"' too
                and lowered not in _NAME_PARTICIPLES
                and _verb_form(lowered, vocab.verbs)
                and first.text not in vocab.given_names  # "Jared Quist": "jar" is a verb, "Jared" a name
            )
            # "(Besides Quist, ...": a linking word opening the sentence, a bracket or a quote before it
            or (len(tokens) > 1 and lowered in _SENTENCE_OPENERS and _opens_a_sentence(first))
        ):
            tokens.pop(0)
            changed = True
            continue
        title = _title_length(tokens, vocab.patterns.person_titles) if titles else 0
        if title and title < len(tokens) and not _title_is_part_of_the_name(tokens, title, vocab):
            del tokens[:title]
            changed = True
        elif titles and 0 < (begun := _title_begun_before(tokens, vocab)) < len(tokens):
            del tokens[:begun]
            changed = True
        elif titles and _describes_the_person(tokens, vocab):
            del tokens[0]
            changed = True
    while tokens and (
        tokens[-1].is_punct
        or tokens[-1].is_space
        or tokens[-1].lower_ in POSSESSIVE_MARKS
        or (tokens[-1].is_alpha and tokens[-1].is_lower and len(tokens[-1].text) >= 4)
        or (titles and len(tokens) > 1 and tokens[-1].is_digit)  # "Orla Quist 2 for 66": her figures
        or (titles and _place_and_title(tokens, vocab))  # "Quellia Governor": an office of the place
        or (len(tokens) > 1 and tokens[-1].lower_ in _BYLINE_BUTTONS and _before_a_handle(tokens[-1]))
        # "JOE QUIST HOW is it that...": a column's first word, in capitals after its writer's name (a
        # word that opens a clause: "THERESA MAY", "GEORGE WILL" keep theirs)
        or (
            len(tokens) > 1
            and tokens[-1].lower_ in _CLAUSE_OPENERS
            and all(t.is_upper or not t.is_alpha for t in tokens)
        )
    ):
        tokens.pop()
    return tokens


#: Words that go on a sentence after a dash glued to a name ("Quist-and", "Varnians-the"); none is a
#: syllable of a hyphenated given name ("Moon Jae-in", "Lee Seong-ho", "Chan Ka-to" keep theirs).
AFTER_A_GLUED_DASH = frozenset(
    {"and", "but", "the", "is", "are", "was", "were", "has", "have", "had", "can", "not", "with", "from"}
    | {"who", "which", "that", "this", "these", "those", "its", "their", "his", "her", "they", "we"}
    | {"it", "she", "if", "when", "as", "will", "would", "our", "my", "your", "him", "them"}
)


def _glued_dash_goes_on(tokens: Sequence[Token], i: int) -> bool:
    """Is ``tokens[i]`` a dash written without spaces, then a word that goes on the sentence ("Quist-and
    her aides", "Varnians-the Quellby Pact")? Not when a hyphen follows the word: "Wells-next-the-Sea" is
    one name."""
    dash = tokens[i]
    if i == 0 or i + 1 >= len(tokens) or dash.text.strip("-–—") != "" or dash.whitespace_:
        return False
    word = tokens[i + 1]
    hyphen_after = i + 2 < len(tokens) and not word.whitespace_ and tokens[i + 2].text in DASHES
    return (
        word.is_lower
        and word.lower_ in AFTER_A_GLUED_DASH
        and not tokens[i - 1].whitespace_
        and not hyphen_after
    )


def _ends_with_a_title_before_a_name(tokens: Sequence[Token], vocab: Vocabulary) -> bool:
    """Does a one-word title end the name, right before a capitalized word, after capitalized words that
    hold no title ("Quellco Chairman" of "Quellco Chairman Orla Quist", "Joint Chiefs General" of "Joint
    Chiefs General Orla Quist")? Not "General" after an office ("Attorney General" is one office), nor an
    office "of" a place ("Office of the Mayor"), nor a title of titles ("Chief
    Medical Officer")."""
    if len(tokens) < 2:
        return False
    last = tokens[-1]
    after = last.i + 1
    doc = last.doc
    if (last.lower_,) not in vocab.patterns.person_titles and last.lower_ not in _CHIEF_OFFICERS:
        return False
    if last.lower_ == "general" and tokens[-2].lower_ in _OFFICES_BEFORE_GENERAL:
        return False
    if after >= len(doc) or not doc[after].is_title or doc[after].is_sent_start:
        return False
    starts = _title_starts(tuple(vocab.patterns.person_titles))
    return all(t.is_title and t.lower_ not in starts for t in tokens[:-1])


def _followed_by_which(tokens: Sequence[Token]) -> bool:
    """Is the name followed by "which" (after a comma or not), as a thing is and a person is not?"""
    doc, after = tokens[0].doc, tokens[-1].i + 1
    if after < len(doc) and doc[after].text == ",":
        after += 1
    return after < len(doc) and doc[after].lower_ == "which"


def _holder_inside(tokens: Sequence[Token], vocab: Vocabulary) -> tuple[int, int] | None:
    """(index of the title, doc index where the person's name ends) when the model ran a body, one of its
    offices and the officer's first names into one name: "Quellby Reserve Bank of Varn President Orla" of
    "... President Orla M. Quist" (the name goes on after the entity, over initials and capitalized words
    the model left untagged). The words after the title start with a first name ("Senate President Pro
    Tempore" holds none); the body before it has two words or more and ends capitalized."""
    titles = vocab.patterns.person_titles
    for office in range(2, len(tokens) - 1):
        title = tokens[office].lower_
        if ((title,) not in titles and title not in _CHIEF_OFFICERS) or title in NAMING_TITLES:
            continue
        before, holder = tokens[office - 1], tokens[office + 1 :]
        if (
            not before.is_title
            or (before.lower_,) in titles
            or (title == "general" and before.lower_ in _OFFICES_BEFORE_GENERAL)
        ):
            return None
        if holder[0].text not in vocab.first_names or not all(
            t.is_title or _INITIAL.fullmatch(t.text) for t in holder
        ):
            return None
        if _a_head_noun_among([t.text for t in holder], vocab):
            return None  # "Quellby Royal Prince Alfred Hospital": a building named after a prince
        doc, end = holder[0].doc, holder[-1].i + 1
        while end < len(doc) and end <= holder[-1].i + 2 and doc[end].ent_iob_ == "O":
            if not ((doc[end].is_title and doc[end].is_alpha) or _INITIAL.fullmatch(doc[end].text)):
                break
            end += 1
        return office, end
    return None


#: Titles that name buildings, places and bodies after their holders ("Royal Prince Alfred Hospital", "King
#: George Hotel", "Foundation of Saint Orla"): no office of a body.
NAMING_TITLES = frozenset(
    {"prince", "princess", "king", "queen", "duke", "duchess", "lord", "lady", "saint", "st", "sir", "dame"}
    | {"emperor", "pope"}
)
#: One initial with its full stop: "M.".
_INITIAL = re.compile(r"[A-Z]\.")


#: A company's chief officers, before their names ("Varncom CIO Orla Quist"): titles there only, since alone
#: the letters name other bodies as often (the CIO, a union).
_CHIEF_OFFICERS = frozenset({"cfo", "coo", "cto", "cio"})


#: Offices "General" follows as a part of the office ("Attorney General"), not as a rank before a name
#: ("Joint Chiefs General Orla Quist": the body, then the general).
_OFFICES_BEFORE_GENERAL = frozenset(
    {
        "attorney",
        "surgeon",
        "secretary",
        "solicitor",
        "inspector",
        "auditor",
        "postmaster",
        "governor",
        "director",
        "consul",
        "advocate",
        "procurator",
        "registrar",
        "comptroller",
        "paymaster",
        "quartermaster",
        "adjutant",
        "vicar",
        "accountant",
        "receiver",
        "commissary",
        "captain",
    }
)


def _place_and_title(tokens: Sequence[Token], vocab: Vocabulary) -> bool:
    """Is the name a well-known place and a one-word title after it ("Quellia Governor")?"""
    last = _GLUED_BRACKET.sub("", tokens[-1].lower_)  # "Governor(s)"
    if len(tokens) < 2 or (last,) not in vocab.patterns.person_titles:
        return False
    return " ".join(t.text for t in tokens[:-1]) in vocab.linked_places  # "Virginia" too


def _describes_the_person(tokens: Sequence[Token], vocab: Vocabulary) -> bool:
    """Is the first word a capitalized common noun that says what the person is, before a given name and
    a surname ("Mathematician Orsa Quist" at a sentence start, "former Chemist Orsa Quist", "Farmer Chad
    Quist", whose given name is also a country's)? Not a first name ("Rose Orsa Quist") nor a reigning
    title ("Tsar Orvald Quist")."""
    if len(tokens) < 3:
        return False
    first, given = tokens[0], tokens[1]
    return (
        first.is_title
        and first.lower_ in vocab.nouns
        and first.text not in vocab.first_names
        and first.lower_ not in _REIGNING_TITLES
        and given.is_title
        and given.text in vocab.first_names
    )


#: Short lower-case words a name never starts with, left over when a phrase is trimmed ("the federation
#: of Quellia" -> "Quellia", not "of Quellia").
#: Words that open a clause, never a surname: a column's first word after its writer's name in capitals.
_CLAUSE_OPENERS = frozenset(
    {"how", "the", "it", "its", "when", "what", "why", "where", "there", "this", "that", "these", "those"}
    | {"i", "a", "an", "in", "on", "if", "as", "so", "we", "you", "they", "he", "she", "my", "our", "after"}
    | {"before", "for", "at", "to", "and", "but", "or", "is", "are", "was", "were", "do", "does", "did"}
)
_LINKING_WORDS = frozenset({"of", "for", "and", "in", "on", "at", "to", "by", "or"})
#: Titles that only ever stand before a person's name, whatever label the model gave it.
HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "sir", "dame", "prof", "professor", "rev"})
#: A byline's buttons, read as part of the author's name: "By Orla Quist Follow @oquist".
_BYLINE_BUTTONS = frozenset({"follow", "tweet", "email"})


def _before_a_handle(token: Token) -> bool:
    after = token.i + 1
    return after < len(token.doc) and token.doc[after].text.startswith("@")


#: Words that open a sentence and never a name: "Besides Quist", "Meanwhile Varnco" the model read as one.
_SENTENCE_OPENERS = frozenset(
    {
        "besides",
        "despite",
        "unlike",
        "although",
        "though",
        "meanwhile",
        "however",
        "moreover",
        "furthermore",
        "nevertheless",
        "nonetheless",
        "whereas",
        "whilst",
        "unless",
        "because",
        "amid",
        "amidst",
        "including",
        "regarding",
        "according",
    }
)


def _opens_a_sentence(token: Token) -> bool:
    """Is the token the sentence's first word, maybe after opening brackets or quotes?"""
    while not token.is_sent_start:
        if token.i == 0:
            return True
        before = token.doc[token.i - 1]
        if not (before.is_left_punct or before.is_quote or before.text in "([{"):
            return False
        token = before
    return True


#: Words that start names though they look like verb forms: "United States", "Allied Irish Banks".
_NAME_PARTICIPLES = frozenset({"united", "allied", "associated", "consolidated", "federated", "unified"})
#: Head words of what is named after a titled person: "Queen Maelis Hospital", "King Orvald Square".
_INSTITUTION_HEADS = frozenset(
    {"hospital", "clinic", "school", "college", "university", "square", "street", "bridge", "park", "hall"}
)
#: Titles that, before one given name, are how the person is named: "Prince Orvald", "Pope Quell I".
_REIGNING_TITLES = frozenset(
    {
        "king",
        "queen",
        "prince",
        "princess",
        "emperor",
        "empress",
        "tsar",
        "czar",
        "pope",
        "sultan",
        "emir",
        "shah",
    }
)


def _title_is_part_of_the_name(tokens: Sequence[Token], title: int, vocab: Vocabulary) -> bool:
    """Does the title belong to the name: a reigning title before one name ("Prince Orvald", "Pope Quell
    I"), or any title in the name of a place or institution ("Queen Maelis Hospital")?"""
    rest = [t for t in tokens[title:] if not t.is_punct]
    last = rest[-1].lower_ if rest else ""
    patterns = vocab.patterns
    if last in patterns.group_heads or last in patterns.place_heads or last in _INSTITUTION_HEADS:
        return True
    ordinal = len(rest) == 2 and re.fullmatch(r"[IVX]+", rest[1].text) is not None
    reigning = " ".join(t.lower_.rstrip(".") for t in tokens[:title]) in _REIGNING_TITLES
    return reigning and (len(rest) == 1 or ordinal)


def _inside_a_title(doc: Doc, ent: Span, vocab: Vocabulary) -> bool:
    """Is the name the start of a person's title of several words, all of it or cut short, that a
    capitalized name follows ("Sergeant First" of "Sergeant First Class Orla Quist", "Staff-Insp." before
    "Orla Quist")?"""
    window = list(doc[ent.start : min(len(doc), ent.start + 8)])
    length = _title_length(window, vocab.patterns.person_titles)
    after = length + 1 if length < len(window) and window[length].text == "." else length  # "Staff-Insp."
    return length >= max(2, len(ent)) and after < len(window) and window[after].is_title


def _title_begun_before(tokens: Sequence[Token], vocab: Vocabulary) -> int:
    """How many leading tokens end a title that the word before them begins: "Seri" of "Datuk" + "Seri
    Ahmad Varn", where the model cut the title in two."""
    first = tokens[0]
    if first.i == 0 or not first.is_title:
        return 0
    before = first.doc[first.i - 1]
    if not before.is_title:
        return 0
    length = _title_length([before, *tokens], vocab.patterns.person_titles)
    return length - 1 if length > 1 else 0


def _title_length(tokens: Sequence[Token], titles: Sequence[tuple[str, ...]]) -> int:
    """How many leading tokens spell a title: "Prime Minister", "Lieutenant-General", "Dr."."""
    if tokens[0].lower_.rstrip(".") not in _title_starts(tuple(titles)):
        return 0  # the common case, decided without building word lists
    words: list[tuple[str, int]] = []  # (word, tokens it spans): "Lieutenant - General" is one word
    index = 0
    while index < len(tokens) and len(words) < 4:
        token = tokens[index]
        joined = index + 2 < len(tokens) and tokens[index + 1].text == "-" and not token.whitespace_
        if joined:
            words.append((f"{token.lower_}-{tokens[index + 2].lower_}", 3))
            index += 3
        else:
            words.append((token.lower_.rstrip("."), 1))
            index += 1
    for title in titles:
        if tuple(word for word, _ in words[: len(title)]) == title:
            if title == ("hon",) and tokens[0].text == "Hon" and (len(tokens) < 2 or tokens[1].text != "."):
                return 0  # "Hon Hai", a company; "Hon." and "Rt Hon" are styles
            return sum(count for _, count in words[: len(title)])
    return 0


@functools.lru_cache(maxsize=4)
def _title_starts(titles: tuple[tuple[str, ...], ...]) -> frozenset[str]:
    """First words of the titles, hyphenated ranks split ("lieutenant-general" -> "lieutenant")."""
    return frozenset(title[0].split("-")[0] for title in titles)


def _verb_form(word: str, verbs: frozenset[str]) -> bool:
    """ "following", "trained": a verb form in the model's own lemma index (never a name)."""
    for suffix in ("ing", "ed"):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            stem = word[: -len(suffix)]
            if (
                stem in verbs
                or stem + "e" in verbs
                or (len(stem) > 2 and stem[-1] == stem[-2] and stem[:-1] in verbs)
            ):
                return True
    return False


def _a_national_body(text: str, vocab: Vocabulary) -> bool:
    """Is the name a common noun and a country or large city ("Netball Quellia", "Tourism Varn"), which
    names a body, never a person? A first name before a place stays a person's ("Jack London")."""
    first, _, rest = text.partition(" ")
    return (
        rest in vocab.major_places
        and first not in vocab.first_names
        and first[:1].isupper()
        and first.lower() in vocab.nouns
    )


def _a_team(text: str, vocab: Vocabulary) -> bool:
    """Is the name a country or large city and a plural noun ("Quellia Ravens", "Varn City Wanderers"),
    which names a team? Not a place of the gazetteer ("Varn Falls"), nor a plural of a place's head
    ("Varn Islands").

    >>> from pipeline.extract.model import Vocabulary
    >>> from pipeline.wordlists import load_patterns
    >>> vocab = Vocabulary(frozenset(), load_patterns(), nouns=frozenset({"raven", "fall", "island"}),
    ...                    major_places=frozenset({"Quellia"}), places=frozenset({"Quellia Falls"}))
    >>> [_a_team(t, vocab) for t in ("Quellia Ravens", "Quellia Falls", "Quellia Islands", "Quellia Raven")]
    [True, False, False, False]
    """
    place, _, plural = text.rpartition(" ")
    return (
        place in vocab.major_places
        and text not in vocab.places
        and plural.endswith("s")
        and plural[:1].isupper()
        and plural[:-1].lower() in vocab.nouns
        and plural.lower() not in vocab.patterns.place_heads
    )


def _a_people(plural: str, vocab: Vocabulary) -> bool:
    """Is a capitalised plural the model calls a nationality a people rather than a team or a party
    named by a common noun ("the Swans", "Tests")? A member of a people is an adjective too ("a
    Palestinian", "Palestinian towns"), or a listed people ("an Arab"), or no common word at all.

    >>> from pipeline.extract.model import Vocabulary
    >>> from pipeline.wordlists import load_patterns
    >>> nouns, adjectives = frozenset({"swan", "quellbian", "kurd"}), frozenset({"quellbian"})
    >>> vocab = Vocabulary(verbs=frozenset(), patterns=load_patterns(), nouns=nouns, adjectives=adjectives)
    >>> [_a_people(word, vocab) for word in ("Quellbians", "Kurds", "Varnoks", "Swans")]
    [True, True, True, False]
    """
    member = plural.lower()[:-1]
    if not member.replace("-", "").isalpha():
        return False  # "F-16s": no people's name holds a digit
    return member not in vocab.nouns or member in vocab.adjectives or member in vocab.patterns.peoples


#: A word holding a digit that is no ordinal ("F-16s", "B52"; not "2nd", "14th").
_NOT_ORDINAL = re.compile(r"(?!\d+(?:st|nd|rd|th)$).*\d.*")


def _a_people_of_the_article(text: str, doc: Doc) -> bool:
    """Is the one word the plural of a nationality the article names ("Quellbians" where the model
    calls "Quellbian" a nationality)?"""
    if " " in text or not text.endswith("s") or text.endswith("ss"):
        return False
    return text[:-1] in article_words(doc, "nationalities", _nationalities)


def _nationalities(doc: Doc) -> frozenset[str]:
    return frozenset(e.text for e in doc.ents if e.label_ == "NORP")


def article_words(doc: Doc, kind: str, collect: Callable[[Doc], frozenset[str]]) -> frozenset[str]:
    """Words of one article that rules look up for many of its names (its nationalities, the words it
    writes in lower case): collected on the first look-up and kept on the Doc."""
    key = f"kg.{kind}"
    if key not in doc.user_data:
        doc.user_data[key] = collect(doc)
    return doc.user_data[key]  # type: ignore[no-any-return]


#: An interstate highway's number: "I-91", "I-405" (two or three digits; "I-9" is a form only).
_INTERSTATE = re.compile(r"I-\d{2,3}")
#: Words before a highway's number: where traffic is ("on I-91", "along I-405", "I-95 and I-80").
_ROAD_BEFORE = frozenset(
    {"on", "off", "onto", "along", "via", "near", "across", "from", "to", "toward", "towards", "and"}
)
#: Words after it: a direction, a lane, an exit ("I-95 northbound", "I-80 traffic").
_ROAD_AFTER = frozenset(
    {"north", "south", "east", "west", "northbound", "southbound", "eastbound", "westbound", "traffic"}
    | {"lanes", "lane", "exit", "exits", "interchange", "corridor", "overpass", "ramp", "bridge", "near"}
)


def _opened_by_a_storms_word(text: str, head: str, vocab: Vocabulary) -> bool:
    """Is the name a body's, a place's or a building's that a storm's word only opens ("Storm Warning
    Centre", "Hurricane Ridge")? An operation's name stays an operation's ("Operation Osk Force")."""
    patterns = vocab.patterns
    words = text.split()
    return (
        len(words) > 1
        and words[0].lower() != "operation"
        and (head in patterns.group_heads or head in patterns.place_heads or head in patterns.building_heads)
    )


def _on_a_road(tokens: Sequence[Token]) -> bool:
    """Is the "I-NN" written as a road is ("on I-91", "I-95 northbound")? The same letters name immigration
    forms ("her I-20", "an I-485 application") and machines ("the I-16 fighter")."""
    doc, start, end = tokens[0].doc, tokens[0].i, tokens[-1].i + 1
    before = start > 0 and doc[start - 1].lower_ in _ROAD_BEFORE
    return before or (end < len(doc) and doc[end].lower_ in _ROAD_AFTER)


def _type(label: str, text: str, doc: Doc, tokens: Sequence[Token], vocab: Vocabulary) -> str:
    """Node type of a cleaned name: the label's type, corrected by the name's own head word and its
    context when they say so plainly."""
    base = TYPE_OF_LABEL.get(label, "other")
    if _INTERSTATE.fullmatch(text) and _on_a_road(tokens):
        return "place"  # "on I-91", "I-405 northbound": a highway, which the model calls a product
    if label in _NOT_PEOPLE_LABELS and described_as_a_person(text, tokens, vocab):
        return "person"  # "mathematician Orla Quist" the model called an organization: the noun says who
    if label in _NOT_PEOPLE_LABELS and _in_apposition_to_a_person(text, tokens, vocab):
        return "person"  # "Varnaka Shozo, a temple carpenter,", "his wife, Fumika," the model called a place
    if (
        label in {"PERSON", "ORG", "NORP", "FAC"}
        and _in_apposition_to_a_kind_of_place(tokens, vocab)
        and not (label == "PERSON" and personal_name(text, vocab))  # "Orla Quist, near the Varn border post"
    ):
        return "place"  # "Quellby, a town in the north", "Varn, the provincial capital of Osk"
    if label in {"PERSON", "GPE", "LOC", "ORG"} and _in_apposition_to_a_kind_of(
        tokens, vocab.patterns.group_descriptors, frozenset()
    ):
        return "group"  # "Quellco, once Osk's largest oil company, said"
    if text.lower() in vocab.patterns.religions:
        return "group"  # "Islam", "Hinduism" the model took for a place or an adjective: believers
    if label == "NORP" and (text in vocab.linked_places or ascii_fold(text) in vocab.regions):
        # "a Melbourne team": a city's name before a noun, which the model took for an adjective (a
        # nationality is no place's name; a first name that is one too is no risk under this label);
        # "farm fires in Punjab", "in Yucatán": a state or province
        return "place"
    if label == "NORP":
        # An adjective ("Russian airstrikes", "Kurdish-dominated") only describes something else.
        last = text.split()[-1]
        if not last.endswith("s") or last.endswith("ss"):
            return "other"
        # A plural people-name ("Palestinians", "British Jews") names persons, as annotated news (ACE,
        # GUM) counts them, kept apart from the organizations that speak for them.
        base = "person" if _a_people(last, vocab) else "group"
    if label in {"EVENT", "PRODUCT"} and " " in text and head_word(text) in _VENUE_HEADS:
        return "place"  # "the Olympic Stadium" the model took for an event: where one is held
    if base not in {"person", "group", "place"}:
        return base
    if label == "PERSON" and any(_NOT_ORDINAL.fullmatch(word) for word in text.split()):
        return "other"  # "F-16s", "B-52": aircraft; a person's name holds no number but a rank ("2nd Earl")
    if label in {"ORG", "GPE", "PERSON"} and _a_people_of_the_article(text, doc):
        return "person"  # "the Quellbians" beside "Quellbian food": a people the model called an organization
    if tuple(text.lower().split()) in vocab.patterns.person_titles:
        return "person"  # "the Governor-General", "the Pope": an office, held by a person
    if text in vocab.major_places and label in {"PERSON", "ORG"}:
        return "place"  # "Malawi", "Sri Lanka" the model took for a person or an organization
    if (
        label == "PERSON"
        and " " in text
        and ascii_fold(text) in vocab.regions
        and not personal_name(text, vocab)
    ):
        return "place"  # "Tamil Nadu", "Baja California": a state of several words, no one's name
    if label in {"GPE", "LOC", "FAC"} and _a_titled_person(text, tokens, vocab):
        return "person"  # "King Quellan", "Queen Orla": a title before a name, no place's
    if (
        label == "ORG"
        and any(w in vocab.given_names for w in text.split())
        and _a_titled_person(text, tokens, vocab)
    ):
        title = _title_length(tokens, vocab.patterns.person_titles)
        if personal_name(tokens[0].doc[tokens[title].i : tokens[-1].i + 1].text, vocab):
            return "person"  # "Alhaji Orla Varn-Quist": a title and a full name, no organization's
    if label == "ORG" and _abbreviated_title_and_name(tokens, vocab):
        return "person"  # "Cllr Tarvinder Osk-Varn": no organization's name opens on "Cllr" or "Dr"
    if label != "PERSON" and _named_like_a_person(text, vocab):
        return "person"  # "O. T. Quist", "Orla of Varnby": initials, or a given name "of" a place
    head = head_word(text)
    several_words = len(text.split()) > 1
    if label == "PERSON" and _a_national_body(text, vocab):
        return "group"  # "Rowing Quellia", "Tourism Varn": a country's body for a sport or a trade
    if label in {"PERSON", "GPE", "LOC"} and _a_team(text, vocab):
        return "group"  # "the Quellia Ravens": a team the model took for a person or a place
    if _names_a_program_or_machine(text, tokens, vocab):
        return "other"  # "the Quellbot worm", "QX-9 bombers": a program or a machine, not its maker
    prefixes = vocab.patterns.event_prefixes
    if text.lower() in prefixes or (
        opened_by_one_of(text, prefixes) and not _opened_by_a_storms_word(text, head, vocab)
    ):
        return "other"  # "Storm Quellan", "Hurricane Orla", "Operation Osk Shield", "the Cyclone": an event
    if several_words and head in vocab.patterns.event_heads:
        return "other"  # "the Quellby Cup", "Varn Prize": an event or an award, whatever the label
    if not several_words and _names_an_award(tokens):
        return "other"  # "Oscar winner Orla Quist", "a Varnley-winning writer": the award, not a person
    if _names_an_illness(tokens, several_words and head in vocab.patterns.illness_heads, vocab):
        return "other"  # "Quellby Syndrome", "Quist's disease": an illness, and the eponym is part of it
    if label == "PERSON" and head in _SURNAME_HEADS and _named_as_a_person(text, tokens, vocab):
        head = ""  # "Orsa Park", "Orsa Church", "Judge Quist Lane": a person's surname, not a park or church
    elif "-" in text.split()[-1] and personal_name(text, vocab):
        head = ""  # "Orla Varn-Marsh", "Ilse Quist-Banks": a double-barrelled surname, no marsh nor bank
    group_head = head in vocab.patterns.group_heads
    place_head = head in vocab.patterns.place_heads and several_words
    if group_head and not place_head:
        return "group"
    if opened_by_one_of(text, vocab.patterns.group_prefixes):
        return "group"  # "Jaish-e-Quell", "Ansar al-Varn": the first words say it is an organization
    if several_words and text.split()[0].lower() in vocab.patterns.place_prefixes and not group_head:
        return "place"  # "County Quellby", "Fort Varn": the model took them for people now and then
    if place_head and not group_head:
        return "place"
    if label == "PERSON" and head in vocab.patterns.building_heads and several_words:
        return "place"  # "Quellan Mosque", "Varn Stadium": a building the model took for a person
    if label == "PERSON" and not personal_name(text, vocab) and _employs_the_person_after(tokens):
        return "group"  # "Varnley driver Orla Quist", "Quellco analyst Ed Tarn": the team or firm
    if label == "ORG" and personal_name(text, vocab) and not _employer(tokens):
        # "Clarine Dupuis" the model called an organization. A place it names stays a place: "Ras
        # Quellat" starts with a given name of some country too.
        return "person"
    if (
        label in {"GPE", "LOC", "NORP"}
        and personal_name(text, vocab)
        and not (tokens[0].i > 0 and tokens[0].doc[tokens[0].i - 1].lower_ in _TO_OR_IN_A_PLACE)
        and not _in_the_gazetteer(text)
    ):
        return "person"  # "By Clarine Varn-Dupuis": a full name the model called a place, in no gazetteer
    if label in {"ORG", "GPE", "NORP", "FAC", "LOC"} and followed_by_an_age(tokens):
        return "person"  # "Quist, 45, of Varnby", "Orla Quist (45)": a person and her age
    if label == "ORG" and several_words and text.split()[0] in vocab.first_names and _country_after(tokens):
        return "person"  # "Orla Quist ( Quellia )" in a results line: a player and the country
    if (
        label != "PERSON"
        and written_like_a_full_name(text, vocab)
        and _joined_to_a_person(tokens)
        and not _labelled_so_elsewhere(text, label, tokens)
    ):
        return "person"  # "Orla Quist and Tamsin Varn": named beside a person, written like one
    after = tokens[-1].i + 1
    followed_by_place_noun = after < len(doc) and doc[after].lower_ in vocab.patterns.place_followers
    if followed_by_place_noun and not (base == "group" and text.isupper()):  # "ISIS camp" stays a group
        return "place"
    if _after_place_noun_of(tokens, vocab) and not (label == "PERSON" and personal_name(text, vocab)):
        return "place"  # "the town of Quellby", "the suburb of Varn": the noun says what it is
    if label == "PERSON" and after < len(doc) and doc[after].lower_ in vocab.patterns.group_followers:
        return "group"  # "Quellco shares rose": a company the model took for a person
    before = doc[tokens[0].i - 1] if tokens[0].i > 0 else None
    if before is not None and before.is_lower and before.text in vocab.patterns.group_descriptors:
        # "retailer Quellco", "travel company Varnair", "oil giant Varnex": the noun says what it is; not
        # an adjective after a determiner ("the giant Quellby Ice Sheet"), nor a trade before the full
        # name the model called a person ("publisher Orla Quist", "developer Tamsin Varn")
        determiner = before.i > 0 and doc[before.i - 1].lower_ in DETERMINERS
        tradesperson = (
            label == "PERSON"
            and before.text in vocab.patterns.trades
            and written_like_a_full_name(text, vocab)
            and not _followed_by_which(tokens)  # "publisher Orla Quist, which owns magazines"
        )
        if not (determiner and before.text in vocab.adjectives) and not tradesperson:
            return "group"
    if label != "PERSON" and _after_a_descriptor_and_comma(tokens, vocab):
        return "group"  # "the travel chain, Varnair, said": in apposition, the noun says it too
    if (
        label == "PERSON"
        and (_after_place_preposition(tokens) or _route_end(tokens))
        and not personal_name(text, vocab)
    ):
        return "place"  # "in Quellbora", "at Varn Osk", "Tarnby to Quellbora": an unfamiliar place
    if label == "PERSON" and _region_of_the_place_before(tokens, vocab):
        return "place"  # "born in Quellby, Varnshire.": the county or country of the town
    if (
        label in {"ORG", "PERSON", "FAC"}
        and _listed_among_places(tokens)
        and not (text.isupper() or group_head or personal_name(text, vocab))
    ):
        return "place"  # "Quellby, Varnton and Osk": one of a list of places the model called places
    if (
        label in {"ORG", "GPE", "LOC"}
        and text in vocab.lone_given_names
        and not _after_locative(tokens, vocab)
    ):
        return "person"  # "Clarine" said: a first name alone is a person ("at Clarine" is a place)
    return base


#: The model's labels of names that may be a person's it mistook ("lead guide Orla Quist" a product).
_NOT_PEOPLE_LABELS = frozenset({"ORG", "GPE", "LOC", "FAC", "NORP", "PRODUCT"})


def described_as_a_person(text: str, tokens: Sequence[Token], vocab: Vocabulary) -> bool:
    """Is the name written as a full name after a lower-case noun that says what a person is
    ("mathematician Orla Quist", "lead guide Tamsin Varn")? Unless its first word is a first name, the
    sentence goes on with punctuation, "who" or a date after it: in "the editor Quellco News appointed"
    or "a player Varnco cannot ignore" the name is a clause's subject, not the person."""
    doc, start, end = tokens[0].doc, tokens[0].i, tokens[-1].i + 1
    noun = doc[start - 1] if start else None
    if not (
        noun is not None
        and noun.is_lower
        and noun.text in vocab.patterns.person_descriptors
        and written_like_a_full_name(text, vocab)
    ):
        return False
    if tokens[0].text in vocab.first_names or end >= len(doc):
        return True
    after = doc[end]
    return after.is_punct or after.is_space or after.lower_ == "who" or after.ent_type_ == "DATE"


def _in_apposition_to_a_person(text: str, tokens: Sequence[Token], vocab: Vocabulary) -> bool:
    """Is the name written as a full name in apposition to a noun that says what a person is, after it
    ("Varnaka Shozo, a temple carpenter,", "Orla Quist, the wrestler,") or before it and a comma ("chief
    executive, Tamsin Varn-Osk,", "the company's director, Orla Quist,")? A name of one word counts
    after a relative only ("his wife, Fumika,").
    """
    kinds = vocab.patterns.person_descriptors
    doc, start, end = tokens[0].doc, tokens[0].i, tokens[-1].i + 1
    closed = end >= len(doc) or doc[end].is_punct
    before = start >= 2 and doc[start - 1].text == "," and doc[start - 2].is_lower
    if " " not in text:
        return before and closed and doc[start - 2].text in _RELATIVES and text.istitle()
    if not written_like_a_full_name(text, vocab):
        return False
    noun = (
        before
        and closed
        and (doc[start - 2].text in kinds or _an_office_before_a_comma(doc, start - 2, vocab))
    )
    if noun and not _a_firms_word_ends(text, vocab):
        return True
    return _in_apposition_to_a_kind_of(tokens, kinds, frozenset())


def _an_office_before_a_comma(doc: Doc, index: int, vocab: Vocabulary) -> bool:
    """Is the lower-case word at ``index`` a person's office after a possessive or "the" ("the company's
    director, Orla Quist,", "the agency's spokesman, Ed Varn,")? "the" or a possessive says one person
    holds it."""
    if doc[index].lower_ not in _PERSONAL_OFFICES or index == 0:
        return False
    return doc[index - 1].lower_ in {"the", *POSSESSIVE_MARKS, "its", "his", "her", "their"}


#: Offices only a person holds ("the company's director,"), unlike an agent, an owner or a chief, which
#: a firm may be ("the deal's agent, Goldman Sachs,").
_PERSONAL_OFFICES = frozenset(
    {"director", "chairman", "chairwoman", "chairperson", "spokesman", "spokeswoman", "spokesperson"}
    | {"founder", "co-founder", "president", "governor", "mayor", "minister", "secretary", "treasurer"}
)


#: Relatives before a comma and a given name alone: "his wife, Fumika," is a person.
_RELATIVES = frozenset(
    {"wife", "husband", "son", "daughter", "mother", "cousin", "nephew", "niece", "grandson", "granddaughter"}
    | {"widow", "widower", "stepson", "stepdaughter", "partner", "fiancé", "fiancée"}
)


def opened_by_one_of(text: str, prefixes: frozenset[str]) -> bool:
    """Are one or two of the name's first words, a hyphen read as a space, one of ``prefixes`` (words
    that open organizations' names, or storms'), with more words after them ("Jaish-e-Quell", "Ansar
    al-Varn"; not "Ansar Quist")?

    >>> prefixes = frozenset({"jaish", "ansar al"})
    >>> [opened_by_one_of(t, prefixes) for t in ("Jaish-e-Quell", "Ansar al-Varn", "Ansar Quist", "Jaish")]
    [True, True, False, False]
    """
    words = text.lower().replace("-", " ").split()
    return any(" ".join(words[:n]) in prefixes for n in (1, 2) if len(words) > n)


def _after_a_descriptor_and_comma(tokens: Sequence[Token], vocab: Vocabulary) -> bool:
    """Does the name stand in apposition to a company noun: "the travel chain, Varnair," (a comma or the
    sentence's end after it)? Not a person's name: "at the company, Quist said" is a speaker."""
    doc, start, end = tokens[0].doc, tokens[0].i, tokens[-1].i + 1
    if start < 2 or doc[start - 1].text != ",":
        return False
    noun = doc[start - 2]
    closed = end >= len(doc) or doc[end].is_punct
    return noun.is_lower and noun.text in vocab.patterns.group_descriptors and closed


#: Words that join the names of a list: "Orla Quist and Tamsin Varn", "Quist, and Varn", "Quist & Varn".
_CONJUNCTIONS = frozenset({"and", "or", "&"})


def _joined_to_a_person(tokens: Sequence[Token]) -> bool:
    """Is the name joined by "and", "or" or "&" (a comma may come first) to a name the model called a
    person: "Orla Quist and Tamsin Varn", "Tamsin Varn, and Orla Quist"? A comma alone is not enough:
    "Orla Quist, Quellco" gives where a person works."""
    doc, start, end = tokens[0].doc, tokens[0].i, tokens[-1].i + 1
    after = end + (end < len(doc) and doc[end].text == ",")
    if after < len(doc) - 1 and doc[after].lower_ in _CONJUNCTIONS and doc[after + 1].ent_type_ == "PERSON":
        return True
    before = start - 1
    if before < 1 or doc[before].lower_ not in _CONJUNCTIONS:
        return False
    before -= doc[before - 1].text == ","
    return before >= 1 and doc[before - 1].ent_type_ == "PERSON"


#: Labels of the model's places: a list that holds two of them is a list of places.
_PLACE_LABELS = frozenset({"GPE", "LOC"})


def _listed_among_places(tokens: Sequence[Token]) -> bool:
    """Is the name one of a list of names, joined by commas and "and" or "or", two or more of them the
    model's places and none a person: "Quellby, NAME and Varnton", "NAME, the Osk Valley and the south"?
    A list with no "and" or "or" is no list: "in Varnton, Quellia, NAME said" ends a dateline; nor are
    two "and"s one: "from Varnton and Quellia, and NAME flies"."""
    doc, start, end = tokens[0].doc, tokens[0].i, tokens[-1].i + 1
    labels: list[str] = []
    joined = False
    for step in (1, -1):
        position = end if step == 1 else start - 1
        conjunctions = 0  # a list has one: "from Quellby and Osk, and NAME flies" ends one before NAME
        for _ in range(3):
            separators: list[str] = []
            while (
                0 <= position < len(doc) and doc[position].lower_ in _LIST_SEPARATORS and len(separators) < 3
            ):
                separators.append(doc[position].lower_)
                position += step
            conjoined = bool(_CONJUNCTIONS & set(separators))
            conjunctions += conjoined
            joined = joined or conjoined
            if (
                conjunctions > 1
                or not separators
                or not (0 <= position < len(doc))
                or not doc[position].ent_type_
            ):
                break
            labels.append(doc[position].ent_type_)
            position = _past_the_entity(doc, position, step)
    return joined and "PERSON" not in labels and sum(label in _PLACE_LABELS for label in labels) >= 2


def _region_of_the_place_before(tokens: Sequence[Token], vocab: Vocabulary) -> bool:
    """Is the one-word name the county, region or country after a comma and a place in a sentence's
    "in"-phrase, the sentence's end after it ("born in Quellby, NAME.", "a house near Osk Bay, NAME)")?
    The place is the model's, or a well-known one it took for something else. Not a clause's subject
    after one ("in Quellby, NAME said"), an item of a list ("in Quellby, NAME; in Osk, NAME2"), nor the
    person a noun before the phrase names ("a son in Quellby, NAME.")."""
    doc, start, end = tokens[0].doc, tokens[0].i, tokens[-1].i + 1
    if end - start != 1 or start < 3 or doc[start - 1].text != "," or not doc[start - 2].ent_type_:
        return False
    if end < len(doc) and doc[end].text not in {".", ")"}:
        return False
    before = _past_the_entity(doc, start - 2, -1)
    place = doc[before + 1 : start - 1]
    if doc[start - 2].ent_type_ not in _PLACE_LABELS and place.text not in vocab.places:
        return False
    if before < 0 or doc[before].lower_ not in _PLACE_WORDS_BEFORE:
        return False
    sentence_start = tokens[0].sent.start if doc.has_annotation("SENT_START") else 0
    if any(token.text in {";", ":"} for token in doc[sentence_start:before]):
        return False  # "Winners: in Quellby, NAME; in Osk, NAME2." lists people by place
    noun = doc[before - 1].lower_ if before else ""
    return noun not in vocab.patterns.person_descriptors and (noun,) not in vocab.patterns.person_titles


def _past_the_entity(doc: Doc, position: int, step: int) -> int:
    """The token after (``step`` 1) or before (-1) the entity that holds token ``position``, read from the
    tokens' IOB tags: a few tokens looked at, not the article's every entity."""
    if step == 1:
        position += 1
        while position < len(doc) and doc[position].ent_iob_ == "I":
            position += 1
        return position
    while position > 0 and doc[position].ent_iob_ == "I":
        position -= 1
    return position - 1


#: Words between the names of a list: "Quellby, Varnton and the Osk Valley".
_LIST_SEPARATORS = frozenset({",", "the"}) | _CONJUNCTIONS


def _labelled_so_elsewhere(text: str, label: str, tokens: Sequence[Token]) -> bool:
    """Does the article name ``text`` more than once with the same label: a company the model knows as
    one ("Quist Varn and Orla Tell" once, "Quist Varn" an organization three times)?"""
    return f"{label} {text}" in article_words(tokens[0].doc, "repeated names", _repeated_names)


def _repeated_names(doc: Doc) -> frozenset[str]:
    """ "LABEL text" of every name the model tags twice or more in the article with one label."""
    counts = Counter(f"{e.label_} {e.text}" for e in doc.ents)
    return frozenset(name for name, count in counts.items() if count > 1)


def written_like_a_full_name(text: str, vocab: Vocabulary) -> bool:
    """Is the name two or three capitalized words, none a head noun, the first no adjective and no
    group's first word, the whole no known place: written as a person's full name is ("Tamsin Varn";
    not "Varn Bank", "Quellby Island", "Amazing Grace", "Jaish-e-Quell")?

    >>> from pipeline.extract.model import Vocabulary
    >>> from pipeline.wordlists import load_patterns
    >>> vocab = Vocabulary(frozenset(), load_patterns(), adjectives=frozenset({"amazing"}), places=frozenset({"Port Varn"}))
    >>> [written_like_a_full_name(t, vocab) for t in ("Tamsin Varn", "Tamsin O'Varn-Quist", "Orla Ann Quist")]
    [True, True, True]
    >>> [written_like_a_full_name(t, vocab) for t in ("Varn Bank", "Amazing Grace", "Port Varn", "Quist", "QV Varn")]
    [False, False, False, False, False]
    >>> written_like_a_full_name("Fort Quellby", vocab), written_like_a_full_name("Jaish-e-Quell", vocab)
    (False, False)
    """
    words = text.split()
    if not 2 <= len(words) <= 3 or text in vocab.places or _a_head_noun_among(words, vocab):
        return False
    if (
        opened_by_one_of(text, vocab.patterns.group_prefixes)
        or words[0].lower() in vocab.patterns.place_prefixes
    ):
        return False  # "Jaish-e-Quell", "Port Varn"
    for word in words:
        letters = word.replace("-", "").replace("'", "")
        if not (letters.isalpha() and word[:1].isupper() and not letters.isupper()):
            return False
    return words[0].lower() not in vocab.adjectives  # "Amazing Grace", "Federal Varn"


def followed_by_an_age(tokens: Sequence[Token], *, adult: bool = False) -> bool:
    """Is the name followed by a person's age between commas or in brackets: "Quist, 45, of Varnby",
    "Orla Quist (45)"? Not a score or a year ("Quellby, 2004,"). With ``adult``, 16 or more: a horse's or
    a boat's age is a child's too ("Quellby Dancer, 4,")."""
    doc, after = tokens[0].doc, tokens[-1].i + 1
    if after + 2 >= len(doc) or (doc[after].text, doc[after + 2].text) not in {(",", ","), ("(", ")")}:
        return False
    age = doc[after + 1].text
    return age.isdigit() and len(age) <= 3 and (16 if adult else 1) <= int(age) <= 115


def _country_after(tokens: Sequence[Token]) -> bool:
    """Is the name followed by a country in brackets, as players are in results: "Orla Quist (Quellia)"?"""
    doc, after = tokens[0].doc, tokens[-1].i + 1
    if after >= len(doc) or doc[after].text != "(":
        return False
    inside = doc[after + 1 : after + 5]
    close = next((t.i for t in inside if t.text == ")"), None)
    if close is None or close == after + 1:
        return False
    return all(t.ent_type_ in {"GPE", "NORP", "LOC"} for t in doc[after + 1 : close])


def _names_a_program_or_machine(text: str, tokens: Sequence[Token], vocab: Vocabulary) -> bool:
    """Is a program's noun right after the name, or one word on ("the Quellbot worm", "the Varn Internet
    worm"), or a machine's right after a name with a number in it ("QX-9 bombers", "a Quell 200
    aircraft"; not "Quellair jets")?"""
    doc, after = tokens[0].doc, tokens[-1].i + 1
    following = [token.lower_ for token in doc[after : after + 2]]
    if following and following[0] in vocab.patterns.machine_nouns and any(ch.isdigit() for ch in text):
        return True
    programs = vocab.patterns.program_nouns
    if following and following[0] in programs:
        return True
    return len(following) == 2 and doc[after].is_alpha and following[1] in programs


#: Nouns after an award's name that say it is one ("Oscar winner", "Nobel laureate", "Emmy nominee").
_AWARD_HOLDERS = frozenset({"winner", "winners", "laureate", "laureates", "nominee", "nominees"})


def _names_an_award(tokens: Sequence[Token]) -> bool:
    """Is the one-word name an award, told by the noun after it ("Oscar winner", "Tony nominee") or a
    hyphen and "winning" ("Pulitzer-winning")? "Quist winning the vote" is a person winning."""
    doc, after = tokens[0].doc, tokens[-1].i + 1
    if after < len(doc) and doc[after].lower_ in _AWARD_HOLDERS:
        return True
    hyphenated = after + 1 < len(doc) and doc[after].text in DASHES and not tokens[-1].whitespace_
    return hyphenated and doc[after + 1].lower_ in {"winning", "nominated"}


def _names_an_illness(tokens: Sequence[Token], illness_head: bool, vocab: Vocabulary) -> bool:
    """Is the name an illness's ("Varn Fever") or part of one: the words before its head noun ("Severe
    Quellby Respiratory" of "... Syndrome"), or an eponym before a possessive ("Quist's disease")?"""
    if illness_head:
        return True
    doc, after = tokens[0].doc, tokens[-1].i + 1
    heads = vocab.patterns.illness_heads
    if after < len(doc) and doc[after].lower_ in heads:
        return True
    return after + 1 < len(doc) and doc[after].lower_ in POSSESSIVE_MARKS and doc[after + 1].lower_ in heads


#: Place heads that are also common surnames: after a given name, the model's person stands.
_SURNAME_HEADS = frozenset({"park", "lane", "hall", "church", "temple", "castle", "bridge", "tower", "abbey"})
#: Words after a name that show "in NAME" is no place: a possessive, a court case's "v." or "against".
_NOT_A_PLACE_AFTER = POSSESSIVE_MARKS | {"v", "v.", "vs", "vs.", "versus", "against"}


#: Words after which a name the model called a person is where something happens: prepositions of
#: place ("in", "near", "fires burning around Quellby") and the parts of a region ("central Quellia").
#: Not "to", "from", "towards" or "between": people are talked to, heard from and felt towards.
_PLACE_WORDS_BEFORE = frozenset(
    {"in", "at", "near", "nearby", "around", "outside", "inside", "across", "above", "below", "beyond"}
    | {"throughout", "central", "northern", "southern", "eastern", "western"}
    | {"north-eastern", "north-western", "south-eastern", "south-western"}
    | {"northeastern", "northwestern", "southeastern", "southwestern"}
)
#: Words before a name that the model called a place and that the sentence may well go to, come from or be
#: in ("flights to Clarine Dupuis"): its label stands, however much the name looks like a person's.
_TO_OR_IN_A_PLACE = _PLACE_WORDS_BEFORE | {"to", "from", "into", "via", "towards", "toward", "of"}


def _in_apposition_to_a_kind_of_place(tokens: Sequence[Token], vocab: Vocabulary) -> bool:
    """Is the name in apposition to a kind of place: "NAME, a town in the north", "NAME, the provincial
    capital of Osk", "NAME, a village near Varn"? Not "NAME, the mayor of Varn", nor "NAME, the city's
    mayor" (whose the city is), nor "NAME, the city bus" (a noun after it)."""
    return _in_apposition_to_a_kind_of(
        tokens, vocab.patterns.place_followers, _PEOPLE_OF_A_PLACE
    ) or _placed_by_a_comma_clause(tokens, vocab)


def _placed_by_a_comma_clause(tokens: Sequence[Token], vocab: Vocabulary) -> bool:
    """Does a comma and where it lies follow the name: "NAME, north of Varn", "NAME, 30 km south-west of
    Varn", "NAME, near the border with Osk"? "Near" needs a place or a kind of place soon after it (not
    "Quist, near tears, said"); "outside" and "at" say where a person stood as often. Not after "of":
    there the clause may be the noun's before it ("the birthplace of Quist, 150 km north of Osk")."""
    doc, after = tokens[0].doc, tokens[-1].i + 1
    if after + 2 >= len(doc) or doc[after].text != ",":
        return False
    for before in reversed(doc[max(tokens[0].i - 3, 0) : tokens[0].i]):
        if before.is_punct:
            break
        if before.lower_ == "of":  # "Varnby, the birthplace of (Lord) Quist, 150 km north of Osk"
            return False
    word = doc[after + 1]
    if _direction_of(doc, after + 1):
        return True
    if word.like_num and doc[after + 2].lower_ in _DISTANCE_UNITS:
        return _direction_of(doc, after + 3)
    if word.lower_ != "near":
        return False
    ahead = doc[after + 2 : after + 6]
    return any(t.ent_type_ in {"GPE", "LOC"} or t.lower_ in vocab.patterns.place_followers for t in ahead)


def _direction_of(doc: Doc, start: int) -> bool:
    """Do the tokens from ``start`` spell a direction and "of": "north of", "south-west of" (three
    tokens or one)?"""
    words = [t.lower_ for t in doc[start : start + 4]]
    for length in (1, 3):
        if len(words) > length and _DIRECTION_OF.fullmatch("".join(words[:length])) and words[length] == "of":
            return True
    return False


#: Units of a distance: "30 km north of Varn".
_DISTANCE_UNITS = frozenset({"km", "kilometres", "kilometers", "miles", "mi"})


def _in_apposition_to_a_kind_of(
    tokens: Sequence[Token], kinds: frozenset[str], not_kinds: frozenset[str]
) -> bool:
    """Is the name followed by a comma, "a", "an", "the" or a possessor ("Osk's"), at most three
    lower-case words and one of ``kinds`` (not of ``not_kinds``), then a word that says where or which
    (:data:`_APPOSITION_LINKS`), a punctuation mark or the sentence's end: "NAME, a town in the north",
    "NAME, once Osk's largest oil company, said"?"""
    doc, after = tokens[0].doc, tokens[-1].i + 1
    if after + 2 >= len(doc) or doc[after].text != ",":
        return False
    opening = after + 1 + (doc[after + 1].lower_ in _APPOSITION_ADVERBS)
    if opening < len(doc) and doc[opening].lower_ in {"a", "an", "the"}:
        opening += 1
    elif (
        opening + 1 < len(doc)
        and doc[opening].text[:1].isupper()
        and doc[opening + 1].lower_ in POSSESSIVE_MARKS
    ):
        opening += 2
    else:
        return False
    for index in range(opening, min(opening + 4, len(doc))):
        token = doc[index]
        if not token.is_lower or not token.is_alpha or token.text in _FUNCTION_WORDS:
            return False  # "Quist, a member of the band,": the band is not Quist
        if token.text in kinds and token.text not in not_kinds:
            following = doc[index + 1] if index + 1 < len(doc) else None
            return following is None or following.is_punct or following.lower_ in _APPOSITION_LINKS
    return False


#: Words that end a noun phrase: an apposition's kind is its last noun, before any of them.
_FUNCTION_WORDS = frozenset(
    {"of", "the", "a", "an", "in", "at", "for", "to", "and", "or", "with", "from", "on", "by"}
)


def _employs_the_person_after(tokens: Sequence[Token]) -> bool:
    """Is the name followed by a job a team or a firm gives and the name of a person: "Varnley driver
    Orla Quist", "Quellco analyst Ed Tarn"? Not an aide's ("Quist spokesman Ed Tarn" is Quist's)."""
    doc, end = tokens[0].doc, tokens[-1].i + 1
    return (
        len(tokens) <= 2
        and end + 1 < len(doc)
        and doc[end].lower_ in _JOBS_AT_A_TEAM_OR_FIRM
        and doc[end + 1].ent_type_ == "PERSON"
        and doc[end + 1].ent_iob_ == "B"
    )


#: Jobs named after the team or firm that gives them: "Varnley driver", "Quellco analyst".
_JOBS_AT_A_TEAM_OR_FIRM = frozenset(
    {"driver", "drivers", "rider", "riders", "striker", "midfielder", "defender", "goalkeeper", "keeper"}
    | {"winger", "forward", "coach", "manager", "boss", "analyst", "analysts", "economist", "executive"}
    | {"ceo", "signing", "captain"}
)


def _employer(tokens: Sequence[Token]) -> bool:
    """Does the name follow people who work somewhere and "at": "analysts at NAME", "an economist at
    NAME"? There it is where they work, even when written like a person's name ("Orla Quist")."""
    doc, start = tokens[0].doc, tokens[0].i
    return start >= 2 and doc[start - 1].lower_ == "at" and doc[start - 2].lower_ in _EMPLOYEES


#: People named by where they work: "analysts at NAME".
_EMPLOYEES = frozenset(
    {
        "analyst",
        "analysts",
        "economist",
        "economists",
        "strategist",
        "strategists",
        "researcher",
        "researchers",
    }
    | {"executive", "executives", "banker", "bankers", "trader", "traders", "employee", "employees"}
    | {
        "worker",
        "workers",
        "engineer",
        "engineers",
        "scientist",
        "scientists",
        "staff",
        "partner",
        "partners",
    }
)

#: Words that may open an apposition: "Quellco, once Osk's largest oil company".
_APPOSITION_ADVERBS = frozenset({"once", "now", "formerly", "still", "then"})


#: Place followers that are people of the place: "NAME, the mayor of Varn" is a person.
_PEOPLE_OF_A_PLACE = frozenset({"mayor", "residents", "inhabitants"})
#: Words after the kind in an apposition that say where or which it is: "a town close to", "a village north
#: of", "a company that", "a bank based in".
_APPOSITION_LINKS = frozenset({"that", "which", "based", "with", "whose", "from", "for", "at"}) | frozenset(
    {"in", "of", "near", "on", "close", "outside", "north", "south", "east", "west", "about", "some", "just"}
)


def _after_place_preposition(tokens: Sequence[Token]) -> bool:
    """Does the name follow a word of :data:`_PLACE_WORDS_BEFORE` ("in", "near", "central"), and not
    end in a possessive ("in Quist's view") or name a court case ("in Quist v. Osk", "in Quist against
    the State")?"""
    doc, start, end = tokens[0].doc, tokens[0].i, tokens[-1].i + 1
    if start == 0 or doc[start - 1].lower_ not in _PLACE_WORDS_BEFORE:
        return False
    return not (end < len(doc) and doc[end].lower_ in _NOT_A_PLACE_AFTER)


def _named_as_a_person(text: str, tokens: Sequence[Token], vocab: Vocabulary) -> bool:
    """Does the name start with a given name or a title, or follow a title ("Judge", "Dr")?"""
    start = tokens[0].i
    before = tokens[0].doc[start - 1].lower_.rstrip(".") if start > 0 else ""
    titles = _title_starts(tuple(vocab.patterns.person_titles)) | HONORIFICS
    first = text.split()[0]
    return first in vocab.given_names or first.lower().rstrip(".") in titles or before in titles


#: A compass direction ("north", "south-west", "northeast"): "of" after it leads to a place.
_DIRECTION_OF = re.compile(r"(?:north|south)(?:-?(?:east|west))?|east|west")


def _after_place_noun_of(tokens: Sequence[Token], vocab: Vocabulary) -> bool:
    """Does the name follow a kind of place or a direction and "of": "the town of NAME", "the suburb of
    NAME", "south-west of NAME"? ("state" is no kind of place in the list: "the state of Quellco's
    accounts" is a condition as often.)"""
    doc, start = tokens[0].doc, tokens[0].i
    if start < 2 or doc[start - 1].lower_ != "of":
        return False
    noun = doc[start - 2].lower_
    return noun in vocab.patterns.place_followers or _DIRECTION_OF.fullmatch(noun) is not None


def _route_end(tokens: Sequence[Token]) -> bool:
    """Is the name one end of a route whose other end the model took for a place: "Tarnby to NAME",
    "from NAME to Tarnby"? Or of "from NAME to NAME", both taken for people, one of them a place of the
    gazetteer ("from Quellgoorlie to Bendigo"; not "power passed from Quist to Varn")?"""
    doc, start, end = tokens[0].doc, tokens[0].i, tokens[-1].i + 1
    places = {"GPE", "LOC"}
    if start >= 2 and doc[start - 1].lower_ == "to":
        if doc[start - 2].ent_type_ in places:
            return True
        other = _person_before(doc, start - 1)
        return (
            other is not None
            and other.start > 0
            and doc[other.start - 1].lower_ == "from"
            and (_in_the_gazetteer(other.text) or _in_the_gazetteer(doc[start:end].text))
        )
    if start < 1 or doc[start - 1].lower_ != "from" or end + 1 >= len(doc) or doc[end].lower_ != "to":
        return False
    if doc[end + 1].ent_type_ in places:
        return True
    other = _person_after(doc, end + 1)
    return other is not None and (_in_the_gazetteer(other.text) or _in_the_gazetteer(doc[start:end].text))


def _person_before(doc: Doc, end: int) -> Span | None:
    """The model's person that ends right before token ``end``, if any."""
    if end < 1 or doc[end - 1].ent_type_ != "PERSON":
        return None
    start = end - 1
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    return doc[start:end]


def _person_after(doc: Doc, start: int) -> Span | None:
    """The model's person that starts at token ``start``, if any."""
    if start >= len(doc) or doc[start].ent_iob_ != "B" or doc[start].ent_type_ != "PERSON":
        return None
    end = start + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return doc[start:end]


def _in_the_gazetteer(name: str) -> bool:
    """Is ``name`` a place of the gazetteer, small towns included ("Bendigo", "Cork")?"""
    from pipeline.gazetteer import place_names

    return name in place_names()


def _after_locative(tokens: Sequence[Token], vocab: Vocabulary) -> bool:
    """Does the name follow a locative preposition or "of" ("at Clarine", "the settlement of Clarine")?"""
    start = tokens[0].i
    before = tokens[0].doc[start - 1].lower_ if start > 0 else ""
    return before == "of" or before in vocab.patterns.locative


def _a_titled_person(text: str, tokens: Sequence[Token], vocab: Vocabulary) -> bool:
    """Is the name a person's title and capitalized words, or capitalized words right after a title,
    none a head noun, the whole no known place ("King Quellan", "President Orla Quist" where the model
    took "Orla Quist" alone; not "Prince Varnby Island", nor a town named after a prince)?"""
    title = _title_length(tokens, vocab.patterns.person_titles)
    rest = [token.text for token in tokens[title:] if token.text not in DASHES]  # "Orla Varn-Quist"
    if title == 0 and not _after_a_title(tokens, vocab):
        return False
    if not rest or not all(word[:1].isupper() for word in rest) or text in vocab.places:
        return False
    return not _a_head_noun_among(rest, vocab)


def _a_firms_word_ends(text: str, vocab: Vocabulary) -> bool:
    """Does the name end on a word of a company's name ("Varn Capital", "Quellco International") or the
    plural of a common noun ("Varn Records", "Osk Estates")? Few surnames are such plurals."""
    last = text.split()[-1].lower()
    if last in COMPANY_WORDS:
        return True
    return last.endswith("s") and last[:-1] in vocab.nouns


#: Titles written short that open no organization's name ("Cllr", "Sgt", "Insp"), beside the honorifics.
SHORT_TITLES = frozenset(
    {"cllr", "cr", "col", "lt", "capt", "sgt", "maj", "insp", "supt", "det", "cmdr", "sen"}
)


def _abbreviated_title_and_name(tokens: Sequence[Token], vocab: Vocabulary) -> bool:
    """Is the name an honorific or a title written short and two or three capitalized words after it,
    none a head noun or a known place ("Cllr Tarvinder Osk-Varn", "Dr Orla Quist"; not "Dr Martens",
    "Dr Quist Clinic")?"""
    first = tokens[0].lower_.rstrip(".")
    if len(tokens) < 3 or not (first in HONORIFICS or first in SHORT_TITLES):
        return False
    rest = [token for token in tokens[1:] if token.text not in DASHES and token.text != "."]
    words = [token.text for token in rest]
    if not 2 <= len(words) <= 3 or not all(t.is_title or t.is_alpha and t.text[:1].isupper() for t in rest):
        return False
    if _a_head_noun_among(words, vocab) or _a_firms_word_ends(" ".join(words), vocab):
        return False  # "Sgt Pepper Records"
    return not any(word in vocab.places for word in words)


def _after_a_title(tokens: Sequence[Token], vocab: Vocabulary) -> bool:
    """Does a capitalized person's title end right before the name, in its sentence ("President" of
    "South Quellian President Orla Quist", "Governor-General")? Not a word that is an adjective too
    opening the sentence: "Major Quellby roads" are roads."""
    first = tokens[0]
    doc = first.doc
    for start in range(first.i - 1, max(first.i - 6, -1), -1):
        if doc[start + 1].is_sent_start:
            return False
        title = list(doc[start : first.i])
        if _title_length(title, vocab.patterns.person_titles) == len(title):
            opens = title[0].is_sent_start or start == 0
            return title[0].is_title and not (opens and title[0].lower_ in vocab.adjectives)
    return False


def _a_head_noun_among(words: Sequence[str], vocab: Vocabulary) -> bool:
    """Is one of ``words`` the head noun of a group, a place, a building or a thing ("Hall", "Island")?"""
    patterns = vocab.patterns
    heads = (patterns.group_heads, patterns.place_heads, patterns.building_heads, THING_HEADS)
    return any(word.lower() in kind for word in words for kind in heads)


#: Initials before a surname: "O. T. Quist", "O T Quist".
_INITIALS_AND_SURNAME = re.compile(r"(?:[A-Z]\.\s?|[A-Z]\s){2,3}[A-Z][a-z]+(?:[-'][A-Z]?[a-z]+)?")


def _named_like_a_person(text: str, vocab: Vocabulary) -> bool:
    """Is the name written as only people's are: two or three initials before a surname ("O. T.
    Quist"), or a given name "of" where the person came from ("Orla of Varnby")? Not with a head noun
    ("O. T. Quist Hall", "Orla of Varnby Hospital").

    >>> from pipeline.extract.model import Vocabulary
    >>> from pipeline.wordlists import load_patterns
    >>> vocab = Vocabulary(frozenset(), load_patterns(), frozenset({"Orla"}))
    >>> [_named_like_a_person(t, vocab) for t in ("O. T. Quist", "O T Quist", "Orla of Varnby", "O. Quist")]
    [True, True, True, False]
    >>> [_named_like_a_person(t, vocab) for t in ("O. T. Quist Hall", "Bank of Varnby", "Orla of Varnby Hospital")]
    [False, False, False]
    >>> _named_like_a_person("D.C. Circuit", Vocabulary(frozenset(), load_patterns(), nouns=frozenset({"circuit"})))
    False
    """
    words = text.split()
    if _a_head_noun_among(words, vocab):
        return False
    if _INITIALS_AND_SURNAME.fullmatch(text):
        return words[-1].lower() not in vocab.nouns  # "D.C. Circuit" is a court
    return (
        len(words) >= 3
        and words[1] == "of"
        and words[0] in vocab.given_names
        and all(word[:1].isupper() for word in words[2:])
    )


#: A surname with its particle run in: "duPlessis", "deVarn", "vanQuist".
_JOINED_PARTICLE = re.compile(r"(?:d[aeiu]|l[ae]|v[ao]n|mac|di)[A-Z]")


#: Quotes around a nickname inside a name.
_OPENING_QUOTES, _CLOSING_QUOTES = frozenset("\"“‘'"), frozenset("\"”’'")


def personal_name(text: str, vocab: Vocabulary) -> bool:
    """Two to four capitalized words, the first a given name, the last neither a group or place head
    nor a place: "Clarine Dupuis", "Otto H. Varnay"; not "Sydney Harbour" or "Austin Energy".

    >>> from pipeline.extract.model import Vocabulary
    >>> from pipeline.wordlists import load_patterns
    >>> vocab = Vocabulary(frozenset(), load_patterns(), frozenset({"Clarine", "Otto"}))
    >>> personal_name("Clarine Dupuis", vocab), personal_name("Otto Bank", vocab), personal_name("Dupuis", vocab)
    (True, False, False)
    >>> personal_name("Clarine-Anne Dupuis", vocab), personal_name("Otto Springs", vocab)
    (True, False)
    >>> personal_name("Clarine duVarnay", vocab), personal_name("Clarine dunes", vocab)
    (True, False)
    >>> personal_name('Clarine "Tank" Dupuis', vocab), personal_name('Clarine "tank" Dupuis', vocab)
    (True, False)
    """
    words = text.split()
    if not 2 <= len(words) <= 4 or re.split(r"[-‐]", words[0])[0] not in vocab.given_names:
        return False  # "Clarine-Anne Dupuis" has a given name too
    patterns = vocab.patterns
    heads = (patterns.group_heads, patterns.place_heads, THING_HEADS)
    if any(word.lower() in kind for word in words for kind in heads):
        return False
    for word in words[1:]:
        if len(word) > 2 and word[0] in _OPENING_QUOTES and word[-1] in _CLOSING_QUOTES:
            word = word[1:-1]  # a nickname: 'Orla "Tank" Quist'
        initial = len(word) == 2 and word[0].isupper() and word[1] == "."
        capitalized = word[:1].isupper() or _JOINED_PARTICLE.match(word) is not None  # "duVarnay"
        name_like = capitalized and word.replace("-", "").replace("'", "").isalpha()
        if not (initial or name_like or word in NAME_PARTICLES):
            return False
        if not initial and word[1:].isupper():  # "Otto GmbH", "Clarine LLC"
            return False
    return True


#: Words that make a name a thing, never a person: "Emmy Award", "Clarine Lectures".
THING_HEADS = frozenset(
    [
        "award",
        "awards",
        "prize",
        "medal",
        "cup",
        "trophy",
        "series",
        "lecture",
        "lectures",
        "show",
        "festival",
        "games",
        "championship",
        "championships",
        "shelf",
        "turnpike",
        "highway",
        "road",
        "avenue",
        "bridge",
        "park",
        "hotel",
        "museum",
        "hall",
        "center",
        "centre",
        "complex",
        "station",
        "stadium",
        "arena",
        "theatre",
        "theater",
        "church",
        "cathedral",
        "library",
        "tower",
        "building",
        "market",
        "mall",
    ]
)


def label_possessors(nlp: Language, possessors: Sequence[tuple[str, CharSpan]]) -> None:
    """A split-off possessor ("London" of "London's Central Criminal Court", given with its text) takes
    the label the model gives it on its own, when the model tags it whole; otherwise it keeps the label
    of the name it came from."""
    if not possessors:
        return
    texts = [text for text, _ in possessors]
    for (text, span), doc in zip(possessors, nlp.pipe(texts), strict=True):
        ents = list(doc.ents)
        if len(ents) == 1 and ents[0].text == text and ents[0].label_ in NAME_LABELS:
            span.label = ents[0].label_
            span.type = TYPE_OF_LABEL.get(span.label, span.type)
