// detente dashboard. Article text is untrusted: it is only ever inserted with
// textContent / createTextNode (see el()), never as HTML.
"use strict";

const QUAD = [
  { label: "verbal cooperation", color: "#4c9f70" },
  { label: "material cooperation", color: "#1f6f4a" },
  { label: "verbal conflict", color: "#e0a030" },
  { label: "material conflict", color: "#c0392b" },
];

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null) continue;
    if (key === "class") node.className = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, String(value));
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

async function api(path) {
  const response = await fetch(path);
  const body = await response.json();
  if (!response.ok) throw new Error(body.error || response.statusText);
  return body;
}

function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== "" && v !== false) q.set(k, v);
  return q.toString();
}

/** Text split into marked pieces. `spans` are {start, end, cls, title, data} in code points. */
function marked(text, spans) {
  const chars = Array.from(text);
  const cuts = new Set([0, chars.length]);
  for (const s of spans) {
    if (s.start >= 0 && s.end <= chars.length && s.start < s.end) { cuts.add(s.start); cuts.add(s.end); }
  }
  const points = [...cuts].sort((a, b) => a - b);
  const out = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const [a, b] = [points[i], points[i + 1]];
    const piece = chars.slice(a, b).join("");
    const covering = spans.filter((s) => s.start <= a && b <= s.end);
    if (covering.length === 0) { out.push(document.createTextNode(piece)); continue; }
    const node = el("mark", { class: covering.map((s) => s.cls).join(" "), title: covering.map((s) => s.title).filter(Boolean).join(" | ") }, piece);
    for (const s of covering) if (s.data) for (const [k, v] of Object.entries(s.data)) node.dataset[k] = v;
    out.push(node);
  }
  return out;
}

// ---------- events table ----------

function evidence(e) {
  if (!e.sentence) return "";
  const base = e.sentence_start;
  const rel = (span, cls) => (span ? { start: span[0] - base, end: span[1] - base, cls } : null);
  const spans = [
    e.trigger_start !== null ? { start: e.trigger_start - base, end: e.trigger_end - base, cls: "trigger", title: e.cameo_name } : null,
    rel(e.source_span, "source"),
    rel(e.target_span, "target"),
  ].filter(Boolean);
  return el("span", { class: "evidence" }, marked(e.sentence, spans));
}

function eventRows(events) {
  return events.map((e) =>
    el("tr", { class: "event-row", "data-event": e.id, "data-article": e.article_id, onclick: () => { if (e.article_id) location.hash = `#/article/${e.article_id}`; } },
      el("td", {}, e.date || "undated"),
      el("td", {}, el("div", { class: "code" }, e.source_code || "---"), el("div", { class: "muted" }, e.source_name || "")),
      el("td", {}, el("div", {}, el("span", { class: "code" }, e.cameo), " ", e.cameo_name || ""), el("div", { class: "muted" }, e.plover || "")),
      el("td", {}, el("div", { class: "code" }, e.target_code || "---"), el("div", { class: "muted" }, e.target_name || "")),
      el("td", {}, String(e.num_sources)),
      el("td", {}, evidence(e))));
}

function eventsTable(events) {
  if (events.length === 0) return el("p", { class: "status" }, "No events.");
  return el("table", { class: "events" },
    el("thead", {}, el("tr", {}, ["date", "source", "action", "target", "outlets", "evidence"].map((h) => el("th", {}, h)))),
    el("tbody", {}, eventRows(events)));
}

// Events per page; `?page_size=N` in the dashboard's address changes it.
const PAGE_SIZE = Math.min(500, Number(new URLSearchParams(location.search).get("page_size")) || 100);

async function loadEvents(target, params) {
  target.replaceChildren(el("p", { class: "status" }, "Loading..."));
  try {
    const body = await api(`/v1/events?${query({ limit: PAGE_SIZE, ...params })}`);
    const table = eventsTable(body.events);
    target.replaceChildren(table);
    if (body.next) target.append(moreButton(target, table, params, body.next));
  } catch (err) {
    target.replaceChildren(el("p", { class: "error" }, err.message));
  }
}

/** A button that appends the next page (from the previous page's `next` cursor) to the table. */
function moreButton(target, table, params, cursor) {
  const button = el("button", { type: "button", class: "more-events" }, "more");
  button.addEventListener("click", async () => {
    button.disabled = true;
    button.textContent = "Loading...";
    try {
      const body = await api(`/v1/events?${query({ limit: PAGE_SIZE, ...params, cursor })}`);
      table.querySelector("tbody").append(...eventRows(body.events));
      button.remove();
      if (body.next) target.append(moreButton(target, table, params, body.next));
    } catch (err) {
      button.replaceWith(el("p", { class: "error" }, err.message));
    }
  });
  return button;
}

// ---------- dyad view ----------

let chart = null;

/** First and last day of a trend period label (day, ISO week or month). */
function periodRange(label, by) {
  const iso = (d) => d.toISOString().slice(0, 10);
  if (by === "day") return [label, label];
  if (by === "month") {
    const [y, m] = label.split("-").map(Number);
    return [iso(new Date(Date.UTC(y, m - 1, 1))), iso(new Date(Date.UTC(y, m, 0)))];
  }
  const [y, w] = label.split("-W").map(Number);
  const jan4 = new Date(Date.UTC(y, 0, 4));
  const monday = new Date(jan4.getTime() - ((jan4.getUTCDay() + 6) % 7) * 86400000 + (w - 1) * 7 * 86400000);
  return [iso(monday), iso(new Date(monday.getTime() + 6 * 86400000))];
}

async function showDyad(event) {
  if (event) event.preventDefault();
  const a = document.getElementById("dyad-a").value.trim();
  const b = document.getElementById("dyad-b").value.trim();
  const by = document.getElementById("dyad-by").value;
  const directed = document.getElementById("dyad-directed").checked;
  const status = document.getElementById("dyad-status");
  const canvas = document.getElementById("dyad-chart");
  status.textContent = "Loading...";
  status.className = "status";
  let body;
  try {
    body = await api(`/v1/trend?${query({ dyad: `${a}:${b}`, by, directed })}`);
  } catch (err) {
    status.textContent = err.message;
    status.className = "error";
    return;
  }
  const labels = body.periods.map((p) => p.period);
  status.textContent = `${labels.length} ${by === "day" ? "days" : by + "s"} with events, ${body.periods.reduce((n, p) => n + p.events, 0)} events. Click a period to list its events.`;
  const datasets = QUAD.map((q, i) => ({ type: "bar", label: q.label, data: body.periods.map((p) => p.quad[i]), backgroundColor: q.color, stack: "quad", yAxisID: "y" }));
  datasets.push({ type: "line", label: "Goldstein mean", data: body.periods.map((p) => p.goldstein_mean), borderColor: "#1d2330", backgroundColor: "#1d2330", yAxisID: "g", tension: 0.2 });
  if (chart) chart.destroy();
  chart = new Chart(canvas, {
    data: { labels, datasets },
    options: {
      maintainAspectRatio: false,
      animation: false,
      // a click anywhere in a period's column selects that period
      interaction: { mode: "index", intersect: false },
      scales: { x: { stacked: true }, y: { stacked: true, title: { display: true, text: "events" } }, g: { position: "right", min: -10, max: 10, title: { display: true, text: "Goldstein" }, grid: { drawOnChartArea: false } } },
      onClick: (_evt, elements) => {
        if (!elements.length) return;
        const label = labels[elements[0].index];
        const [since, until] = periodRange(label, by);
        document.getElementById("dyad-period-title").textContent = `Events in ${label}`;
        loadEvents(document.getElementById("dyad-events"), { dyad: `${a}:${b}`, directed, since, until });
      },
    },
  });
  canvas.dataset.points = String(labels.length);
  window.detenteChart = chart;
}

// ---------- article view ----------

async function showArticle(id) {
  const target = document.getElementById("article");
  target.replaceChildren(el("p", { class: "status" }, "Loading..."));
  let body;
  try {
    body = await api(`/v1/articles/${encodeURIComponent(id)}`);
  } catch (err) {
    target.replaceChildren(el("p", { class: "error" }, err.message));
    return;
  }
  const a = body.article;
  const actorName = (aid) => (a.actors.find((x) => x.id === aid) || {}).name || "";
  const spans = [];
  for (const actor of a.actors) for (const m of actor.mentions) spans.push({ start: m.start, end: m.end, cls: "layer-actor", title: `${actor.name} ${actor.code || ""}`, data: { actor: actor.id } });
  for (const t of a.times) spans.push({ start: t.start, end: t.end, cls: "layer-time", title: `${t.type} ${t.value || "unresolved"}` });
  for (const q of a.quotes) spans.push({ start: q.start, end: q.end, cls: "layer-quote", title: `said by ${actorName(q.speaker) || q.speaker_text || "unknown"}` });
  for (const e of a.events) spans.push({ start: e.trigger.start, end: e.trigger.end, cls: "layer-trigger", title: `${e.source_code || "---"} ${e.cameo} ${e.target_code || "---"}` });
  const focus = (aid) => document.querySelectorAll(".article-text mark").forEach((m) => m.classList.toggle("focus", m.dataset.actor === aid));
  const panel = (title, items) => el("div", { class: "panel" }, el("h3", {}, title), items.length ? el("ul", {}, items) : el("p", { class: "muted" }, "none"));
  target.replaceChildren(
    el("h2", { id: "article-title" }, a.title || "(untitled)"),
    el("p", { class: "muted" }, [a.published || "undated", a.source, a.url].filter(Boolean).join(" · ")),
    el("div", { class: "article-grid" },
      el("div", { class: "article-text", id: "article-text" }, marked(a.text, spans)),
      el("div", {},
        panel("Events", a.events.map((e) => el("li", {}, el("span", { class: "code" }, `${e.source_code || "---"} -[${e.cameo}]-> ${e.target_code || "---"}`), ` ${e.date || ""} `, el("span", { class: "muted" }, e.plover || "")))),
        panel("Actors", a.actors.map((x) => el("li", { "data-actor": x.id, onclick: () => focus(x.id) }, `${x.name} `, el("span", { class: "code" }, x.code || "-"), el("span", { class: "muted" }, ` ${x.kind}, ${x.mentions.length}x`)))),
        panel("Quotes", a.quotes.map((q) => el("li", {}, el("strong", {}, `${actorName(q.speaker) || q.speaker_text || "unattributed"}: `), q.direct ? `"${q.text}"` : q.text))),
        panel("Times", a.times.map((t) => el("li", {}, `${t.text} `, el("span", { class: "code" }, t.value || "?")))))));
}

// ---------- quotes view ----------

async function showQuotes(event) {
  if (event) event.preventDefault();
  const target = document.getElementById("quotes-list");
  try {
    const body = await api(`/v1/quotes?${query({ speaker: document.getElementById("quotes-speaker").value, q: document.getElementById("quotes-q").value, limit: 100 })}`);
    target.replaceChildren(...(body.quotes.length ? body.quotes.map((q) =>
      el("div", { class: "quote-item" },
        el("div", {}, el("strong", {}, q.speaker_name || q.speaker_text || "unattributed"), q.speaker_code ? el("span", { class: "code" }, ` ${q.speaker_code}`) : null, q.via ? el("span", { class: "muted" }, ` via ${q.via}`) : null),
        el("div", {}, q.direct ? `"${q.text}"` : q.text),
        el("div", { class: "muted" }, el("a", { href: `#/article/${q.article_id}` }, q.title || "article"), ` ${q.published || ""}`))) : [el("p", { class: "status" }, "No quotes.")]));
  } catch (err) {
    target.replaceChildren(el("p", { class: "error" }, err.message));
  }
}

// ---------- routing ----------

function route() {
  const [, view, arg] = (location.hash || "#/dyad").split("/");
  for (const section of document.querySelectorAll(".view")) section.classList.toggle("active", section.id === `view-${view}`);
  for (const link of document.querySelectorAll("nav a")) link.classList.toggle("active", link.id === `nav-${view}`);
  if (view === "article" && arg) showArticle(arg);
  if (view === "events") loadEvents(document.getElementById("events-table"), {});
  if (view === "quotes") showQuotes();
}

async function init() {
  document.getElementById("dyad-form").addEventListener("submit", showDyad);
  document.getElementById("quotes-form").addEventListener("submit", showQuotes);
  document.getElementById("events-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const v = (id) => document.getElementById(id).value.trim();
    loadEvents(document.getElementById("events-table"), { dyad: v("events-dyad"), root: v("events-root"), since: v("events-since"), until: v("events-until"), q: v("events-q") });
  });
  window.addEventListener("hashchange", route);
  try {
    const body = await api("/v1/actors?limit=200");
    document.getElementById("actor-codes").replaceChildren(...body.actors.map((x) => el("option", { value: x.code }, x.name)));
  } catch (_err) { /* the dyad form still works without suggestions */ }
  route();
}

init();
