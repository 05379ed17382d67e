"""The outlet of an article's address, named in its body (pipeline.extract.publisher). Names invented."""

from __future__ import annotations

from pipeline.extract.publisher import name_the_publisher, site_name
from pipeline.records import Article, Extraction, Failure, Mention, Sentence


def _run(body: str, url: str, mentions: tuple[Mention, ...] = ()) -> list[tuple[str, str, str, str]]:
    article = Article("a", "a.html", 0, "T", body, url=url)
    extraction = Extraction("a", (Sentence("a", 0, 0, len(body), 0),), mentions, ())
    [result] = name_the_publisher([extraction], [article])
    return [(m.text, m.label, m.type, m.origin) for m in result.mentions]


def test_the_outlet_is_tagged_where_its_body_names_it() -> None:
    body = "That slowed me down, Orla Quist told Quellwire in an interview. Sources tell QUELLWIRE more."
    assert _run(body, "https://www.quellwire.com/2014/07/quist") == [
        ("Quellwire", "ORG", "group", "publisher"),
        ("QUELLWIRE", "ORG", "group", "publisher"),
    ]


def test_a_name_of_several_words_is_spelled_by_the_sites_letters() -> None:
    body = "A source told The Varn Courier on Friday; the Varn Courier's editor declined to comment."
    assert [m[0] for m in _run(body, "http://varncourier.co.uk/news/1")] == ["Varn Courier", "Varn Courier"]
    assert [m[0] for m in _run("Readers wrote to The Varnpost.", "http://thevarnpost.com/")] == [
        "The Varnpost"
    ]


def test_a_site_named_with_a_common_word_needs_its_capitals() -> None:
    url = "https://harbour.com/x"
    assert _run("Boats filled the harbour. Orla Quist told Harbour she would sail.", url) == []
    assert [m[0] for m in _run("Boats filled the harbour, Orla Quist told HARBOUR.", url)] == ["HARBOUR"]


def test_one_capitalized_word_opening_a_sentence_is_left_alone() -> None:
    assert _run("Tarnquell networks are slow. Tarnquell was sold.", "https://tarnquell.net/") == []
    assert [m[0] for m in _run("It said. TarnQuell was sold.", "https://tarnquell.net/")] == ["TarnQuell"]


def test_no_address_a_place_a_failure_or_a_name_taken_leave_the_article_as_it_is() -> None:
    body = "Orla Quist told Quellwire."
    assert _run(body, "") == []
    assert _run("Orla Quist left Kalamazoo for good.", "https://www.kalamazoo.com/") == []  # the city
    taken = Mention("a", 0, 16, 25, "Quellwire", "GPE", "place", "model")
    assert _run(body, "https://quellwire.com/", (taken,)) == [("Quellwire", "GPE", "place", "model")]
    failed = Extraction(
        "a", (), (), (), failure=Failure("a", "a.html", "extract", "entities", "ValueError", "boom")
    )
    article = Article("a", "a.html", 0, "T", body, url="https://quellwire.com/")
    assert name_the_publisher([failed], [article]) == (failed,)


def test_the_site_name_of_an_address() -> None:
    assert site_name("https://edition.quellnews.com/2020/01/x") == "quellnews"
    assert site_name("http://www.varn.co.uk/a") == "varn"
    assert site_name("https://quell.org.au/") == "quell"
    assert site_name("not an address") == ""
    assert site_name("https://xy.com/") == ""


def _corpus(*pieces: tuple[str, str]) -> list[list[str]]:
    """Run articles of (body, url); the names tagged in each."""
    articles = [Article(f"a{i}", "a.html", i, "T", body, url=url) for i, (body, url) in enumerate(pieces)]
    extractions = [
        Extraction(a.article_id, (Sentence(a.article_id, 0, 0, len(a.body), 0),), (), ()) for a in articles
    ]
    return [[m.text for m in e.mentions] for e in name_the_publisher(extractions, articles)]


def test_a_name_inside_a_longer_name_is_no_outlet_but_a_day_or_a_media_word_may_follow_it() -> None:
    url = "https://quellwire.com/x"
    body = "The Varn Quellwire closed. Quellwire Tower fell. Mr Quellwire left. Mail tips@Quellwire.com now."
    assert _corpus((body, url)) == [[]]
    assert _corpus(("Yesterday Quellwire said so. It rained yesterday.", url)) == [["Quellwire"]]
    days = "Orla Quist told Quellwire Monday she would run, and a Quellwire reporter told Quellwire News."
    assert _corpus((days, url)) == [["Quellwire", "Quellwire", "Quellwire News"]]


def test_a_site_named_with_a_word_two_stories_write_in_lower_case_is_tagged_in_capitals_only() -> None:
    url = "https://harbour.com/x"
    others = [("The harbour was full.", ""), ("Boats left the harbour at dawn.", "")]
    assert _corpus(("Orla Quist told Harbour she would sail.", url), *others) == [[], [], []]
    assert _corpus(("Orla Quist told HARBOUR she would sail.", url), *others) == [["HARBOUR"], [], []]
    # one other story's lower-case use is no common word: "the quellwire story" of a rival
    rival = ("Orla Quist denied the quellwire story.", "")
    told = ("Orla Quist told Quellwire she would sail.", "https://quellwire.com/")
    assert _corpus(told, rival) == [["Quellwire"], []]


def test_a_name_with_the_counts_as_one_word_and_addresses_are_no_words() -> None:
    url = "https://www.thevarnbeacon.co.uk/x"
    assert _corpus(("The Varnbeacon on the hill was lit at dusk.", url)) == [[]]  # opens the sentence
    assert _corpus(("Orla Quist told The Varnbeacon she would sail.", url)) == [["The Varnbeacon"]]
    mail = "Write to tips@quellwire.com or @quellwire. Orla Quist told Quellwire she would sail."
    assert _corpus((mail, "https://quellwire.com/")) == [["Quellwire"]]


def test_the_site_of_a_blog_an_archived_page_and_an_aggregator() -> None:
    assert site_name("https://quellwire.wordpress.com/2020/01/x") == "quellwire"
    assert site_name("https://quell-wire.substack.com/p/x") == "quellwire"
    assert site_name("https://web.archive.org/web/20200101/https://www.varnpost.co.uk/a") == "varnpost"
    assert site_name("https://www-varnpost-com.cdn.ampproject.org/c/s/www.varnpost.com/a") == "varnpost"
    assert site_name("https://news.google.com/articles/x") == ""


def test_a_persons_own_site_names_no_outlet() -> None:
    assert _corpus(
        ("Orla Quist said she would stand again. Quist thanked voters.", "https://orlaquist.com/")
    ) == [[]]
