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
    assert _paragraphs(page) == [LEAD, POINTS[0], *POINTS[1:], AFTER]  # the item's words, then its list


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


def test_headings_are_no_paragraphs_and_end_at_the_next_block_however_closed() -> None:
    page = (
        "<h1 class='headline'>Varnby braced as the Varn rises</h2><div class='meta'><span>By Dana Vell</span>"
        f"</div><div class='story'><h2>The council met on Tuesday night to agree the plan.</h2><p>{LEAD}</p>"
        f"<h3>What residents should do</h4><ul>{_items(POINTS)}</ul><p>{AFTER}</p></div>"
    )
    parser = _ArticleHTML()
    parser.feed(page)
    parser.close()
    assert parser.h1 == "Varnby braced as the Varn rises"
    assert parser.paragraphs == [LEAD, *POINTS, AFTER]


def test_a_list_of_linked_headlines_in_the_article_is_no_part_of_it_however_they_end() -> None:
    related = [
        "Quellby ferry strike called off after a late pay offer.",
        "Who is Tomas Brann, who ran Varnby?",
    ]
    links = "".join(f"<li><a href='/s{i}'>{line}</a></li>" for i, line in enumerate(related))
    page = f"<div class='story'><p>{LEAD}</p><p>{AFTER}</p><p>Related coverage:</p><ul>{links}</ul></div>"
    assert _paragraphs(page) == [LEAD, AFTER, "Related coverage:"]
    one = f"<li><a href='/x'>{POINTS[0]}</a></li>{_items(POINTS[1:])}"  # one linked point among others
    assert _paragraphs(f"<div><p>{LEAD}</p><ul>{one}</ul><p>{AFTER}</p></div>") == [LEAD, *POINTS, AFTER]


def test_prompts_and_labels_of_links_are_no_part_of_the_article() -> None:
    prompts = [
        "Tags: Varnby, elections, Orla Quist, Tomas Brann, local politics",
        "Sign up to our morning newsletter for the latest Varnby headlines",
        "Follow Quellwire on Facebook and Instagram for breaking news from the county",
    ]
    page = f"<div class='story'><p>{LEAD}</p><p>{AFTER}</p><ul>{_items(prompts)}</ul></div>"
    assert _paragraphs(page) == [LEAD, AFTER]
    advice = ["Sign up for the agency's free flood warnings, sent by text or e-mail", *POINTS[1:]]
    page = f"<div class='story'><p>{LEAD}</p><ul>{_items(advice)}</ul><p>{AFTER}</p></div>"
    assert _paragraphs(page) == [LEAD, *advice, AFTER]  # advice names no site: the article's


def test_loose_text_is_a_paragraph_when_it_is_a_sentence_or_the_rest_of_one_an_advert_cut() -> None:
    advert = "<div class='ad-slot'><script>show()</script></div>"
    cut = f"<div class='story'><p>Quist said the council would find the money to{advert} repair the bridge.</p></div>"
    assert _paragraphs(cut) == ["Quist said the council would find the money to repair the bridge."]
    label = f"<div class='story'><p>{LEAD}</p><p>{advert}<span>Story continues below advertisement</span></p></div>"
    assert _paragraphs(label) == [LEAD]
    short = f"<div class='story'><p>{LEAD}</p><p>{advert}Quist disagreed.</p></div>"
    assert _paragraphs(short) == [LEAD, "Quist disagreed."]


def test_a_list_standing_in_the_page_itself_is_not_read_as_the_articles() -> None:
    footer = ["Quellwire is a trading name of Quellwire Media, Harbour Row, Varnby."]
    page = f"<body><p>{LEAD}</p><p>{AFTER}</p><ul>{_items(POINTS + footer)}</ul></body>"
    assert _paragraphs(page) == [LEAD, AFTER]
