"""Awkward inputs of the kinds analysts bring, written by code: for `make soak` and for the tests.

Every name in here is made up (no corpus holds them). :func:`write_awkward` fills a folder with one file
per case; :func:`scraper_csv` is the export of a news scraper whose bodies are full of commas,
semicolons, quotes and blank lines (the shape that made delimiter sniffing drop rows).
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import random
from pathlib import Path

_SYLLABLES = ("ka", "ro", "mi", "tes", "lun", "dor", "vi", "sha", "ne", "bol", "gar", "fin", "zel", "po")
#: The marker `make soak` asks the test-only fault injection to fail on (see pipeline.errors).
FAULT_MARKER = "Quorvath-fault-marker"


def _name(rng: random.Random, syllables: int) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(syllables)).capitalize()


def scraper_body(rng: random.Random, paragraphs: int = 6, *, quotes: bool = True) -> str:
    """A news body with hundreds of commas, semicolons and blank lines, and (``quotes``) double quotes."""
    out = []
    for _ in range(paragraphs):
        person, place, group = f"{_name(rng, 2)} {_name(rng, 3)}", _name(rng, 3), f"{_name(rng, 2)} Council"
        said = '"We will not wait,"' if quotes else "We will not wait,"
        added = (
            '"It is, frankly, a mess; a real, real mess"' if quotes else "it is, frankly, a mess; a real mess"
        )
        clauses = [
            f"{said} said {person}, who leads the {group}; officials in {place}, however, disagreed",
            f"the budget rose by {rng.randint(2, 90)},{rng.randint(100, 999)} dollars; a rise of {rng.randint(1, 9)},5%",
            f"residents of {place}, {_name(rng, 3)} and {_name(rng, 2)}; all of them, it seems, were 'surprised'",
            f"he added: {added}",
        ]
        sentences = "; ".join(rng.sample(clauses, k=len(clauses))) + "."
        out.append(", ".join([sentences] * rng.randint(2, 4)))
    return "\n\n".join(out)


def scraper_csv(
    rows: int = 97, *, seed: int = 12, crlf: bool = False, bom: bool = False
) -> tuple[str, list[str]]:
    """(file text, bodies in row order) of a 6-column, RFC 4180 comma-separated scraper export.

    Only a few rows far into the file quote someone (their double quotes are doubled inside the quoted
    field): a dialect sniffed from the first kilobytes then knows nothing of doubled quotes."""
    rng = random.Random(seed)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n" if crlf else "\n")
    writer.writerow(["url", "title", "date", "author", "text", "tags"])
    bodies = []
    for index in range(rows):
        body = scraper_body(rng, paragraphs=rng.randint(6, 9), quotes=index % 30 == 29)
        bodies.append(body)
        title = f"{_name(rng, 3)} says no, again; {_name(rng, 2)}, {_name(rng, 2)} react"
        writer.writerow(
            [
                f"https://news.example/{index}?a=1;b=2",
                title,
                f"2024-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}",
                f"{_name(rng, 2)}, {_name(rng, 3)}",
                body,
                "politics;local, world",
            ]
        )
    text = buffer.getvalue()
    return ("\ufeff" if bom else "") + text, bodies


def write_awkward(folder: Path, *, seed: int = 12) -> dict[str, str]:
    """One file per awkward case in ``folder``; returns {file name: what it tests}."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    cases: dict[str, str] = {}

    def put(name: str, content: str | bytes, what: str) -> None:
        path = folder / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8", newline="")
        cases[name] = what

    text, _ = scraper_csv(97, seed=seed)
    put("scraper.csv", text, '97-row scraper export: quoted multi-line bodies full of , ; " and blank lines')
    text, _ = scraper_csv(12, seed=seed + 1, crlf=True, bom=True)
    put("scraper_crlf_bom.csv", text, "the same with CRLF line ends and a byte-order mark")
    put(
        "semicolons.csv",
        "titel;text;datum\nRathaus;Der Rat von Velmora, so heisst es, tagte am Montag.;2024-03-01\n"
        'Hafen;"Im Hafen von Drusk; sagte man, ""ruhig"".";2024-03-02\n',
        "semicolon-separated .csv (one column under commas)",
    )
    put(
        "export.tsv",
        'title\ttext\nTabbed\tThe mayor of Lunport, Kara Vilmo, said: "yes, no; maybe".\n'
        "Second\tOfficials in Garfin met on Tuesday, they said.\n",
        "tab-separated export",
    )
    put(
        "multiline.csv",
        'title,body\nOne,"First paragraph in Zelport.\n\nSecond paragraph, with a comma."\n'
        'Two,"A quote: ""hello"", then\na line break."\n,\n',
        "a CSV whose fields hold line breaks, plus an empty row",
    )
    put(
        "feed.jsonl",
        json.dumps({"title": "Feed one", "text": "Officials in Rovimi said 40 people left."})
        + '\n{"title": "broken", "text": \n\n'
        + json.dumps({"title": "Feed three", "text": "The Tesbol Party met in Nefin."})
        + "\n"
        + json.dumps({"title": "No text", "summary": "nothing here"})
        + "\n",
        "JSONL with a malformed line, a blank line and a line without text",
    )
    put(
        "typo_numerals.txt",
        "Index Closes Higher\n\nThe Velmar index closed at 3.817.69 points; turnover was 1,2,3,4 lots on "
        "12.05.2024, in a range of 10-15, with 1e6 shares, ½ of them, ٣٠٠ by one fund, 2,5, and ..5 more "
        f"across {'9' * 190 + ' hundred' * 70} accounts, said two point five analysts in Drusk.\n",
        "malformed numerals that used to raise",
    )
    put(
        "sports_table.txt",
        "Harbour League Standings\n\nThe table after the weekend in Lunport:\n\nW L T GF GA PTS\n"
        "Lunport City 3 1 0 9 4 10\nMill Town 2 2 0 7 6 8\nW L T GF GA PTS\nRiverside 1 3 0 4 9 4\n\n"
        "The league resumes on Saturday when Lunport City visit Riverside.\n",
        "a plain article whose table header row is printed twice",
    )
    put(
        "advert_refrain.txt",
        "Choir Sings in Velmora\n\nAdvertisement\nThe choir of Velmora sang on Sunday.\nAdvertisement\n"
        "Oh the river runs\nTo the sea it goes\nOh the river runs\nAdvertisement\nThe mayor, Kara Vilmo, "
        "applauded.\n",
        "a plain article with repeated 'Advertisement' lines and a refrain",
    )
    caption = "Crowds gather at the Drusk harbour on Monday. (Photo: Example)"
    block = f"Harbour Reopens in Drusk\n\n{caption}\n{caption}\nTT\n20\n\nHarbour Reopens in Drusk\n\n{caption}\n{caption}\n\n"
    second_caption = "The Rovimi bridge at dusk. (Photo: Example)"
    second = f"Bridge Closed in Rovimi\n\n{second_caption}\n{second_caption}\nTT\n20\n\nBridge Closed in Rovimi\n\n{second_caption}\n{second_caption}\n\n"
    page_body = scraper_body(rng, 3)
    put(
        "page.txt",
        block + page_body + "\n\n\n" + second + scraper_body(rng, 2) + "\n",
        "a scraped page with two article blocks",
    )
    put("page_copy.txt", block + page_body + "\n", "the page's first block again: a duplicate")
    put("empty.txt", "", "an empty file")
    put("whitespace.txt", "  \n\t\n   \n\n", "whitespace only")
    put(
        "cp1252.txt",
        "Caf\u00e9 Opens\n\nJos\u00e9 Mart\u00ednez opened a caf\u00e9 in Z\u00fcrn.\n".encode("cp1252"),
        "Windows-1252",
    )
    put("utf16.txt", "UTF-16 Page\n\nOfficials in Tesvi met on Friday.\n".encode("utf-16"), "UTF-16 with BOM")
    put(
        "mixed_bytes.txt",
        b"Mixed Bytes\n\nThe fund in Garlun paid " + b"\x80" + b" 40 million.\n",
        "UTF-8 with one stray Windows-1252 byte",
    )
    put("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "a binary file named .txt")
    put("notes.pdf", b"%PDF-1.4 not an input", "an unsupported extension (ignored)")
    put(
        "fault.txt",
        f"Injected Fault\n\nOfficials in Polvi said {FAULT_MARKER} 12 people were hurt.\n",
        "an article the soak run makes fail on purpose (KG_INJECT_FAULT)",
    )
    items = [
        {"title": "Array one", "text": "Officials in Garfin said 12 boats sank."},
        {"title": "Array two", "summary": "no text field"},
        {"title": "Array three", "text": "The Lunport council met on Monday."},
    ]
    put(
        "scraped.json",
        "[\n" + ",\n".join(json.dumps(item) for item in items) + "\n]\n",
        "a JSON array of articles, one item without text",
    )
    put(
        "api.json",
        json.dumps({"status": "ok", "totalResults": 2, "articles": [items[2], items[0]]}),
        "a news API's JSON: the articles under 'articles' (both copies of array items)",
    )
    put(
        "feed.jsonl.gz",
        gzip.compress(
            (
                json.dumps({"title": "Packed", "text": "Kara Vilmo spoke in Zelport."}) + "\n{broken\n"
            ).encode(),
            mtime=0,
        ),
        "gzip-compressed JSONL with a malformed line",
    )
    long_rng = random.Random(seed + 2)
    put(
        "long.jsonl",
        json.dumps({"title": "Long", "text": "\n\n".join(scraper_body(long_rng, 4) for _ in range(100))})
        + "\n",
        "one long article (about 300,000 characters)",
    )
    return cases
