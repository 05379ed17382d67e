"""Deterministic news-like benchmark corpus: N distinct articles, about 500 words each.

Articles are JSONL records (id, title, date, text) built from many sentence patterns filled with people,
organizations, places and counts, at roughly the entity density of the seed articles (one name or number
per nine words). The same seed and N always give the same bytes.

    python bench/corpus.py --articles 2000 --out graphs/bench/corpus-2000
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
from pathlib import Path

FIRST = [
    "Ahmed",
    "Fatima",
    "Omar",
    "Layla",
    "Hassan",
    "Mariam",
    "Yusuf",
    "Noor",
    "Karim",
    "Samira",
    "Ali",
    "Huda",
    "Tariq",
    "Rania",
    "Khalid",
    "Dina",
    "Samir",
    "Leila",
    "Nabil",
    "Aisha",
    "John",
    "Sarah",
    "Michael",
    "Emma",
    "David",
    "Laura",
    "James",
    "Anna",
    "Robert",
    "Maria",
    "Daniel",
    "Sofia",
    "Peter",
    "Elena",
    "Thomas",
    "Olga",
    "Andrew",
    "Julia",
    "Mark",
    "Irina",
    "Paul",
    "Ingrid",
    "Lucas",
    "Chloe",
    "Mateo",
    "Valeria",
    "Kenji",
    "Yuki",
    "Arjun",
    "Priya",
    "Chen",
    "Mei",
]
LAST = [
    "Haddad",
    "Mansour",
    "Khalil",
    "Nasser",
    "Saleh",
    "Aziz",
    "Rahman",
    "Farouk",
    "Qasim",
    "Bakr",
    "Hamdan",
    "Jaber",
    "Darwish",
    "Suleiman",
    "Mahmoud",
    "Smith",
    "Johnson",
    "Brown",
    "Miller",
    "Davis",
    "Wilson",
    "Taylor",
    "Anderson",
    "Thomas",
    "Moore",
    "Martin",
    "Jackson",
    "White",
    "Harris",
    "Clark",
    "Lewis",
    "Walker",
    "Young",
    "King",
    "Wright",
    "Lopez",
    "Hill",
    "Scott",
    "Green",
    "Adams",
    "Baker",
    "Nelson",
    "Carter",
    "Mitchell",
    "Perez",
    "Roberts",
    "Turner",
    "Petrov",
    "Ivanova",
    "Novak",
    "Kowalski",
    "Schmidt",
    "Weber",
    "Dubois",
    "Moreau",
    "Rossi",
    "Bianchi",
    "Tanaka",
    "Sato",
    "Sharma",
    "Gupta",
    "Wang",
    "Li",
]
PLACES = [
    "Baghdad",
    "Mosul",
    "Basra",
    "Erbil",
    "Kirkuk",
    "Damascus",
    "Aleppo",
    "Homs",
    "Idlib",
    "Raqqa",
    "Deir ez-Zor",
    "Beirut",
    "Tripoli",
    "Sidon",
    "Amman",
    "Zarqa",
    "Cairo",
    "Alexandria",
    "Giza",
    "Aswan",
    "Riyadh",
    "Jeddah",
    "Doha",
    "Dubai",
    "Abu Dhabi",
    "Muscat",
    "Sanaa",
    "Aden",
    "Tehran",
    "Isfahan",
    "Ankara",
    "Istanbul",
    "Izmir",
    "Gaziantep",
    "Jerusalem",
    "Gaza",
    "Ramallah",
    "Hebron",
    "Nablus",
    "Khartoum",
    "Darfur",
    "Tunis",
    "Algiers",
    "Rabat",
    "London",
    "Manchester",
    "Paris",
    "Marseille",
    "Berlin",
    "Munich",
    "Rome",
    "Milan",
    "Madrid",
    "Barcelona",
    "Brussels",
    "Vienna",
    "Warsaw",
    "Kyiv",
    "Kharkiv",
    "Odesa",
    "Moscow",
    "Geneva",
    "Washington",
    "New York",
    "Chicago",
    "Ottawa",
    "Toronto",
    "Nairobi",
    "Lagos",
    "Addis Ababa",
    "Kabul",
    "Islamabad",
    "Karachi",
    "Delhi",
    "Mumbai",
    "Dhaka",
    "Jakarta",
    "Manila",
    "Beijing",
    "Tokyo",
    "Seoul",
    "Sydney",
    "Iraq",
    "Syria",
    "Lebanon",
    "Jordan",
    "Egypt",
    "Yemen",
    "Iran",
    "Turkey",
    "Israel",
    "Sudan",
    "Libya",
    "Tunisia",
    "Algeria",
    "Morocco",
    "France",
    "Germany",
    "Italy",
    "Spain",
    "Poland",
    "Ukraine",
    "Russia",
    "Switzerland",
    "Canada",
    "Kenya",
    "Nigeria",
    "Ethiopia",
    "Afghanistan",
    "Pakistan",
    "India",
    "Bangladesh",
    "Indonesia",
    "China",
    "Japan",
]
ORG_HEADS = [
    "Ministry",
    "Council",
    "Authority",
    "Commission",
    "Agency",
    "Committee",
    "Front",
    "Movement",
    "Party",
    "Forces",
    "Brigade",
    "Union",
]
ORG_TOPICS = [
    "Health",
    "Defense",
    "Interior",
    "Finance",
    "Trade",
    "Energy",
    "Water",
    "Justice",
    "Labour",
    "Education",
    "Transport",
    "Agriculture",
    "Reconstruction",
    "Migration",
    "Human",
    "Rights",
    "Security",
    "Elections",
    "Refugees",
    "Development",
    "Communications",
]
ADJECTIVES = [
    "National",
    "Popular",
    "Democratic",
    "Independent",
    "United",
    "Federal",
    "Central",
    "Regional",
    "Islamic",
    "Free",
    "Patriotic",
    "Civic",
]
AGENCIES = [
    "Reuters",
    "AFP",
    "the Associated Press",
    "Al Jazeera",
    "the BBC",
    "Anadolu",
    "the Guardian",
    "Bloomberg",
]
OBJECTS = [
    "civilians",
    "fighters",
    "soldiers",
    "prisoners",
    "refugees",
    "protesters",
    "families",
    "students",
    "workers",
    "children",
    "patients",
    "officers",
    "militants",
    "migrants",
    "journalists",
    "residents",
    "voters",
    "hostages",
    "detainees",
    "volunteers",
]
VERBS = [
    "killed",
    "wounded",
    "arrested",
    "detained",
    "displaced",
    "evacuated",
    "released",
    "rescued",
    "injured",
    "seized",
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
TOPICS = [
    "talks",
    "aid",
    "convoy",
    "ceasefire",
    "election",
    "budget",
    "strike",
    "shipment",
    "court",
    "ruling",
    "protest",
    "reform",
    "summit",
    "inquiry",
]
WORDS = [
    "the",
    "officials",
    "said",
    "that",
    "a",
    "plan",
    "would",
    "be",
    "discussed",
    "later",
    "this",
    "week",
    "while",
    "residents",
    "waited",
    "for",
    "more",
    "news",
    "about",
    "the",
    "situation",
    "in",
    "several",
    "areas",
    "and",
    "local",
    "leaders",
    "called",
    "for",
    "calm",
    "amid",
    "growing",
    "concern",
    "over",
    "prices",
    "supplies",
    "and",
    "safety",
    "on",
    "the",
    "roads",
    "leading",
    "to",
    "the",
    "border",
    "where",
    "crossings",
    "remained",
    "closed",
    "for",
    "much",
    "of",
    "the",
    "day",
]


def _person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def _org(rng: random.Random) -> str:
    kind = rng.random()
    if kind < 0.4:
        return f"{rng.choice(ADJECTIVES)} {rng.choice(ORG_TOPICS)} {rng.choice(ORG_HEADS)}"
    if kind < 0.7:
        return f"{rng.choice(['Ministry', 'Commission', 'Committee', 'Council'])} of {rng.choice(ORG_TOPICS)}"
    return f"{rng.choice(ADJECTIVES)} {rng.choice(ORG_HEADS)}"


def _count(rng: random.Random) -> str:
    value = rng.choice([rng.randint(2, 19), rng.randint(20, 999), rng.randint(1000, 99000)])
    text = f"{value:,}" if value >= 1000 else str(value)
    return rng.choice(["", "at least ", "about ", "more than ", "nearly "]) + text


def _filler(rng: random.Random, n: int) -> str:
    start = rng.randrange(len(WORDS) - n)
    return " ".join(WORDS[start : start + n])


PATTERNS = [
    lambda r, c: (
        f"{c['person']}, a spokesperson for the {c['org']}, said {_count(r)} {r.choice(OBJECTS)} were {r.choice(VERBS)} in {c['place']} on {r.choice(DAYS)}."
    ),
    lambda r, c: f"The {c['org']} said in a statement that {_filler(r, 9)}.",
    lambda r, c: (
        f"{c['person2']} told {r.choice(AGENCIES)} that the {r.choice(TOPICS)} in {c['place']} had been postponed."
    ),
    lambda r, c: (
        f"Officials in {c['place']} and {c['place2']} reported {_count(r)} {r.choice(OBJECTS)} {r.choice(VERBS)} since {r.choice(DAYS)}."
    ),
    lambda r, c: f"According to {c['person']}, {_filler(r, 12)}.",
    lambda r, c: (
        f"The {r.choice(TOPICS)} followed weeks of pressure from the {c['org2']}, which has offices in {c['place2']}."
    ),
    lambda r, c: f"{c['person2'].split()[-1]} said {_filler(r, 10)} before leaving for {c['place']}.",
    lambda r, c: (
        f"Local media said {_count(r)} {r.choice(OBJECTS)} had crossed into {c['place2']} over the weekend."
    ),
    lambda r, c: (
        f"The {c['org']} has denied the claims, and {c['person'].split()[-1]} said it would publish its own figures."
    ),
    lambda r, c: f"{_filler(r, 14).capitalize()}.",
    lambda r, c: (
        f"A report by the {c['org2']} found that {_count(r)} {r.choice(OBJECTS)} lacked {r.choice(['water', 'shelter', 'food', 'medicine'])}."
    ),
    lambda r, c: (
        f"In {c['place']}, {c['person2']} met members of the {c['org']} to discuss the {r.choice(TOPICS)}."
    ),
    lambda r, c: (
        f"The government pledged ${r.randint(2, 900)} million for {r.choice(['reconstruction', 'aid', 'schools', 'hospitals'])} in {c['place2']}."
    ),
    lambda r, c: (
        f"Prices rose {r.randint(2, 40)}% in {c['place']} last month, {r.choice(AGENCIES)} reported."
    ),
    lambda r, c: (
        f"{c['person']} and {c['person2']} are expected to attend the {r.choice(TOPICS)} in {c['place2']} on {r.choice(DAYS)}."
    ),
]


def article(rng: random.Random, index: int, words_wanted: int = 480) -> dict[str, str]:
    cast = {
        "person": _person(rng),
        "person2": _person(rng),
        "org": _org(rng),
        "org2": _org(rng),
        "place": rng.choice(PLACES),
        "place2": rng.choice(PLACES),
    }
    paragraphs = []
    words = 0
    while words < words_wanted:
        sentences = [rng.choice(PATTERNS)(rng, cast) for _ in range(rng.randint(2, 4))]
        if rng.random() < 0.3:  # new people and places enter as the story goes on
            cast["person2"], cast["place2"] = _person(rng), rng.choice(PLACES)
        paragraph = " ".join(sentences)
        paragraphs.append(paragraph)
        words += len(paragraph.split())
    date = dt.date(2024, 1, 1) + dt.timedelta(days=index % 366)
    title = f"{cast['org']} Says {cast['person'].split()[-1]} Will Visit {cast['place']} (report {index})"
    return {
        "id": f"bench-{index:06d}",
        "title": title,
        "date": date.isoformat(),
        "text": "\n\n".join(paragraphs),
    }


def generate(
    out: Path, *, articles: int, seed: int = 7, start: int = 0, per_file: int = 500, words: int = 480
) -> list[Path]:
    """Write ``articles`` articles (ids start..start+articles-1) as JSONL files into ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for first in range(start, start + articles, per_file):
        last = min(first + per_file, start + articles)
        path = out / f"part-{first:07d}.jsonl"
        lines = []
        for index in range(first, last):
            rng = random.Random(
                f"{seed}-{index}"
            )  # each article depends only on its index: extending N keeps earlier ones
            lines.append(json.dumps(article(rng, index, words), ensure_ascii=False))
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        written.append(path)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--start", type=int, default=0)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    paths = generate(args.out, articles=args.articles, seed=args.seed, start=args.start)
    words = sum(len(json.loads(line)["text"].split()) for p in paths for line in p.read_text().splitlines())
    print(f"wrote {args.articles} articles, {words:,} words, into {args.out}")


if __name__ == "__main__":
    main()
