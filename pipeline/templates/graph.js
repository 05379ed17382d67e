// The graph page's behaviour. Rule: text that came from articles (labels, aliases, sentences, titles)
// reaches the DOM only as text (Element.append / textContent of strings); this file never assigns HTML.
(function () {
  "use strict";

  const readJson = (id) => JSON.parse(document.getElementById(id).textContent);
  const net = readJson("kg-network");
  const data = readJson("kg-data");
  const $ = (id) => document.getElementById(id);

  const info = new Map(data.nodes.map((n) => [n.id, n]));
  const links = new Map(data.edges.map((e) => [e.id, e]));
  const styles = new Map(data.types.map((t) => [t.type, t]));
  const styleOf = (type) => styles.get(type) || data.otherType;
  const articleTitle = (index) => {
    const [id, title] = data.articles[index] || ["", ""];
    return title || id || "untitled article";
  };
  // Pages with more nodes than this skip fading the unselected ones (see highlight()).
  const DIM_LIMIT = 600;
  const count = (n) => n.toLocaleString("en");
  const plural = (n, word, many = `${word}s`) => `${count(n)} ${n === 1 ? word : many}`;

  // --- small DOM helpers: strings become text nodes, never markup ---------------------------------
  function el(tag, className, ...children) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    for (const child of children) {
      if (child !== null && child !== undefined && child !== false) node.append(child);
    }
    return node;
  }
  function swatch(shape, color) {
    const s = el("span", `swatch ${shape}`);
    s.style.color = color;
    return s;
  }
  function nameButton(id, label) {
    if (!info.has(id)) return el("span", "", label);
    const b = el("button", "name", label);
    b.type = "button";
    b.addEventListener("click", () => selectNode(id, { focus: true }));
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
  const state = {
    types: new Map(),
    minWeight: 1,
    colorBy: "type",
    sizeBy: "weighted_degree",
    selected: null, // {kind: "node"|"edge", id}
    hiddenNodes: new Set(),
    hiddenEdges: new Set(),
    layoutRunning: false,
  };
  const typesPresent = [...new Set([...data.types.map((t) => t.type), ...Object.keys(data.counts.graphTypes)])];
  for (const type of typesPresent) state.types.set(type, true);
  const neighbours = new Map(data.nodes.map((n) => [n.id, []]));
  for (const e of data.edges) {
    neighbours.get(e.from).push(e);
    neighbours.get(e.to).push(e);
  }

  // --- layout: stabilize a bounded number of iterations, then stop -------------------------------------
  const layoutButton = $("layout");
  let layoutTimer = null;
  function stopLayout() {
    clearTimeout(layoutTimer);
    network.setOptions({ physics: { enabled: false } });
    state.layoutRunning = false;
    layoutButton.textContent = "Resume layout";
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
    if (data.center && info.has(data.center)) selectNode(data.center, { focus: false });
    document.dispatchEvent(new CustomEvent("kg:ready"));
  }
  network.once("stabilizationIterationsDone", markReady);
  if (net.nodes.length === 0) markReady();

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
  function recolor() {
    nodes.update(data.nodes.map((n) => ({ id: n.id, color: nodeColor(baseColor(n)) })));
    renderCommunities();
  }
  function resize() {
    nodes.update(data.nodes.map((n) => ({ id: n.id, value: Math.max(0, Number(n[state.sizeBy]) || 0) })));
  }
  // Selecting fades everything but the selection and its neighbours. Only items whose state changes are
  // updated, and big pages skip it (each update costs vis-network a re-layout of that item's label); they
  // keep vis-network's own highlight of the selected node and its links.
  const faded = { nodes: new Set(), edges: new Set() };
  function highlight() {
    if (data.nodes.length > DIM_LIMIT) return;
    const lit = litNodes();
    const litEdges = litEdgeIds();
    const fadeNodes = new Set(lit === null ? [] : data.nodes.filter((n) => !lit.has(n.id)).map((n) => n.id));
    const fadeEdges = new Set(litEdges === null ? [] : data.edges.filter((e) => !litEdges.has(e.id)).map((e) => e.id));
    const changed = (before, after) => [...before].filter((id) => !after.has(id)).concat([...after].filter((id) => !before.has(id)));
    nodes.update(
      changed(faded.nodes, fadeNodes).map((id) => {
        const fade = fadeNodes.has(id);
        return { id, opacity: fade ? 0.18 : 1, font: { color: fade ? "rgba(31,35,40,0.22)" : "#1f2328" } };
      })
    );
    edges.update(changed(faded.edges, fadeEdges).map((id) => ({ id, color: { opacity: fadeEdges.has(id) ? 0.07 : 0.5 } })));
    faded.nodes = fadeNodes;
    faded.edges = fadeEdges;
  }
  function litNodes() {
    if (!state.selected) return null;
    if (state.selected.kind === "edge") {
      const e = links.get(state.selected.id);
      return new Set([e.from, e.to]);
    }
    const lit = new Set([state.selected.id]);
    for (const e of neighbours.get(state.selected.id) || []) {
      if (!state.hiddenEdges.has(e.id)) lit.add(e.from).add(e.to);
    }
    return lit;
  }
  function litEdgeIds() {
    if (!state.selected) return null;
    if (state.selected.kind === "edge") return new Set([state.selected.id]);
    return new Set((neighbours.get(state.selected.id) || []).map((e) => e.id));
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

  // --- filters: types and minimum weight ----------------------------------------------------------------
  function nodeVisible(n, degree) {
    return state.types.get(n.type) !== false && (state.minWeight <= 1 || (degree.get(n.id) || 0) > 0);
  }
  function applyFilters() {
    const degree = new Map();
    const edgeChanges = [];
    const hiddenEdges = new Set();
    for (const e of data.edges) {
      const visible =
        e.weight >= state.minWeight &&
        state.types.get(info.get(e.from).type) !== false &&
        state.types.get(info.get(e.to).type) !== false;
      if (visible) {
        degree.set(e.from, (degree.get(e.from) || 0) + 1);
        degree.set(e.to, (degree.get(e.to) || 0) + 1);
      } else hiddenEdges.add(e.id);
      if (visible === state.hiddenEdges.has(e.id)) edgeChanges.push({ id: e.id, hidden: !visible });
    }
    const nodeChanges = [];
    const hiddenNodes = new Set();
    for (const n of data.nodes) {
      const visible = nodeVisible(n, degree);
      if (!visible) hiddenNodes.add(n.id);
      if (visible === state.hiddenNodes.has(n.id)) nodeChanges.push({ id: n.id, hidden: !visible });
    }
    state.hiddenEdges = hiddenEdges;
    state.hiddenNodes = hiddenNodes;
    nodes.update(nodeChanges);
    edges.update(edgeChanges);
    const sel = state.selected;
    if (sel && (sel.kind === "node" ? hiddenNodes.has(sel.id) : hiddenEdges.has(sel.id))) clearSelection();
    else if (sel) highlight();
    updateCounts();
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
    for (const n of data.nodes) {
      if (!state.hiddenNodes.has(n.id)) perType.set(n.type, (perType.get(n.type) || 0) + 1);
    }
    for (const [type, r] of legendRows) r.shown.textContent = count(perType.get(type) || 0);
    $("shown-nodes").textContent = count(data.nodes.length - state.hiddenNodes.size);
    $("shown-edges").textContent = count(data.edges.length - state.hiddenEdges.size);
  }
  const slider = $("min-weight");
  function setMinWeight(value) {
    state.minWeight = Math.max(1, Number(value) || 1);
    slider.value = String(state.minWeight);
    $("min-weight-value").textContent = String(state.minWeight);
    applyFilters();
  }
  slider.addEventListener("input", () => setMinWeight(slider.value));

  function renderCommunities() {
    const box = $("communities");
    if (state.colorBy !== "community") {
      box.hidden = true;
      return;
    }
    const members = new Map();
    for (const n of data.nodes) {
      if (!members.has(n.community)) members.set(n.community, []);
      members.get(n.community).push(n);
    }
    const list = el("ul");
    const ordered = [...members.entries()].sort((a, b) => b[1].length - a[1].length || a[0] - b[0]);
    for (const [community, group] of ordered.slice(0, data.communityColors.length)) {
      const top = group
        .slice()
        .sort((a, b) => b.pagerank - a.pagerank)
        .slice(0, 3)
        .map((n) => n.label)
        .join(", ");
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
    return `${style.name} · ${plural(n.mentions, "mention")} · ${plural(n.articles, "article")}`;
  }
  function nodeSummary(n) {
    const parts = [el("div", "name", n.label), el("div", "facts", nodeFacts(n))];
    if (n.aliases.length) parts.push(el("div", "aka", `also: ${n.aliases.slice(0, 5).join(", ")}${n.aliases.length > 5 ? ", …" : ""}`));
    for (const [text] of n.evidence.slice(0, 2)) parts.push(el("div", "quote", `“${data.texts[text]}”`));
    return parts;
  }
  function edgeSummary(e) {
    const a = info.get(e.from);
    const b = info.get(e.to);
    const parts = [
      el("div", "name", `${a.label} — ${b.label}`),
      el("div", "facts", `${plural(e.weight, "sentence")} together · ${plural(e.articles, "article")}`),
    ];
    const first = e.evidence[0];
    if (first) parts.push(el("div", "quote", `“${data.texts[first[0]]}”`), el("div", "aka", articleTitle(first[1])));
    return parts;
  }
  network.on("hoverNode", (p) => showTip(p.pointer.DOM, nodeSummary(info.get(p.node))));
  network.on("hoverEdge", (p) => showTip(p.pointer.DOM, edgeSummary(links.get(p.edge))));
  network.on("blurNode", hideTip);
  network.on("blurEdge", hideTip);
  network.on("dragStart", hideTip);
  network.on("zoom", hideTip);

  // --- click: the full record in the side panel --------------------------------------------------------
  const details = $("details");
  function showNode(n) {
    const style = styleOf(n.type);
    const facts = el("dl");
    const fact = (term, value) => facts.append(el("dt", "", term), el("dd", "", value));
    fact("Mentions", `${n.mentions.toLocaleString("en")} in ${plural(n.articles, "article")}`);
    fact("Links", `${plural(n.degree, "entity", "entities")}, weight ${n.weighted_degree}`);
    if (n.aliases.length) fact("Also written", n.aliases.join(" · "));
    if (n.value !== undefined) fact("Value", [n.value.toLocaleString("en"), n.unit || "", n.object || ""].filter(Boolean).join(" "));
    if (n.category) fact("Category", n.category);
    if (n.first_date) fact("Dates", n.first_date === n.last_date ? n.first_date : `${n.first_date} – ${n.last_date}`);
    if (n.community >= 0) fact("Community", String(n.community));
    const content = [
      el("h2", "", n.label),
      el("p", "kind", swatch(style.shape, style.color), ` ${style.name}`),
      facts,
    ];
    if (n.links.length) {
      const list = el("ul", "links");
      for (const [id, label, weight] of n.links) list.append(el("li", "", nameButton(id, label), el("span", "", String(weight))));
      content.push(el("h3", "", "Strongest links"), list);
    }
    if (n.evidence.length) {
      const list = el("ol", "evidence");
      for (const [text, article, other, otherLabel] of n.evidence) {
        list.append(
          el("li", "", el("blockquote", "", data.texts[text]), el("p", "source", "with ", nameButton(other, otherLabel), ` — ${articleTitle(article)}`))
        );
      }
      content.push(el("h3", "", "Strongest evidence"), list);
    }
    details.replaceChildren(...content);
  }
  function showEdge(e) {
    const a = info.get(e.from);
    const b = info.get(e.to);
    const content = [
      el("h2", "", nameButton(a.id, a.label), " — ", nameButton(b.id, b.label)),
      el(
        "p",
        "kind",
        `Mentioned together in ${plural(e.weight, "sentence")} across ${plural(e.articles, "article")}; NPMI ${e.npmi.toFixed(2)}`
      ),
    ];
    const list = el("ol", "evidence");
    for (const [text, article] of e.evidence) list.append(el("li", "", el("blockquote", "", data.texts[text]), el("p", "source", articleTitle(article))));
    content.push(el("h3", "", "Evidence"), e.evidence.length ? list : el("p", "hint", "No sentence stored for this link."));
    details.replaceChildren(...content);
  }
  function selectNode(id, options = {}) {
    const n = info.get(id);
    if (!n) return false;
    if (state.hiddenNodes.has(id)) reveal(n);
    state.selected = { kind: "node", id };
    network.selectNodes([id]);
    showNode(n);
    highlight();
    if (options.focus) network.focus(id, { scale: Math.max(network.getScale(), 1.1), locked: false, animation: { duration: 400 } });
    return true;
  }
  function selectEdge(id) {
    const e = links.get(id);
    if (!e) return false;
    state.selected = { kind: "edge", id };
    network.selectEdges([id]);
    showEdge(e);
    highlight();
    return true;
  }
  function clearSelection() {
    state.selected = null;
    network.unselectAll();
    details.replaceChildren(el("p", "hint", "Hover over a node or a link for a summary; click it for its evidence."));
    highlight();
  }
  network.on("click", (p) => {
    if (p.nodes.length) selectNode(p.nodes[0]);
    else if (p.edges.length) selectEdge(p.edges[0]);
    else clearSelection();
  });

  // --- search by name or alias ---------------------------------------------------------------------------
  // The same folding as pipeline.names.name_key: case, accents, dots, apostrophes and a leading "the".
  function fold(text) {
    let s = String(text).normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
    s = s.replace(/[.'’`]/g, "").replace(/[^\p{L}\p{N}_]+/gu, " ").trim();
    const words = s.split(" ");
    while (words.length > 1 && (words[0] === "the" || words[0] === "a" || words[0] === "an")) words.shift();
    return words.join(" ");
  }
  const names = [];
  for (const n of data.nodes) {
    names.push({ key: fold(n.label), id: n.id, alias: false });
    for (const a of n.aliases) names.push({ key: fold(a), id: n.id, alias: true });
  }
  function find(query) {
    const wanted = fold(query);
    if (!wanted) return null;
    const rank = (m) => info.get(m.id).pagerank;
    const best = (matches) => (matches.length ? matches.sort((a, b) => a.alias - b.alias || rank(b) - rank(a))[0] : null);
    return (
      best(names.filter((m) => m.key === wanted)) ||
      best(names.filter((m) => m.key.startsWith(`${wanted} `) || m.key.endsWith(` ${wanted}`))) ||
      best(names.filter((m) => m.key.includes(wanted)))
    );
  }
  function reveal(n) {
    if (state.types.get(n.type) === false) setTypeVisible(n.type, true);
    if (state.hiddenNodes.has(n.id)) {
      const heaviest = Math.max(1, ...(neighbours.get(n.id) || []).map((e) => e.weight));
      setMinWeight(Math.min(state.minWeight, heaviest));
    }
  }
  const status = $("search-status");
  $("search-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const query = $("search").value;
    lastQuery = query;
    const match = find(query);
    if (!match) {
      status.textContent = query.trim() ? `No name or alias on this page matches “${query.trim()}”.` : "";
      return;
    }
    const n = info.get(match.id);
    selectNode(n.id, { focus: true });
    status.textContent = match.alias ? `Found ${n.label} (written “${query.trim()}”)` : `Found ${n.label}`;
  });
  // Picking a name from the list fires "change" without a submit; Enter fires both (search once).
  let lastQuery = null;
  $("search").addEventListener("change", () => {
    if ($("search").value !== lastQuery) $("search-form").requestSubmit();
  });
  const list = $("names");
  const seen = new Set();
  for (const n of [...data.nodes].sort((a, b) => b.pagerank - a.pagerank)) {
    for (const name of [n.label, ...n.aliases]) {
      if (seen.has(name)) continue;
      seen.add(name);
      const option = document.createElement("option");
      option.value = name;
      list.append(option);
    }
  }

  buildLegend();
  updateCounts();

  // A small API for power users (the browser console) and for the tests.
  window.kg = {
    network,
    nodes,
    edges,
    data,
    find: (query) => {
      const m = find(query);
      return m ? m.id : null;
    },
    selectNode,
    selectEdge,
    clearSelection,
    setTypeVisible,
    setMinWeight,
    resumeLayout,
    stopLayout,
    shown: () => ({ nodes: data.nodes.length - state.hiddenNodes.size, edges: data.edges.length - state.hiddenEdges.size }),
    hidden: () => ({ nodes: [...state.hiddenNodes], edges: [...state.hiddenEdges] }),
    selected: () => state.selected,
    layoutRunning: () => state.layoutRunning,
  };
})();
