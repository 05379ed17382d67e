"""RSS and Atom feeds, as .xml/.rss/.atom or saved as .html: one article per entry. Names invented."""

from __future__ import annotations

import pytest

from pipeline.ingest import ingest
from pipeline.ingest.feed import html_text

FIRST = "Floodwaters rose across Quellby on Tuesday as the Varn river burst its banks."
SECOND = "Orla Quist said forty homes near the old mill had been evacuated overnight."
THIRD = "The Tarnvel council voted to rebuild the Oskport bridge before the winter storms."

ATOM = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Quellby Courier</title>
<entry><title>Varn river floods Quellby</title>
<link rel="alternate" href="https://courier.example/floods"/>
<published>2024-03-04T10:00:00Z</published><updated>2024-03-05T08:00:00Z</updated>
<content type="html">&lt;p&gt;{FIRST}&lt;/p&gt;&lt;p&gt;{SECOND}&lt;/p&gt;</content></entry>
<entry><title>Bridge vote in Tarnvel</title><link href="https://courier.example/bridge"/>
<updated>2024-03-06T09:00:00Z</updated><summary>{THIRD}</summary></entry>
</feed>
"""

RSS = f"""<?xml version="1.0"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Courier</title>
<item><title>Varn river floods Quellby</title><link>https://courier.example/floods</link>
<pubDate>Mon, 04 Mar 2024 10:00:00 +0000</pubDate><description>Short teaser.</description>
<content:encoded><![CDATA[<div>{FIRST}<br><br>{SECOND}</div>]]></content:encoded></item>
<item><title>Bridge vote in Tarnvel</title><link>https://courier.example/bridge</link>
<pubDate>Wed, 06 Mar 2024 09:00:00 +0000</pubDate><description>&lt;p&gt;{THIRD}&lt;/p&gt;</description></item>
</channel></rss>
"""

EXPECTED = [
    ("Varn river floods Quellby", "2024-03-04", "https://courier.example/floods", f"{FIRST}\n\n{SECOND}"),
    ("Bridge vote in Tarnvel", "2024-03-06", "https://courier.example/bridge", THIRD),
]


@pytest.mark.parametrize(
    ("name", "text"),
    [("feed.html", ATOM), ("feed.atom", ATOM), ("feed.xml", RSS), ("feed.rss", RSS), ("rss.html", RSS)],
)
def test_feed_gives_one_article_per_entry(write, name: str, text: str) -> None:
    path = write(name, text)
    corpus = ingest([path], language=None)
    assert not corpus.skipped
    assert [(a.title, a.iso_date, a.url, a.body) for a in corpus.articles] == EXPECTED
    lines = (3, 7) if text is ATOM else (3, 6)  # each entry is named by its start tag's line
    assert [a.source for a in corpus.articles] == [f"{path}:{n}" for n in lines]


def test_entries_on_one_line_are_named_by_their_place(write) -> None:
    path = write("one_line.xml", RSS.replace("\n", ""))
    assert [a.source for a in ingest([path], language=None).articles] == [f"{path}:[0]", f"{path}:[1]"]


def test_xml_that_is_no_feed_is_skipped_with_its_root(write) -> None:
    path = write("sitemap.xml", '<?xml version="1.0"?><urlset><url><loc>x</loc></url></urlset>')
    corpus = ingest([path], language=None)
    assert [(s.source, s.reason) for s in corpus.skipped] == [
        (str(path), "XML file that is no RSS or Atom feed (its root element: <urlset>)")
    ]


def test_broken_feed_is_skipped_with_the_parsers_reason(write) -> None:
    corpus = ingest([write("broken.rss", "<rss><channel><item><title>Varn</item></rss>")], language=None)
    reasons = [skipped.reason for skipped in corpus.skipped]
    assert reasons[0].startswith("RSS/Atom feed that is not well-formed XML (mismatched tag")


def test_a_stray_ampersand_loses_no_item_and_is_noted(write) -> None:
    items = "".join(
        f"<item><title>Vote {n}</title><description>{THIRD}</description></item>" for n in range(5)
    )
    bad = items.replace("Vote 3", "Varn & Quist")
    corpus = ingest([write("amp.rss", f"<rss><channel>{bad}</channel></rss>")], language=None)
    assert [a.title for a in corpus.articles] == ["Vote 0", "Vote 1", "Vote 2", "Varn & Quist", "Vote 4"]
    assert not corpus.skipped  # read, each article with the note: nothing is skipped
    assert all("not well-formed XML" in a.note and "read leniently" in a.note for a in corpus.articles)


def test_html_entities_and_a_doctype_of_its_own_lose_no_item(write) -> None:
    item = f"<item><title>Bridge&nbsp;vote &eacute;lan</title><description>{THIRD}</description></item>"
    corpus = ingest([write("nbsp.rss", f"<rss><channel>{item}</channel></rss>")], language=None)
    assert [(a.title, bool(a.note)) for a in corpus.articles] == [("Bridge vote élan", True)]
    declared = f'<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY nbsp "&#160;">]>\n<rss><channel>{item}</channel></rss>'
    corpus = ingest([write("doctype.rss", declared.replace("&eacute;", "e"))], language=None)
    assert [(a.title, a.note) for a in corpus.articles] == [("Bridge vote elan", "")] and not corpus.skipped


def test_media_content_does_not_hide_the_atom_content(write) -> None:
    atom = f"""<feed xmlns="http://www.w3.org/2005/Atom" xmlns:media="http://search.yahoo.com/mrss/">
<entry><title>Varn floods</title><media:title>Photo</media:title>
<media:content url="https://courier.example/a.jpg"/><summary>Short.</summary>
<content type="html">&lt;p&gt;{FIRST}&lt;/p&gt;&lt;p&gt;{SECOND}&lt;/p&gt;</content></entry></feed>"""
    [one] = ingest([write("media.atom", atom)], language=None).articles
    assert (one.title, one.body) == ("Varn floods", f"{FIRST}\n\n{SECOND}")


def test_html_text_makes_block_ends_paragraph_breaks() -> None:
    assert html_text(f"<p>{FIRST}</p><ul><li>{SECOND}</li></ul>") == f"{FIRST}\n\n{SECOND}"
    assert html_text(f"{FIRST}\n\n{SECOND}") == f"{FIRST}\n\n{SECOND}"  # no markup: kept as written


def test_the_fullest_text_the_alternate_link_and_the_author_are_read_and_an_empty_entry_named(write) -> None:
    atom = f"""<feed xmlns="http://www.w3.org/2005/Atom">
<entry><title>Varn floods</title><author><name>Orla Quist</name></author>
<link rel="enclosure" href="https://courier.example/a.jpg"/><link rel="alternate" href="https://courier.example/floods"/>
<content type="html">Short.</content><summary>{FIRST}</summary></entry>
<entry><title>Empty one</title><summary>   </summary></entry>
</feed>"""
    path = write("entries.atom", atom)
    corpus = ingest([path], language=None)
    assert [(a.title, a.body, a.url, a.metadata) for a in corpus.articles] == [
        ("Varn floods", FIRST, "https://courier.example/floods", (("author", "Orla Quist"),))
    ]
    assert [(s.source, s.reason) for s in corpus.skipped] == [
        (f"{path}:5", "feed entry 'Empty one' has no text")
    ]


def test_atom_xhtml_content_keeps_its_paragraphs_and_an_html_title_loses_its_tags(write) -> None:
    feed = (
        '<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title><entry><title type="html">Quellby '
        '&lt;em&gt;floods&lt;/em&gt;</title><updated>2025-06-01T00:00:00Z</updated><content type="xhtml">'
        '<div xmlns="http://www.w3.org/1999/xhtml"><p>The Varn river rose in Quellby.</p>'
        "<p>Orla Quist said forty homes were evacuated.</p></div></content></entry></feed>"
    )
    [article] = ingest([write("f.atom", feed)], language=None).articles
    assert article.title == "Quellby floods"
    assert article.body == "The Varn river rose in Quellby.\n\nOrla Quist said forty homes were evacuated."
