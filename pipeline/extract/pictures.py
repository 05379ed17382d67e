"""Names in the captions of an article's pictures and in its byline, which
:attr:`pipeline.records.Article.text` puts after its body: who is in the picture (origin ``caption``, as
the model and the repairs read them), and who took or supplied it or wrote the story (origin ``credit``).

A credit is read from its layout, not by the model, which reads it badly: "AP Photo/Orla Quist" as one
organization, "Image: O Quist" as nothing. After "Image:", "Photo:", "Photo by", "Picture courtesy of",
"(AP Photo/" or a byline's "Reporting by", each part between slashes, commas or "and" is a person's name
(two to four capitalized words, initials allowed, no word of an organization's, a place's or a thing's,
the first a given name or none a word of the language) or else an agency, and an agency before "Photo"
is one too; a writer's "in Varnby" is a place. Titles ("Staff Photographer"), dates and placeholders
("File", "Handout", "Pool") name nobody; a part in lower case ("Photo: Orla Quist, left, at the port")
makes the whole no credit, a caption the model reads.

>>> from pipeline.extract.spans import ArticleText
>>> from pipeline.wordlists import load_patterns
>>> body = "Rain fell." + CAPTIONS_BREAK + "Orla Quist at home. (AP Photo/Ada Lind, File)"
>>> model = [CharSpan(0, 4, "PERSON", "person"), CharSpan(13, 23, "PERSON", "person"), CharSpan(35, 51, "ORG", "group")]
>>> [(body[s.start : s.end], s.type, s.origin) for s in pictures(model, ArticleText(body, (), load_patterns()))]
[('Rain', 'person', 'model'), ('Orla Quist', 'person', 'caption'), ('AP', 'group', 'credit'), ('Ada Lind', 'person', 'credit')]
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from pipeline.dates import CALENDAR_WORDS
from pipeline.extract.entities import HONORIFICS, THING_HEADS, CharSpan
from pipeline.names import COMPANY_WORDS, NAME_PARTICLES
from pipeline.records import CAPTIONS_BREAK

if TYPE_CHECKING:  # spans imports this module
    from pipeline.extract.spans import ArticleText

#: A credit: an agency before the word for the picture (opening a line or a bracket), the word, and who
#: took or supplied it, up to the end of the line or bracket; or a part of the story's byline ("Reporting
#: by Ada Lind in Varnby; Editing by Orla Quist").
_CREDIT = re.compile(
    r"(?:(?:(?<=\()|^)(?P<agency>(?-i:[A-Z])[\w.&'-]*(?:\s+(?-i:[A-Z])[\w.&'-]*)?)\s+)?"
    r"\b(?:photo|photograph|picture|pic|image|illustration)s?(?:\s+credit)?"
    r"(?:\s*[:/]|\s+by\b|\s+courtesy\s+of\b)\s*(?P<who>[^()|;\n]+)"
    r"|\b(?:reporting|editing|writing|compiled|research|graphics)\s+by\s+(?P<byline>[^()|;\n]+)"
    # an agency and its photographer of two words or more, opening a bracket or a line: "(Xinhua/Ada
    # Lind)", "JP/Ada Lind"; not "(AC/DC)"
    r"|(?:(?<=\()|^)(?P<wire>(?-i:[A-Z])[\w&.-]{1,10})/(?P<slashed>(?-i:[A-Z])[\w.'’-]*\s+(?-i:[A-Z])[^()|;\n]*)",
    re.IGNORECASE | re.MULTILINE,
)
#: Where a writer was ("Ada Lind in Varnby"): a place of the caption.
_WHERE = re.compile(
    r"\s+in\s+(?P<place>(?-i:[A-Z])[\w.'’-]*(?:\s+(?-i:[A-Z])[\w.'’-]*){0,3})$", re.IGNORECASE
)
#: Where a credit ends before its line does: a sentence's end, a dash ("Image: Ada Lind - Orla Quist on
#: stage"), a colon.
_CREDIT_END = re.compile(
    r"(?<=[\w'’]{2})(?<!\bHon)(?<!\bDr)(?<!\bGov)(?<!\bSen)(?<!\bRep)(?<!\bMr)(?<!\bMrs)(?<!\bMs)(?<!\bSt)(?<!\bJr)"
    r"\.\s|\s[-–—]\s|:\s"
)
#: Parts of a credit that name nobody: what the picture is, who took it as a job, not a name.
_NOBODY = frozenset(
    {
        "file",
        "handout",
        "pool",
        "supplied",
        "courtesy",
        "archive",
        "stock",
        "staff",
        "submitted",
        "photo",
        "photos",
    }
    | {"photographer", "photographers", "photography", "contributor", "correspondent", "freelance", "reader"}
    | {"senior", "chief", "special", "contributed", "provided", "screenshot", "screengrab", "video", "still"}
    | CALENDAR_WORDS
)
#: Words of an agency's or a picture library's name, never of a person's.
_AGENCY_WORDS = frozenset(
    {
        "images",
        "image",
        "photos",
        "photo",
        "pictures",
        "press",
        "agency",
        "news",
        "media",
        "archive",
        "archives",
    }
    | {"library", "museum", "commons", "service", "pool", "studio", "studios", "collection", "foundation"}
)
_INITIAL = re.compile(r"[A-Z]\.?")
_NAME_WORD = re.compile(r"(?:[A-Z][a-z]*\.?|[A-Z][\w'’-]*[a-z][\w'’-]*|[A-Z][A-Z0-9&.'’-]+)")


def pictures(spans: list[CharSpan], article: ArticleText) -> list[CharSpan]:
    """``spans`` with those in the captions marked so, and each credit's names in place of what the
    model read there."""
    body = article.body
    start = body.find(CAPTIONS_BREAK)
    if start < 0:
        return spans
    credited: list[CharSpan] = []
    covered: list[tuple[int, int]] = []
    position = start
    while (match := _CREDIT.search(body, position)) is not None:
        group = next(name for name in ("who", "byline", "slashed") if match.group(name) is not None)
        cut = _CREDIT_END.search(match.group(group))
        end = match.start(group) + (cut.start() if cut else len(match.group(group).rstrip()))
        # "Photo: Orla Quist (left) with ...": who is in the picture, not who took it
        in_picture = cut is None and body[match.end(group) : match.end(group) + 1] == "("
        found = None if in_picture else _credited(match, group, end, article, spans)
        if found is None:  # no credit: one may follow on the line ("Orla Quist at home. Photo: Ada Lind")
            position = match.start(group)
            continue
        credited.extend(found)
        covered.append((match.start(), end))
        position = match.end()
    kept = [
        s if s.start < start else CharSpan(s.start, s.end, s.label, s.type, "caption")
        for s in spans
        if not any(a < s.end and s.start < b for a, b in covered)
    ]
    return sorted([*kept, *credited], key=lambda s: (s.start, s.end))


#: A byline on a line of its own in the body: "By ORLA QUIST Associated Press", "By Orla Quist, The Varnby
#: Ledger", "BY ADA LIND, AP Business Writer".
_BYLINE = re.compile(r"^[ \t]*(?i:by)[ \t]+(?P<rest>(?-i:[A-Z])[^\n]{2,90}?)[ \t.]*$", re.MULTILINE)
#: Wire services written straight after a writer's name, without a comma ("By ORLA QUIST Associated Press").
_WIRE_AFTER_A_WRITER = re.compile(
    r"[ \t]+(?P<wire>(?:The[ \t]+)?Associated[ \t]+Press|AP|AFP|Reuters|Bloomberg(?:[ \t]+News)?|UPI|AAP|PTI|IANS)"
    r"(?P<job>(?:[ \t]+[A-Z][a-z]+){0,2})$"
)
#: A writer's job after the byline's name or outlet ("AP Business Writer", "Varnby Ledger staff"). Wider
#: than the jobs :func:`pipeline.extract.shapes.never_names` drops at the end of any organization's name:
#: "staff" and "bureau" end real ones there ("Joint Chiefs of Staff", "Census Bureau"), not a byline's.
_BYLINE_JOBS = frozenset(
    {
        "writer",
        "writers",
        "correspondent",
        "reporter",
        "editor",
        "columnist",
        "staff",
        "contributor",
        "bureau",
        "analyst",
        "commentator",
        "critic",
    }
)


def bylines(spans: list[CharSpan], article: ArticleText) -> list[CharSpan]:
    """A byline on a line of its own names the story's writer (a person) and maybe the outlet she writes
    for (an organization), both of origin ``credit``, in place of what the model read there: it calls
    "ORLA QUIST Associated Press" one organization. The outlet follows a comma ("By Orla Quist, Varnby
    Ledger") or is a wire service written straight after the name; a writer's job ("AP Business Writer")
    names no outlet but its agency's acronym. A line whose name is no person's ("By Monday Night") is left
    to the model.

    >>> from pipeline.extract.spans import ArticleText
    >>> from pipeline.wordlists import load_patterns
    >>> body = "Rain.\\n\\nBy ORLA QUIST-VARN Associated Press\\n\\nBy Ada Lind, Varnby Ledger"
    >>> article = ArticleText(body, (), load_patterns(), given_names=frozenset({"Orla", "Ada"}))
    >>> found = bylines([CharSpan(7, 41, "ORG", "group")], article)
    >>> [(body[s.start : s.end], s.type, s.origin) for s in found]
    [('ORLA QUIST-VARN', 'person', 'credit'), ('Associated Press', 'group', 'credit'), ('Ada Lind', 'person', 'credit'), ('Varnby Ledger', 'group', 'credit')]
    """
    body = article.body
    if "by " not in body and "By " not in body and "BY " not in body:
        return spans
    end_of_body = body.find(CAPTIONS_BREAK)
    credited: list[CharSpan] = []
    for line in _BYLINE.finditer(body, 0, end_of_body if end_of_body >= 0 else len(body)):
        found = _byline(line, article, spans)
        if found:
            credited.extend(found)
    if not credited:
        return spans
    lines = [(s.start, s.end) for s in credited]
    kept = [s for s in spans if not any(a < s.end and s.start < b for a, b in lines)]
    return sorted([*kept, *credited], key=lambda s: (s.start, s.end))


def _byline(line: re.Match[str], article: ArticleText, spans: list[CharSpan]) -> list[CharSpan]:
    """The writers and outlet of one byline ``line`` (:func:`bylines`), or nothing when its first part is
    no writer. Its parts are cut at commas and "and": a person's name is a writer; a job ("Political
    Analyst", "AP Photographer": the agency's acronym only), a degree ("PhD") or a place the article
    knows names nobody; the last part may end on a wire service ("BENEDICT VARN Associated Press"); any
    other part in capitals is the outlet ("For The Varnby Ledger" gives "Varnby Ledger")."""
    found: list[CharSpan] = []
    parts = list(re.finditer(r"[^,&]+?(?=\s+and\s|\s*[,&]|$)", line.group("rest")))
    for index, part in enumerate(parts):
        text = re.sub(r"^(?:and\s+)?", "", part.group().strip())
        at = line.start("rest") + part.start() + part.group().index(text) if text else -1
        wire = _WIRE_AFTER_A_WRITER.search(text) if index == len(parts) - 1 else None
        outlet, outlet_at = "", -1
        if wire is not None:
            outlet, outlet_at = wire.group("wire"), at + wire.start("wire")
            if wire.group("job"):  # "AP Business Writer": the job of a writer of the agency
                outlet = outlet if outlet.isupper() else ""
            text = text[: wire.start()]
        writer = _writer(text, at, article, spans)
        if writer is not None:
            found.append(writer)
        elif index == 0:
            return []  # "By Monday Night", "By Invitation Only": no byline
        elif not outlet:
            outlet, outlet_at = text, at
        if outlet:
            named = _outlet(outlet, outlet_at, article, spans)
            if named is None:
                return []  # "By Ada Lind and the Varnby choir, ...": words of a sentence, no byline
            found.extend(named)
    return found


def _writer(text: str, at: int, article: ArticleText, spans: list[CharSpan]) -> CharSpan | None:
    """A byline's writer written ``text`` at ``at`` (a title before the name left out), or None: a
    person's name, opening on a given name or an initial unless the model read a person there."""
    words = text.split()
    while len(words) > 2 and words[0].lower().rstrip(".") in HONORIFICS:
        at = article.body.index(words[1], at + len(words[0]))
        text = text[text.index(words[1]) :]
        words = words[1:]  # "Dr Orla Quist"
    lowered = [w.lower().strip(".") for w in words]
    if not words or words[0] in ("A", "An", "The", "Our") or any(w in CALENDAR_WORDS for w in lowered):
        return None  # "By March 2025", "By A Staff Reporter"
    if any(w in _BYLINE_JOBS or w in article.patterns.person_descriptors for w in lowered):
        return None  # "Special Correspondent"
    read = next((x.type for x in spans if x.start == at and x.end == at + len(text)), "")
    opened = words[0].capitalize() in article.given_names or _INITIAL.fullmatch(words[0]) or read == "person"
    if (
        not opened
        or not all(_NAME_WORD.fullmatch(w) or w in NAME_PARTICLES for w in words)
        or not _a_persons_name(words, article, read=read)
    ):
        return None
    return _span(at, text, person=True)


def _outlet(text: str, at: int, article: ArticleText, spans: list[CharSpan]) -> list[CharSpan] | None:
    """The outlet a byline's part names, written ``text`` at ``at``: capitalized words after "For" or
    "The"; nothing for a job, a degree or a place; None for words of a sentence, no byline's."""
    words = re.sub(r"^(?:for\s+)?(?:the|an?)\s+", "", text, flags=re.IGNORECASE).split()
    words = words[1:] if words[:1] == ["For"] else words
    lowered = [w.lower().strip(".") for w in words]
    patterns = article.patterns
    if any(w in CALENDAR_WORDS for w in lowered):
        return []  # "By Orla Quist, Sunday"
    jobs = (_BYLINE_JOBS, patterns.person_descriptors, _DEGREES, HONORIFICS)
    if any(w in kind for w in lowered for kind in jobs):
        # "AP Business Writer", "Political Analyst", "PhD": the agency's acronym, or nothing
        words = words[:1] if words[0].isupper() and 1 < len(words[0]) <= 5 and len(words) > 1 else []
    if not words:
        return []
    if not all(_NAME_WORD.fullmatch(w) or w.lower() in {"of", "and", "&"} for w in words):
        return None
    if (
        len(words) == 1
        and not words[0].isupper()
        and any(lowered[0] in kind for kind in article.common_words)
    ):
        return []  # "By Orla Quist, Education": the paper's desk
    outlet = " ".join(words)
    start = article.body.find(outlet, at)
    if start < 0 or " ".join(article.body[start : start + len(outlet)].split()) != outlet:
        return []
    read = next((x.type for x in spans if x.start == start and x.end == start + len(outlet)), "")
    if outlet in article.linked_places or read == "place":
        return []  # "By Orla Quist, Kuala Lumpur": where she wrote, as the model reads it
    return [_span(start, outlet, person=False)]


#: Degrees and honours after a writer's name, which name no outlet ("By Orla Quist, PhD").
_DEGREES = frozenset({"phd", "md", "mba", "msc", "ma", "bsc", "qc", "kc", "obe", "mbe", "cbe", "jr", "sr"})


def _credited(
    match: re.Match[str], group: str, end: int, article: ArticleText, spans: list[CharSpan]
) -> list[CharSpan] | None:
    """The people and agencies the credit ``match`` names in its ``group`` ("who", "byline" or "slashed") up to
    ``end`` (:data:`_CREDIT_END`), in order; None when that is no credit ("Photo: Orla Quist, left, and
    Ada Lind at the port" is a caption)."""
    found = []
    named = "agency" if match.group("agency") else "wire"
    agency = match.group(named)
    if agency and agency.lower() not in _NOBODY and agency.split()[0].lower() not in _NOBODY:
        found.append(_span(match.start(named), agency, person=False))
    offset = match.start(group)
    who = article.body[offset:end]
    for part in re.finditer(r"[^/,&]+?(?=\s+and\s|\s*[/,&]|$)", who):
        text = part.group().strip().rstrip(".") if len(part.group().strip()) > 2 else part.group().strip()
        text = re.sub(r"^(?:via|by|the|and)\s+", "", text, flags=re.IGNORECASE)
        if not text:
            continue
        where = _WHERE.search(text) if group == "byline" else None
        if where is not None:  # "Ada Lind in Varnby": the writer, and where she wrote
            at = offset + part.start() + part.group().index(text) + where.start("place")
            found.append(CharSpan(at, at + len(where.group("place")), "GPE", "place", "caption"))
            text = text[: where.start()]
        words = text.split()
        if all(w.lower().strip(".") in CALENDAR_WORDS or w.strip(".").isdigit() for w in words):
            continue  # "March 3", "2024"
        if (
            not all(_NAME_WORD.fullmatch(w) or w in NAME_PARTICLES for w in words)
            or words[0] in NAME_PARTICLES
        ):
            return None  # words in lower case: a sentence, not a credit
        if any(w.lower().strip(".") in _NOBODY for w in words):
            continue  # "File", "Staff Photographer"
        begin = offset + part.start() + part.group().index(text)
        read = next((x.type for x in spans if x.start == begin and x.end == begin + len(text)), "")
        found.append(_span(begin, text, person=_a_persons_name(words, article, read=read)))
    return found


def _a_persons_name(words: list[str], article: ArticleText, *, read: str = "") -> bool:
    """Two to four name words (initials allowed, not all of them), none an agency's, an organization's, a
    place's or a thing's word; the first a given name or an initial, or the last no word of the language,
    or else the model ``read`` a person there: "Ada Lind", "R Osk", "ADA LIND", "KV Suresh", "Tamsin de
    la Vega"; not "Getty Images", "Varn Museum", "Norvik Wire", "QBC Sport"."""
    patterns = article.patterns
    heads = (patterns.group_heads, patterns.place_heads, THING_HEADS, _AGENCY_WORDS)
    lowered = [w.lower().rstrip(".") for w in words]
    parts = [p for w in lowered for p in re.split(r"[-‐]", w) if p]
    named = [w for w in words if w not in NAME_PARTICLES]
    if not 2 <= len(named) <= 4 or all(_INITIAL.fullmatch(w) for w in named):
        return False
    # a hyphen's parts count after a word no given name: "Ada Gagnon-Rivers" is a person, "Varn-Museum" no
    split = parts if named[0].capitalize() not in article.given_names else lowered
    if any(w in kind for w in split for kind in heads) or any(w in COMPANY_WORDS for w in split):
        return False
    if any(len(w) > 3 and w.isupper() for w in named) and not all(w.isupper() for w in named):
        return False  # "QUELL Lind": an acronym and a name ("KV Suresh" has initials)
    if named[0].capitalize() in article.given_names or _INITIAL.fullmatch(named[0]):
        return True  # "Ada Lind", "J. Tanner Holloway"
    if not any(p in vocabulary for p in parts[-1:] for vocabulary in article.common_words):
        return True  # "Siphiwe Sibeko", "KV Suresh": no word of the language at its end, as "Norvik Wire" has
    return read == "person"  # "Tarlow Energy", "QBC Sport" unless the model read a person there


def _span(start: int, text: str, *, person: bool) -> CharSpan:
    label, kind = ("PERSON", "person") if person else ("ORG", "group")
    return CharSpan(start, start + len(text), label, kind, "credit")
