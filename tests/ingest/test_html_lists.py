"""What an article says in lists, and in a paragraph its page's markup broke in two: kept in the body;
the lists of menus, footers and headline boxes left out. Names invented."""

from __future__ import annotations

from pipeline.ingest import ingest
from pipeline.ingest.htmlpage import _ArticleHTML

LEAD = "The Quellby council agreed another round of cuts on Tuesday, its third this year. The details:"
POINTS = [
    "Pensions above 1,400 varns a month will be cut by a fifth",
    "Payments to harbour workers who retired before 55 will be reduced",
    "3,000 clerks will go into a labour reserve on 60% of their pay",
]
AFTER = (
    "Orla Quist, who speaks for the Tarnvel unions, said a strike would follow within the month "
    "if the council did not reopen the talks it broke off last week."
)


def _paragraphs(page: str) -> list[str]:
    parser = _ArticleHTML()
    parser.feed(page)
    parser.close()
    return parser.paragraphs


def _items(points: list[str]) -> str:
    return "".join(f"<li>{point}</li>" for point in points)


def test_the_items_of_a_list_among_the_articles_paragraphs_are_paragraphs_in_their_place() -> None:
    page = f"<div class='story'><p>{LEAD}</p><ul>{_items(POINTS)}</ul><p>{AFTER}</p></div>"
    assert _paragraphs(page) == [LEAD, *POINTS, AFTER]


def test_items_whose_end_tags_are_left_out_end_where_the_next_one_starts() -> None:
    items = "".join(f"<li>{point}" for point in POINTS)  # valid HTML: </li> may be omitted
    page = f"<div><p>{LEAD}</p><ol>{items}</ol><p>{AFTER}</p></div>"
    assert _paragraphs(page) == [LEAD, *POINTS, AFTER]


def test_a_list_inside_an_item_is_read_with_its_list() -> None:
    inner = f"<ul>{_items(POINTS[1:])}</ul>"
    page = f"<div><p>{LEAD}</p><ul><li>{POINTS[0]}{inner}</li></ul><p>{AFTER}</p></div>"
    assert _paragraphs(page) == [LEAD, *POINTS[1:], POINTS[0], AFTER]


def test_an_item_holding_paragraphs_gives_them_once() -> None:
    page = f"<div><p>{LEAD}</p><ul><li><p>{POINTS[0]}</p></li><li>{POINTS[1]}</li></ul><p>{AFTER}</p></div>"
    assert _paragraphs(page) == [LEAD, POINTS[0], POINTS[1], AFTER]


def test_lists_outside_the_articles_container_are_left_out() -> None:
    menu = "<ul><li>Home</li><li>Quellby news</li><li>Sport</li></ul>"
    footer = (
        "<div class='site-foot'><p>Quellby Courier, Harbour Row.</p>"
        "<ul><li>Quellby Courier 1996-2026</li><li>Terms of use</li></ul></div>"
    )
    page = f"<body>{menu}<div class='story'><p>{LEAD}</p><p>{AFTER}</p></div>{footer}</body>"
    assert _paragraphs(page) == [LEAD, AFTER, "Quellby Courier, Harbour Row."]


def test_a_list_beside_a_container_holding_less_than_half_the_articles_words_is_left_out() -> None:
    sidebar = (
        f"<div class='rail'><p>Most read today</p><ul>{_items(['Varn Mill reopens its doors'])}</ul></div>"
    )
    page = f"<div class='story'><p>{LEAD}</p><p>{AFTER}</p></div>{sidebar}"
    assert "Varn Mill reopens its doors" not in _paragraphs(page)


def test_a_list_of_headline_links_in_the_article_stays_out_of_the_body(write) -> None:
    links = "".join(f"<li><a href='/s{i}'>Varn Mill story {i}</a></li>" for i in range(3))
    more = "The council meets again on Friday, when the harbour budget and the clerks' reserve are due."
    page = f"<html><body><div><p>{LEAD}</p><p>{AFTER}</p><p>{more}</p><ul>{links}</ul></div></body></html>"
    [article] = ingest([write("page.html", page)], language=None).articles
    assert article.body == f"{LEAD}\n\n{AFTER}\n\n{more}"


def test_the_text_after_a_captioned_image_opening_a_paragraph_is_that_paragraph() -> None:
    # "<p><div>": the <div> ends the <p> (HTML's rule); the text it leaves is closed by the author's </p>
    image = "<div class='image'><img src='flag.jpg'><p class='source'>Image: Orrin Tasby</p></div>"
    page = f"<div class='story'><p>{image}As the harbour waited, {LEAD}</p><p>{AFTER}</p></div>"
    assert _paragraphs(page) == ["Image: Orrin Tasby", f"As the harbour waited, {LEAD}", AFTER]


def test_loose_text_without_a_paragraphs_end_tag_stays_out() -> None:
    page = f"<div class='story'><div>Share this story</div>Sign in to comment<p>{LEAD}</p></div>"
    assert _paragraphs(page) == [LEAD]


def test_a_list_of_titles_in_the_article_stays_out_of_the_body() -> None:
    titles = ["Varnholm: The Lost Harbour", "Tarnvel Racer II", "Quist Farm (Remastered)"]
    page = f"<div class='story'><p>{LEAD}</p><p>What is new this week:</p><ul>{_items(titles)}</ul><p>{AFTER}</p></div>"
    assert _paragraphs(page) == [LEAD, "What is new this week:", AFTER]


def test_a_heading_written_as_a_sentence_is_a_paragraph_and_a_headline_is_not() -> None:
    said = "The mother of a Quellby woman has described how her daughter was burning up from within."
    page = (
        f"<div class='story'><h2>{said}</h2><p>{LEAD}</p><h2>Why the Varn Levee Is Never Going To Hold...</h2>"
        f"<h3>What the council said</h3><p>{AFTER}</p></div>"
    )
    assert _paragraphs(page) == [said, LEAD, AFTER]
