"""Page furniture in <div>s named for what they are (cookie banner, newsletter box, comments...), and a
headline read again as the text's first paragraph. Names invented."""

from __future__ import annotations

from pipeline.ingest import ingest
from pipeline.ingest.htmlpage import _ArticleHTML

ARTICLE = [
    "Floodwaters rose across Quellby on Tuesday as the Varn river burst its banks after three days of rain.",
    "Orla Quist, who runs the harbour office, said forty homes near the old mill had been evacuated overnight.",
    "Emergency crews from Tarnvel and Oskport worked through the night to shore up the levee with sandbags.",
]


def _page(boxes: str) -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in ARTICLE)
    return f"<html><body>{boxes}<div class='story'><h1>Quellby floods</h1>{paragraphs}</div></body></html>"


def test_boxes_named_furniture_are_left_out(write) -> None:
    boxes = (
        '<div id="cookie-consent" class="cookie-banner"><p>We use cookies on the Courier site.</p></div>'
        '<div class="newsletterSignup"><p>Get the Courier in your inbox every morning.</p></div>'
        '<section id="comments"><p>Varnfan42: great story about our town!</p></section>'
        '<div role="complementary"><p>More from Quellby: the mill reopens.</p></div>'
        '<div aria-label="Share this story"><p>Share on Quellbook</p></div>'
    )
    [article] = ingest([write("page.html", _page(boxes))], language=None).articles
    assert article.body == "\n\n".join(ARTICLE)


def test_an_article_wrapper_named_like_furniture_keeps_the_article(write) -> None:
    page = _page("").replace("class='story'", "class='story has-comments'")
    [article] = ingest([write("page.html", page)], language=None).articles
    assert article.body == "\n\n".join(ARTICLE)


def test_a_commentary_is_no_comment_section(write) -> None:
    page = _page('<div class="commentary"><p>Tarnvel view: rebuild the levee.</p></div>')
    [article] = ingest([write("page.html", page)], language=None).articles
    assert article.body.startswith("Tarnvel view")


def test_headline_repeated_as_the_first_line_of_the_text_is_dropped(write) -> None:
    page = (
        "<html><head><title>Quellby floods</title></head><body><article><h1>Quellby floods</h1>\n"
        + "<br><br>".join(ARTICLE * 3)
        + "</article></body></html>"
    )
    [article] = ingest([write("brbr.html", page)], language=None).articles
    assert article.title == "Quellby floods"
    assert article.body == "\n\n".join(ARTICLE * 3)


def test_an_article_cut_in_two_boxes_named_like_furniture_keeps_both_halves(write) -> None:
    # the body split around an advert, each half in a box whose class says comments are on
    first, second = ARTICLE[:2], ARTICLE[2:] * 2
    page = (
        "<html><body><h1>Quellby floods</h1>"
        + "<div class='body-half'>" + "".join(f"<p>{p}</p>" for p in first) + "</div>"
        + "<div class='ad-slot'><p>Advert</p></div>"
        + "<div class='body-half'>" + "".join(f"<p>{p}</p>" for p in second) + "</div></body></html>"
    )  # fmt: skip
    for name in ("related-body", "comments-enabled"):
        [article] = ingest([write(f"{name}.html", page.replace("body-half", name))], language=None).articles
        assert all(p in article.body for p in ARTICLE), name
    [article] = ingest(
        [write("free.html", _page("").replace("'story'", "'story ad-free'"))], language=None
    ).articles
    assert article.body == "\n\n".join(ARTICLE)


def test_a_headline_repeated_in_other_letters_case_is_dropped_too(write) -> None:
    page = _page("").replace("<h1>Quellby floods</h1>", "<h1>Quellby Floods</h1><p>QUELLBY FLOODS</p>")
    [article] = ingest([write("caps.html", page)], language=None).articles
    assert (article.title, article.body) == ("Quellby Floods", "\n\n".join(ARTICLE))


# --- the <p> reader alone (no trafilatura fallback to hide what it drops) --------------------------


def _paragraphs(page: str) -> list[str]:
    parser = _ArticleHTML()
    parser.feed(page)
    parser.close()
    return parser.paragraphs


def test_a_box_named_furniture_left_unclosed_holds_the_article_and_is_kept() -> None:
    # the closed "related" box is dropped; the unclosed "share" box holds, as in a browser, the rest of
    # the page: the article's last paragraph
    page = (
        f"<html><body><h1>Quellby floods</h1><p>{ARTICLE[0]}</p><p>{ARTICLE[1]}</p>"
        "<div class='related-stories'><p>More from Quellby: the mill reopens.</p></div>"
        f"<div class='share-tools'><p>{ARTICLE[2]}</p></body></html>"
    )
    assert _paragraphs(page) == ARTICLE


def test_furniture_elements_left_unclosed_hold_the_article_and_are_kept() -> None:
    page = (
        f"<html><body><h1>Quellby floods</h1><p>{ARTICLE[0]}</p><p>{ARTICLE[1]}</p>"
        "<aside><p>Ilse Varga on the Orvo Union vote.</p></aside>"
        f"<aside><p>{ARTICLE[2]}</p></body></html>"
    )
    assert _paragraphs(page) == ARTICLE


def test_boxes_named_furniture_that_together_hold_half_the_words_are_the_article() -> None:
    # each box holds a third of the words, under the one-box share; together two thirds: all are kept
    page = (
        "<html><body><h1>Quellby floods</h1>"
        f"<div class='related-body'><p>{ARTICLE[0]}</p></div>"
        f"<div class='related-body'><p>{ARTICLE[1]}</p></div>"
        f"<p>{ARTICLE[2]}</p></body></html>"
    )
    assert _paragraphs(page) == ARTICLE


def test_boxes_named_furniture_are_kept_from_exactly_half_the_words() -> None:
    lead = "The Orvo Union met the Varn river council on Tuesday."  # 10 words
    half = (
        "<div class='related'><p>Ilse Varga spoke in Quellby.</p></div>"
        f"<div class='promo'><p>{{}}</p></div><p>{lead}</p>"
    )
    # boxes of 5 + 5 words against 10 outside them: half the words, kept
    assert _paragraphs(half.format("Varn levee repairs begin today.")) == [
        "Ilse Varga spoke in Quellby.",
        "Varn levee repairs begin today.",
        lead,
    ]
    # 5 + 4 words against 10: under half, both dropped
    assert _paragraphs(half.format("Varn levee repairs begin.")) == [lead]


def test_an_article_in_two_boxes_of_one_name_is_whole_when_one_holds_most_of_it() -> None:
    # the first box alone holds most of the words and was kept; the second, named the same, was measured
    # with the advert against the whole page, fell under half, and its paragraph was silently lost
    last = (
        "Schools in Quellby will stay closed until Monday while engineers inspect the bridge over the Varn."
    )
    page = (
        "<html><body><h1>Quellby floods</h1>"
        "<div class='related-body'>" + "".join(f"<p>{p}</p>" for p in ARTICLE) + "</div>"
        "<div class='ad-slot'><p>Advert</p></div>"
        f"<div class='related-body'><p>{last}</p></div>"
        "<div class='related-stories'><p>More from Quellby: the mill reopens.</p></div></body></html>"
    )
    assert _paragraphs(page) == [*ARTICLE, last]  # the advert and the other stories stay out


def _prose(page: str) -> list[str]:
    parser = _ArticleHTML()
    parser.feed(page)
    parser.close()
    return parser.prose().split("\n\n")


HEADLINES = (
    "<ul><li><p><a href='/mill'>Varn Mill Reopens After The Flood</a> <span>12,345 Views</span></p></li>"
    "<li><p><span>|</span> <a href='/levee'>Tarnvel Levee Holds</a> <a href='/levee#comments'>5</a></p></li>"
    "<li><p><a href='/quist'>By Orla Quist</a></p></li></ul>"
)
LINKED_PROSE = "Orla Quist told the <a href='/herald'>Varn Herald</a> that the levee would hold."
COPYRIGHT = (
    "<p>* Copyright © 2011 Quellby Courier, Inc. All rights reserved. | <a href='/d'>Disclaimer</a></p>"
)


def test_a_list_of_headlines_and_the_copyright_line_are_no_part_of_the_body(write) -> None:
    paragraphs = "".join(f"<p>{p}</p>" for p in ARTICLE)
    page = f"<html><body><h1>Quellby floods</h1>{paragraphs}<p>{LINKED_PROSE}</p>{HEADLINES}{COPYRIGHT}</body></html>"
    prose = "Orla Quist told the Varn Herald that the levee would hold."
    copyright_line = "* Copyright © 2011 Quellby Courier, Inc. All rights reserved. | Disclaimer"
    # a paragraph with a link in it is prose all the same; the lines of headlines are read, and left out
    assert _prose(page) == [*ARTICLE, prose, copyright_line]
    assert len(_paragraphs(page)) == len(ARTICLE) + 5
    [article] = ingest([write("page.html", page)], language=None).articles
    assert "Views" not in article.body and "Copyright" not in article.body


def test_paragraphs_all_inside_links_are_the_article_when_the_rest_is_too_short_for_one() -> None:
    linked = "".join(f"<p><a href='/{i}'>{p}</a></p>" for i, p in enumerate(ARTICLE))
    page = f"<html><body><h1>Quellby floods</h1>{linked}<p>{LINKED_PROSE}</p></body></html>"
    assert _prose(page)[:3] == ARTICLE


def test_linked_sentences_and_an_article_on_copyright_stay_in_the_body(write) -> None:
    digest = "".join(f"<p><a href='/{i}'>{p}</a></p>" for i, p in enumerate(ARTICLE))
    quoted = (
        "<p>Copyright notices such as “all rights reserved” carry no legal weight, Judge Tamsin Vorley wrote.</p>"
        "<p>© Orla Quist. All rights reserved, the caption under the photograph read.</p>"
    )
    page = f"<html><body><h1>Morning digest</h1>{digest}<p>{LINKED_PROSE}</p>{quoted}</body></html>"
    [article] = ingest([write("page.html", page)], language=None).articles
    for kept in (*ARTICLE, "Judge Tamsin Vorley wrote", "the caption under the photograph read"):
        assert kept in article.body


def test_text_nested_deeper_than_libxml2_reads_by_default_is_read(write) -> None:
    blocks = "".join(f"<div>{sentence}</div>" for sentence in ARTICLE)  # no <p>: the main text is the body
    for depth in (250, 300):
        page = f"<html><head><title>Quellby floods</title></head><body>{'<div>' * depth}{blocks}{'</div>' * depth}</body></html>"
        [found] = ingest([write(f"deep{depth}.html", page)], language=None).articles
        assert found.body.split("\n\n") == ARTICLE, depth  # at 300 the text past depth 255 had been lost
    # deeper than the extractor can go at all: skipped, saying why, never an empty or cut article
    page = f"<html><body>{'<div>' * 5000}{blocks}{'</div>' * 5000}</body></html>"
    corpus = ingest([write("deepest.html", page)], language=None)
    assert not corpus.articles
    assert (
        [s.reason for s in corpus.skipped]
        == [
            "HTML page has no article text that could be read (elements nested 5,003 deep)"  # html, body, 5,000 divs, a block
        ]
    )


def test_an_article_in_an_iframes_srcdoc_is_read_and_a_script_rendered_page_says_why_it_is_skipped(
    write,
) -> None:
    import html

    framed = html.escape(_page(""), quote=True)
    page = write(
        "framed.html",
        f'<html><body><nav><a href="/">Home</a></nav><iframe srcdoc="{framed}"></iframe></body></html>',
    )
    [article] = ingest([page], language=None).articles
    assert article.body == "\n\n".join(ARTICLE)
    app = write(
        "app.html",
        '<html><head><title>Quellby floods</title></head><body><div id="__next"><a href="/">Home</a> '
        '<a href="/news">News</a></div><script id="__NEXT_DATA__" type="application/json">{"props": {}}</script>'
        "</body></html>",
    )
    [skipped] = ingest([app], language=None).skipped
    assert skipped.reason.startswith("HTML page is rendered by a script in the browser")


def test_a_box_a_comments_heading_opens_is_left_out_however_long_and_however_named(write) -> None:
    comment = (
        "I live in Varnby and I think the closure of the Quellby ward is an outrage, said a reader of ours."
    )
    readers = "".join(
        f"<div class='rsp'><div class='rsp-author'>Reader {n}</div><p>{comment}</p></div>" for n in range(12)
    )
    boxes = f"<section class='rsp-list'><h2>Have your say (12)</h2>{readers}</section>"
    page = _page("").replace("</div></body>", f"</div>{boxes}</body>")
    [article] = ingest([write("page.html", page)], language=None).articles
    assert article.body == "\n\n".join(ARTICLE)
    # a heading inside the article's own box, after its paragraphs, says nothing of that box
    inline = _page("").replace(
        "</div></body>", "<h3>Comments</h3><p>Be the first to comment on this story.</p></div></body>"
    )
    [article] = ingest([write("inline.html", inline)], language=None).articles
    assert article.body.startswith("\n\n".join(ARTICLE))


def test_a_page_laid_out_with_br_loses_its_menu_lines(write) -> None:
    lines = "<br><br>".join(ARTICLE)
    page = (
        "<html><head><title>Quellby floods</title></head><body><table><tr><td><a href='/'>Home</a> | "
        f"<a href='/news'>News</a></td></tr><tr><td><b>Quellby floods</b><br><br>{lines}</td></tr></table></body></html>"
    )
    [article] = ingest([write("br.html", page)], language=None).articles
    assert article.body == "\n\n".join(ARTICLE)


def test_a_section_page_listing_stories_is_skipped_as_one(write) -> None:
    teasers = "".join(
        f"<div class='teaser'><h2><a href='/local/{n}'>Quarry plan {n} divides Quellby</a></h2>"
        f"<p>Plans for quarry {n} near Quellby have divided residents, councillor Orla Quist said.</p></div>"
        for n in range(8)
    )
    page = f"<html><head><title>Local news</title></head><body><h1>Local news</h1>{teasers}</body></html>"
    corpus = ingest([write("local.html", page)], language=None)
    assert corpus.articles == ()
    assert corpus.skipped[0].reason.startswith(
        "HTML page lists 8 stories, each a linked headline and its summary"
    )
    # an article with a few linked headlines of related stories after it stays an article
    related = "".join(
        f"<h3><a href='/r/{n}'>Quellby story {n}</a></h3><p>A short summary {n}.</p>" for n in range(5)
    )
    [article] = ingest(
        [write("story.html", _page("").replace("</div></body>", f"</div>{related}</body>"))], language=None
    ).articles
    assert article.body.startswith("\n\n".join(ARTICLE))


def test_an_article_section_on_reactions_and_a_brief_above_read_next_cards_stay(write) -> None:
    reactions = "<section><h2>Reactions</h2><p>Orla Quist, who led the campaign, welcomed the vote in Quellby.</p></section>"
    page = _page("").replace("</div></body>", f"{reactions}</div></body>")
    [article] = ingest([write("reactions.html", page)], language=None).articles
    assert article.body.endswith("welcomed the vote in Quellby.")  # an article's section, no comments
    cards = "".join(
        f"<div class='card'><h3><a href='/s{n}'>Story {n} on the Varn works</a></h3><p>A summary of story {n} on "
        "the works on the Varn river in Quellby and what the council decided this week.</p></div>"
        for n in range(6)
    )
    brief = (
        "<html><body><div><h1>Dam vote delayed</h1><p>The vote on the Quellby dam was delayed on Monday after "
        f"Mayor Orla Quist fell ill, the council said. It will be held next week.</p><h2>Read next</h2>{cards}"
        "</div></body></html>"
    )
    [article] = ingest([write("brief.html", brief)], language=None).articles
    assert article.body.startswith("The vote on the Quellby dam was delayed")
