"""RSS and Atom feeds (``.xml``, ``.rss``, ``.atom``, or a feed saved as ``.html``): one article per
``<item>`` or ``<entry>``.

Title from ``<title>``; date from ``<published>``, ``<updated>``, ``<pubDate>`` or ``<dc:date>``;
address from ``<link>`` (Atom: its ``href``, the ``alternate`` one first); text from ``<content>``,
``<content:encoded>``, ``<summary>`` or ``<description>``, whichever holds the most, with its HTML made
text (:func:`html_text`: block ends and ``<br><br>`` are paragraph breaks). Elements are matched by their
local name, whatever their namespace, so RSS 0.9x/1.0 (RDF) and 2.0 and Atom are read alike; of two with
one local name, the entry's own namespace wins (``<content>`` over ``<media:content>``). A feed that is
not well-formed XML (a bare ``&``) is read by lxml's recovering parser, and the repair noted.
"""

from __future__ import annotations

import contextlib
import copy
import html.entities
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

from pipeline.errors import InputError
from pipeline.ingest.articles import BLOCK_TAGS, article, clean_line, cleaned_body
from pipeline.records import Article, Skipped

#: The root elements of a feed: RSS 2.0 and 0.9x, RSS 1.0 (RDF), Atom.
FEED_ROOTS = frozenset({"rss", "rdf", "feed"})
#: The first element of a document, after its XML declaration, comments and doctype.
_FIRST_ELEMENT = re.compile(
    r"\A(?:\s|<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>\[]*(?:\[.*?\])?\s*>)*<([A-Za-z_][\w.:-]*)", re.DOTALL
)
#: An ampersand that starts no reference: "Bridge & vote", which XML does not allow.
_BARE_AMPERSAND = re.compile(r"&(?!(?:[A-Za-z_][\w.-]*|#\d+|#x[0-9A-Fa-f]+);)")
#: A named reference: XML knows five names, HTML (and feeds written by HTML tools) some two thousand.
_NAMED_REFERENCE = re.compile(r"&([A-Za-z][A-Za-z0-9]*);")
_XML_NAMES = frozenset({"amp", "lt", "gt", "quot", "apos"})
_TEXT_NAMES = ("encoded", "content", "description", "summary")
_DATE_NAMES = ("published", "pubDate", "date", "issued", "updated", "modified")


def root_name(text: str) -> str:
    """The local name of the document's first element, lower case ("" when it opens with text).

    >>> root_name('<?xml version="1.0"?><!-- x --><rdf:RDF xmlns:rdf="r">'), root_name("<html>")
    ('rdf', 'html')
    >>> root_name('<!DOCTYPE rss [<!ENTITY nbsp "&#160;">]>\\n<rss version="2.0">')
    'rss'
    """
    found = _FIRST_ELEMENT.match(text.lstrip("\ufeff"))
    return found.group(1).rpartition(":")[2].lower() if found else ""


def is_feed(text: str) -> bool:
    return root_name(text) in FEED_ROOTS


def read_feed(text: str, source: str, encoding: str, **_: object) -> tuple[list[Article], list[Skipped]]:
    """One article per item or entry of an RSS or Atom feed; any other XML document is skipped."""
    root = root_name(text)
    if root not in FEED_ROOTS:
        shown = f"<{root}>" if root else "no element"
        raise InputError(source, f"XML file that is no RSS or Atom feed (its root element: {shown})")
    skipped: list[Skipped] = []
    feed_note = ""
    try:
        tree = ET.fromstring(text.lstrip("\ufeff"))
    except ET.ParseError as error:
        recovered = _recovered(text)
        if recovered is None:
            raise InputError(source, f"RSS/Atom feed that is not well-formed XML ({error})") from None
        tree = recovered
        # each of its articles is read with this note: the feed is read, not skipped
        feed_note = f"RSS/Atom feed that is not well-formed XML ({error}): read leniently"
    entries = [e for e in tree.iter() if _local(e.tag) in ("item", "entry")]
    if not entries:
        raise InputError(source, "RSS/Atom feed with no <item> or <entry>")
    lines = _entry_lines(text, len(entries))
    articles: list[Article] = []
    for position, (entry, line) in enumerate(zip(entries, lines, strict=True)):
        entry_source = f"{source}:{line}"
        children = _children(entry)
        title = clean_line(_title_text(children["title"])) if "title" in children else ""
        texts = [html_text(_inner_text(children[n])) for n in _TEXT_NAMES if n in children]
        body, note = cleaned_body(max(texts, key=len, default=""))
        if not body:
            skipped.append(Skipped(entry_source, f"feed entry {title!r} has no text"))
            continue
        date = next((clean_line(children[n].text) for n in _DATE_NAMES if n in children), "")
        fields: dict[str, object] = {"date": date, "url": _link(entry)}
        author = children.get("author") or children.get("creator")
        if author is not None:
            fields["author"] = clean_line(" ".join(author.itertext()))
        articles.append(
            article(
                source=entry_source,
                position=position,
                title=title,
                body=body,
                encoding=encoding,
                fields=fields,
                note="; ".join(part for part in (feed_note, note) if part),
            )
        )
    if feed_note and not articles:  # no article carries the note: the feed's skip says it
        skipped.insert(0, Skipped(source, feed_note))
    return articles, skipped


def _recovered(text: str) -> ET.Element | None:
    """The feed of a text that is not well-formed XML, in ElementTree's terms: a bare ``&`` is an
    ampersand and an HTML entity (``&nbsp;``, ``&eacute;``) its character, and what else is broken (an
    unclosed tag) is read as far as lxml's recovering parser can; None when nothing can be read.

    >>> item = _recovered("<rss><item><title>Bridge & vote&nbsp;&eacute;t&amp;&#233;</title></item></rss>")
    >>> item.find("item/title").text
    'Bridge & vote\\xa0ét&é'
    """
    text = _BARE_AMPERSAND.sub("&amp;", text.lstrip("\ufeff"))
    text = _NAMED_REFERENCE.sub(_character_reference, text)
    with contextlib.suppress(ET.ParseError):
        return ET.fromstring(text)
    from lxml import etree

    parser = etree.XMLParser(recover=True, resolve_entities=False, no_network=True, huge_tree=True)
    root = etree.fromstring(text.encode("utf-8"), parser)
    if root is None:
        return None
    xml = etree.tostring(root, encoding="unicode")
    try:
        return ET.fromstring(xml)
    except ET.ParseError:
        return None


def _character_reference(reference: re.Match[str]) -> str:
    """An HTML entity's numeric reference ("&nbsp;" -> "&#160;"); XML's own five and unknown names stay."""
    name = reference.group(1)
    if name in _XML_NAMES or name not in html.entities.name2codepoint:
        return reference.group()
    return f"&#{html.entities.name2codepoint[name]};"


def _children(entry: ET.Element) -> dict[str, ET.Element]:
    """An entry's children by local name; of two with the same local name (Atom's ``<content>`` and
    ``<media:content>``, ``<title>`` and ``<media:title>``), the first one in the entry's own namespace
    (or in none) wins, the other's namespace being an extension's."""
    own = _namespace(entry.tag)
    children: dict[str, ET.Element] = {}
    for child in entry:
        name = _local(child.tag)
        held = children.get(name)
        if held is None or (_namespace(held.tag) != own and _namespace(child.tag) == own):
            children[name] = child
    return children


def _namespace(tag: object) -> str:
    text = str(tag)
    if text.startswith("{"):
        return text[1:].partition("}")[0]
    return text.rpartition(":")[0]


def _local(tag: object) -> str:
    return str(tag).rpartition("}")[2].rpartition(":")[2]


def _inner_text(element: ET.Element) -> str:
    """The text of an element; Atom's ``type="xhtml"`` content is markup, given back as such, its tags
    without their namespace (``<p>``, not ``<ns0:p>``, which no HTML reader knows for a paragraph).

    >>> xhtml = '<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>A.</p><p>B.</p></div></content>'
    >>> _inner_text(ET.fromstring(xhtml))
    '<div><p>A.</p><p>B.</p></div>'
    """
    if element.get("type") == "xhtml":
        children = [copy.deepcopy(child) for child in element]
        for child in children:
            for node in child.iter():
                if isinstance(node.tag, str):
                    node.tag = _local(node.tag)
        return "".join(ET.tostring(child, encoding="unicode") for child in children)
    return "".join(element.itertext())


def _title_text(element: ET.Element) -> str:
    """A title's text; Atom's ``type="html"`` (or xhtml) title is markup: "Xhtml <em>entry</em>" is
    "Xhtml entry"."""
    text = _inner_text(element)
    return html_text(text) if element.get("type") in {"html", "xhtml"} else text


def _link(entry: ET.Element) -> str:
    links = [child for child in entry if _local(child.tag) == "link"]
    for link in sorted(links, key=lambda e: e.get("rel", "alternate") != "alternate"):
        address = link.get("href") or (link.text or "").strip()
        if address:
            return address
    return ""


def _entry_lines(text: str, count: int) -> list[str]:
    """Where each entry starts: its line, or its place (``[3]``) when the start tags cannot be matched
    one for one with the entries (an ``<item>`` written inside a CDATA text) or entries share a line."""
    starts = [m.start() for m in re.finditer(r"<(?:[\w.-]+:)?(?:item|entry)[\s/>]", text)]
    lines = [str(text.count("\n", 0, start) + 1) for start in starts]
    if len(starts) != count or len(set(lines)) != count:
        return [f"[{n}]" for n in range(count)]
    return lines


class _Text(HTMLParser):
    """Text of an HTML fragment: a block's start or end and two ``<br>`` in a row end a paragraph."""

    _BLOCKS = BLOCK_TAGS  # a fragment breaks paragraphs where a JSON field's markup does
    _NEVER_TEXT = frozenset({"script", "style", "noscript", "template"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._ignoring = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._NEVER_TEXT:
            self._ignoring += 1
        elif tag == "br":
            self.parts.append("\n")
        elif tag in self._BLOCKS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._NEVER_TEXT:
            self._ignoring = max(0, self._ignoring - 1)
        elif tag in self._BLOCKS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self._ignoring:
            self.parts.append(data.replace("\n", " "))


def html_text(fragment: str) -> str:
    """Paragraphs (a blank line apart) of an HTML fragment; text without markup is kept as written.

    >>> html_text("<p>Quist won.</p><p>Varn &amp; Co lost.</p>")
    'Quist won.\\n\\nVarn & Co lost.'
    >>> html_text("<div>Quist won.<br><br>Varn lost.<br>Again.</div>")
    'Quist won.\\n\\nVarn lost. Again.'
    """
    if not re.search(r"<[A-Za-z/!]", fragment):
        return fragment.strip()
    parser = _Text()
    parser.feed(fragment)
    parser.close()
    text = re.sub(r"\n[ \t]*\n\s*", "\n\n", "".join(parser.parts))
    paragraphs = (clean_line(part) for part in text.split("\n\n"))
    return "\n\n".join(p for p in paragraphs if p)
