"""How quick graph.html is in headless chromium: load to a settled first view, and opening a
neighbourhood.

Pages measured:

1. the seed page, ``graphs/seeds/graph.html`` (run ``make graph`` first);
2. any run's page given with ``--page DIR/graph.html`` (repeatable), e.g. a real corpus's;
3. a generated 2,000-node graph rendered with ``render_page(graph, top=2000)`` and with the default
   ``--top 300``: entities drawn from a Zipf-like popularity over ~550 articles, linked when they share
   a sentence, with the analytics the pipeline computes (weighted degree, PageRank, Louvain
   communities) and an evidence sentence per link. The same seed always gives the same graph and page.

Load to settled is the page's own ``window.kgStabilizedMs``: milliseconds from navigation start (so
parsing the inlined vis-network and the page's data is included) to the moment the bounded
stabilization ends and physics is switched off. Opening a neighbourhood is the time from asking for a
node that is not drawn (``window.kg.selectNode``) to its neighbours having settled, for the node halfway
down the page's PageRank order that has a link. Each page is opened ``--runs`` times in a fresh browser
context; medians are printed, with the file size and what the page draws and holds.

    .venv/bin/python bench/page_layout.py                # seed page and generated pages
    .venv/bin/python bench/page_layout.py --page graphs/real/graph.html --no-generated
    .venv/bin/python bench/page_layout.py --screenshot docs/graph.png   # also the README picture
    .venv/bin/python bench/page_layout.py --page RUN/graph.html --no-generated \
        --expand-screenshot docs/neighbourhood.png --expand "Name"   # a neighbourhood opened

Not a test: timings depend on the machine. Needs /usr/bin/chromium (``make browser``).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import statistics
import sys
import tempfile
import time
from collections import Counter
from itertools import combinations
from pathlib import Path

import networkx as nx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.page import render_page  # noqa: E402
from pipeline.records import Evidence  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-quic",
    "--no-first-run",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORT = {"width": 1440, "height": 900}
SEED_PAGE = ROOT / "graphs" / "seeds" / "graph.html"
PICTURE_NODE = "Syria"  # selected in the README picture
DEFAULT_TOP = 300  # kg run --top
SYLLABLES = [c + v for c in "bdfhklmnrstwyz" for v in "aeiou"] + ["al", "an", "ir", "ol", "em", "us"]
KINDS = (("person", 0.25), ("group", 0.30), ("place", 0.30), ("number", 0.15))
GROUP_WORDS = ("Council", "Front", "Ministry", "Brigade", "Party", "Agency", "Union", "Forces", "Committee")
PLACE_WORDS = ("", "", "", " Province", " Valley", " City", " District")
COUNTED = ("fighters", "civilians", "prisoners", "families", "tons of wheat", "hostages", "soldiers")


def generated_graph(nodes: int = 2000, *, seed: int = 7) -> nx.Graph:
    """A co-mention graph of ``nodes`` entities that looks like a real run's (hubs, communities, isolated
    bits, evidence sentences and article titles)."""
    rng = random.Random(seed)

    def word() -> str:
        return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()

    entities: list[tuple[str, str, str]] = []  # (id, label, type)
    labels: set[str] = set()
    while len(entities) < nodes:
        kind = rng.choices([k for k, _ in KINDS], [w for _, w in KINDS])[0]
        if kind == "person":
            label = f"{word()} {word()}"
        elif kind == "group":
            label = f"{word()} {rng.choice(GROUP_WORDS)}"
        elif kind == "place":
            label = f"{word()}{rng.choice(PLACE_WORDS)}"
        else:
            label = f"{rng.randint(2, 9000):,} {rng.choice(COUNTED)}"
        if label not in labels:
            labels.add(label)
            entities.append((f"{kind}:{label.lower().replace(' ', '-')}", label, kind))
    # Zipf-like popularity: a few hubs ("Syria"), a long tail mentioned once.
    weights = [1 / (rank + 1) ** 0.9 for rank in range(nodes)]
    # Topics: articles draw most entities from one topic, so communities form.
    topics = [entities[i::40] for i in range(40)]
    topic_weights = [[1 / (rank + 1) ** 0.7 for rank in range(len(t))] for t in topics]

    graph = nx.Graph(window="sentence", numbers=True, min_weight=1, titles={})
    mentions: Counter[str] = Counter()
    articles_of: dict[str, set[str]] = {e[0]: set() for e in entities}
    # Every entity is mentioned at least once, in an article of its own topic.
    unseen = [list(topic) for topic in topics]
    for topic in unseen:
        rng.shuffle(topic)
    article = 0
    while any(unseen) or article < 400:
        article_id = f"{article:016x}"
        topic = rng.randrange(len(topics))
        graph.graph["titles"][article_id] = (
            f"{word()} {word()} talks {rng.choice(['stall', 'resume', 'end'])}"
        )
        for sentence in range(rng.randint(3, 9)):
            size = rng.choice((1, 2, 2, 2, 3, 3, 4))
            chosen = []
            for _ in range(size):
                if unseen[topic] and rng.random() < 0.7:
                    chosen.append(unseen[topic].pop())
                elif rng.random() < 0.88:
                    chosen.append(rng.choices(topics[topic], topic_weights[topic])[0])
                else:
                    chosen.append(rng.choices(entities, weights)[0])
            chosen = sorted(set(chosen))
            text = (
                f"{' and '.join(label for _, label, _ in chosen)} were named in a statement on "
                f"{word()} day, officials in {word()} said."
            )
            for node, label, kind in chosen:
                mentions[node] += 1
                articles_of[node].add(article_id)
                if node not in graph:
                    graph.add_node(node, label=label, type=kind)
            for (a, _, _), (b, _, _) in combinations(chosen, 2):
                if graph.has_edge(a, b):
                    data = graph.edges[a, b]
                    data["weight"] += 1
                    if len(data["evidence_list"]) < 5:
                        data["evidence_list"].append(Evidence(article_id, sentence, text))
                else:
                    graph.add_edge(a, b, weight=1, evidence_list=[Evidence(article_id, sentence, text)])
        article += 1
    for node, data in graph.nodes(data=True):
        data.update(
            aliases=data["label"],
            mentions=mentions[node],
            articles=len(articles_of[node]),
            article_ids="|".join(sorted(articles_of[node])),
        )
    for _, _, data in graph.edges(data=True):
        data["articles"] = len({e.article_id for e in data["evidence_list"]})
        data["evidence"] = data["evidence_list"][0].text
        data["evidence_article"] = data["evidence_list"][0].article_id
        data["npmi"] = round(rng.uniform(-0.2, 0.9), 6)
    pagerank = nx.pagerank(graph, weight="weight")
    communities = nx.community.louvain_communities(graph, weight="weight", seed=seed)
    ordered = sorted((sorted(c) for c in communities), key=lambda c: (-len(c), c[0]))
    community = {node: index for index, group in enumerate(ordered) for node in group}
    for node, data in graph.nodes(data=True):
        data.update(
            degree=graph.degree(node),
            weighted_degree=graph.degree(node, weight="weight"),
            pagerank=round(pagerank[node], 6),
            community=community[node],
        )
    return graph


def measure(
    page_path: Path,
    *,
    runs: int,
    screenshot: Path | None = None,
    expand_screenshot: Path | None = None,
    expand: str | None = None,
) -> tuple[list[int], list[int]]:
    """``kgStabilizedMs`` of ``runs`` fresh loads and the time each took to open a neighbourhood (no
    network: every non-file request is aborted)."""
    from playwright.sync_api import sync_playwright

    loads, opens = [], []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        for run in range(runs):
            context = browser.new_context(viewport=VIEWPORT)
            requests: list[str] = []

            def offline(route, requests: list[str] = requests) -> None:
                if route.request.url.startswith(("file:", "data:")):
                    route.continue_()
                else:
                    requests.append(route.request.url)
                    route.abort()

            context.route("**/*", offline)
            page = context.new_page()
            page.goto(page_path.resolve().as_uri())
            page.wait_for_function("() => window.kgReady === true", timeout=600_000)
            loads.append(int(page.evaluate("() => window.kgStabilizedMs")))
            if screenshot and run == 0:
                _picture(page, screenshot)
            elif expand_screenshot and run == 0:
                _neighbourhood_picture(page, expand_screenshot, expand)
            else:
                took = page.evaluate(OPEN_A_NEIGHBOURHOOD)
                if took is not None:
                    opens.append(int(took))
            if requests:
                raise SystemExit(f"{page_path}: the page asked the network for {requests}")
            context.close()
        browser.close()
    return loads, opens


#: Asks for the node halfway down the PageRank order that is not drawn and has a link; resolves to the
#: milliseconds until it and its neighbours are drawn and settled (null when every node is drawn).
OPEN_A_NEIGHBOURHOOD = """() => new Promise((done) => {
    const kg = window.kg;
    if (!kg.drawn) return done(null); // a page from before neighbourhoods could be opened
    const ids = kg.data.nodes.id;
    const drawn = new Set(kg.drawn().nodes);
    const candidates = ids.filter((id) => !drawn.has(id) && kg.links(id).length);
    if (!candidates.length) return done(null);
    const id = candidates[Math.floor(candidates.length / 2)];
    const started = performance.now();
    kg.selectNode(id, { focus: true });
    const wait = () => (kg.settling() ? requestAnimationFrame(wait) : done(performance.now() - started));
    wait();
})"""


def _picture(page, path: Path) -> None:
    """The README picture: the seed graph with one entity's evidence open (a small palette PNG)."""
    page.fill("#search", PICTURE_NODE)
    page.press("#search", "Enter")
    page.wait_for_timeout(800)  # the glide to the node ends
    page.click("#fit")  # the whole graph, with the node's links lit
    page.wait_for_timeout(800)
    _save_png(page, path)


def _neighbourhood_picture(page, path: Path, name: str | None) -> None:
    """A neighbourhood opened from search: type the first word of ``name`` (photographing the list of
    matches as ``<path>-search.png``), then the rest, choose the first match, and photograph the node
    with its neighbours drawn beside the first view."""
    name = name or ""
    first = name.split(" ")[0]
    page.locator("#search").press_sequentially(first, delay=40)
    page.wait_for_timeout(300)
    _save_png(page, path.with_name(path.stem + "-search.png"))
    page.locator("#search").press_sequentially(name[len(first) :], delay=40)
    page.press("#search", "Enter")
    page.wait_for_function("() => !window.kg.settling()", timeout=60_000)
    page.wait_for_timeout(900)  # the glide to the new nodes ends
    _save_png(page, path)


def _save_png(page, path: Path) -> None:
    import io

    from PIL import Image

    image = Image.open(io.BytesIO(page.screenshot())).convert("RGB")
    path.parent.mkdir(parents=True, exist_ok=True)
    image.quantize(colors=256, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE).save(
        path, optimize=True
    )
    print(f"screenshot: {path} ({path.stat().st_size / 1000:.0f} KB)")


def _counts(html: str) -> dict[str, int]:
    return json.loads(re.search(r'id="kg-data">(.*?)</script>', html, re.S).group(1))["counts"]


def report(name: str, path: Path, loads: list[int], opens: list[int]) -> None:
    counts = _counts(path.read_text(encoding="utf-8"))
    held = f"holds {counts['dataNodes']:,} nodes and {counts['dataEdges']:,} links"
    if counts.get("cappedNodes"):
        held += f" (left out: {counts['cappedNodes']:,} nodes, {counts['cappedEdges']:,} links)"
    line = (
        f"{name}: {path.stat().st_size / 1e6:.2f} MB; draws {counts['pageNodes']:,} nodes and "
        f"{counts['pageEdges']:,} links, {held}; load -> settled {statistics.median(loads):,.0f} ms median "
        f"(runs: {', '.join(f'{t:,}' for t in loads)})"
    )
    if opens:
        line += f"; opening a neighbourhood {statistics.median(opens):,.0f} ms median"
    print(line, flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--nodes", type=int, default=2000, help="nodes of the generated graph")
    parser.add_argument("--runs", type=int, default=3, help="loads per page")
    parser.add_argument("--seed-page", type=Path, default=SEED_PAGE, help="the seed run's graph.html")
    parser.add_argument("--page", type=Path, action="append", default=[], help="another page to measure")
    parser.add_argument("--no-generated", action="store_true", help="skip the generated pages")
    parser.add_argument("--screenshot", type=Path, help="also save a picture of the seed page here")
    parser.add_argument(
        "--expand-screenshot", type=Path, help="a picture of a neighbourhood opened on --page"
    )
    parser.add_argument("--expand", help="the name to type for --expand-screenshot")
    args = parser.parse_args()

    if args.seed_page.exists():
        loads, opens = measure(args.seed_page, runs=args.runs, screenshot=args.screenshot)
        report(f"seed page {args.seed_page}", args.seed_page, loads, opens)
    else:
        print(f"{args.seed_page} not found: run 'make graph' first")
    for index, path in enumerate(args.page):
        picture = args.expand_screenshot if index == 0 else None
        loads, opens = measure(path, runs=args.runs, expand_screenshot=picture, expand=args.expand)
        report(f"page {path}", path, loads, opens)
    if args.no_generated:
        return

    started = time.perf_counter()
    graph = generated_graph(args.nodes)
    built = time.perf_counter()
    html = render_page(
        graph, top=args.nodes, title=f"generated {args.nodes:,}-node graph", titles=graph.graph["titles"]
    )
    rendered = time.perf_counter()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "graph.html"
        path.write_text(html, encoding="utf-8")
        print(
            f"generated graph: {graph.number_of_nodes():,} nodes, {graph.number_of_edges():,} edges "
            f"(built in {built - started:.1f} s); render_page {rendered - built:.1f} s"
        )
        loads, opens = measure(path, runs=args.runs)
        report(f"generated page, --top {args.nodes}", path, loads, opens)
        # What kg run writes for such a corpus by default: the top 300 nodes.
        default = Path(folder) / "top.html"
        default.write_text(
            render_page(graph, top=DEFAULT_TOP, titles=graph.graph["titles"]), encoding="utf-8"
        )
        loads, opens = measure(default, runs=args.runs)
        report(f"generated page, --top {DEFAULT_TOP}", default, loads, opens)


if __name__ == "__main__":
    main()
