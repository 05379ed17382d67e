from __future__ import annotations

from pathlib import Path

from pipeline.dedup import deduplicate
from pipeline.ingest import ingest

STORY = (
    "The river burst its banks on Tuesday night, flooding the lower town. Residents were moved to the school "
    "gym by volunteers. The mayor said the water would recede within two days. Engineers inspected the bridge "
    "and found cracks in two of its pillars. Trains between the towns will not run until Friday. The regional "
    "government promised funds for repairs and asked people to avoid the riverside roads. Forecasters expect "
    "more rain over the weekend, though lighter than the storm that caused the flood."
)


def _articles(write, texts: list[str]):
    paths = [write(f"{i:02d}.txt", f"Title {i}\n{text}") for i, text in enumerate(texts)]
    return ingest(paths).articles


def test_seed_corpus_keeps_one_copy_of_each_story(seeds_dir: Path) -> None:
    articles = deduplicate(ingest([seeds_dir]).articles)
    titles = [a.title for a in articles]
    kept = [a for a in articles if a.kept]
    # every distinct headline is kept exactly once; every repeat points at the first copy
    assert [a.title for a in kept] == list(dict.fromkeys(titles))
    first_id = {a.title: a.article_id for a in kept}
    for article in articles:
        if not article.kept:
            assert article.duplicate_of == first_id[article.title]
            assert article.duplicate_rule == "exact"
    assert len({a.article_id for a in articles}) == len(articles)  # ids stay unique


def test_exact_copies_get_numbered_ids(write) -> None:
    a, b, c = deduplicate(_articles(write, [STORY, "Something else entirely happened today.", STORY.upper()]))
    assert a.kept and b.kept
    assert c.article_id == f"{a.article_id}-2"
    assert (c.duplicate_of, c.duplicate_rule, c.similarity) == (a.article_id, "exact", 1.0)


def test_near_duplicate_with_a_changed_sentence(write) -> None:
    edited = STORY.replace(
        "Trains between the towns will not run until Friday.",
        "Buses replace the trains until further notice.",
    )
    reworded = edited.replace(",", "").replace("Tuesday night", "Tuesday evening")
    a, b, c = deduplicate(_articles(write, [STORY, edited, reworded]))
    assert a.kept
    assert (b.duplicate_of, b.duplicate_rule) == (a.article_id, "near")
    assert (c.duplicate_of, c.duplicate_rule) == (a.article_id, "near")
    assert 0.5 <= b.similarity < 1.0


def test_different_stories_on_the_same_topic_are_kept(write) -> None:
    other = (
        "Heavy rain flooded the lower town on Tuesday. The mayor opened the school gym for families. "
        "Engineers will inspect the bridge this week, and trains are suspended."
    )
    articles = deduplicate(_articles(write, [STORY, other]))
    assert all(a.kept for a in articles)


def test_threshold_is_a_setting(write) -> None:
    edited = STORY.replace(
        "The mayor said the water would recede within two days.", "No comment from the mayor."
    )
    strict = deduplicate(_articles(write, [STORY, edited]), threshold=0.99)
    assert all(a.kept for a in strict)


def test_first_in_input_order_is_kept(write) -> None:
    edited = STORY.replace("Friday", "Saturday")
    forward = deduplicate(_articles(write, [STORY, edited]))
    assert [a.kept for a in forward] == [True, False]
    assert forward[1].duplicate_of == forward[0].article_id


def test_of_equally_long_copies_the_latest_dated_is_kept_a_correction_replaces_the_story(write) -> None:
    import json

    corrected = STORY.replace("two of its pillars", "three of its pillars")  # as long, a day later
    lines = [
        {"title": "Flood", "date": "2024-03-05", "text": STORY},
        {"title": "Flood", "date": "2024-03-06", "text": corrected},
        {"title": "Flood", "date": "2024-03-04", "text": STORY.replace("Friday", "Monday")},
    ]
    path = write("batch.jsonl", "\n".join(json.dumps(line) for line in lines))
    first, correction, earlier = deduplicate(ingest([path]).articles)
    assert correction.kept and not first.kept and not earlier.kept
    assert first.duplicate_of == earlier.duplicate_of == correction.article_id
    # the same story again, word for word and a day later, changes nothing: not even the kept article's id
    again = {"title": "Flood", "date": "2024-03-07", "text": STORY}
    path = write("again.jsonl", "\n".join(json.dumps(line) for line in [lines[0], again]))
    kept, copy = deduplicate(ingest([path]).articles)
    assert kept.kept and (copy.duplicate_of, copy.duplicate_rule) == (kept.article_id, "exact")
    # read first (its file sorts first), the later copy still changes nothing: the first published keeps
    # the story's id, and a correction keeps its place
    path = write("again2.jsonl", "\n".join(json.dumps(line) for line in [again, lines[0], lines[1]]))
    copy, kept, correction = deduplicate(ingest([path]).articles)
    assert kept.article_id == first.article_id and copy.article_id == f"{first.article_id}-2"
    assert (
        correction.kept and not kept.kept and copy.duplicate_of == kept.duplicate_of == correction.article_id
    )
    # undated copies keep the first read
    assert [a.kept for a in deduplicate(_articles(write, [STORY, corrected]))] == [True, False]


def test_a_story_just_over_the_threshold_is_found_every_time() -> None:
    import random

    from pipeline.records import Article

    syllables = ["qu", "ell", "var", "osk", "dro", "ven", "tal", "mir", "sen", "por", "lek", "ab"]
    found = []
    for seed in range(20):
        draw = random.Random(seed)
        words = ["".join(draw.choices(syllables, k=3)) for _ in range(200)]
        # the first 110 words kept as a story of their own: exact similarity 106/196 = 0.54
        stories = [" ".join(words[:110]), " ".join(words)]
        articles = [
            Article(article_id=f"{seed}-{i}", source="x", position=i, title="", body=b)
            for i, b in enumerate(stories)
        ]
        found.append(deduplicate(articles)[0].duplicate_of == f"{seed}-1")  # the longer copy kept
    # proposed by the index only at its own threshold, such a pair slipped through a third of the time
    assert all(found)


def test_a_story_is_kept_in_its_longest_copy(write) -> None:
    opening = STORY[: STORY.index("The regional")]
    teaser, full, copy = deduplicate(_articles(write, [opening, STORY, opening]))
    assert full.kept
    assert (teaser.duplicate_of, teaser.duplicate_rule) == (full.article_id, "near")
    assert 0.5 <= teaser.similarity < 1.0
    assert (copy.duplicate_of, copy.duplicate_rule) == (full.article_id, "near")  # the teaser's copy too


def test_a_copy_further_than_the_threshold_from_the_longest_stays_its_own_story(write) -> None:
    def words(start: int, count: int) -> str:  # invented words, each once: "varbac", "varbad", ...
        return " ".join(
            "var" + "".join(chr(97 + (i // 26**k) % 26) for k in (2, 1, 0))
            for i in range(start, start + count)
        )

    shared = words(0, 200)
    first, longer_own, longest_own = shared, words(1000, 150), words(2000, 190)
    short, extended, longest = deduplicate(
        _articles(write, [first, f"{shared} {longer_own}", f"{shared} {longest_own}"])
    )
    assert longest.kept and (short.duplicate_of, short.duplicate_rule) == (longest.article_id, "near")
    # near the first copy (0.57), but only 0.37 of the longest: it adds 150 words of its own
    assert extended.kept


def test_the_lsh_bands_given_to_datasketch_are_the_ones_it_would_choose() -> None:
    from datasketch.lsh import _optimal_param

    from pipeline.dedup import LSH_PARAMS

    for (threshold, num_perm), params in LSH_PARAMS.items():
        assert _optimal_param(threshold, num_perm, 0.5, 0.5) == params


def test_dedup_leaves_scipy_integrate_and_asyncio_to_whoever_imports_them(tmp_path: Path) -> None:
    import subprocess
    import sys

    script = """
import sys
from pipeline.dedup import deduplicate
from pipeline.records import Article
body = "Vessa Marrow opened the Tollbridge depot on the north bank of the Quill river last week"
articles = [Article(article_id=str(i), source="x", position=i, title="", body=body + " " + str(i)) for i in range(3)]
assert [a.duplicate_of for a in deduplicate(articles)] == ["", "0", "0"]
assert "scipy.integrate" not in sys.modules  # the default threshold needs no integration
assert [a.duplicate_of for a in deduplicate(articles, threshold=0.7)] == ["", "0", "0"]  # the real quad
import scipy.integrate
assert callable(scipy.integrate.solve_ivp)
assert "asyncio" not in sys.modules  # nor datasketch's Redis and MongoDB indexes
from datasketch.aio import AsyncMinHashLSH
assert isinstance(AsyncMinHashLSH, type) and "asyncio" in sys.modules
print("ok")
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.stdout.strip() == "ok", done.stderr


def test_signatures_equal_datasketch_hashing_each_shingle() -> None:
    # Signatures are stored in the cache and compared with later runs': the quick way of hashing must give
    # datasketch's own values (its default sha1_hash32 per shingle, its own permutations), for any size.
    from pipeline.dedup import NUM_PERM, _datasketch, _minhash, _shingles

    minhash, _ = _datasketch()
    permutations = minhash(num_perm=NUM_PERM, seed=1, scheme="affine32").permutations
    for text in [STORY.lower(), "quorvel harbour", "", "a b c d e f"]:
        plain = minhash(num_perm=NUM_PERM, seed=1, scheme="affine32")
        plain.update_batch([s.encode("utf-8") for s in sorted(_shingles(text))])
        quick = _minhash(text, minhash, permutations)
        assert quick.hashvalues.dtype == plain.hashvalues.dtype
        assert quick.hashvalues.tolist() == plain.hashvalues.tolist()
    small = minhash(num_perm=16, seed=1, scheme="affine32")
    small.update_batch([s.encode("utf-8") for s in sorted(_shingles(STORY))])
    quick = _minhash(STORY, minhash, minhash(num_perm=16, seed=1, scheme="affine32").permutations)
    assert quick.hashvalues.tolist() == small.hashvalues.tolist()


def _invented(start: int, count: int) -> str:
    """``count`` invented words, each once: "qelbac", "qelbad", ..."""
    return " ".join(
        "qel" + "".join(chr(97 + (i // 26**k) % 26) for k in (2, 1, 0)) for i in range(start, start + count)
    )


def _read(write, texts: list[str]):
    """The articles of ``texts``, one file each, whatever language the invented words look like."""
    paths = [write(f"{i:02d}.txt", f"Title {i}\n{text}") for i, text in enumerate(texts)]
    return ingest(paths, language=None).articles


def test_an_undated_copy_never_takes_the_dated_ones_place(write) -> None:
    import json

    lines = [{"title": "Flood", "text": STORY}, {"title": "Flood", "date": "2024-03-05", "text": STORY}]
    undated, dated = deduplicate(ingest([write("copies.jsonl", "\n".join(map(json.dumps, lines)))]).articles)
    assert dated.kept and not undated.kept
    assert (undated.article_id, undated.duplicate_of) == (f"{dated.article_id}-2", dated.article_id)


def test_a_copy_set_free_by_the_longest_keeps_its_own_copies(write) -> None:
    shared, own, longest_own = _invented(0, 200), _invented(1000, 150), _invented(2000, 190)
    extended = f"{shared} {own}"
    short, kept_extended, longest, copy = deduplicate(
        _read(write, [shared, extended, f"{shared} {longest_own}", extended])
    )
    assert longest.kept and kept_extended.kept and short.duplicate_of == longest.article_id
    # the word-for-word copy of the set-free story stays its duplicate, not a story of its own
    assert (copy.article_id, copy.duplicate_of, copy.duplicate_rule, copy.similarity) == (
        f"{kept_extended.article_id}-2",
        kept_extended.article_id,
        "exact",
        1.0,
    )


def test_a_story_near_two_kept_ones_is_a_duplicate_of_the_first_kept(write) -> None:
    shared = _invented(0, 100)
    # the two kept stories share their first 100 words (0.44 alike); the third is 0.58 like either
    first, second, third = deduplicate(
        _read(
            write,
            [
                f"{shared} {_invented(1000, 60)}",
                f"{shared} {_invented(2000, 60)}",
                f"{shared} {_invented(3000, 10)}",
            ],
        )
    )
    assert first.kept and second.kept
    assert (third.duplicate_of, third.duplicate_rule) == (first.article_id, "near")


def test_a_pair_exactly_at_the_threshold_is_a_duplicate(write) -> None:
    # the first 54 words of a 104-word story: 50 of its 100 shingles, similarity 0.5 exactly
    words = _invented(0, 104)
    part, whole = deduplicate(_read(write, [" ".join(words.split()[:54]), words]))
    assert whole.kept
    assert (part.duplicate_of, part.duplicate_rule, part.similarity) == (whole.article_id, "near", 0.5)


def test_briefs_under_one_long_footer_are_different_stories() -> None:
    from pipeline.dedup import deduplicate
    from pipeline.ingest.articles import article

    footer = (
        "Quellwire is the news agency of the Varn region, founded in 1921 and owned by its readers. "
        "Its reporters file from Oskburg, Tarnwick and Brisk Harbour every day of the year, and its "
        "stories are free to print in any newspaper of the region that credits the agency by name, as "
        "the charter of 1921 asks. Corrections go to the desk in Oskburg by letter or by telephone, "
        "and every correction is printed within a week on the second page."
    )
    leads = [
        "Orla Varnholm opened the new bridge over the Osk river at Tarnwick on Monday, two years after the old one fell.",
        "Ede Solm was elected mayor of Brisk Harbour on Sunday with 61 per cent of the vote in a second round.",
        "The Quellby mill will close in March, its owner Tarn Ebbesen told the 140 workers at a meeting on Friday.",
    ]
    briefs = [
        article(
            source=f"briefs.jsonl:{n}", position=n, title="", body=f"{lead}\n\n{footer}", encoding="utf-8"
        )
        for n, lead in enumerate(leads, 1)
    ]
    assert [a.duplicate_of for a in deduplicate(briefs)] == ["", "", ""]
    # the same brief with its dateline added and one word changed is still a copy
    copy = article(
        source="briefs.jsonl:4",
        position=4,
        title="",
        body=f"TARNWICK (Quellwire) - {leads[0].replace('Monday', 'Tuesday')}\n\n{footer}",
        encoding="utf-8",
    )
    found = deduplicate([*briefs, copy])  # the longer copy is kept, the first brief its duplicate
    assert [a.duplicate_rule for a in found] == ["near", "", "", ""]
    assert found[0].duplicate_of == found[3].article_id


def test_briefs_written_from_one_template_about_different_places_are_different_stories() -> None:
    from pipeline.dedup import deduplicate
    from pipeline.ingest.articles import article

    template = (
        "Police in {town} arrested two men on Sunday after a jewellery shop on the High Street was broken "
        "into overnight, a police spokesman said. The men, both from {home}, will appear in court on Monday."
    )
    bodies = [
        template.format(town="Marrowvale", home="Quellby"),
        template.format(town="Tessworth", home="Varnby"),  # another raid: two names of its own
        template.format(town="Marrowvale", home="Quelby"),  # a copy with a name misspelt
        "MARROWVALE (Quellwire) - " + template.format(town="Marrowvale", home="Quellby"),  # a dateline added
    ]
    briefs = [
        article(source=f"b.jsonl:{n}", position=n, title="", body=body, encoding="utf-8")
        for n, body in enumerate(bodies, 1)
    ]
    found = deduplicate(briefs)
    assert [a.duplicate_rule for a in found] == ["near", "", "near", ""]  # the dated copy is the longest
    assert found[0].duplicate_of == found[2].duplicate_of == found[3].article_id


def test_two_outlets_copies_signed_off_with_their_own_names_are_one_story() -> None:
    from pipeline.dedup import deduplicate
    from pipeline.ingest.articles import article

    story = (
        "Police in Marrowvale arrested two men on Sunday after a jewellery shop on the High Street was broken "
        "into overnight, a police spokesman said. The men, both from Quellby, will appear in court on Monday."
    )
    copies = [
        article(
            source=f"c.jsonl:{n}",
            position=n,
            title="",
            body=f"{story} This story first appeared in the {outlet}.",
            encoding="utf-8",
        )
        for n, outlet in enumerate(("Quellby Herald", "Varnford Gazette"), 1)
    ]
    assert [a.duplicate_rule for a in deduplicate(copies)] == ["", "near"]
