"""Photo captions and credit lines, taken out of an article body: they name whoever is in the picture
and whoever took it ("Image: Velmora Quist", "(AP Photo/Orrin Tasby)") or wrote and edited the story
("Reporting by Orrin Tasby; Editing by Velmora Quist"), not what the story says, and a model reads "Quist
Image" or "AP Photo" as names. A scraped page's links to other stories ("Read more: Inside Quellco's Risky
Bet", "Related: ...") go with them: another story's headline, in title case, which the model reads as
names ("Risky Bet"). They stay with the article as its ``caption``; extraction reads the pictures'
captions and credits, and the bylines, among them (:func:`captions_to_read`) after the body, apart from
its sentences.

>>> split_captions("Rain fell.\\n\\nPhoto: Orrin Tasby/Reuters\\n\\nIt stopped.")
('Rain fell.\\n\\nIt stopped.', 'Photo: Orrin Tasby/Reuters')
"""

from __future__ import annotations

import re

#: Longest line read as a caption: longer ones are paragraphs that merely start like one.
MAX_CAPTION_CHARS = 300

_CREDIT_WORDS = r"(?:image|images|photo|photos|photograph|photographer|picture|pictures|pic|caption|credit|illustration|video)"
#: One name in a credit or a byline: capitalized words, initials and particles ("Ana de la Vega", "Enrico
#: dela Paz").
_NAME = (
    r"(?-i:[A-Z][\w.'’&-]*)(?:\s+(?:(?-i:[A-Z][\w.'’&-]*)"
    r"|de|del|dela|della|la|las|los|van|von|der|den|da|das|dos|di|du|le|bin|binti|ibn|al|el|ter|ten))*"
)
#: Names joined by "and", "&", a comma, a slash or a semicolon ("Orrin Tasby/Reuters", "Ana de la Vega
#: and Velmora Quist").
_NAMES = _NAME + r"(?:(?:\s*[/,;&]\s*|\s+and\s+)" + _NAME + r")*"
#: A writer of a byline and where he wrote ("Orrin Tasby in Port Harcourt"), and several joined.
_WRITERS = (
    _NAME
    + r"(?:\s+in\s+"
    + _NAME
    + r")?(?:(?:\s*[,&]\s*|\s+and\s+)"
    + _NAME
    + r"(?:\s+in\s+"
    + _NAME
    + r")?)*"
)
_CAPTION = re.compile(
    r"""^\s*(?:
        \(?\s*"""
    + _CREDIT_WORDS
    + r"""\s*(?:(?:credit|caption|source)\s*)?[:|–—/-]\s*\S.*   # "Image: ...", "Photo credit - ...", "Photo / X"
      | \(?\s*image\s+(?:caption|source)\s*,\s*\S.*                      # "Image source, Quellwire"
      | \(?\s*(?:file|stock|archive|submitted|staff|handout|contributed)\s+(?:photo|picture|image)\b.*  # "File photo", "(File picture)"
      | \(?\s*(?:photo|picture|image)s?\s+(?:supplied|(?:by|courtesy\s+of|via)\s+(?:the\s+)?"""
    + _NAMES
    + r"""\s*\)?\s*\.?\s*$)                                                  # "Photo by X/Y", "Picture supplied"
      | .*\(\s*[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?\s+(?:Photo|Images?|Pictures?)\s*(?:/[^)]*)?\)\s*\.?  # "... (AP Photo/X)"
      | \(?\s*(?:(?:additional\s+)?(?:reporting|editing|writing|compiled|research|graphics)\s+by\s+"""
    + _WRITERS
    + r"""\s*[;,.]?\s*)+\)?\s*\.?                                             # "Reporting by X in Y; Editing by Z"
      | (?:read\s+(?:more|next|also)|also\s+read|related(?:\s+(?:articles?|stories|coverage))?|see\s+also|more\s+on\s+this(?:\s+story)?
         |recommended(?:\s+reading)?)(?:\s*[:|]|\s+[–—-])\s*\S.*               # "Read more: ...", "Related - ..."
      | the\s+post\s+.+\s+appeared\s+first\s+on\s+(?-i:[A-Z]).+               # a WordPress feed's footer
      | continue\s+reading(?:\s*[:→»…]|\s.*(?:→|»|…|\.\.\.))?\s*                 # "Continue reading Quellby's ... →"
      | (?:published|updated|posted|last\s+updated|first\s+published)\s*:?\s+(?:on\s+|at\s+)?(?=.*\d)  # "Published 7 May 2025,
        (?:(?:\d{1,4}(?:st|nd|rd|th)?|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?
           |at|on|am|pm|a\.m\.|p\.m\.|utc|gmt|bst|cet|est|edt|pst|pdt|aest|aedt|ist|[:/.,+-])\s*){2,16}  # 14:02 BST"
      | (?:advertisement|advert|sponsored\s+content|share\s+this(?:\s+(?:article|story|page))?|read\s+more\s*:?)
    )\s*$""",
    re.IGNORECASE | re.VERBOSE,
)


#: Wire agencies whose credit follows a caption's sentence ("REUTERS/Orrin Tasby/File Photo").
_WIRE_AGENCIES = "REUTERS|Reuters|AFP|AP|EPA|EPA-EFE|Xinhua|XINHUA|ANP|dpa|DPA|AAP|Anadolu|Bloomberg"
#: A credit after a caption's sentence on its line: "The old wall. Photo: Orrin Tasby", "The hall, built in
#: 1884. (Photo by Orrin Tasby)". The sentence stays in the body (it says who and what the picture shows,
#: as the story does); the credit goes with the captions.
_TRAILING_CREDIT = re.compile(
    r"^(?P<text>.*[.!?][\"'”’)]?)\s+(?P<credit>(?:Photo|Photograph|Picture|Image|Illustration)\s*[:/]\s*[A-Z].*"
    r"|\(\s*(?i:photo|picture|image)s?(?:\s+(?i:by|courtesy\s+of)\s+|\s*:\s*)[A-Z][^)]*\)\s*\.?"
    # a wire agency's credit: "REUTERS/Orrin Tasby/File Photo", "(Xinhua/Orrin Tasby)", "EPA-EFE/Orrin Tasby"
    rf"|\(?(?:{_WIRE_AGENCIES})"
    r"(?:/\s*[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|de|la|van|von|der|da))*){1,3}\)?\s*\.?"
    # in brackets, any paper's or agency's short name and a name of two words or more: "(JP/Orrin Tasby)";
    # not "(AC/DC)", "(EU/UK)", "(Mon/Tue)"
    r"|\([A-Z][A-Za-z]{1,5}(?:/\s*[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|de|la|van|von|der|da))+){1,3}\)\s*\.?)$"
)


#: Parts of a caption that neither show nor credit a picture or the story: links to other stories, a
#: feed's footer, when it was published, advertising.
_NOT_READ = re.compile(
    r"""^\s*\(?\s*(?:read\s+(?:more|next|also)|also\s+read|related|see\s+also|more\s+on\s+this|recommended
      |the\s+post\s|continue\s+reading|published|updated|posted|last\s+updated|first\s+published
      |advertisement|advert\b|sponsored|share\s+this)""",
    re.IGNORECASE | re.VERBOSE,
)


def captions_to_read(caption: str) -> tuple[str, ...]:
    """The parts of an article's ``caption`` (joined by " | ") that show or credit a picture, or credit
    the story (its byline): what extraction reads after the body.

    >>> captions_to_read("Orla Quist in Varnby. (AP Photo/Ada Lind) | Reporting by Ada Lind | Read more: Risky Bet")
    ('Orla Quist in Varnby. (AP Photo/Ada Lind)', 'Reporting by Ada Lind')
    """
    parts = (part.strip() for part in caption.split(" | "))
    return tuple(
        part for part in parts if part and any(c.isalpha() for c in part) and not _NOT_READ.match(part)
    )


def split_captions(body: str) -> tuple[str, str]:
    """(body without its caption and credit lines, those lines joined by " | ")."""
    if not re.search(
        r"(?i)image|photo|picture|caption|credit|illustration|video|\bpic\b|ing by|iled by|rch by"
        r"|read (?:more|next|also)|also read|related|see also|more on this|recommended|appeared first"
        r"|continue reading|advert|sponsored|share this|published|updated|posted"
        rf"|(?:{_WIRE_AGENCIES})/|\([A-Z][A-Za-z]{{1,5}}/",
        body,
    ):
        return body, ""  # the common case, decided without reading line by line
    kept, captions = [], []
    for line in body.split("\n"):
        short = bool(line.strip()) and len(line.strip()) <= MAX_CAPTION_CHARS
        trailing = _TRAILING_CREDIT.match(line.strip()) if short else None
        if short and _CAPTION.match(line):
            captions.append(line.strip())
        elif trailing is not None:
            kept.append(trailing.group("text"))
            captions.append(trailing.group("credit"))
        else:
            kept.append(line)
    if not captions:
        return body, ""
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(kept)).strip("\n")
    return text, " | ".join(captions)
