"""Caption and credit lines, and links to other stories, leave the body at ingest and stay as the article's
caption (invented names)."""

import pytest

from pipeline.ingest.articles import article
from pipeline.ingest.captions import split_captions


@pytest.mark.parametrize(
    "line",
    [
        "Image: Velmora Quist at the rally",
        "Photo: Orrin Tasby/Reuters",
        "(AP Photo/Orrin Tasby)",
        "Velmora Quist waves in Drovenport. (AP Photo/Orrin Tasby)",
        "File photo of the Quist mine.",
        "Picture: Supplied",
        "Photo by Orrin Tasby",
        "Image credit: Drovenport Council",
        "Reporting by Orrin Tasby; Editing by Velmora Quist",
        "(Additional reporting by Orrin Tasby in Drovenport; Writing by Velmora Quist)",
        "Read more: Inside Quellco's Risky Bet to Cool the Seas",
        "READ MORE: Drovenport Is Considering These Changes to Its Port",
        "Related: Velmora Quist Wins Again",
        "See also - The Quist Mine at 50",
        "Recommended reading | Osk's New Council",
        "The post Quist opens the bridge appeared first on Drovenport Daily.",
        "Continue reading Quist opens the bridge →",
        "Advertisement",
        "Share this story",
        "READ MORE:",
        "Published 7 May 2025, 14:02 BST",
        "Updated 9:14am",
        "Image caption: Velmora Quist speaks to 200 nurses in Drovenport",
        "Image source, Quellwire",
        "Photographer: Orrin Tasby/Bloomberg",
        "Submitted photo: Drovenport Council",
        "Staff photo by Orrin Tasby",
        "(Photo by Orrin Tasby/Varn Images)",
        "Reporting by Orrin Tasby and Ana de la Vega in Lima; Editing by Velmora Quist.",
        "(Reporting by Orrin Tasby in Port Harcourt and Ada Lind in Abuja; Writing by Ed Varn; Editing by Ada Osk)",
        "(Reporting by Mikhail Tasby and Enrico dela Quist in Manila; Editing by Ada Lind)",
        "Photo / Orrin Tasby",
    ],
)
def test_caption_and_credit_lines_leave_the_body(line: str) -> None:
    body, caption = split_captions(f"Velmora Quist spoke.\n\n{line}\n\nShe left.")
    assert (body, caption) == ("Velmora Quist spoke.\n\nShe left.", line)


@pytest.mark.parametrize(
    "line",
    [
        "The photo showed Velmora Quist leaving.",
        "Picture this: a city without cars.",
        "Reporting by the council was slow, Velmora Quist said.",
        "Photos of the rally were shown for hours on Drovenport television, and the crowd kept growing.",
        "Related-party deals at Quellco rose by a fifth.",
        "Read more of the report at the Drovenport library.",
        "The post office in Osk appeared first on the list of closures.",  # no whole line of the shape
        "Advertisements for the fair ran for weeks.",
        "Posted by the council on Monday, the notice said the Quist road was shut for repairs until June.",
        "Published in 2019, the Quist report found 40 cases of fraud.",
        "Updated figures show 12 people died in Quellby.",
        "Continue reading the minutes, the Quellby mayor told the chamber.",
        "By Velmora Quist, Quellwire correspondent",  # a byline stays: its author is a name of the text
        "See also the council's own figures.",
        # shaped like a caption, but a paragraph's length (over 300 characters): text of the story
        "Photo: "
        + "Velmora Quist stood by the Drovenport quay while the crowd waited for news of the ferry " * 4,
    ],
)
def test_sentences_about_pictures_stay(line: str) -> None:
    body = f"Velmora Quist spoke.\n\n{line}"
    assert split_captions(body) == (body, "")


@pytest.mark.parametrize(
    ("line", "kept", "credit"),
    [
        ("The old Quist wall. Photo: Orrin Tasby", "The old Quist wall.", "Photo: Orrin Tasby"),
        ("Velmora Quist. Image: Drovenport Council.", "Velmora Quist.", "Image: Drovenport Council."),
        (
            "The hall, built in 1884. (Photo by Orrin Tasby)",
            "The hall, built in 1884.",
            "(Photo by Orrin Tasby)",
        ),
    ],
)
def test_a_credit_after_a_captions_sentence_leaves_and_the_sentence_stays(
    line: str, kept: str, credit: str
) -> None:
    assert split_captions(f"Velmora Quist spoke.\n\n{line}") == (f"Velmora Quist spoke.\n\n{kept}", credit)


def test_an_article_keeps_its_credits_as_its_caption() -> None:
    made = article(
        source="x.txt",
        position=0,
        title="Quist speaks",
        body="Velmora Quist spoke.\n\nImage: Orrin Tasby\n\nShe left.",
        encoding="utf-8",
        caption="Quist at the rally",
    )
    assert made.body == "Velmora Quist spoke.\n\nShe left."
    assert made.caption == "Quist at the rally | Image: Orrin Tasby"


def test_the_pictures_captions_and_credits_are_read_after_the_body_and_links_and_bylines_are_not() -> None:
    from pipeline.ingest.captions import captions_to_read
    from pipeline.records import CAPTIONS_BREAK

    body = "Velmora Quist spoke.\n\nPhoto: Orrin Tasby/Reuters\n\nReporting by Orrin Tasby\n\nRelated: Quist Wins\n\nShe left."
    record = article(
        source="x.txt",
        position=0,
        title="",
        body=body,
        caption="Quist at the port. (QNA Photo/Ada Lind)",
        encoding="utf-8",
    )
    assert captions_to_read(record.caption) == (
        "Quist at the port. (QNA Photo/Ada Lind)",
        "Photo: Orrin Tasby/Reuters",
        "Reporting by Orrin Tasby",
    )
    assert record.text == (
        "Velmora Quist spoke.\n\nShe left."
        + CAPTIONS_BREAK
        + "Quist at the port. (QNA Photo/Ada Lind)\n\nPhoto: Orrin Tasby/Reuters\n\nReporting by Orrin Tasby"
    )
    plain = article(source="x.txt", position=0, title="", body="One.\n\n\n\nTwo.", encoding="utf-8")
    assert plain.text == plain.body == "One.\n\nTwo."  # a body holds no captions' break of its own


@pytest.mark.parametrize(
    "line",
    [
        "Photo by photo, Velmora Quist rebuilt the lost archive of Drovenport.",
        "Photos by Velmora Quist are on show at the gallery until May.",
        "Research by Drovenport University found that 40 per cent of homes were damp.",
        "He said the deal was done. Reuters/Ipsos polls agree.",
        "A poll (Reuters/Ipsos) showed 40% support.",
        "Support fell, a poll (QP/Varnstat) showed.",  # an unknown short name's bracket mid-sentence
        "The border is shut. (Quellbian/Varnish forces are there)",
        "The band will play 30 dates. (AC/DC)",  # a slash between short names: no credit
        "Owners must carry a certificate. (QU/VR)",
        "The library closes at five. (Mon/Tue)",
    ],
)
def test_a_story_sentence_that_opens_like_a_credit_or_byline_stays(line: str) -> None:
    assert split_captions(f"Velmora Quist spoke.\n\n{line}") == (f"Velmora Quist spoke.\n\n{line}", "")


@pytest.mark.parametrize(
    ("line", "credit"),
    [
        (
            "Velmora Quist in Drovenport, March 3, 2024. REUTERS/Orrin Tasby/File Photo",
            "REUTERS/Orrin Tasby/File Photo",
        ),
        ("Dockers at the port of Drovenport. (Xinhua/Orrin Tasby)", "(Xinhua/Orrin Tasby)"),
        ("Fans cheer in Drovenport. EPA-EFE/Ana de la Vega", "EPA-EFE/Ana de la Vega"),
        ("Fans cheer in Drovenport. (Photo: Orrin Tasby/ANP/AFP)", "(Photo: Orrin Tasby/ANP/AFP)"),
        ("Velmora Quist at the lake. Photo / Orrin Tasby", "Photo / Orrin Tasby"),
        ("Ash on the roofs of Drovenport. (QP/Orrin Tasby)", "(QP/Orrin Tasby)"),
        ("Ash on the roofs of Drovenport. (Quell/Ana de la Vega)", "(Quell/Ana de la Vega)"),
    ],
)
def test_a_wire_agencys_credit_after_a_captions_sentence_leaves_the_body(line: str, credit: str) -> None:
    body, caption = split_captions(f"Velmora Quist spoke.\n\n{line}")
    assert caption == credit and body == f"Velmora Quist spoke.\n\n{line[: -len(credit)].rstrip()}"
