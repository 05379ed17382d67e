"""A page whose script writes its article in (a web app saved as it came): the article from the page's
linked data (JSON-LD's articleBody) when the page holds no text of its own. Names invented."""

from __future__ import annotations

import json

from pipeline.ingest import ingest
from pipeline.ingest.htmlpage import _linked_data

STORY = [
    "Floodwaters rose across Quellby on Tuesday as the Varn river burst its banks after three days of rain.",
    "Orla Quist, who runs the harbour office, said forty homes near the old mill had been evacuated overnight.",
    "Emergency crews from Tarnvel and Oskport worked through the night to shore up the levee with sandbags.",
]


def _app_page(linked: str, text: str = "") -> str:
    return (
        "<html><head><title>Quellby floods | Varn Courier</title>"
        f'<script type="application/ld+json">{linked}</script></head>'
        f'<body><div id="root">{text}</div><script>window.render("root")</script></body></html>'
    )


def _linked(body: str, **more: str) -> str:
    article = {"@type": "NewsArticle", "headline": "Quellby floods", "articleBody": body, **more}
    return json.dumps({"@context": "https://schema.org", "@graph": [{"@type": "WebSite"}, article]})


def test_an_app_page_is_read_from_its_linked_data(write) -> None:
    page = _app_page(_linked("\n".join(STORY), datePublished="2024-05-07T09:30:00Z"))
    [article] = ingest([write("floods.html", page)], language=None).articles
    assert article.body == "\n\n".join(STORY)
    assert article.title == "Quellby floods"  # the linked data's headline, not the <title> with the site
    assert article.iso_date == "2024-05-07"


def test_a_page_holding_its_article_keeps_it_whatever_its_linked_data_says(write) -> None:
    paragraphs = "".join(f"<p>{line}</p>" for line in STORY)
    page = _app_page(_linked("Another text. " * 40), paragraphs)
    [article] = ingest([write("floods.html", page)], language=None).articles
    assert article.body == "\n\n".join(STORY)


def test_broken_linked_data_and_no_text_is_skipped_with_the_reason(write) -> None:
    corpus = ingest([write("app.html", _app_page("{not json"))], language=None)
    assert not corpus.articles
    assert [s.reason for s in corpus.skipped] == [
        "HTML page has no article text (no <p> paragraphs, no main text)"
    ]


def test_linked_data_holding_several_stories_or_another_story_gives_no_article() -> None:
    brief = "Orla Quist has been elected mayor of Varnby after a recount, beating Tomas Brann by a few votes."
    other = {
        "@type": "NewsArticle",
        "headline": "Ferry strike",
        "articleBody": "Quellby ferry crews walked out. " * 30,
    }
    graph = json.dumps({"@graph": [{"@type": "NewsArticle", "headline": "Quist wins"}, other]})
    assert _linked_data(_app_page(graph), brief) is None  # its one article is another story than the page's
    assert _linked_data(_app_page(graph), "Loading...") is not None  # a placeholder says no story
    two = json.dumps([json.loads(_linked("\n".join(STORY)))["@graph"][1], other])
    assert _linked_data(_app_page(two), "") is None  # two stories: neither is surely the page's
    listed = json.dumps({"@type": "ItemList", "itemListElement": [other]})
    assert _linked_data(_app_page(listed), "") is None  # an index's items are no article of its own


def test_an_article_body_cut_short_gives_way_to_the_pages_whole_text(write) -> None:
    divs = "".join(f"<div>{line} {line}</div>" for line in STORY)  # the page's text, in no <p>
    page = _app_page(_linked(STORY[0]), divs)
    [article] = ingest([write("cut.html", page)], language=None).articles
    assert STORY[2] in article.body
