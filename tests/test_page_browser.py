"""The graph page in a real browser, used as an analyst would: opened from disk with the network cut off.

Debian's chromium (installed by `make test` through `make browser`) driven by Playwright. Every request
that is not for a local file is aborted and counted; a page that needs the network fails here.
"""

from __future__ import annotations

import io
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

import networkx as nx
import pytest

from pipeline import page as page_module
from pipeline.page import TYPES
from pipeline.records import Evidence


# The graph holds data, not display strings: article titles reach the page beside it. The test graphs
# keep theirs in graph.graph["titles"], and these wrappers hand them over.
def render_page(graph: nx.Graph, **options: object) -> str:
    return page_module.render_page(graph, titles=graph.graph.get("titles"), **options)


def write_page(graph: nx.Graph, path: Path, **options: object) -> Path:
    return page_module.write_page(graph, path, titles=graph.graph.get("titles"), **options)


pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-quic",
    "--no-first-run",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORT = {"width": 1400, "height": 860}
LOCAL = ("file:", "data:", "about:", "blob:")
READY_MS = 120_000

SCRIPT = "<script>window.__pwned=1</script>"
IMG = '<img src=x onerror="window.__pwned=1">'
SENTENCE = f"Officials in {SCRIPT} Baghdad met {IMG} Keir Starmer in London."


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """One chromium for the module. A missing browser is a failure, not a skip: a skipped browser test
    would pass for done while the page was never opened."""
    if not CHROMIUM.exists():
        pytest.fail(
            f"{CHROMIUM} not found: the browser tests need Debian's chromium. Run 'make browser' (as root or "
            "with sudo), or: apt-get install -y --no-install-recommends chromium chromium-driver",
            pytrace=False,
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@dataclass
class Visit:
    """An open page and everything it tried that it should not have."""

    page: object
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def evaluate(self, script: str, arg: object = None) -> object:
        return self.page.evaluate(script, arg)

    def clean(self) -> None:
        """No request left the machine, no script error, no dialog, nothing blocked by the policy."""
        assert self.requests == []
        assert self.errors == []
        assert self.dialogs == []
        assert self.evaluate("() => window.kgCspViolations") == []
        assert self.evaluate("() => window.__pwned") is None


@pytest.fixture
def visit(browser) -> Iterator[object]:
    """visit(path or html) -> Visit: a fresh context, non-file requests aborted and counted, page ready."""
    contexts = []

    def _open(target: Path | str, *, fragment: str = "") -> Visit:
        context = browser.new_context(viewport=VIEWPORT, service_workers="block")
        contexts.append(context)
        page = context.new_page()
        seen = Visit(page)

        def route(route) -> None:
            if route.request.url.startswith(LOCAL):
                route.continue_()
            else:
                route.abort()

        context.route("**/*", route)
        context.on("request", lambda r: None if r.url.startswith(LOCAL) else seen.requests.append(r.url))
        page.on("pageerror", lambda error: seen.errors.append(str(error)))
        page.on("dialog", lambda dialog: (seen.dialogs.append(dialog.message), dialog.dismiss()))
        if isinstance(target, Path):
            page.goto(target.resolve().as_uri() + fragment)
            page.wait_for_function("() => window.kgReady === true", timeout=READY_MS)
        else:  # a page inside <iframe srcdoc>, as a notebook shows it
            page.set_content(
                f'<iframe id="view" style="width:1200px;height:800px" srcdoc="{escape(target)}">'
            )
            inner = page.frame_locator("#view").locator("#network")
            inner.wait_for(timeout=READY_MS)
            frame_ = page.frames[1]
            frame_.wait_for_function("() => window.kgReady === true", timeout=READY_MS)
            seen.page = frame_
        return seen

    yield _open
    for context in contexts:
        context.close()


@pytest.fixture(scope="module")
def seed_page(seed_run: Path, tmp_path_factory) -> Path:
    """The seed run's graph.html (written by kg's export like every run's), copied to a folder of its own
    so the screenshot saved next to it does not change the run other tests compare."""
    path = tmp_path_factory.mktemp("seed_page") / "graph.html"
    shutil.copyfile(seed_run / "graph.html", path)
    return path


# --- helpers ------------------------------------------------------------------------------------------


def canvas_png(visit: Visit) -> bytes:
    return visit.page.locator("#network").screenshot()


def color_pixels(png: bytes, color: str, tolerance: int = 24) -> int:
    """Pixels within ``tolerance`` of ``color`` (#RRGGBB) in a PNG."""
    from PIL import Image

    target = tuple(int(color[i : i + 2], 16) for i in (1, 3, 5))
    image = Image.open(io.BytesIO(png)).convert("RGB")
    return sum(
        count
        for count, pixel in image.getcolors(maxcolors=1 << 24)
        if all(abs(a - b) <= tolerance for a, b in zip(pixel, target, strict=True))
    )


def not_blank(png: bytes) -> tuple[float, int]:
    """Share of non-white pixels and number of distinct colours of a PNG."""
    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("RGB")
    colors = image.getcolors(maxcolors=1 << 24)
    white = sum(count for count, pixel in colors if min(pixel) >= 250)
    return 1 - white / (image.width * image.height), len(colors)


def dom_point(visit: Visit, node: str) -> tuple[float, float]:
    """Where a node is drawn, in page coordinates."""
    x, y = visit.evaluate(
        """(id) => {
            const p = window.kg.network.canvasToDOM(window.kg.network.getPositions([id])[id]);
            const box = document.getElementById('network').getBoundingClientRect();
            return [box.left + p.x, box.top + p.y];
        }""",
        node,
    )
    return x, y


def hover_and_click_everything(visit: Visit) -> dict[str, int]:
    """Move the mouse onto every node and every edge, then click it, like a curious analyst; returns how
    many of each the page showed a tooltip and details for."""
    page = visit.page
    nodes = visit.evaluate("() => window.kg.drawn().nodes")
    edges = visit.evaluate(
        "() => window.kg.drawn().edges.map(id => window.kg.edge(id)).map(e => [e.id, e.from, e.to])"
    )
    done = {"nodes": 0, "edges": 0, "edges_by_mouse": 0}
    for node in nodes:
        x, y = dom_point(visit, node)
        page.mouse.move(x, y)
        page.wait_for_timeout(60)
        assert page.locator("#tip").is_visible(), node
        page.mouse.click(x, y)
        assert visit.evaluate("() => window.kg.selected()") == {"kind": "node", "id": node}
        done["nodes"] += 1
    for edge, a, b in edges:
        (ax, ay), (bx, by) = dom_point(visit, a), dom_point(visit, b)
        x, y = (ax + bx) / 2, (ay + by) / 2
        page.mouse.move(x - 3, y - 3)
        page.mouse.move(x, y)
        page.wait_for_timeout(60)
        page.mouse.click(x, y)
        if visit.evaluate("() => window.kg.selected()") == {"kind": "edge", "id": edge}:
            done["edges_by_mouse"] += 1
        else:  # a node or its label is drawn over the midpoint: open the edge through the page's API
            visit.evaluate("(id) => window.kg.selectEdge(id)", edge)
        assert page.locator("#details h2").inner_text().count("—") == 1
        done["edges"] += 1
    page.mouse.click(5, VIEWPORT["height"] - 5)
    return done


def far_graph() -> nx.Graph:
    """Eight central places drawn first (pagerank 0.5 ... 0.43), 22 groups around them that are not, a
    person with an accented name linked to one central place and five groups, and a pair linked to
    nothing drawn. Names appear in no corpus."""
    graph = nx.Graph(titles={"t1": "Harbour talks", "t2": "Valley report"})

    def node(node_id: str, label: str, kind: str, rank: float, aliases: str = "") -> None:
        graph.add_node(
            node_id, label=label, type=kind, pagerank=rank, mentions=2, articles=1, aliases=aliases
        )

    def link(a: str, b: str, weight: int) -> None:
        sentence = f"{graph.nodes[a]['label']} and {graph.nodes[b]['label']} signed the accord."
        graph.add_edge(a, b, weight=weight, articles=1, npmi=0.3, evidence_list=[Evidence("t1", 0, sentence)])

    core = [f"place:core-{i}" for i in range(8)]
    for i, name in enumerate(core):
        node(name, f"Corevale {i}", "place", 0.5 - i / 100)
    for i, name in enumerate(core):
        link(name, core[(i + 1) % 8], 4)
        link(name, core[(i + 3) % 8], 2)
    outer = [f"group:outer-{i}" for i in range(22)]
    for i, name in enumerate(outer):
        node(name, f"Outer Council {i}", "group", 0.01 - i / 10_000)
        link(name, core[i % 8], 1)
    node(ZOFIA, "Žofia Kvetnárová", "person", 0.001, aliases="Kvetnarova|Z. Kvetnárová")
    link(ZOFIA, core[2], 3)
    for weight, name in zip((5, 4, 3, 2, 1), outer[1:6], strict=True):
        link(ZOFIA, name, weight)
    node("group:quillon-abbey", "Quillon Abbey", "group", 0.0005)
    node("place:marrowick", "Marrowick", "place", 0.0004)
    link("group:quillon-abbey", "place:marrowick", 2)
    for name in graph.nodes:
        graph.nodes[name]["weighted_degree"] = graph.degree(name, weight="weight")
    return graph


ZOFIA = "person:zofia-kvetnarova"
POSITIONS = "(ids) => JSON.stringify(window.kg.network.getPositions(ids))"


def settled(visit: Visit) -> None:
    """Wait until the nodes just added have settled (the others never move)."""
    visit.page.wait_for_function("() => !window.kg.settling()", timeout=READY_MS)
    visit.page.wait_for_timeout(500)  # the glide to the new nodes


def on_canvas(visit: Visit, node: str) -> bool:
    x, y = dom_point(visit, node)
    box = visit.page.locator("#network").bounding_box()
    return box["x"] <= x <= box["x"] + box["width"] and box["y"] <= y <= box["y"] + box["height"]


def hostile_graph() -> nx.Graph:
    """Markup from an article in every place the page shows text (the same as test_page.py's)."""
    graph = nx.Graph(titles={"a1": f"{SCRIPT}Talks in {IMG} London", "a2": "Plain title"})
    graph.add_node("person:keir-starmer", label="Keir Starmer", type="person", aliases=f"Starmer|{IMG}")
    graph.add_node("place:baghdad", label=f"{SCRIPT} Baghdad", type="place", aliases="Baghdad")
    graph.add_node("place:london", label="London", type="place")
    graph.add_node("group:x", label=IMG, type="group")
    graph.add_node("number:3", label="3 <b>officials</b>", type="number", value=3.0)
    for a, b in (
        ("person:keir-starmer", "place:baghdad"),
        ("person:keir-starmer", "place:london"),
        ("place:baghdad", "place:london"),
        ("group:x", "person:keir-starmer"),
        ("number:3", "place:baghdad"),
    ):
        graph.add_edge(
            a,
            b,
            weight=1,
            articles=1,
            npmi=0.5,
            evidence_list=[Evidence("a1", 0, SENTENCE), Evidence("a2", 2, f"Then {IMG} again.")],
        )
    for rank, node in enumerate(sorted(graph.nodes)):
        graph.nodes[node].update(
            mentions=1, articles=1, pagerank=rank / 10, weighted_degree=graph.degree(node)
        )
    return graph


# --- search anything, open neighbourhoods ------------------------------------------------------------


def test_search_finds_a_node_that_is_not_drawn_and_opens_its_neighbourhood(visit, tmp_path: Path) -> None:
    seen = visit(write_page(far_graph(), tmp_path / "graph.html", top=8))
    page = seen.page
    core = seen.evaluate("() => window.kg.drawn().nodes")
    assert sorted(core) == [f"place:core-{i}" for i in range(8)]
    before = seen.evaluate(POSITIONS, core)
    page.fill("#neighbours", "3")
    page.locator("#search").press_sequentially("KVETNAR")  # a word inside the name, no accent, any case
    options = page.locator("#search-results li")
    options.first.wait_for()
    assert options.count() == 1
    assert options.first.locator(".label").inner_text() == "Žofia Kvetnárová"
    assert "not drawn yet" in options.first.inner_text()
    assert [m["id"] for m in seen.evaluate("() => window.kg.search('zof')")] == [ZOFIA]  # as you type
    assert seen.evaluate("() => window.kg.find('z kvetnarova')") == ZOFIA  # an alias, folded
    page.press("#search", "Enter")
    settled(seen)
    assert not page.locator("#search-results").is_visible()
    assert seen.evaluate("() => window.kg.selected()") == {"kind": "node", "id": ZOFIA}
    # The person and her three strongest neighbours that were not drawn (weights 5, 4, 3) are added,
    # with every link between them and what was drawn.
    drawn = seen.evaluate("() => window.kg.drawn()")
    assert sorted(set(drawn["nodes"]) - set(core)) == sorted(
        [ZOFIA, *(f"group:outer-{i}" for i in (1, 2, 3))]
    )
    labels = [
        seen.evaluate("(id) => window.kg.edge(id).from + ' ' + window.kg.edge(id).to", e)
        for e in drawn["edges"]
    ]
    assert any(ZOFIA in pair and "place:core-2" in pair for pair in labels)
    assert page.locator("#search-status").inner_text() == "Added Žofia Kvetnárová and 3 neighbours"
    assert page.locator("#details h2").inner_text() == "Žofia Kvetnárová"
    assert "Outer Council 1" in page.locator("#details ul.links").inner_text()
    assert page.locator("#shown-nodes").inner_text() == "12"
    # Nothing that was drawn moved; the new nodes sit in view, next to their drawn neighbour.
    assert seen.evaluate(POSITIONS, core) == before
    assert all(on_canvas(seen, node) for node in (ZOFIA, "group:outer-1", "place:core-2"))
    positions = seen.evaluate("() => window.kg.network.getPositions()")
    for node in (ZOFIA, "group:outer-1", "group:outer-2", "group:outer-3"):
        nearest = min(
            ((p["x"] - positions[node]["x"]) ** 2 + (p["y"] - positions[node]["y"]) ** 2) ** 0.5
            for other, p in positions.items()
            if other in core
        )
        assert 15 < nearest < 250, (node, nearest)  # beside the drawing, on no drawn node
    assert page.url.endswith("#node=person%3Azofia-kvetnarova")  # the address to share
    assert color_pixels(canvas_png(seen), TYPES["person"]["color"]) > 30  # drawn, in its colour

    page.click("#overview")
    assert sorted(seen.evaluate("() => window.kg.drawn().nodes")) == sorted(core)
    assert seen.evaluate(POSITIONS, core) == before
    assert page.locator("#overview").is_disabled() and "#node=" not in page.url
    assert seen.evaluate("() => window.kg.shown()") == {"nodes": 8, "edges": 16}
    seen.clean()


def test_double_click_adds_the_next_strongest_neighbours(visit, tmp_path: Path) -> None:
    seen = visit(write_page(far_graph(), tmp_path / "graph.html", top=8))
    page = seen.page
    page.fill("#neighbours", "2")
    # core-1 has three groups around it (outer 1, 9, 17) and Žofia is not among them.
    for expected in (2, 1):
        page.mouse.dblclick(*dom_point(seen, "place:core-1"))
        settled(seen)
        assert seen.evaluate("() => window.kg.selected().id") == "place:core-1"
        assert (
            page.locator("#search-status").inner_text()
            == f"Added {expected} neighbour{'s' * (expected > 1)} of Corevale 1"
        )
    added = set(seen.evaluate("() => window.kg.drawn().nodes")) - {f"place:core-{i}" for i in range(8)}
    assert added == {"group:outer-1", "group:outer-9", "group:outer-17"}
    page.mouse.dblclick(*dom_point(seen, "place:core-1"))
    settled(seen)
    assert page.locator("#search-status").inner_text() == "Corevale 1: every neighbour is already drawn"
    # The Neighbours button in the panel does the same for the node shown there.
    seen.evaluate("() => window.kg.selectNode('group:outer-1')")
    page.click("#expand")
    settled(seen)
    assert ZOFIA in seen.evaluate("() => window.kg.drawn().nodes")
    seen.clean()


def test_a_node_lighter_than_the_weight_filter_lowers_it_and_says_so(visit, tmp_path: Path) -> None:
    seen = visit(write_page(far_graph(), tmp_path / "graph.html", top=8))
    page = seen.page
    page.locator("#min-weight").fill("4")
    page.locator("#search").press_sequentially("Quillon")
    page.locator("#search-results li").first.wait_for()
    page.press("#search", "Enter")
    settled(seen)
    # Its one link weighs 2: the filter comes down to 2, not to 1, and the pair is drawn with its link.
    assert page.locator("#min-weight-value").inner_text() == "2"
    assert page.locator("#search-status").inner_text() == (
        "Added Quillon Abbey and 1 neighbour · Min. link weight lowered from 4 to 2 to show Quillon Abbey's links"
    )
    assert {"group:quillon-abbey", "place:marrowick"} <= set(seen.evaluate("() => window.kg.drawn().nodes"))
    # A link chosen after a node takes the node out of the address: sharing it must not reopen the node.
    assert page.url.endswith("#node=group%3Aquillon-abbey")
    [link] = seen.evaluate("() => window.kg.links('group:quillon-abbey')")
    seen.evaluate("(id) => window.kg.selectEdge(id)", link)
    assert "#node=" not in page.url
    assert "1 of 2 sentences shown" in page.locator("#details").inner_text()  # not every sentence is here
    seen.clean()


def test_neighbours_below_one_adds_one(visit, tmp_path: Path) -> None:
    seen = visit(write_page(far_graph(), tmp_path / "graph.html", top=8))
    page = seen.page
    page.fill("#neighbours", "0")
    page.mouse.dblclick(*dom_point(seen, "place:core-1"))
    settled(seen)
    assert page.locator("#search-status").inner_text() == "Added 1 neighbour of Corevale 1"
    assert not page.locator("#tip").is_visible()  # the hover box's counts went out of date
    seen.clean()


def test_a_run_that_found_nothing_says_so_on_its_page(visit, tmp_path: Path) -> None:
    seen = visit(write_page(nx.Graph(), tmp_path / "graph.html"))
    assert seen.page.locator("#search-status").inner_text() == (
        "Nothing to show: the run found no person, group, place or count in its articles."
    )
    seen.clean()


def test_address_opens_the_page_on_a_node(visit, tmp_path: Path) -> None:
    path = write_page(far_graph(), tmp_path / "graph.html", top=8)
    seen = visit(path, fragment="#node=person%3Azofia-kvetnarova")
    settled(seen)
    assert seen.evaluate("() => window.kg.selected()") == {"kind": "node", "id": ZOFIA}
    assert on_canvas(seen, ZOFIA) and seen.page.locator("#details h2").inner_text() == "Žofia Kvetnárová"
    seen.clean()
    # A name works too; a node with no drawn neighbour is drawn beside the drawing.
    seen = visit(path, fragment="#node=Quillon%20Abbey")
    settled(seen)
    assert seen.evaluate("() => window.kg.selected().id") == "group:quillon-abbey"
    assert "place:marrowick" in seen.evaluate("() => window.kg.drawn().nodes")
    box = seen.evaluate("""() => {
        const p = window.kg.network.getPositions();
        const core = Object.keys(p).filter((id) => id.startsWith('place:core-')).map((id) => p[id].x);
        return [Math.max(...core), p['group:quillon-abbey'].x];
    }""")
    assert box[1] > box[0], box
    seen.page.evaluate("() => { location.hash = '#node=place%3Acore-5'; }")  # following a shared link
    seen.page.wait_for_function("() => window.kg.selected().id === 'place:core-5'")
    seen.clean()
    seen = visit(path, fragment="#node=Nobody%20Atall")
    assert seen.page.locator("#search-status").inner_text() == "No node “Nobody Atall” on this page."
    assert seen.evaluate("() => window.kg.selected()") is None
    seen.clean()


# --- the seed page ---------------------------------------------------------------------------------------


@pytest.mark.model
def test_seed_page_opens_offline_and_draws_the_graph(visit, seed_page: Path) -> None:
    seen = visit(seed_page)
    seen.clean()
    stabilized = seen.evaluate("() => window.kgStabilizedMs")
    assert isinstance(stabilized, int | float) and stabilized > 0
    seen.page.wait_for_timeout(300)  # the fit after stabilizing is drawn on the next frame
    screenshot = seed_page.with_name("graph.png")
    seen.page.screenshot(path=str(screenshot))
    print(f"\nscreenshot: {screenshot}; load to stabilized layout: {stabilized} ms")
    drawn, colours = not_blank(canvas_png(seen))
    assert drawn > 0.02 and colours > 50, (drawn, colours)
    for kind, style in TYPES.items():  # every type is drawn in its colour
        assert color_pixels(canvas_png(seen), style["color"]) > 100, kind
    text = seen.page.locator("#side").inner_text()
    assert "Showing all 116 nodes" in text or "left out — the CSVs hold everything" in text


@pytest.mark.model
def test_search_finds_keir_starmer(visit, seed_page: Path) -> None:
    seen = visit(seed_page)
    page = seen.page
    page.fill("#search", "Keir Starmer")
    page.press("#search", "Enter")
    assert seen.evaluate("() => window.kg.selected()") == {"kind": "node", "id": "person:keir-starmer"}
    assert page.locator("#details h2").inner_text() == "Keir Starmer"
    assert page.locator("#search-status").inner_text() == "Found Keir Starmer"
    # The view glides to the node (a 400 ms animation; longer on a busy machine): wait until it is there.
    page.wait_for_function(
        """(id) => {
            const p = window.kg.network.canvasToDOM(window.kg.network.getPositions([id])[id]);
            const box = document.getElementById('network').getBoundingClientRect();
            return Math.abs(p.x - box.width / 2) < 40 && Math.abs(p.y - box.height / 2) < 40;
        }""",
        arg="person:keir-starmer",
        timeout=10_000,
    )
    assert "evidence" in page.locator("#details").inner_text().lower()
    page.fill("#search", "starmer")  # by alias, any case
    page.press("#search", "Enter")
    assert seen.evaluate("() => window.kg.selected().id") == "person:keir-starmer"
    page.fill("#search", "Nobody Atall")
    page.press("#search", "Enter")
    assert "No name or alias" in page.locator("#search-status").inner_text()
    seen.clean()


@pytest.mark.model
def test_type_filter_hides_the_places(visit, seed_page: Path) -> None:
    seen = visit(seed_page)
    page = seen.page
    green = TYPES["place"]["color"]
    assert color_pixels(canvas_png(seen), green) > 100
    places = seen.evaluate(
        "() => window.kg.drawn().nodes.filter(id => window.kg.node(id).type === 'place').length"
    )
    before = seen.evaluate("() => window.kg.shown()")
    page.locator("#legend tr[data-type=place] input").click()
    hidden = seen.evaluate(
        "() => window.kg.nodes.get().filter(n => window.kg.node(n.id).type === 'place')"
        ".every(n => n.hidden === true)"
    )
    assert hidden
    assert page.locator("#legend tr[data-type=place] td.shown").inner_text() == "0"
    assert seen.evaluate("() => window.kg.shown().nodes") == before["nodes"] - places
    assert page.locator("#shown-nodes").inner_text() == str(before["nodes"] - places)
    page.wait_for_timeout(100)
    assert color_pixels(canvas_png(seen), green) < 20  # no place left on the canvas
    assert color_pixels(canvas_png(seen), TYPES["person"]["color"]) > 100
    page.locator("#legend tr[data-type=place] input").click()
    assert seen.evaluate("() => window.kg.shown()") == before
    seen.clean()


@pytest.mark.model
def test_weight_slider_colour_toggle_and_layout_control(visit, seed_page: Path) -> None:
    seen = visit(seed_page)
    page = seen.page
    heavy = seen.evaluate("() => window.kg.drawn().edges.filter(id => window.kg.edge(id).weight >= 2).length")
    page.locator("#min-weight").fill("2")
    assert seen.evaluate("() => window.kg.shown().edges") == heavy
    assert page.locator("#min-weight-value").inner_text() == "2"
    page.locator("#min-weight").fill("1")

    page.locator("input[name=color-by][value=community]").check()
    assert page.locator("#communities").is_visible()
    assert "Syria" in page.locator("#communities").inner_text()
    page.locator("input[name=color-by][value=type]").check()
    assert not page.locator("#communities").is_visible()

    positions = "() => JSON.stringify(window.kg.network.getPositions())"
    still = seen.evaluate(positions)
    page.wait_for_timeout(700)
    assert seen.evaluate(positions) == still  # stabilized, then stopped: no jiggle
    # Both clicks in one task: a graph near rest stabilizes, and stops itself, within a frame or two.
    toggled = seen.evaluate(
        """() => { const button = document.getElementById("layout"); const seen = [];
        for (const _ of [1, 2]) { button.click(); seen.push([button.textContent, window.kg.layoutRunning()]); }
        return seen; }"""
    )
    assert toggled == [["Stop layout", True], ["Resume layout", False]]
    frozen = seen.evaluate(positions)
    page.wait_for_timeout(500)
    assert seen.evaluate(positions) == frozen
    page.click("#layout")  # left running, the layout stops itself once stable (or after 20 s)
    page.wait_for_function("() => !window.kg.layoutRunning()", timeout=25000)
    assert page.locator("#layout").inner_text() == "Resume layout"
    seen.clean()


@pytest.mark.model
def test_ego_page_uses_the_same_page(visit, kg, seed_run: Path, tmp_path: Path) -> None:
    result = kg("ego", "Keir Starmer", "--graph", seed_run, "--out", tmp_path / "ego")
    assert result.code == 0, result.stderr
    seen = visit(tmp_path / "ego" / "graph.html")
    assert seen.evaluate("() => window.kg.selected()") == {"kind": "node", "id": "person:keir-starmer"}
    assert seen.page.locator("#details h2").inner_text() == "Keir Starmer"
    assert "neighbourhood of Keir Starmer" in seen.page.locator(".subtitle").inner_text()
    seen.clean()


@pytest.mark.model
def test_seed_run_search_reaches_nodes_outside_the_first_view(visit, seed_run: Path, tmp_path: Path) -> None:
    from pipeline.io.run import read_graph

    graph = read_graph(seed_run)
    seen = visit(write_page(graph, tmp_path / "graph.html", top=20))
    page = seen.page
    drawn = set(seen.evaluate("() => window.kg.drawn().nodes"))
    assert (
        len(drawn) == 20 and seen.evaluate("() => window.kg.data.nodes.id.length") == graph.number_of_nodes()
    )
    # A group outside the top 20, found by typing the start of its name.
    outside = sorted(
        (
            node
            for node, kind in graph.nodes(data="type")
            if kind == "group" and node not in drawn and graph.degree(node)
        ),
        key=lambda node: -graph.degree(node),
    )[0]
    label = graph.nodes[outside]["label"]
    page.locator("#search").press_sequentially(label[:6].lower())
    option = page.locator(f'#search-results li[data-node="{outside}"]')
    option.wait_for()
    assert "not drawn yet" in option.inner_text()
    option.click()
    settled(seen)
    assert seen.evaluate("() => window.kg.selected().id") == outside
    added = set(seen.evaluate("() => window.kg.drawn().nodes")) - drawn
    assert outside in added and len(added) == 1 + min(10, len(set(graph[outside]) - drawn))
    assert page.locator("#details h2").inner_text() == label
    assert "strongest evidence" in page.locator("#details").inner_text().lower()
    assert on_canvas(seen, outside)
    seen.clean()


# --- hostile articles ----------------------------------------------------------------------------------


def test_article_markup_executes_nothing(visit, tmp_path: Path) -> None:
    path = write_page(hostile_graph(), tmp_path / "graph.html", title=f"{SCRIPT}{IMG}")
    seen = visit(path)
    done = hover_and_click_everything(seen)
    print(f"\nhovered and clicked: {done}")
    assert done["nodes"] == 5 and done["edges"] == 5 and done["edges_by_mouse"] >= 3
    page = seen.page
    page.fill("#search", "<img src=x")
    page.press("#search", "Enter")
    assert seen.evaluate("() => window.kg.selected().id") == "group:x"
    assert page.locator("#details h2").inner_text() == IMG  # shown as text, exactly
    seen.evaluate("() => window.kg.selectNode('person:keir-starmer')")
    details = page.locator("#details").inner_text()
    assert SENTENCE in details and IMG in details and f"{SCRIPT}Talks in" in details
    assert seen.evaluate("() => document.querySelectorAll('img, iframe, object, embed').length") == 0
    assert seen.evaluate("() => document.scripts.length") == 5
    assert seen.page.title() == f"{SCRIPT}{IMG}"
    seen.clean()


@pytest.mark.model
def test_hostile_article_through_the_pipeline(visit, kg, write, tmp_path: Path) -> None:
    article = write(
        "articles/talks.txt",
        "Talks in London\n\n"
        f"Officials in {SCRIPT} Baghdad met {IMG} Keir Starmer in London. "
        "Keir Starmer later flew to Baghdad with officials from the Foreign Office.\n\n"
        f"The <b>Foreign Office</b> said <a href='https://example.com'>Iraq</a> and London agreed.\n",
    )
    result = kg("run", article, "--out", tmp_path / "run", "--quiet")
    assert result.code == 0, result.stderr
    page_path = tmp_path / "run" / "graph.html"
    assert "<script>window.__pwned" not in page_path.read_text(encoding="utf-8")
    seen = visit(page_path)
    assert seen.evaluate("() => window.kg.data.texts.some(t => t.includes('<img src=x'))")
    done = hover_and_click_everything(seen)
    print(f"\nhovered and clicked: {done}; labels: {seen.evaluate('() => window.kg.data.nodes.label')}")
    assert done["nodes"] >= 3 and done["edges"] >= 2
    seen.clean()


def test_article_markup_in_search_results_and_added_nodes_executes_nothing(visit, tmp_path: Path) -> None:
    """The new panels: the list of matches under the search box, and nodes drawn on demand."""
    path = write_page(hostile_graph(), tmp_path / "graph.html", top=2, title=IMG)
    seen = visit(path)
    page = seen.page
    assert sorted(seen.evaluate("() => window.kg.drawn().nodes")) == ["place:baghdad", "place:london"]
    page.locator("#search").press_sequentially("<img src=x")
    options = page.locator("#search-results li")
    options.first.wait_for()
    assert [options.nth(i).locator(".label").inner_text() for i in range(options.count())] == [
        IMG,
        "Keir Starmer",
    ]
    assert f"written “{IMG}”" in options.nth(1).inner_text()  # Starmer's alias, as text
    options.first.click()
    settled(seen)
    assert seen.evaluate("() => window.kg.selected().id") == "group:x"
    assert page.locator("#details h2").inner_text() == IMG
    seen.evaluate("() => window.kg.expand('place:baghdad')")  # the count, linked to Baghdad only
    settled(seen)
    assert sorted(seen.evaluate("() => window.kg.drawn().nodes")) == sorted(hostile_graph().nodes)
    done = hover_and_click_everything(seen)
    assert done["nodes"] == 5 and done["edges"] == 5
    seen.evaluate("() => window.kg.selectNode('number:3')")
    assert page.locator("#details h2").inner_text() == "3 <b>officials</b>"
    assert seen.evaluate("() => document.querySelectorAll('img, iframe, object, embed, b').length") == 0
    seen.clean()
    # Opened on a node from the address, with markup in the fragment too.
    seen = visit(path, fragment="#node=%3Cimg%20src%3Dx%20onerror%3D%22window.__pwned%3D1%22%3E")
    settled(seen)
    assert seen.evaluate("() => window.kg.selected().id") == "group:x"
    assert seen.evaluate("() => document.querySelectorAll('img').length") == 0
    seen.clean()


def test_page_works_inside_an_iframe_srcdoc(visit) -> None:
    seen = visit(render_page(hostile_graph(), title="inline"))
    assert seen.evaluate("() => window.kg.shown().nodes") == 5
    seen.evaluate("() => window.kg.selectNode('place:london')")
    assert seen.page.locator("#details h2").inner_text() == "London"
    seen.clean()


def test_screenshot_helpers_see_a_blank_canvas_as_blank() -> None:
    """The "graph is drawn" check must fail for an empty picture."""
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (200, 100), "white").save(buffer, format="PNG")
    assert not_blank(buffer.getvalue()) == (0.0, 1)
    assert color_pixels(buffer.getvalue(), TYPES["place"]["color"]) == 0


def test_hostile_ego_page_executes_nothing(visit, tmp_path: Path) -> None:
    """Issue 9: the neighbourhood pages `kg ego` writes get the same protection as graph.html."""
    from pipeline.query import ego

    sub = ego(hostile_graph(), "Keir Starmer")
    seen = visit(write_page(sub, tmp_path / "ego.html", title=f"Around {SCRIPT}"))
    done = hover_and_click_everything(seen)
    assert done["nodes"] == sub.number_of_nodes() and done["edges"] == sub.number_of_edges()
    assert seen.evaluate("() => typeof window.__pwned") == "undefined"
    assert seen.evaluate("() => document.querySelectorAll('img, iframe, object, embed').length") == 0
    seen.clean()


def test_notebook_view_of_hostile_text_executes_nothing(browser) -> None:
    """Issue 9: what Jupyter inserts into an output cell (Result.show()) runs nothing from the articles,
    in the notebook's own page or inside the view."""
    from pipeline.api import GraphView

    cell = GraphView(render_page(hostile_graph(), title=f"{SCRIPT}{IMG}"))._repr_html_()
    context = browser.new_context(viewport=VIEWPORT)
    try:
        page = context.new_page()
        requests, errors, dialogs = [], [], []
        context.route(
            "**/*", lambda route: route.continue_() if route.request.url.startswith(LOCAL) else route.abort()
        )
        context.on("request", lambda r: None if r.url.startswith(LOCAL) else requests.append(r.url))
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.set_content(f"<html><body><h1>Notebook</h1>{cell}</body></html>")
        frame = page.frames[1]
        frame.wait_for_function("() => window.kgReady === true", timeout=READY_MS)
        for node in frame.evaluate("() => window.kg.drawn().nodes"):
            frame.evaluate("(id) => window.kg.selectNode(id)", node)
            assert frame.evaluate("() => window.kg.selected().id") == node
        for edge in frame.evaluate("() => window.kg.drawn().edges"):
            frame.evaluate("(id) => window.kg.selectEdge(id)", edge)
        assert IMG in frame.locator("#details").inner_text() or IMG in frame.evaluate(
            "() => document.body.innerText"
        )
        for where in (page, frame):
            assert where.evaluate("() => typeof window.__pwned") == "undefined"
            assert where.evaluate("() => document.querySelectorAll('img, object, embed').length") == 0
        assert (requests, errors, dialogs) == ([], [], [])
    finally:
        context.close()


def test_the_date_range_shows_only_the_links_of_those_dates(visit, dated_graph, tmp_path: Path) -> None:
    """Issue 17: moving the handles hides the links not seen in articles of the chosen weeks (and the
    nodes left without links), updates the legend counts, and the evidence says each sentence's date."""
    graph, titles, dates = dated_graph
    path = page_module.write_page(graph, tmp_path / "graph.html", titles=titles, dates=dates)
    seen = visit(path)
    page = seen.page
    assert page.locator("input[id*=date]").count() == 2

    def expected(first: int, last: int) -> tuple[int, int]:
        """Links with a week in first..last (all of them over the whole span), and their nodes."""
        weeks = ["2025-05-05", "2025-05-12", "2025-05-19", "2025-05-26"]
        whole = (first, last) == (0, 3)
        shown = [
            (a, b)
            for a, b, d in graph.edges(data=True)
            if whole or any(first <= weeks.index(start) <= last for start, _, _ in d["timeline"])
        ]
        return len({n for edge in shown for n in edge}), len(shown)

    def visible() -> tuple[int, int]:
        """What the drawing shows (vis-network's own items) and what the legend says."""
        nodes, links = seen.evaluate(
            """() => [window.kg.nodes.get({filter: n => !n.hidden}).length,
                      window.kg.edges.get({filter: e => !e.hidden}).length]"""
        )
        assert page.locator("#shown-nodes").inner_text() == str(nodes)
        assert page.locator("#shown-edges").inner_text() == str(links)
        return nodes, links

    assert visible() == expected(0, 3) == (6, 6)
    # the end handle back two weeks, with the keyboard as an analyst would
    page.locator("#date-to").focus()
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowLeft")
    assert page.locator("#date-range-value").inner_text() == "2025-05-05 – 2025-05-18"
    assert visible() == expected(0, 1) == (4, 3)
    # the start handle on one week: only the second week's links
    page.locator("#date-from").focus()
    page.keyboard.press("ArrowRight")
    assert seen.evaluate("() => window.kg.dates()") == {
        "from": "2025-05-12",
        "to": "2025-05-18",
        "period": "week",
    }
    assert visible() == expected(1, 1) == (3, 2)
    person_row = page.locator('#legend tbody tr[data-type="person"] td.shown')
    assert person_row.inner_text() == "1"  # Ilona Vesk; Odo Brann's links are in week 3 or undated
    # the evidence panel dates each sentence, the chosen dates' first, and greys those outside the range
    link = seen.evaluate(
        """() => window.kg.drawn().edges.find(id => {
            const e = window.kg.edge(id);
            return [e.from, e.to].sort().join() === "group:tessaly-union,person:ilona-vesk";
        })"""
    )
    seen.evaluate("(id) => window.kg.selectEdge(id)", link)
    sources = page.locator("#details ol.evidence li")
    assert sources.count() == 2
    assert page.locator("#details ol.evidence li .source").all_inner_texts() == [
        "Week 1 report · 2025-05-13",
        "Week 0 report · 2025-05-06",
    ]
    assert sources.nth(0).get_attribute("class") is None
    assert sources.nth(1).get_attribute("class") == "out-of-range"
    assert "1 sentence in 2025-05-12 – 2025-05-18" in page.locator("#details").inner_text()
    # back over the whole span: everything again, the link seen only in an undated article too
    seen.evaluate("() => window.kg.setDates(0, 3)")
    assert visible() == (6, 6)
    page.screenshot(path=str(tmp_path / "dates.png"))
    seen.clean()


# --- date ranges: the range's own first view, searches, the node panel, status (review 36) -------------

VESK, BRANN = "person:ilona-vesk", "person:odo-brann"


def dated_page(dated_graph, tmp_path: Path, **options: object) -> Path:
    graph, titles, dates = dated_graph
    graph.nodes[VESK]["timeline"] = (("2025-05-05", 1, 1), ("2025-05-12", 2, 1), ("2025-05-19", 1, 1))
    urls = {"w1": "https://news.example/week-1"}
    return page_module.write_page(
        graph, tmp_path / "graph.html", titles=titles, dates=dates, urls=urls, **options
    )


def test_a_date_range_draws_its_own_strongest_nodes(visit, dated_graph, tmp_path: Path) -> None:
    """The first view holds the two most central places; the last week's strongest link is between two
    people outside it, and choosing that week draws them (the same budget of two nodes)."""
    seen = visit(dated_page(dated_graph, tmp_path, top=2))
    page = seen.page
    assert sorted(seen.evaluate("() => window.kg.drawn().nodes")) == ["place:ardvik", "place:quelmont"]
    seen.evaluate("() => { window.kg.setDates(3, 3); window.kg.setMinWeight(2); }")
    assert sorted(seen.evaluate("() => window.kg.drawn().nodes")) == [VESK, BRANN]
    assert seen.evaluate("() => window.kg.shown()") == {"nodes": 2, "edges": 1}
    assert page.locator("#search-status").inner_text() == ""
    # nothing in a week reaches the weight: the status says so
    seen.evaluate("() => window.kg.setDates(1, 1)")
    seen.evaluate("() => window.kg.setMinWeight(4)")
    assert seen.evaluate("() => window.kg.shown()") == {"nodes": 0, "edges": 0}
    assert page.locator("#search-status").inner_text() == (
        "Nothing to show: no link in 2025-05-12 – 2025-05-18 reaches Min. link weight 4."
    )
    # the whole span again: the first view again, where the places were
    seen.evaluate("() => { window.kg.setMinWeight(1); window.kg.setDates(0, 3); }")
    assert sorted(seen.evaluate("() => window.kg.drawn().nodes")) == ["place:ardvik", "place:quelmont"]
    assert page.locator("#search-status").inner_text() == "" and page.locator("#overview").is_disabled()
    seen.clean()


def test_searching_a_node_with_no_link_in_the_dates_widens_them_and_says_so(
    visit, dated_graph, tmp_path
) -> None:
    seen = visit(dated_page(dated_graph, tmp_path, top=2))
    page = seen.page
    seen.evaluate("() => window.kg.setDates(2, 2)")  # Ilona Vesk–Ardvik only; Odo Brann's are in week 3
    page.locator("#search").press_sequentially("Odo Brann")
    page.locator("#search-results li").first.wait_for()
    page.press("#search", "Enter")
    settled(seen)
    assert seen.evaluate("() => window.kg.dates()")["from"] == "2025-05-05"  # the whole span
    assert {BRANN, VESK, "place:karsk"} <= set(seen.evaluate("() => window.kg.drawn().nodes"))
    assert page.locator("#search-status").inner_text() == (
        "Added Odo Brann and 2 neighbours · Dates widened from 2025-05-19 – 2025-05-25 to the whole span: "
        "Odo Brann has no link in them"
    )
    # a node with no link in the range, not drawn and then drawn (hidden): the status says the same
    for found in ("Added Tessaly Union (its neighbours are drawn already)", "Found Tessaly Union"):
        seen.evaluate("() => window.kg.setDates(3, 3)")
        page.fill("#search", "")
        page.locator("#search").press_sequentially("Tessaly")
        page.locator("#search-results li").first.wait_for()
        page.press("#search", "Enter")
        settled(seen)
        assert page.locator("#search-status").inner_text() == (
            f"{found} · Dates widened from 2025-05-26 – 2025-06-01 to the whole span: "
            "Tessaly Union has no link in them"
        )
    # a possessive is dropped when the whole text is no name; the message says "matches"
    assert seen.evaluate('() => window.kg.find("odo brann\'s")') == BRANN
    page.fill("#search", "")
    page.locator("#search").press_sequentially("Zzyzx")
    assert page.locator("#search-status").inner_text() == "No name or alias on this page matches “Zzyzx”."
    seen.clean()


def test_a_count_s_panel_says_what_was_counted_and_who_did_it(visit, tmp_path: Path) -> None:
    graph = nx.Graph()
    graph.add_node("place:quellby", label="Quellby", type="place", mentions=2, articles=1, pagerank=0.6)
    graph.add_node(
        "number:12-varn-killed-a", label="12 Varn killed", type="number", mentions=1, articles=1, pagerank=0.4,
        value=12.0, object="Varn", category="kill", actor="Osk raiders",
    )  # fmt: skip
    graph.add_edge("place:quellby", "number:12-varn-killed-a", weight=1, articles=1, evidence="12 Varn died.")
    seen = visit(page_module.write_page(graph, tmp_path / "graph.html"))
    seen.evaluate("(id) => window.kg.selectNode(id)", "number:12-varn-killed-a")
    facts = seen.page.locator("#details dl").inner_text()
    assert "Value\n12 Varn" in facts and "Category\nkill" in facts and "By\nOsk raiders" in facts
    seen.clean()


def test_the_node_panel_counts_the_date_range_and_links_titles(visit, dated_graph, tmp_path: Path) -> None:
    seen = visit(dated_page(dated_graph, tmp_path))
    page = seen.page
    seen.evaluate("() => window.kg.setDates(1, 1)")
    seen.evaluate("(id) => window.kg.selectNode(id)", VESK)
    details = page.locator("#details")
    facts = details.locator("dl").inner_text()
    assert "In 2025-05-12 – 2025-05-18\n2 mentions in 1 article; 1 link, weight 1" in facts
    assert "Mentions (whole span)" in facts and "Links (whole span)" in facts
    assert details.locator("h3").first.text_content() == "Strongest links in 2025-05-12 – 2025-05-18"
    assert details.locator("ul.links li").all_inner_texts() == ["Tessaly Union\n1 (2 in all)"]
    # the range's sentence first (the whole span's first sentence of that link is from week 0)
    first = details.locator("ol.evidence li").first
    assert first.locator("blockquote").inner_text() == "Tessaly Union and Ilona Vesk in week 1."
    assert first.get_attribute("class") is None
    # its title links to the article, in a new tab, and nothing was fetched
    link = first.locator(".source a")
    assert link.inner_text() == "Week 1 report"
    assert (link.get_attribute("href"), link.get_attribute("target")) == (
        "https://news.example/week-1",
        "_blank",
    )
    assert "noopener" in link.get_attribute("rel")
    seen.clean()


def test_filters_clear_a_stale_status_and_tip_and_refuse_dates_outside_the_span(
    visit, dated_graph, tmp_path
) -> None:
    seen = visit(dated_page(dated_graph, tmp_path))
    page = seen.page
    page.locator("#search").press_sequentially("Quelmont")
    page.locator("#search-results li").first.wait_for()
    page.press("#search", "Enter")
    assert page.locator("#search-status").inner_text() == "Found Quelmont"
    # where the node is drawn once the view stops moving (on a busy machine the glide takes longer)
    page.wait_for_function("() => !window.kg.settling()", timeout=READY_MS)
    page.wait_for_timeout(500)
    page.mouse.move(*dom_point(seen, "place:ardvik"))
    page.locator("#tip").wait_for()
    seen.evaluate("() => window.kg.setDates(0, 1)")
    assert not page.locator("#tip").is_visible()
    assert page.locator("#search-status").inner_text() == ""
    assert seen.evaluate("() => window.kg.setDates('2024-01-01', '2024-01-05')") is False
    assert seen.evaluate("() => window.kg.dates()")["to"] == "2025-05-18"  # unchanged
    assert (
        page.locator("#search-status").inner_text().startswith("No article is dated 2024-01-01 – 2024-01-05")
    )
    assert seen.evaluate("() => window.kg.setDates('2030-01-01', '2030-01-05')") is False
    assert seen.evaluate("() => window.kg.setDates('garbage', 'x')") is False  # no date, said so
    assert page.locator("#search-status").inner_text().startswith('Not a date: "garbage"')
    assert seen.evaluate("() => window.kg.dates()")["to"] == "2025-05-18"  # unchanged
    seen.clean()


# --- review 38: search, panel, labels, keys and fields ----------------------------------------------------

HAMAS, GAZA = "group:hamas", "place:gaza-strip"


def hidden_nodes(visit: Visit) -> list[str]:
    return visit.evaluate("() => window.kg.hidden().nodes")


def in_middle(visit: Visit, node: str) -> None:
    """Wait until the view has glided to ``node``: it is drawn in the middle of the canvas."""
    visit.page.wait_for_function(
        """(id) => {
            const p = window.kg.network.canvasToDOM(window.kg.network.getPositions([id])[id]);
            const box = document.getElementById('network').getBoundingClientRect();
            return Math.abs(p.x - box.width / 2) < 40 && Math.abs(p.y - box.height / 2) < 40;
        }""",
        arg=node,
        timeout=10_000,
    )


@pytest.mark.model
def test_search_shows_a_node_whose_links_go_to_a_hidden_type(visit, seed_page: Path) -> None:
    """Hamas's one link of weight 2 goes to Gaza Strip, a place: with places hidden and Min. link weight
    3, finding Hamas must show it with that link, not say "Found" over an empty spot."""
    seen = visit(seed_page)
    page = seen.page
    page.locator("#legend tr[data-type=place] input").click()
    page.locator("#min-weight").fill("3")
    assert HAMAS in hidden_nodes(seen)
    page.fill("#search", "Hamas")
    page.press("#search", "Enter")
    assert seen.evaluate("() => window.kg.selected()") == {"kind": "node", "id": HAMAS}
    assert page.locator("#search-status").inner_text() == (
        "Found Hamas · Type place switched on and Min. link weight lowered from 3 to 2 to show Hamas's links"
    )
    assert page.locator("#legend tr[data-type=place] input").is_checked()
    assert page.locator("#min-weight-value").inner_text() == "2"
    assert HAMAS not in hidden_nodes(seen) and GAZA not in hidden_nodes(seen)
    [link] = seen.evaluate(
        "() => window.kg.links('group:hamas').filter(id => window.kg.edge(id).weight === 2)"
    )
    assert link not in seen.evaluate("() => window.kg.hidden().edges")
    in_middle(seen, HAMAS)
    page.wait_for_timeout(100)
    assert color_pixels(canvas_png(seen), TYPES["group"]["color"]) > 100  # drawn where the view went
    seen.clean()


def test_a_node_found_behind_a_hidden_type_brings_the_type_back(visit, tmp_path: Path) -> None:
    """Quillon Abbey (a group, not drawn) has one link, of weight 2, to Marrowick, a place."""
    seen = visit(write_page(far_graph(), tmp_path / "graph.html", top=8))
    page = seen.page
    page.locator("#legend tr[data-type=place] input").click()
    page.locator("#min-weight").fill("4")
    page.locator("#search").press_sequentially("Quillon")
    page.locator("#search-results li").first.wait_for()
    page.press("#search", "Enter")
    settled(seen)
    assert page.locator("#search-status").inner_text() == (
        "Added Quillon Abbey and 1 neighbour · Type place switched on and Min. link weight lowered from 4 "
        "to 2 to show Quillon Abbey's links"
    )
    assert page.locator("#legend tr[data-type=place] input").is_checked()
    assert page.locator("#min-weight-value").inner_text() == "2"
    hidden = hidden_nodes(seen)
    assert "group:quillon-abbey" not in hidden and "place:marrowick" not in hidden
    assert on_canvas(seen, "group:quillon-abbey")
    seen.clean()


def test_a_node_without_links_is_shown_alone_and_the_slider_stays(visit, tmp_path: Path) -> None:
    graph = far_graph()
    graph.add_node("group:hermits", label="Hermit Guild", type="group", pagerank=0.0001, mentions=1)
    seen = visit(write_page(graph, tmp_path / "graph.html", top=40))
    page = seen.page
    page.locator("#min-weight").fill("3")
    assert "group:hermits" in hidden_nodes(seen)
    page.fill("#search", "hermit")
    page.press("#search", "Enter")
    assert seen.evaluate("() => window.kg.selected().id") == "group:hermits"
    assert page.locator("#min-weight-value").inner_text() == "3"  # lowering it would show no link
    assert "group:hermits" not in hidden_nodes(seen)
    assert page.locator("#search-status").inner_text() == (
        "Found Hermit Guild · Min. link weight 3 hides nodes without a link: Hermit Guild, which has none, "
        "is shown alone"
    )
    seen.evaluate("() => window.kg.selectNode('place:core-0')")  # chosen elsewhere: the filter again
    assert "group:hermits" in hidden_nodes(seen)
    seen.clean()


@pytest.mark.model
def test_a_new_selection_shows_the_panel_from_its_heading(visit, seed_page: Path) -> None:
    seen = visit(seed_page)
    page = seen.page

    def scroll_down() -> None:
        seen.evaluate("() => { const s = document.getElementById('side'); s.scrollTop = s.scrollHeight; }")
        assert seen.evaluate("() => document.getElementById('side').scrollTop") > 200

    def heading_in_view() -> bool:
        return seen.evaluate(
            """() => {
                const side = document.getElementById('side').getBoundingClientRect();
                const h = document.querySelector('#details h2').getBoundingClientRect();
                return h.top >= side.top && h.bottom <= side.bottom;
            }"""
        )

    seen.evaluate("() => window.kg.selectNode('place:syria')")
    scroll_down()
    assert not heading_in_view()
    page.locator("#details ul.links button.name").first.click()  # a name in the panel
    assert page.locator("#details h2").inner_text() == "ISIS"
    assert heading_in_view()
    scroll_down()
    settled(seen)  # the glide to ISIS moves Syria too: its point is read once the view stands still
    page.mouse.click(*dom_point(seen, "place:syria"))  # a node on the canvas
    assert seen.evaluate("() => window.kg.selected().id") == "place:syria"
    assert heading_in_view()
    seen.clean()


def namesake_graph() -> nx.Graph:
    """Two count nodes of the same name, from different articles, and the places they are linked to."""
    graph = nx.Graph(titles={"c1": "Canyoning trial opens", "f1": "Flash flood inquiry"})
    for node, label, kind, rank in (
        ("number:14-killed-c1", "14 Australians killed", "number", 0.3),
        ("number:14-killed-f1", "14 Australians killed", "number", 0.2),
        ("place:interlaken", "Interlaken", "place", 0.5),
        ("place:saxeten", "Saxeten", "place", 0.4),
    ):
        graph.add_node(node, label=label, type=kind, pagerank=rank, mentions=1, articles=1)
    for a, b, article, sentence in (
        (
            "number:14-killed-c1",
            "place:interlaken",
            "c1",
            "Six guides went on trial in Interlaken over the deaths.",
        ),
        ("number:14-killed-f1", "place:saxeten", "f1", "The flash flood in Saxeten swept the group away."),
    ):
        graph.add_edge(a, b, weight=1, articles=1, npmi=0.5, evidence_list=[Evidence(article, 0, sentence)])
    return graph


def test_suggestions_tell_apart_nodes_of_the_same_name(visit, tmp_path: Path) -> None:
    seen = visit(write_page(namesake_graph(), tmp_path / "graph.html"))
    page = seen.page
    page.locator("#search").press_sequentially("14 australians")
    options = page.locator("#search-results li")
    options.first.wait_for()
    assert options.locator(".label").all_inner_texts() == ["14 Australians killed"] * 2
    assert options.locator(".from").all_inner_texts() == [
        "“Six guides went on trial in Interlaken over the deaths.” — Canyoning trial opens",
        "“The flash flood in Saxeten swept the group away.” — Flash flood inquiry",
    ]
    options.nth(1).click()
    assert seen.evaluate("() => window.kg.selected().id") == "number:14-killed-f1"
    assert page.locator("#details .namesake").inner_text() == (
        "One of 2 nodes named so; this one: “The flash flood in Saxeten swept the group away.” — Flash flood inquiry"
    )
    page.fill("#search", "")
    page.locator("#search").press_sequentially("interlaken")  # a name of its own: nothing added
    options.first.wait_for()
    assert options.locator(".from").count() == 0
    seen.clean()


def test_suggestions_say_how_many_more_match_and_list_them_all(visit, tmp_path: Path) -> None:
    seen = visit(write_page(far_graph(), tmp_path / "graph.html", top=8))
    page = seen.page
    page.locator("#search").press_sequentially("outer")  # 22 Outer Councils
    options = page.locator("#search-results li")
    options.first.wait_for()
    assert options.count() == 9
    more = page.locator("#search-results li.more")
    assert more.inner_text() == "… and 14 more: show all 22"
    assert more.is_visible()
    more.click()
    assert page.locator("#search-results li[data-node]").count() == 22
    assert page.locator("#search-results li.more").count() == 0
    assert seen.evaluate("() => document.activeElement.id") == "search"  # still typing
    assert seen.evaluate(
        "() => { const list = document.getElementById('search-results'); return list.scrollHeight > list.clientHeight; }"
    )
    last = page.locator('#search-results li[data-node="group:outer-21"]')
    last.scroll_into_view_if_needed()
    last.click()
    assert seen.evaluate("() => window.kg.selected().id") == "group:outer-21"
    # With the keyboard: up from the first match is the row that lists them all.
    page.fill("#search", "")
    page.locator("#search").press_sequentially("outer")
    options.first.wait_for()
    page.press("#search", "ArrowUp")
    page.press("#search", "Enter")
    assert page.locator("#search-results li[data-node]").count() == 22
    seen.clean()


def test_search_finds_every_word_in_any_order(visit, tmp_path: Path) -> None:
    graph = far_graph()
    graph.add_node(
        "number:14-deaths-t1", label="14 deaths", type="number", value=14.0, object="deaths", category="kill",
        pagerank=0.0001, mentions=1, articles=1,
    )  # fmt: skip
    seen = visit(write_page(graph, tmp_path / "graph.html", top=8))
    page = seen.page
    labels = "(q) => window.kg.search(q).map(m => m.label)"
    assert seen.evaluate(labels, "3 council") == ["Outer Council 3"]
    assert seen.evaluate(labels, "council outer 3") == ["Outer Council 3"]
    assert seen.evaluate(labels, "kvetnarova zofia") == ["Žofia Kvetnárová"]
    # the whole name and names starting with it come first
    assert seen.evaluate(labels, "outer council 1")[:3] == [
        "Outer Council 1",
        "Outer Council 10",
        "Outer Council 11",
    ]
    assert seen.evaluate(labels, "council 9 nobody") == []
    # a count is found by its category's word, though its label says it otherwise
    assert seen.evaluate(labels, "killed") == ["14 deaths"]
    assert seen.evaluate(labels, "killed 14") == ["14 deaths"]
    assert seen.evaluate(labels, "dead") == ["14 deaths"] and seen.evaluate(labels, "injured") == []
    page.locator("#search").press_sequentially("council 3")
    page.locator("#search-results li").first.wait_for()
    assert page.locator("#search-results li .label").all_inner_texts() == ["Outer Council 3"]
    page.press("#search", "Enter")
    settled(seen)
    assert seen.evaluate("() => window.kg.selected().id") == "group:outer-3"
    seen.clean()


def dark_pixels(visit: Visit, clip: dict[str, float]) -> int:
    """Pixels of the label colour (#1f2328) in a part of the page."""
    return color_pixels(visit.page.screenshot(clip=clip), "#1f2328", tolerance=40)


def test_faded_labels_do_not_paint_over_lit_ones(visit, tmp_path: Path) -> None:
    """vis-network draws labels in the order the nodes were added: a faded node added after a lit one
    and moved onto it must not erase the lit label's letters."""
    seen = visit(write_page(far_graph(), tmp_path / "graph.html", top=40))
    page = seen.page
    lit, faded = "group:outer-0", "place:marrowick"  # outer-0 is a neighbour of core-0; Marrowick is not
    assert seen.evaluate("() => window.kg.drawn().nodes.indexOf('place:marrowick')") > seen.evaluate(
        "() => window.kg.drawn().nodes.indexOf('group:outer-0')"
    )
    seen.evaluate("() => window.kg.selectNode('place:core-0')")
    seen.evaluate(
        """([lit, faded]) => {
            const net = window.kg.network;
            const p = net.getPositions([lit])[lit];
            net.moveNode(faded, p.x + 400, p.y + 400);  // out of the way
            net.moveTo({position: p, scale: 1.5});
        }""",
        [lit, faded],
    )
    page.wait_for_timeout(150)
    x, y = dom_point(seen, lit)
    clip = {"x": x - 80, "y": y + 4, "width": 160, "height": 40}  # the label, under the node
    alone = dark_pixels(seen, clip)
    assert alone > 150, alone
    seen.evaluate(
        """([lit, faded]) => {
            const net = window.kg.network;
            const p = net.getPositions([lit])[lit];
            net.moveNode(faded, p.x + 6, p.y);  // its label right on the lit one
            net.redraw();
        }""",
        [lit, faded],
    )
    page.wait_for_timeout(150)
    covered = dark_pixels(seen, clip)
    page.screenshot(path=str(tmp_path / "faded.png"))
    print(f"\nlabel pixels alone {alone}, covered {covered}")
    assert covered >= 0.9 * alone, (alone, covered)
    seen.clean()


def test_escape_clears_the_selection_then_goes_back_to_the_overview(visit, tmp_path: Path) -> None:
    seen = visit(write_page(far_graph(), tmp_path / "graph.html", top=8))
    page = seen.page
    core = sorted(seen.evaluate("() => window.kg.drawn().nodes"))
    page.mouse.dblclick(*dom_point(seen, "place:core-1"))  # adds its neighbours and selects it
    settled(seen)
    assert seen.evaluate("() => window.kg.selected().id") == "place:core-1"
    page.fill("#search", "cor")
    page.press("#search", "Escape")  # in the search box Escape only closes the list
    assert seen.evaluate("() => window.kg.selected().id") == "place:core-1"
    page.locator("#network .vis-network").focus()  # the drawing, as a click or Tab gives it the focus
    page.keyboard.press("Escape")
    assert seen.evaluate("() => window.kg.selected()") is None
    assert "Hover over a node" in page.locator("#details").inner_text()
    assert len(seen.evaluate("() => window.kg.drawn().nodes")) > len(core)
    page.keyboard.press("Escape")
    assert sorted(seen.evaluate("() => window.kg.drawn().nodes")) == core
    assert page.locator("#overview").is_disabled()
    seen.clean()


def test_arrow_keys_move_the_view_when_the_drawing_has_the_focus(visit, tmp_path: Path) -> None:
    seen = visit(write_page(far_graph(), tmp_path / "graph.html", top=8))
    page = seen.page
    view = "() => JSON.stringify([window.kg.network.getViewPosition(), window.kg.network.getScale()])"
    page.locator("#search").focus()
    before = seen.evaluate(view)
    page.keyboard.press("ArrowLeft")  # typing in the box moves nothing
    page.wait_for_timeout(200)
    assert seen.evaluate(view) == before
    page.mouse.click(10, VIEWPORT["height"] - 40)  # an empty spot of the drawing
    page.keyboard.down("ArrowLeft")
    page.wait_for_timeout(300)
    page.keyboard.up("ArrowLeft")
    page.wait_for_timeout(100)
    assert seen.evaluate(view) != before
    seen.clean()


def test_with_every_type_unticked_the_status_says_no_type_is_selected(visit, tmp_path: Path) -> None:
    seen = visit(write_page(far_graph(), tmp_path / "graph.html", top=8))
    page = seen.page
    boxes = page.locator("#legend tbody input")
    for n in range(boxes.count()):
        boxes.nth(n).click()
    assert seen.evaluate("() => window.kg.shown()") == {"nodes": 0, "edges": 0}
    assert page.locator("#search-status").inner_text() == (
        "Nothing to show: no type is selected. Tick a type in the legend to show it."
    )
    boxes.first.click()
    page.locator("#min-weight").fill("9")
    assert "no type is selected" not in page.locator("#search-status").inner_text()
    seen.clean()


def test_the_neighbours_field_shows_the_whole_number_it_uses(visit, tmp_path: Path) -> None:
    seen = visit(write_page(far_graph(), tmp_path / "graph.html", top=8))
    page = seen.page
    for typed, used in (("0", "1"), ("-3", "1"), ("2.5", "3"), ("500", "200"), ("", "10"), ("4", "4")):
        page.fill("#neighbours", typed)
        page.press("#neighbours", "Tab")
        assert page.input_value("#neighbours") == used, typed
    page.fill("#neighbours", "2.5")
    page.press("#neighbours", "Enter")
    assert page.input_value("#neighbours") == "3"
    page.mouse.dblclick(*dom_point(seen, "place:core-1"))  # its three groups: all of them
    settled(seen)
    assert page.locator("#search-status").inner_text() == "Added 3 neighbours of Corevale 1"
    seen.clean()
