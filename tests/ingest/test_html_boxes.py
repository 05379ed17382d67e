"""Page furniture in <div>s named for what they are (cookie banner, newsletter box, comments...), and a
headline read again as the text's first paragraph. Names invented."""

from __future__ import annotations

from pipeline.ingest import ingest

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
