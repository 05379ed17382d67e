"""Span repairs by the shape of the text: things that are never names, and names the model cut or joined.

* :func:`never_names`  social-media handles, web addresses, e-mail addresses, time zones ("GMT",
  "UTC+2"), a generic word alone ("Party", "University"), a field of study ("Linguistics"), a stock
  ticker and its exchange ("(NYSE: QLB)") and a lawmaker's party and state ("D-N.Y.") are not entities;
* :func:`reshaped`     a fixture "Quellby v Drovenport Town" is two teams, and so are two names the model
  ran over a verb or a demonstrative ("Quist composed Varnala"); a name cut at a hyphen ("Lee
  Hsien" of "Lee Hsien-loong", "Institute for Anglo" of "Institute for Anglo-Varish Studies") is taken
  whole; a phrase after "for the" that the model ran into ("Quellby for the Cup") is not part of the name;
  a name cut after a function word ("Institute of") runs on over the capitalized words after it, or
  loses the function word; "Quist et al" is the person Quist, and honours after a person's name ("Velma Quist FRS") are not part of it;
  a regnal number after it is ("Quellam II");
  a place followed by a lower-case landform ("the Velmora sea", "the Quist river") is named with it, and
  one word cut before the head noun of a place's name ("Shell" + "Cove") too; an adjective made from a
  place the article names ("the Quellbi groups" beside "Quellb") is no name;
  a name the model ran into a dateline's weekday ("Quellnews Saturday, January 31") ends before it;
  two names the model ran together over a slash or a comma ("Quellby / Drovenport", "Velmora, Department
  of Roads") are two; so are two joined by "and" after "the towns of" ("Quellby and Varn"); a party, an
  office and its holder run together are a group and a person ("Labour MP Orla Quist");
* :func:`hometowns`    the capitalized words after a person's name and age ("Quist, 31, of Varnby") are a
  place;
* :func:`sentence_initial_words`  a word the article writes in lower case, capitalized only where it
  starts a sentence or a heading ("Wear shorts"), is not a name, nor is a common word that is a heading
  of its own ("Background").

All are listed in :data:`pipeline.extract.spans.SPAN_REPAIRS` and take (spans, article).
"""

from __future__ import annotations

import bisect
import functools
import re
from collections import Counter
from typing import TYPE_CHECKING

from pipeline.datelines import dateline_candidates
from pipeline.dates import MONTHS
from pipeline.extract.entities import AFTER_A_GLUED_DASH, HONORIFICS, CharSpan, opened_by_one_of
from pipeline.names import head_word

if TYPE_CHECKING:
    from collections.abc import Sequence

    from pipeline.extract.spans import ArticleText
    from pipeline.wordlists import Patterns

_NAME_TYPES = frozenset({"person", "group", "place"})
_TIME_ZONE = re.compile(
    r"(?:GMT|UTC|BST|CET|CEST|EET|EEST|WET|EST|EDT|CST|CDT|MST|MDT|PST|PDT|AEST|AEDT|ACST|AWST|NZST|NZDT|"
    r"IST|JST|KST|HKT|SGT|MSK)(?:\s*[+\-−]\s*\d{1,2}(?::?\d\d)?)?"
)
#: A whitespace-delimited word that is an address, not prose: a URL, a domain, an e-mail, a handle.
_ADDRESS = re.compile(r"(?i)://|^www\.|@|\.(?:com|org|net|gov|edu|co\.uk|io)(?:/|$)|^#\w")
_FIXTURE = re.compile(r"^(?P<home>.+?)\s+(?:v|vs|vs\.|versus)\s+(?P<away>.+)$")
_HYPHEN_TAIL = re.compile(r"(?:[-‐][A-Za-z]\w*)+")
#: " at " and a capitalized name to the end: where a team or a body is ("at Quellby Stadium").
_AT_A_VENUE = re.compile(r"\s+at\s+(?:the\s+)?(?P<venue>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*)$")
#: The head nouns of venues, where a team plays or a show is on.
_VENUE_HEADS = frozenset(
    {"stadium", "arena", "park", "oval", "ground", "field", "hall", "centre", "center", "theatre", "theater"}
    | {"gallery", "museum", "palace", "dome", "velodrome", "racecourse", "speedway", "raceway", "pavilion"}
)
_TITLE_WORDS = re.compile(r"(?:\s+[A-Z][\w'’]*)+")
#: Landforms written in lower case after a place's name, which they belong to ("the Velmora sea").
_LANDFORM = re.compile(
    r"\s(?:sea|ocean|river|lake|strait|gulf|bay|peninsula|desert|island|islands|mountains|valley|delta)\b"
)
#: "party" after a party's name, in lower case as often as not ("the Quellbian party"): part of the name.
_PARTY = re.compile(r"\sparty\b")
#: Function words a name does not end with: the model cut it short ("University of").
_DANGLING = re.compile(r"(?:\s+(?:of|the|de|la|le|du|des|del|for|and|&|at|on|in|von|van))+$", re.IGNORECASE)
#: "and" or "&" ending a name cut short.
_AND_END = re.compile(r"\s(?:and|&)$", re.IGNORECASE)
#: A locative preposition ending a name cut short, and a possessive word in the words after it.
_LOCATIVE_END = re.compile(r"\s(?:on|in|at)$", re.IGNORECASE)
_POSSESSIVE = re.compile(r"\w['’]s\b")
#: A weekday that ends a name the model ran into a dateline ("Quellnews Saturday, January 31, 2009").
_DATELINE_DAY = re.compile(r"\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)$")
#: What follows a dateline's weekday: a comma and a month or a day of the month.
_DATE_AFTER = re.compile(
    r",?\s+(?:\d{1,2}\b|(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December)\b)"
)
#: A regnal number after a person's name ("Varn II", "Pope Quell XVI"). A one-letter number ends a clause or
#: comes before "of" ("Quell I, who", "Varn I of Osk"): otherwise "I" is the pronoun ("Quist I think").
_REGNAL = re.compile(r" (X{0,2}(?:IX|IV|V?I{1,3}|V)|X{1,2})(?:(?<=\w\w)\b|(?=[,.;:)]|\s+of\b))")
#: A word inside a name the model ran over a clause: a finite verb, a past participle, "as" or a
#: demonstrative ("Quist composed Varnala", "House of Osk as Varn", "Orsa Quist this Court").
_CLAUSE_WORD = re.compile(
    r"\s(?:is|was|are|were|has|had|have|will|would|said|says|as|this|that|these|those|which|who|[a-z]{2,}ed)\s"
)
#: "et al" after an author's surname: the name is the surname, a person's (the model calls it anything).
_ET_AL = re.compile(r",?\s+et\.?\s+al\.?$")
#: Post-nominal letters (honours, degrees) after a person's name; only for people, since "MD" or "QC"
#: after a place is Maryland or Quebec.
_POST_NOMINALS = re.compile(
    r"(?:,?\s+(?:FRS|FRSE|FRSC|FBA|FREng|PhD|Ph\.D\.?|DPhil|OBE|MBE|CBE|KBE|DBE|QC|KC|SC|BL|MD|MP|MSP|MLA|TD|Esq\.?))+$"
)


#: Hyphenated words after a name that describe, not continue it: "Quist-led", "Drovenport-era".
_DESCRIPTIVE_TAILS = frozenset(
    {"era", "style", "born", "like", "run", "type", "esque", "ish", "wide", "free"}
)


#: Linking words inside hyphenated place names ("Bourg-la-Reine", "Stratford-upon-Avon", "Frankfurt-am-Main",
#: "Bergen-op-Zoom", and Persian and Arabic names written with hyphens: "Mazar-e-Sharif", "Dera-ud-Din").
_LINKING_PARTS = frozenset(
    {"la", "le", "les", "l", "de", "du", "des", "d", "en", "sur", "sous", "lès", "lez", "upon", "on", "under",
     "in", "by", "the", "am", "an", "im", "der", "di", "del", "della", "y", "et", "aan", "den", "op", "zum",
     "zur", "sul", "e", "al", "el", "ul", "ud", "ad"}
)  # fmt: skip


def _name_tail(tail: str, kind: str) -> bool:
    """Does "-tail" continue the name before it? A capitalized part does ("Anglo" + "-Varish"), and so do
    linking words before one ("Bourg" + "-sur-Varne", "Quell" + "-upon-Osk"); a lowercase one only in a
    person's name ("Hsien" + "-loong"), and never a describing word."""
    parts = [p for p in re.split(r"[-‐]", tail) if p]
    if all(p[0].isupper() or p in _LINKING_PARTS for p in parts) and parts[-1][0].isupper():
        return True
    last = parts[-1]
    return (
        kind == "person"
        and not last.endswith("ed")
        and last.lower() not in _DESCRIPTIVE_TAILS
        and last not in AFTER_A_GLUED_DASH  # "Quist-and her aides": a dash, and the sentence goes on
    )


#: Words that name a kind, never one entity, when they stand alone ("the Party", "the University");
#: "the Court", "the Senate" do name one in their story and stay.
_GENERIC = frozenset({"party", "university", "group", "company", "department", "office", "committee"})
_GENERIC |= {"photo", "photos", "image", "picture"}  # the word of a credit the model took for an agency
_GENERIC |= {
    "att",
    "attendance",
    "halftime",
    "half-time",
    "extras",
}  # a match report's "Att: 44,235", "Halftime 1-0"
#: A website's own furniture, left in a scraped page's text: "Learn more about our Privacy Policy and
#: Terms of Use", "Cookie Settings".
_SITE_FURNITURE = re.compile(
    r"(?i:(?:privacy|cookie|cookies)\s+(?:policy|notice|settings|statement)(?:\s+and\s+terms(?:\s+of\s+(?:use|service))?)?"
    r"|terms\s+(?:of\s+(?:use|service)|and\s+conditions))"
)


#: A stock exchange and a ticker in brackets after a company's name: "(NYSE: QLB)", "(ASX:VRN)".
_TICKER = re.compile(
    r"\(\s*(?:NYSE(?: American| Arca)?|NASDAQ|Nasdaq|AMEX|OTC(?:QB|QX)?|LSE|LON|AIM|TSX(?:V)?|CVE|ASX|NZX|"
    r"HKEX|HKG|SGX|JSE|NSE|BSE|TYO|TSE|KRX|SHA|SHE|SSE|SZSE|ETR|FRA|XETRA|EPA|Euronext|BIT|SIX|BME|OMX)"
    r"\s*:\s*[A-Z0-9][A-Z0-9.\-]{0,9}\s*\)"
)
#: A US lawmaker's party and state: ", D-N.Y.," or "(R-Ky.)", "(D-NY)", ", R-Texas,".
_PARTY_STATE = re.compile(
    r"(?<=[,(] )[DRI]-[A-Z][A-Za-z.]{1,13}(?=[,)])|(?<=\()[DRI]-[A-Z][A-Za-z.]{1,13}(?=\))"
)


def _covered(length: int, ranges: list[tuple[int, int]]) -> bytearray:
    """One byte per character of a body, 1 inside any of ``ranges``: whether a span lies inside or
    overlaps them costs its own length, not the number of ranges."""
    covered = bytearray(length)
    for start, end in ranges:
        covered[start:end] = b"\x01" * (end - start)
    return covered


def _a_common_abbreviation(text: str, abbreviations: frozenset[str]) -> bool:
    """Is the name an abbreviation of a common noun, in capitals, maybe plural ("CCTV", "CFLs")?

    >>> words = frozenset({"cctv", "cfl"})
    >>> [_a_common_abbreviation(t, words) for t in ("CCTV", "CFLs", "Cctv", "CFLS", "QCTV")]
    [True, True, False, True, False]
    """
    if text.isupper():
        return text.lower() in abbreviations or (text.endswith("S") and text[:-1].lower() in abbreviations)
    return text.endswith("s") and text[:-1].isupper() and text[:-1].lower() in abbreviations


#: A prefix that makes an adjective of the name it is hyphened to ("Anti-Quellan forces").
_STANCE_PREFIXES = ("anti-", "pro-", "non-")
#: A newspaper writer's job at the end of what the model read as an organization ("Employment
#: Correspondent", "Crime Reporter").
_WRITERS_JOBS = frozenset({"correspondent", "correspondents", "columnist", "reporter", "photographer"})


def never_names(spans: list[CharSpan], article: ArticleText) -> list[CharSpan]:
    """The spans without handles, addresses, time zones, lone generic heads, a website's furniture
    ("Privacy Policy"), quarters and financial years ("Q4", "FY2011"), abbreviations of common nouns ("CCTV"), fields of study, "non-", "anti-" and
    "pro-" adjectives ("non-Quellan", "Anti-Varnian"), a stock ticker and its exchange ("(NYSE: QLB)") and a lawmaker's party
    and state ("Sen. Orla Quist, D-N.Y.,")."""
    body = article.body
    tags = [m.span() for m in _TICKER.finditer(body)] if ":" in body else []
    if "-" in body:
        tags.extend(m.span() for m in _PARTY_STATE.finditer(body))
    tagged = _covered(len(body), tags) if tags else bytearray()
    kept = []
    for span in spans:
        if tags and span.type in _NAME_TYPES and tagged.find(0, span.start, span.end) == -1:
            continue  # inside a ticker or a party tag
        if span.type in _NAME_TYPES:
            text = body[span.start : span.end]
            word_start = max(body.rfind(" ", 0, span.start), body.rfind("\n", 0, span.start)) + 1
            word_end = len(body)
            for stop in (" ", "\n"):
                found = body.find(stop, span.end)
                if found != -1:
                    word_end = min(word_end, found)
            words = body[word_start:word_end]
            if _ADDRESS.search(words) or _TIME_ZONE.fullmatch(text) or text.lower() in _GENERIC:
                continue
            if _SITE_FURNITURE.fullmatch(text):
                continue  # "our Privacy Policy": the website's, no organization
            if span.type == "group" and text.rpartition(" ")[2].lower() in _WRITERS_JOBS:
                continue  # "By Orla Quist, Employment Correspondent": a writer's job, no organization
            if _PART_OF_A_YEAR.fullmatch(text):
                continue  # "set-top boxes in Q4", "FY2010 sales": a quarter or a year, no place
            if _a_common_abbreviation(text, article.patterns.common_abbreviations):
                continue  # "AI", "CCTV", "the MVP": a thing, written short
            if text.startswith("non-") or (" " not in text and text.lower().startswith(_STANCE_PREFIXES)):
                # "the non-Quellan population", "Anti-Quellan forces": an adjective; "Anti-Varn League"
                # is a name
                continue
            if text.lower() in article.patterns.disciplines:
                continue  # "a Ph.D. in Linguistics": a field of study
            if _an_amount(text) or _a_currency_of_amounts(text, body):
                continue  # "250 MXN", "CUC 25", then "in DKK": money, no group or person
            if _a_title_before_a_name(text, body, span.end, article.patterns):
                continue  # "Sgt" of "Detective Sgt. Orla Quist", "Very" of "the Very Rev Ed Varn"
        kept.append(span)
    return kept


def _a_title_before_a_name(text: str, body: str, end: int, patterns: Patterns) -> bool:
    """Is ``text`` one word of a person's title, or a whole title of several, alone, right before a
    capitalized word ("Sgt" of "Detective Sgt. Orla Quist", "Very" of "the Very Rev Ed Varn", "Datuk Seri" of
    "Datuk Seri Orla Quist")?

    >>> from pipeline.wordlists import load_patterns
    >>> body = "Detective Sgt. Orla Quist and the Very Rev Ed Varn met Sgt Pepper's fans with Datuk Seri Ilse Osk."
    >>> words = ("Sgt", "Very", "Varn", "Datuk Seri", "Ilse Osk")
    >>> [_a_title_before_a_name(w, body, body.index(w) + len(w), load_patterns()) for w in words]
    [True, True, False, True, False]
    """
    if not text[:1].isupper():
        return False
    if " " in text:  # a title of several words, whole: "Datuk Seri" of "Datuk Seri Orla Quist"
        if tuple(text.lower().replace(".", "").replace("'", "").split()) not in patterns.person_titles:
            return False
    elif text.lower().rstrip(".") not in _title_words(patterns):
        return False
    after = body[end : end + 3].lstrip(". ")
    return after[:1].isupper()


#: A three-letter code written right before or after an amount: "USD 25", "225 DKK", "4.5 million EUR";
#: not a year ("a 2019 NPR interview", "By 2025 AMD expects").
_CODE_BESIDE_AN_AMOUNT = re.compile(
    r"\b([A-Z]{3})\s?(?!(?:1[5-9]|20)\d\d\b)\d"
    r"|(?<![\d.,])(?!(?:1[5-9]|20)\d\d\b)\d[\d.,]*(?:\s?(?:million|billion|bn|mn|m|k))?\s?([A-Z]{3})\b(?!-)"
)


#: An amount of money the model took for a name: a currency's sign or short name and a number ("Rs
#: 1,486.40", "RM1.10", "HK$6.05", "NT$300 million").
_AN_AMOUNT = re.compile(
    r"(?:[A-Z]{0,3}\$|[£€¥₹₱₩]|Rs\.?|RM|Rp|Php|KSh|Ksh|Sh|(?P<code>[A-Z]{3})(?=\s?\d))\s?\d[\d,.]*"
    r"(?:\s?(?:k|m|bn|mn|b|million|billion|trillion|crore|lakh|cr))?"
)


def _an_amount(text: str) -> bool:
    """Is ``text`` an amount of money (:data:`_AN_AMOUNT`), an ISO code's among them a currency's?

    >>> [_an_amount(t) for t in ("Rs 1,486.40", "HK$6.05", "INR 1,200", "RM1.10", "BBC 1", "Apollo 11", "Rs")]
    [True, True, True, True, False, False, False]
    """
    amount = _AN_AMOUNT.fullmatch(text)
    if amount is None:
        return False
    from pipeline.gazetteer import currency_codes

    return amount.group("code") is None or amount.group("code") in currency_codes()


def _a_currency_of_amounts(text: str, body: str) -> bool:
    """Is ``text`` a currency's ISO code that the article writes beside an amount somewhere ("225 DKK per
    hour" makes "berths at DKK" money too)?

    >>> _a_currency_of_amounts("DKK", "Boats: 225 DKK per hour. Berths paid in DKK."), _a_currency_of_amounts("DKK", "DKK said so.")
    (True, False)
    >>> _a_currency_of_amounts("NPR", "In a 2019 NPR interview she spoke."), _a_currency_of_amounts("AMD", "By 2025 AMD expects more.")
    (False, False)
    """
    if len(text) != 3 or not text.isupper():
        return False
    from pipeline.gazetteer import currency_codes

    if text not in currency_codes():
        return False
    return any(text in match.groups() for match in _CODE_BESIDE_AN_AMOUNT.finditer(body))


#: A quarter or a financial year, as business news writes them ("Q4", "Q3 2010", "FY2011"). Not a half
#: ("H1"): "H2" is a sector of Hebron too.
_PART_OF_A_YEAR = re.compile(r"Q[1-4](?:\s+(?:FY)?\d{2,4})?|FY\s?\d{2,4}")

#: A word of a team's or player's name in a results table: capitalized, or "&" ("Brighton & Hove").
_TABLE_WORD = r"(?:[A-Z][\w.'’-]*|&)"
_TABLE_NAME = rf"{_TABLE_WORD}(?:[ \t]+{_TABLE_WORD}){{0,4}}"
#: A result, "Quellby 2 Varn Rovers 1" or, as North American papers write it, "Quellby 4, Varn 3 (OT)",
#: or a standings row, "Quellby 4 3 0 1 8 4 9": a whole line.
_RESULT_LINE = re.compile(
    rf"^[ \t]*(?P<home>{_TABLE_NAME})[ \t]+\d{{1,3}},?[ \t]+(?P<away>{_TABLE_NAME})[ \t]+\d{{1,3}}"
    r"(?:[ \t]+\((?:\d?OT|SO|ET|aet|pens?)\))?[ \t]*$"
    rf"|^[ \t]*(?P<row>{_TABLE_NAME})(?:[ \t]+-?\d{{1,4}}){{3,}}[ \t]*$"
    # a match's summary: each side's goals with their scorers in brackets, then a full stop and more
    # ("Quellby 2 ( Orla Quist 34 , Ed Varn 60 ) Varn Rovers 0 . Halftime 1-0 . Attendance 5,000 .")
    rf"|^[ \t]*(?P<summary_home>{_TABLE_NAME})[ \t]+\d{{1,3}}[ \t]+(?:\((?P<home_scorers>[^()\n]*)\)[ \t]+)?"
    rf"(?P<summary_away>{_TABLE_NAME})[ \t]+\d{{1,3}}(?:[ \t]+\((?P<away_scorers>[^()\n]*)\))?[ \t]*\.(?:[ \t].*)?$",
    re.MULTILINE,
)
#: A scorer in a match's summary: a name of two or three capitalized words, before the minutes.
_SCORER = re.compile(
    r"[ \t]*(?P<name>[A-Z][\w'’-]+(?:[ \t]+[A-Z][\w'’-]+){1,2})(?:[ \t]+\d{1,3})+(?:[ \t]+[a-z]+)?[ \t]*"
)
#: Result lines an article needs before its lines count as a table: one such line may be anything.
MIN_TABLE_LINES = 2


def results_tables(spans: list[CharSpan], article: ArticleText) -> list[CharSpan]:
    """The names in the lines of a results table ("Quellby 2 Varn Rovers 1", a standings row "Quellby 4 3
    0 1 8 4 9") are teams, which the small model misses or calls people and places: each is a group. Rows
    with no result beside them may rank players: a row the model called a person, or that starts with a
    given name, is a person. The lines count only when the article has :data:`MIN_TABLE_LINES` of them;
    other names overlapping a table's give way."""
    body = article.body
    if body.count("\n") < MIN_TABLE_LINES:
        return spans
    lines = list(_RESULT_LINE.finditer(body))
    if len(lines) < MIN_TABLE_LINES:
        return spans
    names: list[tuple[int, int, bool]] = []  # (start, end, in a standings row)
    scorers: list[tuple[int, int]] = []
    nouns = article.common_words[0] if article.common_words else frozenset()
    people = {(s.start, s.end) for s in spans if s.type == "person"}
    for line in lines:
        if line.group("summary_home") is not None and all(
            line.group(side).lower() in nouns or line.group(side).lower() in article.adjectives
            for side in ("summary_home", "summary_away")
        ):
            continue  # "Labour 31 ( ... ) Conservative 8 .", "Count 1 ( ... ) Guilty 10 .": no match's sides
        for group in ("home", "away", "row", "summary_home", "summary_away"):
            if line.group(group) is not None:
                start, end = line.span(group)
                if not _RESULT_LINE_SKIP.fullmatch(body, start, end):
                    names.append((start, end, group == "row"))
        for group in ("home_scorers", "away_scorers"):
            if line.group(group):
                # a scorer opens on a given name or is a person the model read ("North Sea 2" is none)
                scorers.extend(
                    (a, b)
                    for a, b in _scorers(body, *line.span(group))
                    if body[a:b].split()[0] in article.given_names or (a, b) in people
                )
    # Results between two sides are played by teams, and so are the rows of a table beside them; rows
    # alone may rank players ("Orla Quist 68 70 71 209").
    teams = any(not row for _, _, row in names)
    people = {(s.start, s.end) for s in spans if s.type == "person"}
    tabled = _covered(len(body), [(start, end) for start, end, _ in names] + scorers)
    # what the model read over a team's or a scorer's name gives way, a number aside ("VfB Varn" as a work)
    kept = [s for s in spans if s.type == "number" or tabled.find(1, s.start, s.end) == -1]
    for start, end, row in names:
        words = body[start:end].split()
        player = (
            row
            and not teams
            and ((start, end) in people or (len(words) > 1 and words[0] in article.given_names))
        )
        if player:
            kept.append(CharSpan(start, end, "PERSON", "person", "table"))
        else:
            kept.append(CharSpan(start, end, "ORG", "group", "table"))
    kept.extend(CharSpan(start, end, "PERSON", "person", "table") for start, end in scorers)
    return sorted(kept, key=lambda s: (s.start, s.end))


def _scorers(body: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) of the scorers named between ``start`` and ``end``, a summary's brackets: "Orla Quist
    34 , Ed Varn 60 penalty" (a name without its minutes is left to the model)."""
    found = []
    cursor = start
    for part in body[start:end].split(","):
        match = _SCORER.fullmatch(part)
        if match:
            found.append((cursor + match.start("name"), cursor + match.end("name")))
        cursor += len(part) + 1
    return found


#: A list of a match report's players: a team or a label, a colon, then the players separated by
#: semicolons and commas, up to the line's end or the next list on the line ("Quellby: O Quist; T Varn, I
#: Osk-Tarn (R Brann 60), Ed Varn (capt). Subs Not Used: Marr, Tell.").
_LINEUP = re.compile(
    r"(?:^|(?<=\.)[ \t]+)(?P<team>[A-Z][^\n:;,.]{0,40}):[ \t]+"
    r"(?P<players>[^\n]*?)(?=\.[ \t]+[A-Z][^\n:;,.]{0,40}:[ \t]|$)",
    re.MULTILINE,
)
#: A player: a surname, with an initial or a given name before it ("O Quist", "J-B Varn", "Ed O'Tarn").
_PLAYER = re.compile(r"(?:[A-Z](?:-[A-Z])?\.?[ ]|[A-Z][a-zà-ÿ]+[ ])?[A-Z][\w'’-]*[a-zà-ÿ][\w'’-]*")
#: A player's initials before the surname: "O Quist", "J-B Osk", "T. Varn".
_INITIAL = re.compile(r"[A-Z](?:-[A-Z])?\.?[ ]")
#: What may follow a player in a line-up: a substitute or a note in brackets, a minute, a full stop.
_PLAYER_NOTES = re.compile(r"(?:[ ]*\([^)]*\)|[ ]+\d{1,3}(?:[ ]?mins?)?)*[.]?$")
#: A substitute coming on, in brackets after the player he replaced, and the minute, of two digits or
#: three: "(Marr 61)", "(O Tell 75)"; not "(Gate 4)".
_SUBSTITUTION = re.compile(r"\((?:[A-Z]\.?[ ])?[A-Z][\w'’-]+(?:[ ][A-Z][\w'’-]+)?[ ]\d{2,3}\)")
#: A player's role in brackets after his name in a side: "( captain )", "(wk)", "(gk)".
_ROLE_NOTE = re.compile(r"\([ ]*(?:captain|capt|wicketkeeper|wk|keeper|goalkeeper|gk)[ ]*\)", re.IGNORECASE)
#: Players a line-up names at least, and the share of its items (%) written as players are.
LINEUP_PLAYERS = 5
_LINEUP_SHARE = 80
#: A side by surnames alone names this many players, a substitution among them (football's 11, rugby's 15).
_SIDE = range(10, 17)
#: The labels of a match report's other lists of players, read once the report has a line-up.
_LINEUP_LABELS = frozenset(
    {"subs", "substitutes", "subs not used", "subs used", "replacements", "booked", "sent off", "goals"}
    | {"scorers", "scorer", "tries", "cons", "pens", "dropped goals", "referee", "ref", "umpires", "umpire"}
)


def _substituted(players: str, nouns: frozenset[str]) -> bool:
    """Does a substitute come on in ``players`` ("(Marr 61)"), by a name that is no common noun ("(Platform
    12)" of a line's stations)?"""
    return any(
        note.group().strip("()").split()[-2].lower() not in nouns for note in _SUBSTITUTION.finditer(players)
    )


def lineups(spans: list[CharSpan], article: ArticleText) -> list[CharSpan]:
    """The players of a team's line-up ("Quellby: O Quist; T Varn, I Osk ...") are people, which the
    small model misses or calls organizations ("O Quist") when their initials stand alone: each is a
    person (origin ``table``), in place of what overlaps it. A line counts when it follows a team the
    article names (an organization or a place: "Quellby", "Varnland"), names :data:`LINEUP_PLAYERS`
    players or more, nearly all its items are written as players are (no street's, club's or venue's
    head), and most of them with an initial or a given name, or, by surnames alone, it names a side
    (:data:`_SIDE`) with a substitution or a player's role in it ("Quist (Marr 61)", "Tarn ( captain )").
    Once a report has a line-up, its lists after a match report's label are players too ("Subs Not Used:
    Marr, Tell", "Booked: Osk").
    "Companies reporting: J Sainsbury, N Brown ...", "Roads closed: Albert Road, ...", "Terminal 2:
    Alaska, Great Lakes, Spirit" and a sentence after a colon are left alone.

    >>> from pipeline.extract.spans import ArticleText
    >>> from pipeline.wordlists import load_patterns
    >>> body = "It rained.\\n\\nQuellby: O Quist; T Varn, I Osk-Tarn, Ed Brann (R Tell 60), J-B Orr."
    >>> found = lineups([CharSpan(12, 19, "GPE", "place")], ArticleText(body, (), load_patterns()))
    >>> [(body[s.start : s.end], s.type) for s in found]
    [('Quellby', 'place'), ('O Quist', 'person'), ('T Varn', 'person'), ('I Osk-Tarn', 'person'), ('Ed Brann', 'person'), ('J-B Orr', 'person')]
    """
    body = article.body
    if ":" not in body or (";" not in body and body.count(",") < LINEUP_PLAYERS):
        return spans
    sides: list[tuple[int, int]] = []
    labelled: list[tuple[int, int]] = []
    # a team's name in capitals above its line-up is the team ("QUELLBY: O Quist; ...")
    teams = {body[s.start : s.end].lower() for s in spans if s.type in {"group", "place"}}
    nouns = article.common_words[0] if article.common_words else frozenset()
    patterns = article.patterns
    heads = patterns.group_heads | patterns.place_heads | patterns.building_heads
    for line in _LINEUP.finditer(body):
        start = line.start("players")
        items = []
        for item in re.finditer(r"(?:\([^)\n]*\)|[^;,(])+", line["players"]):  # "Osk (1-6, 0-4f)" is one
            text = item.group().strip()
            at = start + item.start() + item.group().index(text) if text else 0
            notes = _PLAYER_NOTES.search(text)
            name = text[: notes.start()] if notes else text
            items.append((at, name))
        # a player's name, not a street's, a club's or a venue's ("Roads closed: Albert Road, ...")
        written = [
            (at, name)
            for at, name in items
            if _PLAYER.fullmatch(name) and name.split()[-1].lower() not in heads
        ]
        if not written or len(written) * 100 < len(items) * _LINEUP_SHARE:
            continue
        found = [(at, at + len(name)) for at, name in written]
        team = line["team"].strip()
        if team.lower() in _LINEUP_LABELS:
            labelled.extend(found)
            continue
        if team.lower() not in teams:
            continue  # a side is a team the article names: not "Companies reporting: J Sainsbury, ..."
        # most with an initial or a given name: "Airlines: Alaska, Sun Country, Air Canada" lists no one
        people = [
            name for _, name in written if _INITIAL.match(name) or name.split()[0] in article.given_names
        ]
        known_places = sum(name in article.places or name in article.linked_places for _, name in written)
        side = (
            len(items) in _SIDE
            and (_substituted(line["players"], nouns) or _ROLE_NOTE.search(line["players"]) is not None)
            and known_places <= 1  # "Varnchester: Piccadilly; Salford, Quellby ...": a line's stations
            # a player is one surname, or two at most now and then ("Ortega Blanco"); not "Air Osk"
            and sum(" " in name and not _INITIAL.match(name) for _, name in written) * 4 <= len(written)
        )
        if len(written) >= LINEUP_PLAYERS and (len(people) * 2 >= len(written) or side):
            sides.extend(found)
    if not sides:
        return spans
    players = sides + labelled
    taken = _covered(len(body), players)
    kept = [s for s in spans if taken.find(1, s.start, s.end) == -1]
    kept.extend(CharSpan(a, b, "PERSON", "person", "table") for a, b in players)
    return sorted(kept, key=lambda s: (s.start, s.end))


#: A player's name in a cricket scorecard: one to three capitalized words ("Tarn", "Orla Quist").
_CARD_NAME = r"[A-Z][\w'’-]+(?:[ ][A-Z][\w'’-]+){0,2}"
#: A batting row of a cricket scorecard: the batsman (initials and a surname, or a name), how he was out
#: and by whom, and his runs ("M. Quist c Tarn b Osk 31", "N. Varn lbw b Osk 8", "Ed Brann not out 87").
_BATTING_ROW = re.compile(
    rf"^[ \t]*(?P<batsman>(?:[A-Z]\.[ ]?){{1,3}}[A-Z][\w'’-]+|{_CARD_NAME})[ ]+"
    rf"(?:c[ ]+(?P<catcher>{_CARD_NAME})[ ]+b[ ]+(?P<bowler>{_CARD_NAME})"
    rf"|st[ ]+(?P<keeper>{_CARD_NAME})[ ]+b[ ]+(?P<stumped_by>{_CARD_NAME})"
    rf"|c[ ]+&[ ]+b[ ]+(?P<caught_and_bowled>{_CARD_NAME})"
    rf"|(?:lbw[ ]+|hit[ ]+wicket[ ]+)?b[ ]+(?P<bowled_by>{_CARD_NAME})"
    rf"|run[ ]+out(?:[ ]*\([^)\n]*\))?|not[ ]+out|retired[ ]+hurt)[ ]+\d{{1,3}}[ \t]*$",
    re.MULTILINE,
)
_CARD_PLAYERS = ("batsman", "catcher", "bowler", "keeper", "stumped_by", "caught_and_bowled", "bowled_by")


def scorecards(spans: list[CharSpan], article: ArticleText) -> list[CharSpan]:
    """The players of a cricket scorecard's batting rows ("M. Quist c Tarn b Osk 31") are people, which
    the small model misses or reads as places ("Tarn"): the batsman, the catcher, the wicketkeeper and
    the bowler, each a person (origin ``table``) in place of what overlaps it. The rows count only when
    the article has :data:`MIN_TABLE_LINES` of them.

    >>> from pipeline.extract.spans import ArticleText
    >>> from pipeline.wordlists import load_patterns
    >>> body = "Varnland first innings\\nM. Quist c Tarn b Osk 31\\nN. Varn lbw b Osk 8\\nEd Brann not out 87"
    >>> found = scorecards([CharSpan(31, 35, "GPE", "place")], ArticleText(body, (), load_patterns()))
    >>> [body[s.start : s.end] for s in found]
    ['M. Quist', 'Tarn', 'Osk', 'N. Varn', 'Osk', 'Ed Brann']
    """
    body = article.body
    if " b " not in body and " out " not in body:
        return spans
    rows = list(_BATTING_ROW.finditer(body))
    if len(rows) < MIN_TABLE_LINES:
        return spans
    players = [row.span(group) for row in rows for group in _CARD_PLAYERS if row.group(group)]
    taken = _covered(len(body), players)
    kept = [s for s in spans if s.type == "number" or taken.find(1, s.start, s.end) == -1]
    kept.extend(CharSpan(start, end, "PERSON", "person", "table") for start, end in players)
    return sorted(kept, key=lambda s: (s.start, s.end))


#: Row labels of a table that are no team: "Total", "Round 3", "Week".
_RESULT_LINE_SKIP = re.compile(r"(?i:total|totals|round|week|day|game|match|group|table|figure|page)")


#: A full name (two capitalized words or more) "of" a place: "Orla Quist of Varnby".
_OF_A_PLACE = re.compile(
    r"(?P<name>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)+)\s+of\s+(?P<place>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*)"
)


@functools.lru_cache(maxsize=8)
def _title_words(patterns: Patterns) -> frozenset[str]:
    """Every word of the person titles of ``patterns`` ("queen", "prince", "duke", "general"...)."""
    return frozenset(word for title in patterns.person_titles for word in title)


#: Two capitalized words joined by a hyphen, nothing else: "Quist-Varnby".
_HYPHENATED_PAIR = re.compile(r"([A-Z][\w'’]+)[-‐]([A-Z][\w'’]+)")
_LABEL_OF = {"person": "PERSON", "group": "ORG", "place": "GPE"}


def _names_alone(spans: list[CharSpan], body: str, places: frozenset[str]) -> dict[str, str]:
    """The type of each name the article tags on its own (the first tag's), and of its known places; a
    hyphenated pair the model tagged ("Quist-Varnby") is no evidence of one name: it is what is asked."""
    known = dict.fromkeys(places, "place")
    for span in spans:
        text = body[span.start : span.end]
        if span.type in _NAME_TYPES and not _HYPHENATED_PAIR.fullmatch(text):
            known.setdefault(text, span.type)
    return known


#: Offices held by one person that a name may run into: "Labour MP Orla Quist", "Quellby Mayor Orla Quist",
#: "Fianna Quell TD Orla Quist" (a member of the Dáil; of Scotland's, Ontario's, Quebec's parliaments).
_HOLDERS_OFFICES = frozenset({"mp", "mla", "mlc", "mep", "mk", "td", "msp", "mpp", "mna", "mha", "senator", "congressman", "congresswoman", "mayor",
                              "governor", "minister", "spokesman", "spokeswoman", "spokesperson", "chairman",
                              "chairwoman", "president", "leader", "councillor", "councilor", "premier",
                              "undersecretary", "under-secretary", "secretary"})  # fmt: skip
#: A member's office written in capitals after a party's name: "MP", "TD", "MLA".
_MEMBERS_OFFICES = frozenset({"mp", "mla", "mlc", "mep", "td", "msp", "mpp", "mna", "mha"})
#: A church's or a faith's adjective ending a name of two words or more ("Quellby Anglican"), and a
#: lower-case word after a name (the noun the adjective went with: "school").
_FAITH_BEFORE_A_NOUN = re.compile(
    r"(?<=\w)\s+(?:Anglican|Catholic|Christian|Baptist|Methodist|Presbyterian|Lutheran|Uniting|Orthodox|"
    r"Evangelical|Pentecostal|Jewish|Muslim|Islamic|Hindu|Buddhist|Sikh)$"
)
_LOWER_CASE_WORD = re.compile(r"\s+[a-z]")
#: Offices held by one person, with those that say nothing of a party or place before them ("Patrol
#: Chief"): a name the model called something else than a person, a group or a place loses them.
_OFFICES_OF_ONE = _HOLDERS_OFFICES | frozenset(
    {"chief", "commissioner", "secretary", "director", "sheriff", "coach", "ambassador", "treasurer", "judge",
     "justice", "captain", "officer", "inspector", "superintendent", "detective"}
)  # fmt: skip
#: Words before an office that say which one, not whose: "Federal Labour MP", "Former Varn Mayor".
_OFFICE_QUALIFIERS = frozenset(
    {"federal", "state", "former", "senior", "veteran", "shadow", "acting", "then"}
)


def _a_person_of_a_place(match: re.Match[str], article: ArticleText, tagged: set[str]) -> bool:
    """Is a name the model called an organization a person's and where she lives ("a son, Ewan Quist of
    Varnby", "Orla Tessaly of Quellby"): a given name and one or two more words, none a head noun, a
    verb or an adjective, then a place of the gazetteer or of the article?"""
    from pipeline.gazetteer import is_first_name, place_names

    words = match["name"].split()
    heads = article.patterns.group_heads | article.patterns.place_heads
    if not 2 <= len(words) <= 3 or not is_first_name(words[0]) or any(w.lower() in heads for w in words):
        return False
    verbs = article.common_words[1] if len(article.common_words) > 1 else frozenset()
    if any(word.lower() in verbs or word.lower() in article.adjectives for word in words):
        return False  # "the Winter Carnival of Magic": words of the language, an event's name
    place = match["place"]
    return place in tagged or place in article.linked_places or place in place_names()


def _office_and_holder(
    text: str, article: ArticleText, *, offices: frozenset[str] = _HOLDERS_OFFICES
) -> tuple[tuple[tuple[int, int] | None, str], tuple[int, int]] | None:
    """((party, its type), holder) as (start, end) in ``text`` when a name other than a person's is a
    party or a place, an office and a person's full name run together ("Federal Quellish Labour MP Orla
    Quist": "Quellish Labour" and "Orla Quist"): the office comes after one capitalized word or more,
    and two or three capitalized words follow it, the first a given name. None otherwise ("Quellby
    Mayor's Office", "Labour Party Leader" with no one after it).

    >>> from pipeline.wordlists import load_patterns
    >>> from pipeline.extract.spans import ArticleText
    >>> article = ArticleText("", (), load_patterns(None), given_names=frozenset({"Orla"}))
    >>> _office_and_holder("Federal Quell Labour MP Orla Quist", article)
    (((8, 20), 'group'), (24, 34))
    >>> _office_and_holder("Quell Labour MP Varn Quist", article), _office_and_holder("Orla MP Quist", article)
    (None, None)
    """
    words = [(m.start(), m.end(), m.group()) for m in re.finditer(r"\S+", text)]
    for index in range(1, len(words) - 2):
        office = words[index][2]
        if office.lower().rstrip(".") not in offices or not office[:1].isupper():
            continue
        before, holder = words[:index], words[index + 1 :]
        if len(holder) > 3 or holder[0][2] not in article.given_names:
            return None
        if not all(w[:1].isupper() and w.replace("-", "").replace("'", "").isalpha() for _, _, w in holder):
            return None
        while before and before[0][2].lower() in _OFFICE_QUALIFIERS:
            before = before[1:]
        if not all(w[:1].isupper() for _, _, w in before):
            return None
        party = (before[0][0], before[-1][1]) if before else None
        named = text[party[0] : party[1]] if party else ""
        kind = "place" if named in article.places else "group"
        return (party, kind), (holder[0][0], holder[-1][1])
    return None


def _purpose_in_the_name(tail: str, article: ArticleText) -> bool:
    """Is what follows "for the" or "on" part of an organization's name: two capitalized words or more
    naming no body, event or place of their own ("People for the Ethical Treatment of Animals", "Panel
    on Climate Change"; not "for the Premiership", "for the World Cup", "on Quellco")?"""
    capitalized = [word for word in tail.split() if word[:1].isupper()]
    if len(capitalized) < 2:
        return False
    patterns = article.patterns
    return head_word(tail) not in patterns.group_heads | patterns.place_heads | patterns.event_heads


def _two_words_on_a_head(name: str, heads: frozenset[str]) -> bool:
    """Is ``name`` an organization's name of its own: two capitalized words or more, built on a head
    noun ("Varn Bureau of Statistics")?"""
    words = name.split()
    return len(words) >= 2 and words[0][:1].isupper() and head_word(name) in heads


def reshaped(spans: list[CharSpan], article: ArticleText) -> list[CharSpan]:
    """Fixtures split in two, names cut at a hyphen made whole, a trailing "for the ..." phrase cut (and
    an organization's "on ..." after a word that is no head noun: "Council on" stays)."""
    body = article.body
    heads = article.patterns.group_heads
    tagged = {body[s.start : s.end] for s in spans if s.type == "place"}  # (the gazetteer's is not copied)
    all_heads = heads | article.patterns.place_heads
    result: list[CharSpan] = []
    known: dict[str, str] | None = None  # names the article tags on their own, when first needed
    covered: bytearray | None = None  # the characters inside a span, when first needed
    for span in spans:
        if span.type not in _NAME_TYPES:
            titled = None
            if span.type == "other":
                titled = _office_and_holder(body[span.start : span.end], article, offices=_OFFICES_OF_ONE)
            if titled is not None:
                # "Patrol Chief Orla Quist" called an event or a work: the person holding the office
                holder = titled[1]
                span = CharSpan(
                    span.start + holder[0], span.start + holder[1], "PERSON", "person", span.origin
                )
            result.append(span)
            continue
        text = body[span.start : span.end]
        if _demonym(text, (tagged,)) and _LOWER_CASE_WORD.match(body, span.end):
            # "the Quellbi groups" in the article of "Quellb": an adjective of the place, no name
            result.append(CharSpan(span.start, span.end, "NORP", "other", span.origin))
            continue
        two = []
        if "and" in text or "&" in text:  # the words before are read only for a name that may be two
            listed = _PLACES_OF.search(body, max(0, span.start - _PLACES_OF_REACH), span.start) is not None
            two = _two_places(text, (article.places, tagged), all_heads, listed=listed)
        if two:
            result.extend(
                CharSpan(span.start + a, span.start + b, "GPE", "place", span.origin) for a, b in two
            )
            continue
        hyphenated = _HYPHENATED_PAIR.fullmatch(text) if "-" in text or "‐" in text else None
        if hyphenated and text not in article.places:
            if known is None:
                known = _names_alone(spans, body, article.places)
            kinds = [known.get(part) for part in hyphenated.groups()]
            if kinds[0] and kinds[1]:
                # "the Quist-Varnby sparring", "Quellia-Varnists talks": two names the article has
                # named on their own, each its own
                result.extend(
                    CharSpan(
                        span.start + hyphenated.start(i),
                        span.start + hyphenated.end(i),
                        _LABEL_OF[kind],
                        kind,
                        span.origin,
                    )
                    for i, kind in ((1, kinds[0]), (2, kinds[1]))
                )
                continue
        faith = _FAITH_BEFORE_A_NOUN.search(text) if span.type == "group" else None
        if faith and _LOWER_CASE_WORD.match(body, span.end):
            # "a Quellby Anglican school": a place and a church's adjective before a common noun
            rest = text[: faith.start()]
            rest_kind = "place" if rest in article.linked_places or rest in tagged else "group"
            end = span.start + faith.start()
            result.append(CharSpan(span.start, end, _LABEL_OF[rest_kind], rest_kind, span.origin))
            continue
        # a person's name the model ran a party into holds the office written in capitals ("Fianna
        # Quell TD Orla Quist"): its words before it are no part of the name
        titled = (
            _office_and_holder(text, article)
            if span.type != "person"
            else _office_and_holder(text, article, offices=_MEMBERS_OFFICES)
        )
        if titled is not None:
            # "Quellish Labour MP Orla Quist said": a party, an office and its holder, run together
            (body_part, body_kind), holder = titled
            if body_part is not None:
                result.append(
                    CharSpan(
                        span.start + body_part[0],
                        span.start + body_part[1],
                        _LABEL_OF[body_kind],
                        body_kind,
                        span.origin,
                    )
                )
            result.append(
                CharSpan(span.start + holder[0], span.start + holder[1], "PERSON", "person", span.origin)
            )
            continue
        hometown = (
            _OF_A_PLACE.fullmatch(text) if span.type in {"person", "group"} and " of " in text else None
        )
        if hometown and span.type == "group" and not _a_person_of_a_place(hometown, article, tagged):
            hometown = None  # "Bank of Quellby", "University of Varn": an organization's name
        if hometown and not _title_words(article.patterns) & set(hometown["name"].lower().split()):
            # "Orla Quist of Varnby said": a person and where she lives; "Hilary of Poitiers", one given
            # name, and "Mary Queen of Scots", a title, are one name
            result.append(
                CharSpan(span.start, span.start + hometown.end("name"), "PERSON", "person", span.origin)
            )
            result.append(
                CharSpan(span.start + hometown.start("place"), span.end, "GPE", "place", span.origin)
            )
            continue
        et_al = _ET_AL.search(text)
        if et_al and et_al.start() > 0:
            result.append(CharSpan(span.start, span.start + et_al.start(), "PERSON", "person", span.origin))
            continue
        dated = _DATELINE_DAY.search(text)
        if dated and dated.start() > 0 and _DATE_AFTER.match(body, span.end):
            # "interviewed by Quellnews Saturday, January 31": the name ends before the dateline's day
            span = CharSpan(span.start, span.start + dated.start(), span.label, span.type, span.origin)
            text = body[span.start : span.end]
        honours = _POST_NOMINALS.search(text) if span.type == "person" else None
        if honours and honours.start() > 0:
            span = CharSpan(span.start, span.start + honours.start(), span.label, span.type, span.origin)
            text = body[span.start : span.end]
        clause = _CLAUSE_WORD.search(text)
        if clause:  # "Quist composed Varnala", "Orsa Quist this Court": two names and a clause's words
            for a, b in ((0, clause.start()), (clause.end(), len(text))):
                if text[a : a + 1].isupper():
                    result.append(
                        CharSpan(span.start + a, span.start + b, span.label, span.type, span.origin)
                    )
            continue
        fixture = _FIXTURE.match(text)
        if fixture and fixture.group("home")[:1].isupper() and fixture.group("away")[:1].isupper():
            for side in ("home", "away"):
                start, end = span.start + fixture.start(side), span.start + fixture.end(side)
                result.append(CharSpan(start, end, "ORG", "group", span.origin))
            continue
        venue = _AT_A_VENUE.search(text) if span.type != "place" and " at " in text else None
        if venue and venue.start() > 0 and head_word(venue.group("venue")) in _VENUE_HEADS:
            # "Leinster at Cape Town Stadium": a team and where it plays, run together; "the University of
            # Quellby at Varnton" and "Hospital at Osk" (no venue's head) stay one name
            result.append(
                CharSpan(span.start, span.start + venue.start(), span.label, span.type, span.origin)
            )
            result.append(CharSpan(span.start + venue.start("venue"), span.end, "FAC", "place", span.origin))
            continue
        honorific = _AND_AN_HONORIFIC.search(text) if span.type != "person" else None
        if honorific and honorific.start() > 0:
            # "Canal Plus and Mr" + "Quist's firm": the name ends before the next one's honorific
            span = CharSpan(span.start, span.start + honorific.start(), span.label, span.type, span.origin)
            text = body[span.start : span.end]
        pieces = _joined_names(text) if span.type != "person" else []
        pieces = pieces or (_two_bodies(text, heads) if span.type == "group" else [])
        if pieces:
            result.extend(
                CharSpan(span.start + a, span.start + b, span.label, span.type, span.origin)
                for a, b in pieces
            )
            continue
        dangling = _DANGLING.search(text)
        if dangling and dangling.start() > 0:
            # "Institute of Quellan Studies of" + "Varn Academy": a name cut after a function word runs on
            # over the capitalized words that follow it; a person's ("Orsa Quist of") stops before it.
            more = _TITLE_WORDS.match(body, span.end) if span.type != "person" else None
            if more and _AND_END.search(text) and head_word(text[: dangling.start()]) in heads:
                more = None  # "Varn Film Council and" + "Channel 9's": a second name, no part of this one
            if more and _LOCATIVE_END.search(text) and _POSSESSIVE.search(more.group()):
                more = None  # "Mt Varn on" + "Quellia's coast": where the place is, no part of its name
            end = more.end() if more else span.start + dangling.start()
            result.append(CharSpan(span.start, end, span.label, span.type, span.origin))
            continue
        cut = text.find(" for the ")
        if cut < 0 and span.type == "group":
            cut = text.find(" on ")  # "Quist and Varn on Oskco": a firm and what it reported on
        if cut > 0 and text.startswith(" for the ", cut) and _two_words_on_a_head(text[cut + 9 :], heads):
            # "Quellby University for the Varn Bureau of Statistics": two bodies, one working for the
            # other; "Society for the Prevention of Cruelty" stays whole
            result.append(CharSpan(span.start, span.start + cut, span.label, span.type, span.origin))
            result.append(CharSpan(span.start + cut + 9, span.end, "ORG", "group", span.origin))
            continue
        if (
            cut > 0
            and text[:cut].split()[-1].lower() not in heads
            and not _purpose_in_the_name(
                text[cut:].split(maxsplit=2 if text.startswith(" for the ", cut) else 1)[-1], article
            )
        ):
            result.append(CharSpan(span.start, span.start + cut, span.label, span.type, span.origin))
            continue
        tail = _HYPHEN_TAIL.match(body, span.end)
        if tail and not _name_tail(tail.group(), span.type):
            tail = None
        if tail and span.type == "place":
            pair = _hyphenated_places(text, tail, body[span.start : tail.end()], (article.places, tagged))
            if pair:  # "Quellia-Varnistan talks": two places, each its own
                result.extend([span, CharSpan(pair[0], pair[1], "GPE", "place", span.origin)])
                continue
        if tail and " " not in text and _HYPHENATED_PAIR.fullmatch(body[span.start : tail.end()]):
            if known is None:
                known = _names_alone(spans, body, article.places)
            second = tail.group()[1:]
            kind = known.get(second)
            joined = body[span.start : tail.end()]
            if kind and text in known and joined not in known:
                # "the Quellia-Varnist war": a place and an organization the article names on their own
                result.extend(
                    [span, CharSpan(tail.start() + 1, tail.end(), _LABEL_OF[kind], kind, span.origin)]
                )
                continue
        end = tail.end() if tail else span.end
        if tail and re.search(r"\s(?:of|for|on)\s", text):  # "Institute for Anglo" + "-Varish Studies"
            more = _TITLE_WORDS.match(body, end)
            end = more.end() if more else end
        regnal = _REGNAL.match(body, end) if span.type == "person" else None
        end = regnal.end() if regnal else end
        if span.type == "place" and end == span.end and head_word(text) not in article.patterns.place_heads:
            # "the Velmora sea"; a name with a head noun of its own is whole ("the Quell Ocean island":
            # an island in that ocean)
            landform = _LANDFORM.match(body, end)
            end = landform.end() if landform else end
        if span.type in {"place", "group"} and end == span.end and " " not in text:
            # "Shell" + " Cove": one word cut before the head noun of a place's name, which no other name
            # holds ("the Amazon River" is a place whatever the model called "Amazon")
            head = _PLACE_HEAD_AFTER.match(body, end)
            if head and not _TITLE_WORDS.match(body, head.end()):
                if covered is None:
                    covered = _covered(len(body), [(s.start, s.end) for s in spans])
                if covered.find(1, head.start(), head.end()) == -1:
                    span = CharSpan(span.start, span.end, "LOC", "place", span.origin)
                    end = head.end()
        if span.type == "group" and end == span.end:
            party = _PARTY.match(body, end)
            end = party.end() if party else end
        if tail and opened_by_one_of(body[span.start : end], article.patterns.group_prefixes):
            span = CharSpan(span.start, end, "ORG", "group", span.origin)  # "Jaish" + "-e-Quell"
        result.append(CharSpan(span.start, end, span.label, span.type, span.origin))
    return result


def _hyphenated_places(
    text: str, tail: re.Match[str], joined: str, places: tuple[frozenset[str] | set[str], ...]
) -> tuple[int, int] | None:
    """(start, end) of the second place when a place and a hyphen tail are two known places and the
    whole is none: "Quellia" + "-Varnistan"; None for "Guinea" + "-Bissau", one place.

    >>> body = "Quellia-Varnistan talks"
    >>> tail = _HYPHEN_TAIL.match(body, 7)
    >>> _hyphenated_places("Quellia", tail, body[:17], ({"Quellia", "Varnistan"},))
    (8, 17)
    >>> _hyphenated_places("Quellia", tail, body[:17], ({"Quellia", "Varnistan", "Quellia-Varnistan"},))
    """
    second = tail.group()[1:]
    known = [any(name in names for names in places) for name in (text, second, joined)]
    if not (known[0] and known[1]) or known[2] or re.search(r"[-‐]", second):
        return None
    return tail.start() + 1, tail.end()


#: What runs two names together: a slash, or a comma before another capitalized name.
_JOIN = re.compile(r"\s*/\s*|,\s+(?=[A-Z])")
#: After a comma, parts of the name before it: "Quist, Jr.", "Velmora, Inc.", "Port Quell, D.C.", and a
#: state's or country's code ("Drovenport, MD").
_NAME_SUFFIX = re.compile(r"(?:Jr|Sr|Inc|Ltd|LLC|Co|Corp|plc|AG|GmbH|D\.\s?C|[A-Z]{2,3})\b\.?")


def _joined_names(text: str) -> list[tuple[int, int]]:
    """(start, end) of each name in ``text`` when it holds several joined by slashes or commas, each
    starting with a capital; [] when it is one name.

    >>> _joined_names("Quellby / Drovenport"), _joined_names("Velmora, Department of Roads")
    ([(0, 7), (10, 20)], [(0, 7), (9, 28)])
    >>> _joined_names("Quist, Jr."), _joined_names("Quell, Varn and Osk Union"), _joined_names("north / south")
    ([], [], [])
    """
    pieces, cursor = [], 0
    for join in _JOIN.finditer(text):
        pieces.append((cursor, join.start()))
        cursor = join.end()
    if not pieces:
        return []
    pieces.append((cursor, len(text)))
    if "," in text and re.search(r"\s(?:and|&)\s", text[pieces[-1][0] :]):
        return []  # a series inside one name: "Quell, Varn and Osk Workers Union"
    for start, end in pieces:
        part = text[start:end]
        if not part[:1].isupper() or _NAME_SUFFIX.fullmatch(part):
            return []
    return pieces


#: "and" or "&" and an honorific ending a name: the start of another person's name ("and Mr").
_AND_AN_HONORIFIC = re.compile(rf"\s+(?:and|&)\s+(?:{'|'.join(sorted(HONORIFICS))})\.?$", re.IGNORECASE)
#: Head nouns of organizations that name portfolios too: "Health and Human Services".
_PORTFOLIO_HEADS = frozenset({"services", "security", "trust", "care"})


def _two_bodies(text: str, heads: frozenset[str]) -> list[tuple[int, int]]:
    """(start, end) of two organizations joined by one "and" or "&", when the first is a name of two
    words or more ending on an organization's head noun and the second starts with a capital ("Varn Film
    Council and Channel 9"); [] otherwise: "Food and Drug Administration", "Quell and Varn Bank", "Bank
    of Osk and Tarn" are one.

    >>> _two_bodies("Varn Film Council and Channel 9", frozenset({"council"}))
    [(0, 17), (22, 31)]
    >>> _two_bodies("Food and Drug Administration", frozenset({"administration"}))
    []
    """
    joins = list(re.finditer(r"\s+(?:and|&)\s+", text))
    if len(joins) != 1 or "," in text:
        return []
    join = joins[0]
    first, second = text[: join.start()], text[join.end() :]
    words = first.split()
    if len(words) < 2 or not second[:1].isupper() or not all(w[:1].isupper() for w in words[-2:]):
        return []
    if words[-1].lower() not in heads - _PORTFOLIO_HEADS or second.split()[0].lower() in heads:
        return []  # "Union Bank and Trust Company": the second opens on a head noun, one name's
    return [(0, join.start()), (join.end(), len(text))]


#: A line in capitals: this many letters at least, this share of them capitals.
_SHOUTING_LETTERS = 12
_SHOUTING_SHARE = 0.9


def names_in_capitals(spans: list[CharSpan], article: ArticleText) -> list[CharSpan]:
    """The spans without names found only in a line written in capitals (a headline or kicker left in
    the body: "SOCCER - QUELLBY GET LUCKY WIN, VARNBY IN SURPRISE DEFEAT."), where the model reads
    "DEFEAT" as a place: a name the rest of the article also writes, as it is or capitalized
    ("Quellby"), or a well-known place stays; a dateline's city stays."""
    body = article.body
    lines = _lines_in_capitals(body)
    if not lines:
        return spans
    starts = [start for start, _ in lines]

    def shouted(span: CharSpan) -> bool:
        index = bisect.bisect_right(starts, span.start) - 1
        return index >= 0 and span.end <= lines[index][1]

    # the rest of the article, with the lines in capitals blanked out
    rest = list(body)
    for start, end in lines:
        rest[start:end] = " " * (end - start)
    written = "".join(rest)

    def named_elsewhere(name: str) -> bool:
        # as written or capitalized ("QUELLBY" as "Quellby"): "defeat" in a sentence names nothing
        forms = "|".join(re.escape(form) for form in {name, name.title()})
        return re.search(rf"(?<!\w)(?:{forms})(?!\w)", written) is not None

    return [
        s
        for s in spans
        if s.type not in _NAME_TYPES
        or s.origin == "dateline"
        or not shouted(s)
        or body[s.start : s.end].title() in article.places
        or named_elsewhere(body[s.start : s.end])
    ]


def _lines_in_capitals(body: str) -> list[tuple[int, int]]:
    """(start, end) of each line of ``body`` written in capitals (see :data:`_SHOUTING_SHARE`).

    >>> _lines_in_capitals("QUELLBY WINS THE CUP AGAIN\\nQuellby won.\\nVARN 2 OSK 1")
    [(0, 26)]
    """
    found = []
    start = 0
    for line in body.split("\n"):
        letters = [ch for ch in line if ch.isalpha()]
        capitals = sum(ch.isupper() for ch in letters)
        if len(letters) >= _SHOUTING_LETTERS and capitals >= _SHOUTING_SHARE * len(letters):
            found.append((start, start + len(line)))
        start += len(line) + 1
    return found


def sentence_initial_words(spans: list[CharSpan], article: ArticleText) -> list[CharSpan]:
    """The spans without one-word names that the article also writes in lower case and capitalizes only
    at the start of a sentence, a line or a heading ("Wear shorts"), and without a common word that is
    a heading of its own ("Background" over a section), a word of the model's noun or verb lists. (A
    word the rest of the corpus writes in lower case is dropped after every article's extraction, by
    :mod:`pipeline.extract.openers`.)"""
    body = article.body
    starts_only: dict[str, bool] = {}
    headings: set[str] = set()
    # a dateline's dash starts the story's first sentence: "CAIRO — Gunmen opened fire"; a person there
    # is a name the model read in the sentence's own words ("WASHINGTON — Bush told reporters")
    after_datelines = {dateline.text for dateline in dateline_candidates(body)}
    for span in spans:
        text = body[span.start : span.end]
        if span.type in _NAME_TYPES and text.isalpha() and not text.isupper() and len(text) > 1:
            initial = starts_sentence(body, span.start) or (
                span.start in after_datelines and span.type != "person"
            )
            starts_only[text] = starts_only.get(text, True) and initial
            if _alone_on_its_line(body, span.start, span.end) and any(
                text.lower() in words for words in article.common_words
            ):
                headings.add(text)
    if headings:
        spans = [s for s in spans if s.type not in _NAME_TYPES or body[s.start : s.end] not in headings]
    if not any(starts_only.values()):
        return spans
    lower_words = set(re.findall(r"(?<![\w-])[a-z]+(?![\w-])", body))
    # a word of a longer name of the article is a name ("May" of "Orla May", "Bush" of "Quist Bush")
    in_names = {word for s in spans if s.type in _NAME_TYPES for word in body[s.start : s.end].split()[1:]}
    dropped = {
        text
        for text, initial in starts_only.items()
        if initial and text.lower() in lower_words and text not in in_names
    }
    return [s for s in spans if s.type not in _NAME_TYPES or body[s.start : s.end] not in dropped]


def _resident_towns(spans: list[CharSpan], article: ArticleText) -> list[CharSpan]:
    """The spans with the towns residents are named by (:data:`_TOWN_BEFORE_A_RESIDENT`) places."""
    body = article.body
    towns = {match.span("place") for match in _TOWN_BEFORE_A_RESIDENT.finditer(body)}
    if not towns:
        return spans
    # a word the article's model tags an organization elsewhere is one here too ("a Labour man")
    groups = {body[s.start : s.end] for s in spans if s.type == "group" and (s.start, s.end) not in towns}
    heads = article.patterns.group_heads
    result = []
    for span in spans:
        text = body[span.start : span.end]
        last = text.split()[-1].lower()
        if (
            (span.start, span.end) in towns
            and span.label in ("PERSON", "ORG")
            and text not in groups
            and not text.isupper()
            and head_word(text) not in heads
            and last not in article.adjectives
            and last not in article.patterns.peoples
        ):
            span = CharSpan(span.start, span.end, "GPE", "place", "hometown")
        result.append(span)
    return result


def _alone_on_its_line(body: str, start: int, end: int) -> bool:
    """Is [start, end) all of its line but spaces and a closing colon or full stop?"""
    before = body.rfind("\n", 0, start) + 1
    after = body.find("\n", end)
    return not body[before:start].strip() and not body[end : len(body) if after < 0 else after].strip(" \t:.")


#: Abbreviations whose full stop ends no sentence: an honorific's, a rank's or a title's ("Gen. Varn",
#: "St. Quellan").
_BEFORE_A_NAME = HONORIFICS | frozenset(
    {
        "st",
        "gen",
        "sen",
        "rep",
        "gov",
        "lt",
        "col",
        "capt",
        "sgt",
        "maj",
        "adm",
        "cmdr",
        "insp",
        "det",
        "supt",
        "mt",
        "ft",
    }
)


def starts_sentence(body: str, start: int) -> bool:
    """Does the word at ``start`` begin the body, a line, or a sentence (after ". ", "? ", "! ", a quote)?
    Not after an honorific's full stop ("by Mr. Quist").

    >>> body = "Quist left. Mr. Quist stayed: Varn came."
    >>> [starts_sentence(body, body.index(w)) for w in ("Quist left", "Mr.", "Quist stayed", "Varn")]
    [True, True, False, True]
    """
    index = start - 1
    while index >= 0 and body[index] in " \t\"'“‘":
        index -= 1
    if index >= 0 and body[index] == ".":
        word = re.search(r"(\w+)$", body[max(0, index - 12) : index])
        if word is not None and word.group(1).lower() in _BEFORE_A_NAME:
            return False
    return index < 0 or body[index] in "\n.?!:"


_COORDINATED = re.compile(r"(?P<left>.+?)\s+(?:and|&)\s+(?P<right>.+)")


#: A capitalized head noun of a place's name right after a one-word place: "Shell" + " Cove".
_PLACE_HEAD_AFTER = re.compile(
    r" (?:Cove|Bay|Beach|Creek|River|Island|Heights|Harbour|Harbor|Valley|Lake|Gorge|Peninsula|Headland|"
    r"Lagoon|Inlet)\b"  # not "Falls", "Springs", "Point", "Sound": verbs and nouns in a title-case line
)
#: Endings of an adjective or a noun of nationality made from a place's name: "Quellbi", "Varnian".
_DEMONYM_ENDINGS = ("i", "n", "ian", "ese")


def _demonym(text: str, places: tuple[frozenset[str] | set[str], ...]) -> bool:
    """Is ``text`` one word made of a place's name and an ending of nationality ("Kashmiri" of
    "Kashmir", "Kenyan" of "Kenya"), or a place's name without its "-stan" ("Afghan"), the place one of
    ``places`` (those the article names: "Coron" is no adjective of a "Coro" the gazetteer knows), four
    letters at least?

    >>> _demonym("Quellbi", ({"Quellb"},)), _demonym("Varnian", ({"Varn"},)), _demonym("Osk", ({"Os"},))
    (True, True, False)
    >>> _demonym("Quellak", ({"Quellakistan"},)), _demonym("Varn", ({"Varnistan"},))
    (True, True)
    """
    if " " in text or not text.isalpha() or not text[:1].isupper():
        return False
    if len(text) >= 4 and any(text + ending in known for ending in ("istan", "stan") for known in places):
        return True  # "Afghan" of "Afghanistan", "Kazakh" of "Kazakhstan"
    for ending in _DEMONYM_ENDINGS:
        stem = text[: -len(ending)]
        if text.endswith(ending) and len(stem) >= 4 and any(stem in known for known in places):
            return True
    return False


#: Places named in a list just before a name: "the towns of", "the border villages of".
_PLACES_OF = re.compile(
    r"\b(?:towns|cities|villages|suburbs|states|provinces|regions|districts|counties|islands|countries|"
    r"municipalities|settlements|ports)\s+of\s+$"
)
_PLACES_OF_REACH = 40


def _two_places(
    text: str, places: tuple[frozenset[str] | set[str], ...], heads: frozenset[str], *, listed: bool = False
) -> list[tuple[int, int]]:
    """(start, end) of the two places in "Quellby and Drovenport" when one of them is a known place (the
    gazetteer's or tagged a place in the article), or the text before names places in a list ("the
    towns of", ``listed``), and the whole is not ("Velmora and Osk", a country, stays one), no word is a
    head noun ("Quellby and Osk Council") and every word is capitalized.

    >>> _two_places("Quellby & Varn", ({"Varn"},), frozenset()), _two_places("Quellby and Varn", (set(),), frozenset())
    ([(0, 7), (10, 14)], [])
    >>> _two_places("Quellby and Varn", (set(),), frozenset(), listed=True)
    [(0, 7), (12, 16)]
    """
    coordinated = _COORDINATED.fullmatch(text)
    if coordinated is None or any(text in known for known in places):
        return []
    parts = [coordinated.span("left"), coordinated.span("right")]
    words = [w for a, b in parts for w in text[a:b].split()]
    if len(words) > 6 or not all(w[:1].isupper() for w in words) or any(w.lower() in heads for w in words):
        return []
    return parts if listed or any(text[a:b] in known for a, b in parts for known in places) else []


#: A capitalized word without digits ("Sang-hyeok", "O’Neill"), and a person's name with a nickname in
#: quotes between the given name and the surname: 'Orla “Quill” Varnsdottir', 'Kang "Osk" Tae-min', "Orla 'Osk' Varn".
_NAME_WORD = r"[A-Z][^\W\d_]*(?:[.-][^\W\d_]+|['’](?!s\b)[^\W\d_]+)*"
_NICKNAMED = re.compile(
    rf"(?P<given>{_NAME_WORD}(?:\s+{_NAME_WORD})?)\s+[“\"‘'](?P<nickname>{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,2}})[”\"’']"
    rf"\s+(?P<surname>{_NAME_WORD})"
)


#: A nickname given after a person's name: 'Orla Quist, known as "El Quill"', "Ed Varn, alias The Osk";
#: also after what a biography puts in brackets: "Orla Maria Quist (born 3 May 1980), better known by
#: her stage name Lady Osk", "Ed Varn (1901-1950), commonly known as Saint Edmund".
_KNOWN_AS = re.compile(
    r"(?:\s*\([^()]{0,200}\))?"
    r",?\s+(?:(?:(?:better|also|widely|popularly|commonly|professionally|simply) )?known (?:as|by (?:his|her|their|the)"
    r" (?:pseudonym|pen[ -]name|stage name|ring name|professional name|moniker|nickname))|alias|a\.k\.a\.|aka"
    r"|nicknamed|dubbed)\s+"
    rf"(?P<quote>[“\"‘']?)(?P<nickname>(?:(?:El|La|Los|Las|The|Le|Il)\s+)?{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,2}})"
    r"(?P<close>[”\"’']?)(?=[\s,.;:)!?]|$)(?!\s+[a-z])"
)


#: The name a person was born with, given in brackets after the name they go by: "Lady Osk (born Orla
#: Maria Quist; 3 May 1980)", "(born Ed Varn, 1950)"; two words at least, and no date ("born May 3").
_BORN_AS = re.compile(
    rf"\s*\(\s*(?:born|birth name:?|born as)\s+(?P<nickname>{_NAME_WORD}(?:\s+{_NAME_WORD}){{1,3}})"
    r"(?=\s*[;,)]|\s+(?:on|in)\s)"
)


#: A pen or stage name said to be one ("Lady Osk was the stage name of the singer Orla Quist"): the
#: person named within a few words after it.
_NAME_OF = re.compile(
    r"(?:\s*\([^()]{0,200}\))?\s+(?:is|was)\s+(?:the|a)\s+(?:pen|stage|ring|professional)[ -]name"
    r"\s+(?:of|for|used by)\s+(?P<between>(?:(?!(?:who|whom|that|which|and)\s)[\w-]+\s+){0,3})"
)


#: The words :data:`_KNOWN_AS`, :data:`_BORN_AS` and :data:`_NAME_OF` look for, found first in the body
#: at no cost.
_KNOWN_AS_WORDS = ("known as", "known by", "alias", "a.k.a.", "aka", "nicknamed", "dubbed", "(born ", " name")


def known_as(spans: Sequence[CharSpan], body: str) -> list[tuple[str, str, int, int]]:
    """(nickname, full name, start, end) of each nickname, pen name or name at birth the body gives
    after a person's full name ('Orla Quist, known as "El Quill",', "Lady Osk (born Orla Quist)", "Lady
    Osk was the stage name of Orla Quist"); start and end are the other name's offsets.

    >>> body = 'Orla Quist, known as "El Quill", fled. Varn, known as a fixer, stayed.'
    >>> known_as([CharSpan(0, 10, "PERSON", "person"), CharSpan(39, 43, "PERSON", "person")], body)
    [('El Quill', 'Orla Quist', 22, 30)]
    >>> body = "Lady Osk (born Orla Maria Quist; 1980) sang. Ed Varn (born May 3, 1950) did not."
    >>> known_as([CharSpan(0, 8, "PERSON", "person"), CharSpan(45, 52, "PERSON", "person")], body)
    [('Orla Maria Quist', 'Lady Osk', 15, 31)]
    >>> body = "Lady Osk was the stage name of singer Orla Quist."
    >>> known_as([CharSpan(0, 8, "PERSON", "person"), CharSpan(38, 48, "PERSON", "person")], body)
    [('Lady Osk', 'Orla Quist', 0, 8)]
    """
    found = []
    people = sorted((s for s in spans if s.type == "person"), key=lambda s: s.start)
    starts = [s.start for s in people]
    others = [(s.start, s.end) for s in spans if s.type != "person"]
    for span in people:
        name = body[span.start : span.end]
        if " " not in name:
            continue
        for pattern in (_KNOWN_AS, _BORN_AS):
            match = pattern.match(body, span.end)
            if match is None or (
                pattern is _KNOWN_AS and bool(match.group("quote")) != bool(match.group("close"))
            ):
                continue
            other, start, end = match.group("nickname"), match.start("nickname"), match.end("nickname")
            unquoted = pattern is _BORN_AS or not match.group("quote")
            if unquoted and any(a < end and b > start for a, b in others):
                continue  # "(born Mexico City, 1950)", "known as Quellcare": a place, a law
            if pattern is _BORN_AS and not _a_given_name(other.split()[0]):
                continue  # "(born May 3, 1950)", "(born Christmas Day, 1950)"
            found.append((other, name, start, end))
            break
        match = _NAME_OF.match(body, span.end)
        if match is not None:  # the person named next, a few words on, is the one the name is of
            index = bisect.bisect_left(starts, match.start("between"))
            if (
                index < len(people)
                and people[index].start <= match.end()
                and " " in body[people[index].start : people[index].end]
            ):
                found.append((name, body[people[index].start : people[index].end], span.start, span.end))
    return found


def _a_given_name(word: str) -> bool:
    from pipeline.gazetteer import is_first_name

    return word.lower() not in MONTHS and is_first_name(word)


def surnames_cut_off(spans: list[CharSpan], article: ArticleText) -> list[CharSpan]:
    """A person's name the model cut before its last word, which it tagged on its own ("Orla Tuuli" +
    "Varnkoski", an organization), is one person's: when the word follows the name after one space, is one
    capitalized word, not in capitals, and the article tags it as no organization or place anywhere else
    (but after an honorific: "Mr Varnkoski"), nor is it a well-known place.

    >>> from pipeline.extract.spans import ArticleText
    >>> from pipeline.wordlists import load_patterns
    >>> body = "Chief Orla Tuuli Varnkoski spoke; Quist Varnby and Ilse Tarn Quellco did not. Quellco agreed, Mr Varnkoski said."
    >>> names = [("Orla Tuuli", "person"), ("Varnkoski", "group"), ("Quist", "person"), ("Varnby", "place"),
    ...          ("Ilse Tarn", "person"), ("Quellco", "group")]
    >>> spans = [CharSpan(body.index(n), body.index(n) + len(n), "X", t) for n, t in names]
    >>> spans += [CharSpan(body.rindex(n), body.rindex(n) + len(n), "ORG", "group") for n in ("Quellco", "Varnkoski")]
    >>> article = ArticleText(body, (), load_patterns(), places=frozenset({"Varnby"}))
    >>> [(body[s.start : s.end], s.type) for s in surnames_cut_off(spans, article)][:5]
    [('Orla Tuuli Varnkoski', 'person'), ('Quist', 'person'), ('Varnby', 'place'), ('Ilse Tarn', 'person'), ('Quellco', 'group')]
    """
    body = article.body
    spans = sorted(spans, key=lambda s: (s.start, s.end))
    others: Counter[str] = Counter()
    for span in spans:
        if span.type in {"group", "place"}:
            before = body[max(0, span.start - 6) : span.start].split()
            if not (before and before[-1].rstrip(".").lower() in HONORIFICS):
                others[body[span.start : span.end]] += 1  # ("Mr Varnkoski", read as a group, is no other)
    result: list[CharSpan] = []
    index = 0
    while index < len(spans):
        span = spans[index]
        after = spans[index + 1] if index + 1 < len(spans) else None
        if after is not None and _cut_off(span, after, article, others):
            result.append(CharSpan(span.start, after.end, "PERSON", "person", span.origin))
            index += 2
        else:
            result.append(span)
            index += 1
    return result


def _cut_off(person: CharSpan, after: CharSpan, article: ArticleText, others: Counter[str]) -> bool:
    """Is ``after`` the surname cut off ``person`` (see :func:`surnames_cut_off`)?"""
    if person.type != "person" or after.type not in {"group", "place"} or after.start != person.end + 1:
        return False
    if person.origin != "model" or after.origin != "model" or article.body[person.end] != " ":
        return False
    word = article.body[after.start : after.end]
    return (
        word.isalpha()
        and word[:1].isupper()
        and word[1:].islower()
        and others.get(word, 0) == 1
        and word not in article.places
        and word not in article.linked_places
    )


def nicknamed_people(spans: list[CharSpan], article: ArticleText) -> list[CharSpan]:
    """A person named with a nickname in quotes ('Lee “Quill” Sang-min', 'Orla "Osk" Varnby') is one
    person's name, however the model cut it (the given name, the nickname and the surname as three
    names of three types, or one of them alone), when one of those pieces is a person's or the name opens
    on a given name (the word before the nickname: 'Veteran Orla "Quill" Varn'); the nickname
    alone elsewhere in the article ("Quill said") is that person too."""
    body = article.body
    if not any(quote in body for quote in "“\"‘'") and not any(word in body for word in _KNOWN_AS_WORDS):
        return spans
    spans = sorted(spans, key=lambda s: (s.start, s.end))
    starts = [s.start for s in spans]
    replaced: set[int] = set()  # indexes of the spans a whole name replaces
    added: list[CharSpan] = []
    nicknames: set[str] = set()
    for match in _NICKNAMED.finditer(body):
        start, end = match.span()
        # the spans that overlap the name: those starting before its end, back to the first that ends
        # after its start (the spans no longer overlap one another here)
        first = bisect.bisect_left(starts, end)
        inside = []
        while first > 0 and spans[first - 1].end > start:
            first -= 1
            inside.append(first)
        # a person's piece says whose name it is, or a given name opening it ('Orla "Quill" Varn' read
        # as an organization and a work)
        # (the surname no common noun: 'Kylie "Tension" Tour' names a tour)
        nouns = article.common_words[0] if article.common_words else frozenset()
        given_first = (
            bool(inside)
            and match.group("given").split()[-1] in article.given_names
            and match.group("surname").lower() not in nouns
        )
        if not (given_first or any(spans[i].type == "person" for i in inside)) or any(
            spans[i].start < start or spans[i].end > end or i in replaced for i in inside
        ):
            continue
        given = match.group("given")
        if " " in given and not any(spans[i].start <= start < spans[i].end for i in inside):
            start += given.index(" ") + 1  # "Veteran Lee “Quill” ...": a word no name of the model's holds
        replaced.update(inside)
        added.append(CharSpan(start, end, "PERSON", "person", spans[min(inside)].origin))
        nicknames.add(match.group("nickname"))
    for nickname, _, start, end in known_as(spans, body):  # 'Orla Quist, known as "El Quill",'
        inside = [i for i, s in enumerate(spans) if s.start < end and s.end > start]
        if all(spans[i].start >= start and spans[i].end <= end for i in inside):
            replaced.update(inside)
            added.append(CharSpan(start, end, "PERSON", "person", "model"))
            nicknames.add(nickname)
    if not nicknames:
        return spans
    spans = [s for i, s in enumerate(spans) if i not in replaced] + added
    for span in spans:
        if body[span.start : span.end] in nicknames and span.type != "person":
            span.label, span.type = "PERSON", "person"  # "Quill" the model called an organization
    taken = _covered(len(body), [(s.start, s.end) for s in spans])
    alone = "|".join(re.escape(n) for n in sorted(nicknames, key=lambda n: (-len(n), n)))
    for found in re.finditer(rf"(?<![\w“\"])(?:{alone})(?![\w”\"])", body):
        if taken.find(1, found.start(), found.end()) == -1:  # "Quill lifted the cup", untagged
            spans.append(CharSpan(found.start(), found.end(), "PERSON", "person", "propagated"))
    return sorted(spans, key=lambda s: (s.start, s.end))


#: A person's age and where they live, after their name: ", 31, of Varnby", " (31), from Osk Bay".
_AGE_AND_HOMETOWN = re.compile(
    r"(?:,\s*\d{1,3},|\s*\(\d{1,3}\),?)\s+(?:of|from)\s+"
    r"(?P<place>[A-Z][\w'’-]*?(?:\s+[A-Z][\w'’-]*?){0,2})(?=['’]s\b|[^\w'’-]|$)"
)


#: A resident named by their town before "man", "woman"...: "a 34-year-old Varnby man", "an Osk Bay
#: woman". Not after "the": "the Quist family", "the Quellia women" (a team).
_TOWN_BEFORE_A_RESIDENT = re.compile(
    r"\b[Aa]n?\s+(?:[\w-]+-year-old\s+)?(?P<place>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,2})\s+"
    r"(?:man|woman|boy|girl|teen|teenager|toddler|resident|motorist|driver|pedestrian|cyclist|mother|father"
    r"|grandmother|grandfather|native|homeowner)\b"
)


def hometowns(spans: list[CharSpan], article: ArticleText) -> list[CharSpan]:
    """The capitalized words after a person's name and age, "of" or "from" ("Orla Quist, 31, of Varnby"),
    are where the person lives: a place, whatever the model called them (a product, nothing), unless the
    model found an organization there with a head noun or in capitals ("Quist, 31, of Varn Council").
    So is the town a resident is named by, which the model read as a person or an organization ("a
    34-year-old Varnby man", "a Broken Osk woman"), unless it is a people's adjective ("an Aboriginal
    boy") or an organization of the article ("a Labour man" where Labour is a party)."""
    spans = _resident_towns(spans, article)
    body = article.body
    if "of " not in body and "from " not in body:
        return spans
    people = {s.end for s in spans if s.type == "person"}
    found = [match.span("place") for match in _AGE_AND_HOMETOWN.finditer(body) if match.start() in people]
    if not found:
        return spans
    ordered = sorted(spans, key=lambda s: (s.start, s.end))
    starts = [s.start for s in ordered]
    dropped: set[int] = set()
    added = []
    heads = article.patterns.group_heads
    for start, end in found:
        first = bisect.bisect_left(starts, start)
        last = bisect.bisect_left(starts, end)
        overlapping = [i for i in range(max(0, first - 1), last) if ordered[i].end > start]
        keep = False
        for i in overlapping:
            span = ordered[i]
            text = body[span.start : span.end]
            if span.type == "place" or (
                span.type == "group" and (head_word(text) in heads or text.isupper() or " " in text)
            ):
                keep = True
        if keep:
            continue
        dropped.update(overlapping)
        added.append(CharSpan(start, end, "GPE", "place", "hometown"))
    kept = [span for i, span in enumerate(ordered) if i not in dropped]
    return sorted(kept + added, key=lambda s: (s.start, s.end))
