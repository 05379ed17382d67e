// The graph page's behaviour. Rule: text that came from articles (labels, aliases, sentences, titles)
// reaches the DOM only as text (Element.append / textContent of strings); this file never assigns HTML.
//
// The page draws a first view (the most central nodes) and holds every node and link of the run in
// columns (data.nodes, data.edges: one array per field; a node is its position, 0 = most central by
// PageRank; an edge is its position too and is drawn with the id "e" + position). Search reads the
// columns, and opening a node draws it with its strongest neighbours next to what is already drawn.
(function () {
  "use strict";

  const readJson = (id) => JSON.parse(document.getElementById(id).textContent);
  const net = readJson("kg-network");
  const data = readJson("kg-data");
  const $ = (id) => document.getElementById(id);
  const status = $("search-status");

  const N = data.nodes;
  const E = data.edges;
  const indexOf = new Map(N.id.map((id, i) => [id, i]));
  const styles = new Map(data.types.map((t) => [t.type, t]));
  const styleOf = (type) => styles.get(type) || data.otherType;
  const articleTitle = (index) => {
    const [id, title] = data.articles[index] || ["", ""];
    return title || (id ? `article ${id}` : "untitled article");
  };
  // The title as a link to the article when the run knows its address (a new tab, only when clicked:
  // the page itself requests nothing), else as text.
  function articleSource(index) {
    const url = (data.articles[index] || [])[2];
    if (!url || !/^https?:\/\//i.test(url)) return articleTitle(index);
    const a = document.createElement("a");
    a.href = url;
    a.target = "_blank";
    a.rel = "noopener noreferrer";
    a.textContent = articleTitle(index);
    return a;
  }
  // Drawings with more nodes or links than this skip fading the unselected ones (see highlight()).
  const DIM_NODES = 600;
  const DIM_EDGES = 3000;
  // Strongest links and evidence sentences listed for a node; matches listed under the search box.
  const LINKS = 8;
  const NODE_EVIDENCE = 5;
  const MATCHES = 8;
  // Physics iterations that settle the nodes an analyst adds (the others stay where they are).
  const LOCAL_ITERATIONS = 60;
  // How far beyond its drawn neighbour a new node goes (springs are 70 long).
  const GAP = 140;
  const count = (n) => n.toLocaleString("en");
  const plural = (n, word, many = `${word}s`) => `${count(n)} ${n === 1 ? word : many}`;

  // --- records read from the columns (made once, when first needed) ----------------------------------
  const nodeCache = new Map();
  function node(i) {
    let n = nodeCache.get(i);
    if (!n) {
      n = {
        index: i,
        id: N.id[i],
        label: N.label[i],
        type: data.typeNames[N.type[i]],
        aliases: N.aliases[i],
        mentions: N.mentions[i],
        articles: N.articles[i],
        degree: N.degree[i],
        weighted_degree: N.weighted_degree[i],
        community: N.community[i],
        ...(data.more[i] || {}),
      };
      nodeCache.set(i, n);
    }
    return n;
  }
  const fullEvidence = new Map(data.overview.edges.map((k, j) => [k, data.evidence[j]]));
  function edge(k) {
    const full = fullEvidence.get(k);
    return {
      index: k,
      id: `e${k}`,
      a: E.a[k],
      b: E.b[k],
      from: N.id[E.a[k]],
      to: N.id[E.b[k]],
      weight: E.weight[k],
      articles: E.articles[k],
      npmi: E.npmi[k],
      evidence: full || (E.text[k] >= 0 ? [[E.text[k], E.article[k]]] : []),
      complete: full !== undefined,
    };
  }
  const edgeIndex = (id) => Number(String(id).slice(1));
  const other = (k, i) => (E.a[k] === i ? E.b[k] : E.a[k]);

  // Every node's links, strongest first (weight, then NPMI, then the other end's rank), built on first
  // use: one pass to count, one to fill, one sort per node.
  let adjacency = null;
  function linksOf(i) {
    if (!adjacency) {
      const n = N.id.length;
      const start = new Int32Array(n + 1);
      for (let k = 0; k < E.a.length; k++) {
        start[E.a[k] + 1]++;
        start[E.b[k] + 1]++;
      }
      for (let j = 0; j < n; j++) start[j + 1] += start[j];
      const fill = start.slice(0, n);
      const list = new Int32Array(start[n]);
      for (let k = 0; k < E.a.length; k++) {
        list[fill[E.a[k]]++] = k;
        list[fill[E.b[k]]++] = k;
      }
      adjacency = { start, list, sorted: new Uint8Array(n) };
    }
    const { start, list, sorted } = adjacency;
    const slice = list.subarray(start[i], start[i + 1]);
    if (!sorted[i]) {
      const ordered = Array.from(slice).sort(
        (x, y) => E.weight[y] - E.weight[x] || E.npmi[y] - E.npmi[x] || other(x, i) - other(y, i)
      );
      slice.set(ordered);
      sorted[i] = 1;
    }
    return slice;
  }
  // A node's first sentences from its strongest links, each sentence once; with a date range, sentences
  // of those dates first (from its strongest links there), then the others.
  function nodeEvidence(i, limit) {
    const seen = new Set();
    const result = [];
    if (!wholeSpan()) {
      for (const k of rangeLinks(i)) {
        if (result.length >= limit) break;
        const items = fullEvidence.get(k) || (E.text[k] >= 0 ? [[E.text[k], E.article[k]]] : []);
        const found = items.find(([text, article]) => !seen.has(text) && inDates(articleDate(article)));
        if (!found) continue;
        seen.add(found[0]);
        result.push([found[0], found[1], other(k, i)]);
      }
    }
    for (const k of linksOf(i)) {
      if (result.length >= limit) break;
      const text = fullEvidence.has(k) ? (fullEvidence.get(k)[0] || [-1])[0] : E.text[k];
      if (text < 0 || seen.has(text)) continue;
      seen.add(text);
      const article = fullEvidence.has(k) ? fullEvidence.get(k)[0][1] : E.article[k];
      result.push([text, article, other(k, i)]);
    }
    return result;
  }

  // --- small DOM helpers: strings become text nodes, never markup ---------------------------------
  function el(tag, className, ...children) {
    const item = document.createElement(tag);
    if (className) item.className = className;
    for (const child of children) {
      if (child !== null && child !== undefined && child !== false) item.append(child);
    }
    return item;
  }
  function swatch(shape, color) {
    const s = el("span", `swatch ${shape}`);
    s.style.color = color;
    return s;
  }
  function nameButton(i) {
    const b = el("button", "name", N.label[i]);
    b.type = "button";
    b.addEventListener("click", () => openNode(i));
    return b;
  }

  // --- the network ----------------------------------------------------------------------------------
  const nodes = new vis.DataSet(net.nodes);
  const edges = new vis.DataSet(net.edges);
  // Square-root scaling: most entities are mentioned a few times, so a linear scale leaves all but the
  // hubs at the minimum size and their labels unreadable.
  net.options.nodes.scaling.customScalingFunction = (min, max, total, value) =>
    max === min ? 0.5 : Math.sqrt(Math.max(0, value - min) / (max - min));
  const network = new vis.Network($("network"), { nodes, edges }, net.options);
  const overview = { nodes: new Set(data.overview.nodes), edges: new Set(data.overview.edges) };
  const state = {
    types: new Map(),
    minWeight: 1,
    colorBy: "type",
    sizeBy: "weighted_degree",
    selected: null, // {kind: "node"|"edge", id}
    drawnNodes: new Set(overview.nodes), // node positions in the DataSet
    drawnEdges: new Set(overview.edges), // edge positions in the DataSet
    base: new Set(overview.nodes), // node positions of the first view of the chosen dates (see rebase())
    added: new Set(), // node positions the analyst added (search, neighbours, links)
    hiddenNodes: new Set(), // ids
    hiddenEdges: new Set(), // ids
    layoutRunning: false,
    localLayout: null, // ids of the nodes held still while the added ones settle
    alone: null, // the node asked for that no filter change can show with a link: shown while selected
  };
  const typesPresent = [...new Set([...data.types.map((t) => t.type), ...Object.keys(data.counts.graphTypes)])];
  for (const type of typesPresent) state.types.set(type, true);
  const drawnLinks = (i) => Array.from(linksOf(i)).filter((k) => state.drawnEdges.has(k));

  // --- layout: stabilize a bounded number of iterations, then stop -------------------------------------
  const layoutButton = $("layout");
  const solver = net.options.physics.solver;
  const springConstant = net.options.physics[solver].springConstant;
  const SETTLE_SPRING = springConstant / 10;
  let layoutTimer = null;
  function stopLayout() {
    clearTimeout(layoutTimer);
    // One call: vis-network switches physics back on when given physics options without "enabled".
    network.setOptions({ physics: { enabled: false, [solver]: { springConstant } } });
    state.layoutRunning = false;
    layoutButton.textContent = "Resume layout";
    if (state.localLayout) {
      // (update() would add a node taken off the drawing meanwhile)
      nodes.update(state.localLayout.filter((id) => nodes.get(id) !== null).map((id) => ({ id, fixed: false })));
      state.localLayout = null;
    }
  }
  function resumeLayout() {
    network.setOptions({ physics: { enabled: true, stabilization: { enabled: false } } });
    network.startSimulation();
    state.layoutRunning = true;
    layoutButton.textContent = "Stop layout";
    clearTimeout(layoutTimer);
    layoutTimer = setTimeout(stopLayout, 20000); // never jiggle for ever
  }
  layoutButton.addEventListener("click", () => (state.layoutRunning ? stopLayout() : resumeLayout()));
  $("fit").addEventListener("click", () => network.fit({ animation: { duration: 300 } }));
  network.on("stabilized", () => {
    if (state.layoutRunning) stopLayout();
  });
  network.on("stabilizationProgress", (p) => {
    $("loading-progress").value = p.total ? p.iterations / p.total : 0;
  });
  let ready = false;
  let afterLocalLayout = null;
  network.on("stabilizationIterationsDone", () => {
    if (!ready) return markReady();
    if (state.localLayout) {
      stopLayout();
      const then = afterLocalLayout;
      afterLocalLayout = null;
      if (then) then();
    }
  });
  function markReady() {
    if (ready) return;
    ready = true;
    stopLayout();
    layoutButton.disabled = false;
    $("loading").hidden = true;
    network.fit();
    // Read by the browser tests and bench/page_layout.py: ms from navigation start to a frozen layout.
    window.kgStabilizedMs = Math.round(performance.now());
    window.kgReady = true;
    if (!openFromHash() && data.center !== null && indexOf.has(data.center)) selectNode(data.center, { focus: false });
    document.dispatchEvent(new CustomEvent("kg:ready"));
  }
  if (net.nodes.length === 0) setTimeout(markReady, 0);
  // A run that found nothing says so where the drawing would be, not only in the legend's counts.
  if (N.id.length === 0) status.textContent = "Nothing to show: the run found no person, group, place or count in its articles.";

  // --- colour and size -------------------------------------------------------------------------------
  const communityColor = (c) => (c >= 0 && c < data.communityColors.length ? data.communityColors[c] : "#b8bec4");
  function baseColor(n) {
    return state.colorBy === "community" ? communityColor(n.community) : styleOf(n.type).color;
  }
  const nodeColor = (color) => ({
    background: color,
    border: "#ffffff",
    highlight: { background: color, border: "#1f2328" },
    hover: { background: color, border: "#1f2328" },
  });
  const sizeOf = (n) => Math.max(0, Number(n[state.sizeBy]) || 0);
  function recolor() {
    nodes.update([...state.drawnNodes].map((i) => ({ id: N.id[i], color: nodeColor(baseColor(node(i))) })));
    renderCommunities();
  }
  function resize() {
    nodes.update([...state.drawnNodes].map((i) => ({ id: N.id[i], value: sizeOf(node(i)) })));
  }
  // Selecting fades everything but the selection and its neighbours. Only items whose state changes are
  // updated, and big drawings skip it (each update costs vis-network a re-layout of that item's label); they
  // keep vis-network's own highlight of the selected node and its links.
  const faded = { nodes: new Set(), edges: new Set() };
  const FADED_FONT = { color: "rgba(31,35,40,0.16)", strokeWidth: 0 };
  const LIT_FONT = { color: "#1f2328", strokeWidth: net.options.nodes.font.strokeWidth };
  function highlight() {
    const big = state.drawnNodes.size > DIM_NODES || state.drawnEdges.size > DIM_EDGES;
    if (big && faded.nodes.size === 0 && faded.edges.size === 0) return;
    const lit = big ? null : litNodes();
    const litEdges = big ? null : litEdgeIds();
    const fadeNodes = new Set(lit === null ? [] : [...state.drawnNodes].map((i) => N.id[i]).filter((id) => !lit.has(id)));
    const fadeEdges = new Set(litEdges === null ? [] : [...state.drawnEdges].map((k) => `e${k}`).filter((id) => !litEdges.has(id)));
    const changed = (before, after) => [...before].filter((id) => !after.has(id)).concat([...after].filter((id) => !before.has(id)));
    nodes.update(
      changed(faded.nodes, fadeNodes)
        .filter((id) => nodes.get(id) !== null)
        .map((id) => {
          const fade = fadeNodes.has(id);
          // A faded label loses its white outline: drawn after a lit one (vis-network draws in the order
          // the nodes were added) it would otherwise paint over the lit label's letters.
          return { id, opacity: fade ? 0.18 : 1, font: fade ? FADED_FONT : LIT_FONT };
        })
    );
    edges.update(
      changed(faded.edges, fadeEdges)
        .filter((id) => edges.get(id) !== null)
        .map((id) => ({ id, color: { opacity: fadeEdges.has(id) ? 0.07 : 0.5 } }))
    );
    faded.nodes = fadeNodes;
    faded.edges = fadeEdges;
  }
  function litNodes() {
    if (!state.selected) return null;
    if (state.selected.kind === "edge") {
      const k = edgeIndex(state.selected.id);
      return new Set([N.id[E.a[k]], N.id[E.b[k]]]);
    }
    const i = indexOf.get(state.selected.id);
    const lit = new Set([state.selected.id]);
    for (const k of drawnLinks(i)) {
      if (!state.hiddenEdges.has(`e${k}`)) lit.add(N.id[other(k, i)]);
    }
    return lit;
  }
  function litEdgeIds() {
    if (!state.selected) return null;
    if (state.selected.kind === "edge") return new Set([state.selected.id]);
    return new Set(drawnLinks(indexOf.get(state.selected.id)).map((k) => `e${k}`));
  }
  for (const input of document.querySelectorAll('input[name="color-by"]')) {
    input.addEventListener("change", () => {
      state.colorBy = input.value;
      recolor();
    });
  }
  $("size-by").addEventListener("change", (event) => {
    state.sizeBy = event.target.value;
    resize();
  });

  // --- dates: the range of periods whose links are shown (pages of dated articles only) ----------------
  // data.time: the periods of the span (starts, ends), each link's weight per period as flat (period
  // position, weight) pairs, and the date of each article of the evidence. A link is shown when articles
  // of the chosen periods mention both ends; one seen only in undated articles only at the whole span.
  const time = data.time || null;
  const lastPeriod = time ? time.starts.length - 1 : 0;
  const dates = { from: 0, to: lastPeriod };
  const wholeSpan = () => dates.from === 0 && dates.to === lastPeriod;
  function weightInDates(k) {
    if (wholeSpan()) return E.weight[k];
    const pairs = time.edges[k];
    let weight = 0;
    for (let j = 0; j < pairs.length; j += 2) {
      if (pairs[j] >= dates.from && pairs[j] <= dates.to) weight += pairs[j + 1];
    }
    return weight;
  }
  const articleDate = (index) => (time && time.articleDates[index]) || "";
  const inDates = (day) => !time || wholeSpan() || (day !== "" && day >= time.starts[dates.from] && day <= time.ends[dates.to]);
  const datesText = () => (time ? `${time.starts[dates.from]} – ${time.ends[dates.to]}` : "");
  // Where the date of an evidence sentence's article goes: after its title; greyed outside the range.
  function dated(item, article) {
    const day = articleDate(article);
    if (day && !inDates(day)) item.classList.add("out-of-range");
    return item;
  }
  const dateNote = (article) => (articleDate(article) ? el("span", "date", ` · ${articleDate(article)}`) : null);
  // A node's links with a sentence in the chosen dates, strongest there first (its links at the whole span).
  function rangeLinks(i) {
    const all = Array.from(linksOf(i));
    if (wholeSpan()) return all;
    const weights = new Map(all.map((k) => [k, weightInDates(k)]));
    return all.filter((k) => weights.get(k) > 0).sort((x, y) => weights.get(y) - weights.get(x));
  }
  // A node's mentions and articles in the chosen dates.
  function nodeInDates(i) {
    const triples = (time.nodes && time.nodes[i]) || [];
    let mentions = 0;
    let articles = 0;
    for (let j = 0; j < triples.length; j += 3) {
      if (triples[j] >= dates.from && triples[j] <= dates.to) {
        mentions += triples[j + 1];
        articles += triples[j + 2];
      }
    }
    return { mentions, articles };
  }
  // Positions of periods, or ISO dates: a date range that holds no period of the span is refused
  // (false; the status says why) rather than shown as the nearest period.
  function setDates(from, to) {
    if (!time) return false;
    const iso = (value) => typeof value === "string" && value.includes("-");
    const first = time.starts[0];
    const last = time.ends[lastPeriod];
    const readable = (value) =>
      iso(value) ? /^\d{4}-\d{2}(-\d{2})?$/.test(value) : Number.isFinite(Number(value));
    const unread = [from, to].find((value) => !readable(value));
    if (unread !== undefined) {
      status.textContent = `Not a date: ${JSON.stringify(unread)}. Give YYYY-MM-DD (or a period's position, 0 to ${lastPeriod}).`;
      return false;
    }
    if ((iso(to) && to < first) || (iso(from) && from > last)) {
      status.textContent = `No article is dated ${iso(from) ? from : "…"} – ${iso(to) ? to : "…"}: the dates run from ${first} to ${last}.`;
      return false;
    }
    const position = (value, fallback) => {
      if (iso(value)) {
        const found = time.ends.findIndex((end) => end >= value);
        return found < 0 ? lastPeriod : found;
      }
      const n = Math.round(Number(value));
      return Number.isFinite(n) ? Math.max(0, Math.min(lastPeriod, n)) : fallback;
    };
    let a = position(from, dates.from);
    let b = position(to, dates.to);
    if (a > b) {
      if (a !== dates.from) b = a; // the start moved past the end: the end goes with it
      else a = b;
    }
    dates.from = a;
    dates.to = b;
    $("date-from").value = String(a);
    $("date-to").value = String(b);
    $("date-range-value").textContent = datesText();
    // Both handles at the end of the track: the start's on top, or it could not be moved back.
    $("date-from").style.zIndex = a === lastPeriod ? "2" : "1";
    const handles = $("date-from").parentElement;
    handles.style.setProperty("--from", `${(100 * a) / Math.max(1, lastPeriod)}%`);
    handles.style.setProperty("--to", `${(100 * b) / Math.max(1, lastPeriod)}%`);
    rebase();
    applyFilters();
    const sel = state.selected;
    if (sel && sel.kind === "node") showNode(node(indexOf.get(sel.id)));
    else if (sel && sel.kind === "edge") showEdge(edge(edgeIndex(sel.id)));
    return true;
  }
  if (time) {
    // Each handle pushes the other along rather than crossing it.
    $("date-from").addEventListener("input", (event) => {
      const a = Number(event.target.value);
      setDates(a, Math.max(a, dates.to));
    });
    $("date-to").addEventListener("input", (event) => {
      const b = Number(event.target.value);
      setDates(Math.min(b, dates.from), b);
    });
  }

  // --- filters: types, minimum weight and dates ---------------------------------------------------------
  const typeShown = (i) => state.types.get(data.typeNames[N.type[i]]) !== false;
  function edgeVisible(k) {
    return weightInDates(k) >= Math.max(1, state.minWeight) && typeShown(E.a[k]) && typeShown(E.b[k]);
  }
  function applyFilters() {
    const degree = new Map();
    const edgeChanges = [];
    const hiddenEdges = new Set();
    for (const k of state.drawnEdges) {
      const id = `e${k}`;
      const visible = edgeVisible(k);
      if (visible) {
        degree.set(E.a[k], (degree.get(E.a[k]) || 0) + 1);
        degree.set(E.b[k], (degree.get(E.b[k]) || 0) + 1);
      } else hiddenEdges.add(id);
      if (visible === state.hiddenEdges.has(id)) edgeChanges.push({ id, hidden: !visible });
    }
    const nodeChanges = [];
    const hiddenNodes = new Set();
    for (const i of state.drawnNodes) {
      const id = N.id[i];
      const visible = typeShown(i) && ((state.minWeight <= 1 && wholeSpan()) || (degree.get(i) || 0) > 0 || i === state.alone);
      if (!visible) hiddenNodes.add(id);
      if (visible === state.hiddenNodes.has(id)) nodeChanges.push({ id, hidden: !visible });
    }
    state.hiddenEdges = hiddenEdges;
    state.hiddenNodes = hiddenNodes;
    nodes.update(nodeChanges);
    edges.update(edgeChanges);
    const sel = state.selected;
    const gone = sel && (sel.kind === "node" ? !state.drawnNodes.has(indexOf.get(sel.id)) : !state.drawnEdges.has(edgeIndex(sel.id)));
    if (sel && (gone || (sel.kind === "node" ? hiddenNodes.has(sel.id) : hiddenEdges.has(sel.id)))) clearSelection();
    else if (sel) highlight();
    updateCounts();
    // What the status and a tip said was about the drawing before: gone (whoever changed the filters
    // for a search writes the status again after this); an empty drawing says why.
    hideTip();
    status.textContent = state.drawnNodes.size > hiddenNodes.size ? "" : emptyText();
  }
  function emptyText() {
    if (![...state.types.values()].some(Boolean)) return "Nothing to show: no type is selected. Tick a type in the legend to show it.";
    const where = wholeSpan() ? "" : ` in ${datesText()}`;
    const types = [...state.types.values()].some((shown) => !shown) ? " between the types shown" : "";
    const weight = state.minWeight > 1 ? ` reaches Min. link weight ${state.minWeight}` : "";
    return weight || where || types ? `Nothing to show: no link${where}${types}${weight}.` : "Nothing to show.";
  }
  // The nodes drawn as the first view of the chosen dates: at the whole span the overview; in a date range
  // the same number of nodes, those with the most weight in links of those dates that reach Min. link
  // weight (ties: the more central), so a range's strongest links are drawn even when the overview
  // left their nodes out. Nodes the analyst added, and the selection, stay drawn.
  const BUDGET = data.overview.nodes.length;
  function rangeBase() {
    if (wholeSpan()) return new Set(overview.nodes);
    const floor = Math.max(1, state.minWeight);
    const score = new Float64Array(N.id.length);
    for (let k = 0; k < E.a.length; k++) {
      const w = weightInDates(k);
      if (w >= floor) {
        score[E.a[k]] += w;
        score[E.b[k]] += w;
      }
    }
    const candidates = [];
    for (let i = 0; i < score.length; i++) if (score[i] > 0) candidates.push(i);
    candidates.sort((x, y) => score[y] - score[x] || x - y);
    const base = new Set(candidates.slice(0, BUDGET));
    if (data.center !== null && indexOf.has(data.center)) base.add(indexOf.get(data.center));
    return base;
  }
  const savedPositions = new Map(); // id -> {x, y} of nodes taken off the drawing, for when they return
  function rebase() {
    const base = rangeBase();
    if (base.size === state.base.size && [...base].every((i) => state.base.has(i))) return;
    state.base = base;
    const keep = new Set([...base, ...state.added]);
    const sel = state.selected;
    if (sel && sel.kind === "node") keep.add(indexOf.get(sel.id));
    else if (sel) [E.a[edgeIndex(sel.id)], E.b[edgeIndex(sel.id)]].forEach((i) => keep.add(i));
    const gone = [...state.drawnNodes].filter((i) => !keep.has(i));
    if (gone.length) {
      if (state.localLayout) stopLayout();
      afterLocalLayout = null;
      const positions = network.getPositions(gone.map((i) => N.id[i]));
      for (const [id, p] of Object.entries(positions)) savedPositions.set(id, p);
      const goneSet = new Set(gone);
      const goneEdges = [...state.drawnEdges].filter((k) => goneSet.has(E.a[k]) || goneSet.has(E.b[k]));
      edges.remove(goneEdges.map((k) => `e${k}`));
      nodes.remove(gone.map((i) => N.id[i]));
      for (const k of goneEdges) {
        state.drawnEdges.delete(k);
        state.hiddenEdges.delete(`e${k}`);
        faded.edges.delete(`e${k}`);
      }
      for (const i of gone) {
        state.drawnNodes.delete(i);
        state.hiddenNodes.delete(N.id[i]);
        faded.nodes.delete(N.id[i]);
      }
    }
    const fresh = [...keep].filter((i) => !state.drawnNodes.has(i)).sort((x, y) => x - y);
    if (fresh.length) {
      draw(fresh, fresh.map((i) => savedPositions.get(N.id[i])), { added: false, keep: true });
      afterLocalLayout = () => network.fit({ animation: { duration: 300 } });
    }
    overviewButton();
  }
  function overviewButton() {
    $("overview").disabled = ![...state.drawnNodes].some((i) => !state.base.has(i));
  }
  const legendRows = new Map();
  function buildLegend() {
    const body = document.querySelector("#legend tbody");
    for (const type of typesPresent) {
      const style = styleOf(type);
      const box = el("input");
      box.type = "checkbox";
      box.checked = true;
      box.id = `type-${type}`;
      box.dataset.type = type;
      box.setAttribute("aria-label", `Show type ${type}`);
      box.addEventListener("change", () => setTypeVisible(type, box.checked));
      const label = el("label", "", swatch(style.shape, style.color), " ", type || "other");
      label.htmlFor = box.id;
      const shown = el("td", "shown");
      const row = el("tr", "", el("td", "", box), el("td", "", label), shown, el("td", "", count(data.counts.graphTypes[type] || 0)));
      row.dataset.type = type;
      row.addEventListener("click", (event) => {
        if (event.target === box || event.target.closest("label")) return;
        box.checked = !box.checked;
        setTypeVisible(type, box.checked);
      });
      legendRows.set(type, { row, box, shown });
      body.append(row);
    }
  }
  function setTypeVisible(type, visible) {
    state.types.set(type, visible);
    const r = legendRows.get(type);
    if (r) {
      r.box.checked = visible;
      r.row.classList.toggle("off", !visible);
    }
    applyFilters();
  }
  function updateCounts() {
    const perType = new Map();
    for (const i of state.drawnNodes) {
      if (!state.hiddenNodes.has(N.id[i])) {
        const type = data.typeNames[N.type[i]];
        perType.set(type, (perType.get(type) || 0) + 1);
      }
    }
    for (const [type, r] of legendRows) r.shown.textContent = count(perType.get(type) || 0);
    $("shown-nodes").textContent = count(state.drawnNodes.size - state.hiddenNodes.size);
    $("shown-edges").textContent = count(state.drawnEdges.size - state.hiddenEdges.size);
  }
  const slider = $("min-weight");
  function setMinWeight(value) {
    state.minWeight = Math.max(1, Math.round(Number(value)) || 1);
    slider.value = String(state.minWeight);
    $("min-weight-value").textContent = String(state.minWeight);
    rebase();
    applyFilters();
  }
  slider.addEventListener("input", () => setMinWeight(slider.value));

  // --- communities (listed when colouring by community) --------------------------------------------------
  function renderCommunities() {
    const box = $("communities");
    if (state.colorBy !== "community") {
      box.hidden = true;
      return;
    }
    const members = new Map();
    for (const i of [...state.drawnNodes].sort((x, y) => x - y)) {
      const c = N.community[i];
      if (c < 0) continue;
      if (!members.has(c)) members.set(c, []);
      members.get(c).push(i);
    }
    const list = el("ul");
    const largest = [...members.entries()].sort((a, b) => b[1].length - a[1].length || a[0] - b[0]).slice(0, data.communityColors.length);
    for (const [community, group] of largest) {
      // Positions are PageRank order, so the first members are the most central.
      const top = group.slice(0, 3).map((i) => N.label[i]).join(", ");
      list.append(el("li", "", swatch("dot", communityColor(community)), `${top} (${group.length})`));
    }
    box.replaceChildren(el("p", "note", "Communities (Louvain), largest first:"), list);
    box.hidden = false;
  }

  // --- hover: a short summary next to the pointer ----------------------------------------------------
  const tip = $("tip");
  function showTip(pointer, content) {
    tip.replaceChildren(...content);
    tip.hidden = false;
    const stage = $("stage").getBoundingClientRect();
    const width = tip.offsetWidth;
    const height = tip.offsetHeight;
    let x = pointer.x + 14;
    let y = pointer.y + 14;
    if (x + width > stage.width - 4) x = Math.max(4, pointer.x - width - 14);
    if (y + height > stage.height - 4) y = Math.max(4, pointer.y - height - 14);
    tip.style.left = `${x}px`;
    tip.style.top = `${y}px`;
  }
  function hideTip() {
    tip.hidden = true;
  }
  function nodeFacts(n) {
    const style = styleOf(n.type);
    if (!wholeSpan()) {
      const here = nodeInDates(n.index);
      return `${style.name} · ${plural(here.mentions, "mention")} · ${plural(here.articles, "article")} in ${datesText()} (${count(n.mentions)} in all)`;
    }
    return `${style.name} · ${plural(n.mentions, "mention")} · ${plural(n.articles, "article")}`;
  }
  function nodeSummary(n) {
    const parts = [el("div", "name", n.label), el("div", "facts", nodeFacts(n))];
    if (n.aliases.length) parts.push(el("div", "aka", `also: ${n.aliases.slice(0, 5).join(", ")}${n.aliases.length > 5 ? ", …" : ""}`));
    for (const [text] of nodeEvidence(n.index, 2)) parts.push(el("div", "quote", `“${data.texts[text]}”`));
    const hidden = linksOf(n.index).length - drawnLinks(n.index).length;
    if (hidden > 0) parts.push(el("div", "aka", `${plural(hidden, "more link")} · double-click to add neighbours`));
    return parts;
  }
  function edgeSummary(e) {
    const parts = [
      el("div", "name", `${N.label[e.a]} — ${N.label[e.b]}`),
      el("div", "facts", `${plural(e.weight, "sentence")} together · ${plural(e.articles, "article")}`),
    ];
    if (!wholeSpan()) parts.push(el("div", "facts", `${plural(weightInDates(e.index), "sentence")} in ${datesText()}`));
    const first = e.evidence[0];
    if (first) parts.push(el("div", "quote", `“${data.texts[first[0]]}”`), el("div", "aka", articleTitle(first[1]), dateNote(first[1])));
    return parts;
  }
  network.on("hoverNode", (p) => showTip(p.pointer.DOM, nodeSummary(node(indexOf.get(p.node)))));
  network.on("hoverEdge", (p) => showTip(p.pointer.DOM, edgeSummary(edge(edgeIndex(p.edge)))));
  network.on("blurNode", hideTip);
  network.on("blurEdge", hideTip);
  network.on("dragStart", hideTip);
  network.on("zoom", hideTip);

  // --- click: the full record in the side panel --------------------------------------------------------
  const details = $("details");
  const neighboursInput = $("neighbours");
  const neighbourCount = () => {
    const wanted = Math.round(Number(neighboursInput.value));
    // an empty or unreadable field is the default; anything else is held between 1 and 200
    return neighboursInput.value.trim() === "" || !Number.isFinite(wanted) ? data.neighbours : Math.max(1, Math.min(200, wanted));
  };
  // The field shows the number used: 0 becomes 1, 2.5 becomes 3, -3 becomes 1.
  neighboursInput.addEventListener("change", () => {
    neighboursInput.value = String(neighbourCount());
  });
  function showNode(n) {
    const style = styleOf(n.type);
    const facts = el("dl");
    const fact = (term, value) => facts.append(el("dt", "", term), el("dd", "", value));
    const held = linksOf(n.index).length;
    const range = !wholeSpan();
    if (range) {
      // The chosen dates' figures first; the whole span's below, labelled so.
      const here = nodeInDates(n.index);
      const linked = rangeLinks(n.index);
      const weight = linked.reduce((sum, k) => sum + weightInDates(k), 0);
      fact(`In ${datesText()}`, `${plural(here.mentions, "mention")} in ${plural(here.articles, "article")}; ${plural(linked.length, "link")}, weight ${weight}`);
    }
    const whole = range ? " (whole span)" : "";
    fact(`Mentions${whole}`, `${n.mentions.toLocaleString("en")} in ${plural(n.articles, "article")}`);
    fact(`Links${whole}`, `${plural(n.degree, "entity", "entities")}, weight ${n.weighted_degree}${held < n.degree ? ` (${count(held)} on this page)` : ""}`);
    if (n.aliases.length) fact("Also written", n.aliases.join(" · "));
    if (n.value !== undefined) fact("Value", [n.value.toLocaleString("en"), n.unit || "", n.object || ""].filter(Boolean).join(" "));
    if (n.category) fact("Category", n.category);
    if (n.actor) fact("By", n.actor);
    if (n.first_date) fact("Dates", n.first_date === n.last_date ? n.first_date : `${n.first_date} – ${n.last_date}`);
    if (n.community >= 0) fact("Community", String(n.community));
    const content = [el("h2", "", n.label), el("p", "kind", swatch(style.shape, style.color), ` ${style.name}`)];
    const same = namesakes(n.index);
    if (same > 1) content.push(el("p", "namesake", `One of ${count(same)} nodes named so; this one: ${whereFrom(n.index)}`));
    content.push(facts);
    const waiting = Array.from(linksOf(n.index)).filter((k) => !state.drawnNodes.has(other(k, n.index))).length;
    if (waiting) {
      const more = el("button", "expand", `Neighbours: add ${count(Math.min(waiting, neighbourCount()))} of ${count(waiting)} not drawn`);
      more.type = "button";
      more.id = "expand";
      more.addEventListener("click", () => expand(n.index, { select: true }));
      content.push(el("p", "actions", more));
    }
    // In a date range: its strongest links there, by their weight there (the whole span's in brackets).
    const strongest = rangeLinks(n.index).slice(0, LINKS);
    if (strongest.length) {
      const list = el("ul", "links");
      for (const k of strongest) {
        const weight = range ? `${weightInDates(k)} (${E.weight[k]} in all)` : String(E.weight[k]);
        list.append(el("li", "", nameButton(other(k, n.index)), el("span", "", weight)));
      }
      content.push(el("h3", "", range ? `Strongest links in ${datesText()}` : "Strongest links"), list);
    } else if (range) content.push(el("h3", "", "Strongest links"), el("p", "hint", `No link in ${datesText()}.`));
    const evidence = nodeEvidence(n.index, NODE_EVIDENCE);
    if (evidence.length) {
      const list = el("ol", "evidence");
      for (const [text, article, with_] of evidence) {
        const source = el("p", "source", "with ", nameButton(with_), " — ", articleSource(article), dateNote(article));
        list.append(dated(el("li", "", el("blockquote", "", data.texts[text]), source), article));
      }
      content.push(el("h3", "", "Strongest evidence"), list);
      if (range && !inDates(articleDate(evidence[0][1]))) {
        content.push(el("p", "hint", `No sentence the page holds for its links is from ${datesText()} (a run stores a few per link; evidence.csv holds more).`));
      }
    }
    details.replaceChildren(...content);
  }
  function showEdge(e) {
    const content = [
      el("h2", "", nameButton(e.a), " — ", nameButton(e.b)),
      el("p", "kind", `Mentioned together in ${plural(e.weight, "sentence")} across ${plural(e.articles, "article")}; NPMI ${e.npmi.toFixed(2)}`),
    ];
    if (!wholeSpan()) content.push(el("p", "kind", `${plural(weightInDates(e.index), "sentence")} in ${datesText()}`));
    const list = el("ol", "evidence");
    // Sentences of the chosen dates first (the rest follow, greyed); stable, so each keeps its order.
    const ordered = wholeSpan() ? e.evidence : [...e.evidence].sort((x, y) => inDates(articleDate(y[1])) - inDates(articleDate(x[1])));
    for (const [text, article] of ordered) {
      const source = el("p", "source", articleSource(article), dateNote(article));
      list.append(dated(el("li", "", el("blockquote", "", data.texts[text]), source), article));
    }
    content.push(el("h3", "", "Evidence"), e.evidence.length ? list : el("p", "hint", "No sentence stored for this link."));
    if (e.evidence.length && e.evidence.length < e.weight) {
      const shown = `${count(e.evidence.length)} of ${plural(e.weight, "sentence")} shown`;
      content.push(el("p", "hint", e.complete
        ? `${shown}: a run stores a few per link (kg run --evidence N stores more).`
        : `${shown}: the page keeps one for links outside the first view; evidence.csv holds more.`));
    }
    details.replaceChildren(...content);
  }
  function setHash(id) {
    // So the address can be shared: the file plus the open node. Not possible in every frame (srcdoc).
    try {
      history.replaceState(null, "", id ? `#node=${encodeURIComponent(id)}` : location.pathname + location.search);
    } catch (error) {
      /* the address of an iframe srcdoc cannot change; the page works the same */
    }
  }
  const isSelected = (kind, id) => state.selected !== null && state.selected.kind === kind && state.selected.id === id;
  // A new selection is read from its heading: the panel may have been scrolled down through the last one.
  const side = $("side");
  function panelToTop() {
    const top = details.getBoundingClientRect().top - side.getBoundingClientRect().top + side.scrollTop;
    if (side.scrollTop > top) side.scrollTop = top;
  }
  function selectNode(id, options = {}) {
    const i = indexOf.get(id);
    if (i === undefined) return false;
    if (!state.drawnNodes.has(i)) {
      expand(i, { select: true, focus: options.focus !== false });
      return true;
    }
    const n = node(i);
    const fresh = !isSelected("node", id);
    leaveAlone(i);
    if (state.hiddenNodes.has(id)) reveal(i);
    state.selected = { kind: "node", id };
    network.selectNodes([id]);
    showNode(n);
    if (fresh) panelToTop();
    highlight();
    setHash(id);
    // What the search found, and how the filters changed to show it (written after they changed).
    if (!options.quiet && (options.found || filterNote || dateNote_)) status.textContent = withWeightNote(options.found || `Showing ${n.label}`);
    if (options.focus) network.focus(id, { scale: Math.max(network.getScale(), 1.1), locked: false, animation: { duration: 400 } });
    return true;
  }
  function selectEdge(id) {
    const k = edgeIndex(id);
    if (!(k >= 0 && k < E.a.length) || `e${k}` !== id) return false;
    const fresh = !isSelected("edge", id);
    leaveAlone(null);
    if (!state.drawnEdges.has(k)) draw([E.a[k], E.b[k]], []);
    state.selected = { kind: "edge", id };
    network.selectEdges([id]);
    showEdge(edge(k));
    if (fresh) panelToTop();
    highlight();
    setHash(null); // the address names nodes only: a shared link must not reopen the node before it
    return true;
  }
  function clearSelection() {
    state.selected = null;
    leaveAlone(null);
    network.unselectAll();
    details.replaceChildren(el("p", "hint", "Hover over a node or a link for a summary; click it for its evidence; double-click a node to add its neighbours; Esc clears the selection, and then the nodes added."));
    highlight();
    setHash(null);
  }
  function openNode(i) {
    // Choosing a name anywhere on the page: drawn nodes are selected, others are drawn first.
    selectNode(N.id[i], { focus: true });
  }
  network.on("click", (p) => {
    if (p.nodes.length) selectNode(p.nodes[0]);
    else if (p.edges.length) selectEdge(p.edges[0]);
    else clearSelection();
  });
  // Escape, outside the fields of the bar: the first clears the selection, the next goes back to the
  // overview (removes the nodes added).
  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape" || event.defaultPrevented) return;
    const target = event.target;
    if (target instanceof Element && target.closest("input, select, textarea")) return;
    hideTip();
    if (state.selected) {
      clearSelection();
      status.textContent = "";
    } else if (!$("overview").disabled) backToOverview();
  });
  network.on("doubleClick", (p) => {
    hideTip(); // its counts of links not drawn are out of date once the neighbours are added
    if (p.nodes.length) expand(indexOf.get(p.nodes[0]), { select: true, focus: false });
  });

  // --- opening neighbourhoods: draw nodes next to what is there, without moving it ---------------------
  // Where the drawing is: its box, its middle and the radius that holds most of it.
  function drawnBox() {
    const ids = [...state.drawnNodes].map((i) => N.id[i]);
    const positions = network.getPositions(ids);
    const points = ids.map((id) => positions[id]).filter(Boolean);
    if (!points.length) return null;
    const cx = points.reduce((sum, p) => sum + p.x, 0) / points.length;
    const cy = points.reduce((sum, p) => sum + p.y, 0) / points.length;
    const distances = points.map((p) => Math.hypot(p.x - cx, p.y - cy)).sort((a, b) => a - b);
    return {
      minX: Math.min(...points.map((p) => p.x)),
      maxX: Math.max(...points.map((p) => p.x)),
      minY: Math.min(...points.map((p) => p.y)),
      maxY: Math.max(...points.map((p) => p.y)),
      cx,
      cy,
      radius: distances[Math.floor(0.85 * (distances.length - 1))],
    };
  }
  // A point beyond p, on the side away from the middle of the drawing, and outside most of it: new
  // nodes go where they cover nothing, and their links show which drawn nodes they belong to.
  function beyond(p, box) {
    let dx = p.x - box.cx;
    let dy = p.y - box.cy;
    const length = Math.hypot(dx, dy);
    if (length < 1) [dx, dy] = [1, 0];
    const reach = Math.max(length + GAP, box.radius + GAP / 2);
    const scale = reach / (Math.hypot(dx, dy) || 1);
    return { x: box.cx + dx * scale, y: box.cy + dy * scale };
  }
  // Where a node that is not drawn goes: beyond its strongest drawn neighbour; beside the drawing when
  // it has no drawn neighbour.
  function placeNew(i, box) {
    if (!box) return { x: 0, y: 0 };
    const anchor = Array.from(linksOf(i)).map((k) => other(k, i)).find((j) => state.drawnNodes.has(j));
    if (anchor !== undefined) return beyond(network.getPositions([N.id[anchor]])[N.id[anchor]], box);
    const width = Math.max(200, box.maxX - box.minX);
    return { x: box.maxX + 0.35 * width + 120, y: (box.minY + box.maxY) / 2 };
  }
  function visNode(i, x, y) {
    const n = node(i);
    return { id: n.id, label: n.label, shape: styleOf(n.type).shape, color: nodeColor(baseColor(n)), value: sizeOf(n), x, y };
  }
  // Adds nodes (positions given, or beside their drawn neighbours) and every link between a new node and
  // a drawn one; they count as the analyst's (state.added) unless options.added is false. With
  // options.keep (nodes put back where they were) the nodes given a position stay there; the others settle.
  function draw(newNodes, positions, options = {}) {
    const fresh = newNodes.filter((i) => !state.drawnNodes.has(i));
    if (!fresh.length) return [];
    const box = drawnBox();
    const placed = new Set();
    const items = fresh.map((i) => {
      const j = newNodes.indexOf(i);
      let p = positions[j];
      if (p && options.keep) placed.add(i);
      else if (!p) {
        // a little apart from the others put beside the same neighbour (golden angle, deterministic)
        const q = placeNew(i, box);
        p = { x: q.x + 30 * Math.cos(j * 2.39996), y: q.y + 30 * Math.sin(j * 2.39996) };
      }
      return visNode(i, p.x, p.y);
    });
    for (const i of fresh) state.drawnNodes.add(i);
    if (options.added !== false) for (const i of fresh) state.added.add(i);
    const links = [];
    for (const i of fresh) {
      for (const k of linksOf(i)) {
        if (!state.drawnEdges.has(k) && state.drawnNodes.has(other(k, i))) {
          state.drawnEdges.add(k);
          links.push({ id: `e${k}`, from: N.id[E.a[k]], to: N.id[E.b[k]], value: E.weight[k] });
        }
      }
    }
    // The nodes already drawn stay still while the new ones settle among them.
    const freshSet = new Set(fresh);
    const still = [...state.drawnNodes].filter((i) => !freshSet.has(i) || placed.has(i)).map((i) => N.id[i]);
    nodes.update(still.filter((id) => nodes.get(id) !== null).map((id) => ({ id, fixed: true })));
    nodes.add(items.map((item) => (placed.has(indexOf.get(item.id)) ? { ...item, fixed: true } : item)));
    edges.add(links);
    overviewButton();
    applyFilters();
    if (placed.size < fresh.length) settle(still);
    else nodes.update(items.map((item) => ({ id: item.id, fixed: false })));
    return fresh.map((i) => N.id[i]);
  }
  function settle(still) {
    if (state.localLayout) {
      // Already settling: the new nodes join the running stabilization.
      state.localLayout = state.localLayout.concat(still);
      return;
    }
    clearTimeout(layoutTimer);
    state.localLayout = still;
    state.layoutRunning = false;
    layoutButton.textContent = "Resume layout";
    // Weak springs meanwhile: the new nodes spread out where they were put, beside the drawing, instead
    // of being pulled into its crowded middle by their links.
    network.setOptions({
      physics: { enabled: true, stabilization: { enabled: true, fit: false }, [solver]: { springConstant: SETTLE_SPRING } },
    });
    network.stabilize(LOCAL_ITERATIONS);
  }
  // Draws node i (if it is not drawn) and its strongest neighbours that are not drawn yet and would be
  // visible under the current filters, on an arc around it facing away from the drawing.
  function expand(i, options = {}) {
    if (i === undefined || i < 0 || i >= N.id.length) return [];
    const wanted = options.count || neighbourCount();
    if (state.drawnNodes.has(i)) state.added.add(i); // stays drawn whatever the dates
    widenDatesFor(i); // before anything is chosen under the range
    let box = drawnBox();
    const added = [];
    const positions = [];
    let centre;
    if (!state.drawnNodes.has(i)) {
      if (!typeShown(i)) setTypeVisible(data.typeNames[N.type[i]], true);
      showLinksOf(i); // before its neighbours are chosen under the filters
      box = drawnBox(); // (in a date range the filter can change what is drawn)
      centre = placeNew(i, box);
      added.push(i);
      positions.push(centre);
    } else {
      // A drawn node's new neighbours go on an arc beyond it, outside the drawing.
      centre = box ? beyond(network.getPositions([N.id[i]])[N.id[i]], box) : { x: 0, y: 0 };
    }
    const neighbours = [];
    for (const k of linksOf(i)) {
      if (neighbours.length >= wanted) break;
      const j = other(k, i);
      if (!state.drawnNodes.has(j) && typeShown(j) && weightInDates(k) >= Math.max(1, state.minWeight)) neighbours.push(j);
    }
    const away = box ? Math.atan2(centre.y - box.cy, centre.x - box.cx) : 0;
    const radius = 90 + 25 * Math.sqrt(neighbours.length);
    const spread = box && state.drawnNodes.size > 1 ? Math.min(1.5 * Math.PI, 0.5 * Math.PI + neighbours.length * 0.25) : 2 * Math.PI;
    neighbours.forEach((j, n) => {
      const angle = away - spread / 2 + (spread * (n + 0.5)) / neighbours.length;
      positions.push({ x: centre.x + radius * Math.cos(angle), y: centre.y + radius * Math.sin(angle) });
      added.push(j);
    });
    const drawnNow = draw(added, positions);
    const id = N.id[i];
    if (options.select !== false) selectNode(id, { focus: false, quiet: true });
    const around = drawnNow.filter((drawnId) => drawnId !== id).length; // its neighbours, not itself
    let text;
    if (drawnNow.includes(id) && !linksOf(i).length) text = `Added ${N.label[i]} (it has no link on this page)`;
    else if (drawnNow.includes(id)) text = around ? `Added ${N.label[i]} and ${plural(around, "neighbour")}` : `Added ${N.label[i]} (${linksOf(i).some((k) => !state.drawnNodes.has(other(k, i))) ? "no other neighbour passes the filters" : "its neighbours are drawn already"})`;
    else text = around ? `Added ${plural(around, "neighbour")} of ${N.label[i]}` : `${N.label[i]}: every neighbour is already drawn`;
    status.textContent = withWeightNote(text);
    if (options.focus !== false) {
      // Once the new nodes have settled: the node and its strongest neighbours in view, new or not.
      const show = () => {
        const near = drawnLinks(i).slice(0, Math.max(wanted, neighbours.length)).map((k) => N.id[other(k, i)]);
        network.fit({ nodes: [id, ...near], maxZoomLevel: 1.3, animation: { duration: 400 } });
      };
      if (state.localLayout) afterLocalLayout = show;
      else show();
    }
    return drawnNow;
  }
  function backToOverview() {
    state.added.clear();
    const extraNodes = [...state.drawnNodes].filter((i) => !state.base.has(i));
    const extraEdges = [...state.drawnEdges].filter((k) => !state.base.has(E.a[k]) || !state.base.has(E.b[k]));
    if (state.localLayout) stopLayout();
    afterLocalLayout = null;
    edges.remove(extraEdges.map((k) => `e${k}`));
    nodes.remove(extraNodes.map((i) => N.id[i]));
    for (const id of extraNodes.map((i) => N.id[i])) faded.nodes.delete(id);
    for (const id of extraEdges.map((k) => `e${k}`)) faded.edges.delete(id);
    for (const i of extraNodes) state.drawnNodes.delete(i);
    for (const k of extraEdges) state.drawnEdges.delete(k);
    $("overview").disabled = true;
    clearSelection();
    applyFilters();
    network.fit({ animation: { duration: 300 } });
    status.textContent = "";
  }
  $("overview").addEventListener("click", backToOverview);

  // --- search by name or alias, as you type -------------------------------------------------------------
  // Case, accents, dots, apostrophes and a leading "the" do not count (as in pipeline.names.name_key),
  // nor do the letters NFKD leaves whole (ø, ł, ß...).
  const LETTERS = { ø: "o", ł: "l", đ: "d", ð: "d", þ: "th", ß: "ss", æ: "ae", œ: "oe", ı: "i", ħ: "h" };
  function fold(text) {
    let s = String(text).normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
    s = s.replace(/[øłđðþßæœıħ]/g, (c) => LETTERS[c]);
    s = s.replace(/[.'’`]/g, "").replace(/[^\p{L}\p{N}_]+/gu, " ").trim();
    const words = s.split(" ");
    while (words.length > 1 && (words[0] === "the" || words[0] === "a" || words[0] === "an")) words.shift();
    return words.join(" ");
  }
  // The words a count's category is written with in its label ("26 people killed").
  const CATEGORY_WORDS = data.categoryWords || {};
  // Every name and alias, folded once, in node order (most central first); made on first search.
  let names = null;
  function nameIndex() {
    if (!names) {
      names = { keys: [], nodes: [], alias: [] };
      for (let i = 0; i < N.id.length; i++) {
        const all = [N.label[i], ...N.aliases[i]];
        all.forEach((name, j) => {
          names.keys.push(fold(name));
          names.nodes.push(i);
          names.alias.push(j > 0 ? name : null);
        });
        // a count is found by its category's word too: "killed" finds "26 deaths" and "184 victims"
        const category = (data.more[i] || {}).category;
        if (category && CATEGORY_WORDS[category]) {
          names.keys.push(fold(`${N.label[i]} ${CATEGORY_WORDS[category]}`));
          names.nodes.push(i);
          names.alias.push(null);
        }
      }
    }
    return names;
  }
  // The best matches, best first: the whole name, then names starting with the text, then a word of a
  // name starting with it, then (from three letters) the text anywhere, then (for two words or more)
  // names holding every word in any order ("killed 26": "26 people killed"); at each level a node's own
  // name before an alias, then the most central. Names are scanned in node order (most central
  // first), so each level keeps its first `limit` matches: one pass, whatever the size of the graph.
  // The list also says how many nodes match in all (`total`).
  // A possessive counts when the whole text is no name ("arafat's": Arafat), as in the Python API.
  function search(query, limit = MATCHES) {
    const found = searchFolded(fold(query), limit);
    const possessive = /^(.*\S)['’`]s$/i.exec(String(query).trim());
    return found.length || !possessive ? found : searchFolded(fold(possessive[1]), limit);
  }
  // A word of the text is in a name when a word of the name starts with it, or (from three letters)
  // when the name holds it anywhere.
  const hasWord = (key, word) => ` ${key}`.includes(` ${word}`) || (word.length >= 3 && key.includes(word));
  function searchFolded(wanted, limit) {
    const result = [];
    result.total = 0;
    if (!wanted) return result;
    const { keys, nodes: owners, alias } = nameIndex();
    const words = wanted.split(" ");
    const levels = Array.from({ length: 10 }, () => []);
    const wordStart = ` ${wanted}`;
    // A node's names are next to each other in the index: its best level is known at its last name.
    let current = -1;
    let best = null;
    const done = () => {
      if (best === null) return;
      result.total++;
      if (levels[best.level].length < limit) levels[best.level].push(best);
    };
    for (let e = 0; e < keys.length; e++) {
      if (owners[e] !== current) {
        done();
        current = owners[e];
        best = null;
      }
      const key = keys[e];
      let level;
      if (key === wanted) level = 0;
      else if (key.startsWith(wanted)) level = 2;
      else if (key.includes(wordStart)) level = 4;
      else if (wanted.length >= 3 && key.includes(wanted)) level = 6;
      else if (words.length > 1 && words.every((word) => hasWord(key, word))) level = 8;
      else continue;
      if (alias[e] !== null) level += 1;
      if (best === null || level < best.level) best = { index: current, alias: alias[e], level };
    }
    done();
    for (const level of levels) {
      for (const m of level) {
        if (result.length < limit) result.push(m);
      }
    }
    return result;
  }
  function find(query) {
    const best = search(query, 1)[0];
    return best ? best.index : null;
  }

  const input = $("search");
  const results = $("search-results");
  let matches = [];
  let rows = 0; // the options listed: the matches, and a last "show all" row when there are more
  let active = -1;
  function closeResults() {
    results.hidden = true;
    results.replaceChildren();
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    matches = [];
    rows = 0;
    active = -1;
  }
  function setActive(j) {
    active = j;
    results.querySelectorAll("li").forEach((li, n) => li.setAttribute("aria-selected", String(n === j)));
    if (j >= 0) {
      input.setAttribute("aria-activedescendant", `match-${j}`);
      const li = document.getElementById(`match-${j}`);
      if (li) li.scrollIntoView({ block: "nearest" });
    }
  }
  function option(li, j) {
    li.id = `match-${j}`;
    li.setAttribute("role", "option");
    li.addEventListener("mousedown", (event) => {
      event.preventDefault(); // keep the focus in the box until the choice is made
      choose(j);
    });
    return li;
  }
  // The list under the box: the first MATCHES matches and a row that lists them all (scrolled in the box).
  function showResults(all = false) {
    matches = search(input.value, all ? Infinity : MATCHES);
    if (!matches.length) {
      closeResults();
      if (input.value.trim()) status.textContent = `No name or alias on this page matches “${input.value.trim()}”.`;
      return;
    }
    status.textContent = "";
    const items = matches.map((m, j) => {
      const n = node(m.index);
      const style = styleOf(n.type);
      const note = [style.name, plural(n.mentions, "mention")];
      if (m.alias !== null) note.unshift(`written “${m.alias}”`);
      if (!state.drawnNodes.has(m.index)) note.push("not drawn yet");
      const from = namesakes(m.index) > 1 ? el("span", "from", whereFrom(m.index)) : null;
      const li = option(el("li", "", swatch(style.shape, style.color), el("span", "label", n.label), el("span", "note", note.join(" · ")), from), j);
      li.dataset.node = n.id;
      return li;
    });
    const more = matches.total - matches.length;
    if (more > 0) items.push(option(el("li", "more", el("span", "label", `… and ${count(more)} more: show all ${count(matches.total)}`)), matches.length));
    rows = items.length;
    results.replaceChildren(...items);
    results.scrollTop = 0;
    results.hidden = false;
    input.setAttribute("aria-expanded", "true");
    setActive(0);
  }
  // Nodes of the same name (count phrases of different articles, "21 people killed") are told apart by
  // the opening words of their first sentence and its article.
  let labelCounts = null;
  function namesakes(i) {
    if (!labelCounts) {
      labelCounts = new Map();
      for (const label of N.label) labelCounts.set(label, (labelCounts.get(label) || 0) + 1);
    }
    return labelCounts.get(N.label[i]) || 1;
  }
  function whereFrom(i) {
    const [first] = nodeEvidence(i, 1);
    if (!first) return "no sentence on this page";
    const words = data.texts[first[0]].split(/\s+/);
    let opening = "";
    for (const word of words) {
      if (opening && opening.length + word.length > 60) {
        opening += " …";
        break;
      }
      opening = opening ? `${opening} ${word}` : word;
    }
    return `“${opening}” — ${articleTitle(first[1])}`;
  }
  const foundText = (m) => (m.alias !== null ? `Found ${N.label[m.index]} (written “${m.alias}”)` : `Found ${N.label[m.index]}`);
  function choose(j) {
    if (j === matches.length && rows > matches.length) {
      showResults(true); // the "show all" row
      return;
    }
    const m = matches[j];
    const query = input.value.trim();
    closeResults();
    if (!m) return;
    const n = node(m.index);
    selectNode(n.id, { focus: true, found: foundText(m) });
    if (!query) return;
    input.value = n.label;
  }
  input.addEventListener("input", () => showResults());
  results.addEventListener("mousedown", (event) => event.preventDefault()); // its scroll bar too
  input.addEventListener("focus", () => input.value.trim() && showResults());
  input.addEventListener("blur", () => setTimeout(closeResults, 0));
  input.addEventListener("keydown", (event) => {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (!matches.length) showResults();
      if (rows) setActive((active + (event.key === "ArrowDown" ? 1 : rows - 1)) % rows);
      event.preventDefault();
    } else if (event.key === "Escape") closeResults();
  });
  $("search-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const query = input.value;
    if (!matches.length) matches = search(query);
    if (!matches.length) {
      status.textContent = query.trim() ? `No name or alias on this page matches “${query.trim()}”.` : "";
      closeResults();
      return;
    }
    choose(Math.max(0, active));
  });
  // A node asked for (search, a name, the address) is shown with a link whatever the filters: when its
  // links are all lighter than the Min. link weight or go to types switched off, the filters change as
  // little as they can to show one (filterNote, read by whoever writes the status, says how). Likewise a
  // node with no link in the chosen dates widens them to the whole span (dateNote), and one no change
  // could show with a link (it has none) is shown alone while it is selected (state.alone).
  let filterNote = "";
  let dateNote_ = "";
  // The link of node i that needs the least change of the filters to be shown: the one that keeps the
  // Min. link weight highest, then one that switches no type on, then one whose other end is drawn
  // (among equals the strongest). null when i has no link in the chosen dates.
  function linkToShow(i) {
    const floor = Math.max(1, state.minWeight);
    let best = null;
    for (const k of linksOf(i)) {
      const w = weightInDates(k);
      if (w <= 0) continue;
      const j = other(k, i);
      const option = { k, j, weight: Math.min(w, floor), type: typeShown(j) ? null : data.typeNames[N.type[j]], drawn: state.drawnNodes.has(j) };
      const better =
        !best ||
        option.weight > best.weight ||
        (option.weight === best.weight && (best.type !== null && option.type === null || (best.type === null) === (option.type === null) && option.drawn && !best.drawn));
      if (better) best = option;
    }
    return best;
  }
  // Switches on the type and lowers the weight that linkToShow(i) asks for; returns that link (or null).
  function showLinksOf(i) {
    const link = linkToShow(i);
    if (!link) return null;
    const changes = [];
    if (link.type !== null) {
      changes.push(`type ${link.type || "other"} switched on`);
      setTypeVisible(link.type, true);
    }
    if (link.weight < state.minWeight) {
      changes.push(`Min. link weight lowered from ${state.minWeight} to ${link.weight}`);
      setMinWeight(link.weight);
    }
    if (changes.length) {
      const text = changes.join(" and ");
      filterNote = `${text[0].toUpperCase()}${text.slice(1)} to show ${N.label[i]}'s links`;
    }
    return link;
  }
  function widenDatesFor(i) {
    if (wholeSpan() || !linksOf(i).length || linksOf(i).some((k) => weightInDates(k) > 0)) return;
    dateNote_ = `Dates widened from ${datesText()} to the whole span: ${N.label[i]} has no link in them`;
    setDates(0, lastPeriod);
  }
  function withWeightNote(text) {
    const notes = [dateNote_, filterNote].filter(Boolean);
    filterNote = "";
    dateNote_ = "";
    return [text, ...notes].join(" · ");
  }
  // Node i, drawn, stays on the drawing while it is selected even with no link shown.
  function showAlone(i) {
    state.alone = i;
    applyFilters();
    filterNote = linksOf(i).length
      ? `${N.label[i]} is shown alone: the filters hide its links`
      : `Min. link weight ${state.minWeight} hides nodes without a link: ${N.label[i]}, which has none, is shown alone`;
  }
  // The node shown alone goes back under the filters once something else is selected.
  function leaveAlone(keep) {
    if (state.alone === null || state.alone === keep) return;
    state.alone = null;
    applyFilters();
  }
  function reveal(i) {
    state.added.add(i); // asked for: it stays drawn whatever the filters do to the first view
    const hidden = () => state.hiddenNodes.has(N.id[i]);
    if (!typeShown(i)) setTypeVisible(data.typeNames[N.type[i]], true);
    if (hidden()) widenDatesFor(i);
    if (hidden()) {
      const link = showLinksOf(i);
      if (link && hidden() && !state.drawnNodes.has(link.j)) draw([link.j], []);
    }
    if (hidden()) showAlone(i);
  }

  // --- #node=ID (or a name) in the address opens the page on that node ---------------------------------
  function openFromHash() {
    const found = /^#node=(.+)$/.exec(location.hash);
    if (!found) return false;
    let wanted;
    try {
      wanted = decodeURIComponent(found[1]);
    } catch (error) {
      wanted = found[1];
    }
    const i = indexOf.has(wanted) ? indexOf.get(wanted) : find(wanted);
    if (i === null || i === undefined) {
      status.textContent = `No node “${wanted}” on this page.`;
      return false;
    }
    selectNode(N.id[i], { focus: true });
    return true;
  }
  window.addEventListener("hashchange", openFromHash);

  buildLegend();
  updateCounts();

  // A small API for power users (the browser console) and for the tests.
  window.kg = {
    network,
    nodes,
    edges,
    data,
    find: (query) => {
      const i = find(query);
      return i === null ? null : N.id[i];
    },
    search: (query, limit) => search(query, limit).map((m) => ({ id: N.id[m.index], label: N.label[m.index], alias: m.alias })),
    node: (id) => (indexOf.has(id) ? node(indexOf.get(id)) : null),
    edge: (id) => edge(edgeIndex(id)),
    links: (id) => Array.from(linksOf(indexOf.get(id))).map((k) => `e${k}`),
    expand: (id, count) => expand(indexOf.get(id), { count, select: false, focus: false }),
    overview: backToOverview,
    selectNode,
    selectEdge,
    clearSelection,
    setTypeVisible,
    setMinWeight,
    resumeLayout,
    stopLayout,
    drawn: () => ({ nodes: [...state.drawnNodes].map((i) => N.id[i]), edges: [...state.drawnEdges].map((k) => `e${k}`) }),
    shown: () => ({ nodes: state.drawnNodes.size - state.hiddenNodes.size, edges: state.drawnEdges.size - state.hiddenEdges.size }),
    hidden: () => ({ nodes: [...state.hiddenNodes], edges: [...state.hiddenEdges] }),
    selected: () => state.selected,
    // The date range: positions of periods or ISO dates ("2025-05-19"); dates() says what is shown.
    setDates,
    weightInDates: (id) => weightInDates(edgeIndex(id)),
    dates: () => (time ? { from: time.starts[dates.from], to: time.ends[dates.to], period: time.period } : null),
    layoutRunning: () => state.layoutRunning,
    settling: () => state.localLayout !== null,
  };
})();
