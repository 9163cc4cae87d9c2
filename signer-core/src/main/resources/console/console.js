// The sandbox console: plain fetch calls to the admin endpoints, no build step.
"use strict";
(function () {
  const $ = (sel) => document.querySelector(sel);
  const keyInput = $("#api-key");
  keyInput.value = sessionStorage.getItem("frostApiKey") || "";
  keyInput.addEventListener("change", () => {
    sessionStorage.setItem("frostApiKey", keyInput.value);
    catalogue = null;
    refresh();
  });

  function headers(extra) {
    const h = Object.assign({ "Accept": "application/json" }, extra || {});
    if (keyInput.value) h["x-api-key"] = keyInput.value;
    return h;
  }

  async function call(method, path, body) {
    const init = { method, headers: headers(body ? { "Content-Type": "application/json" } : {}) };
    if (body) init.body = JSON.stringify(body);
    const r = await fetch(path, init);
    let json = null;
    try { json = await r.json(); } catch (e) { json = null; }
    return { status: r.status, ok: r.ok, json };
  }

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }

  function cell(tr, text, cls) {
    const td = el("td", cls || "", text === null || text === undefined ? "" : text);
    tr.appendChild(td);
    return td;
  }

  function say(text, isError) {
    const m = $("#message");
    m.textContent = text;
    m.className = isError ? "error" : "muted";
  }

  // the service prefix (from /admin/keys): stripped from paths in the timeline
  let prefix = "";

  async function loadKeys() {
    const r = await call("GET", "/admin/keys");
    const body = $("#keys tbody");
    body.replaceChildren();
    if (!r.ok) { say("keys: HTTP " + r.status + (r.json && r.json.title ? " " + r.json.title : ""), true); return; }
    $("#service").textContent = r.json.service + " (" + r.json.prefix + ")";
    prefix = r.json.prefix || "";
    const known = $("#known-keys");
    known.replaceChildren();
    for (const k of r.json.keys) {
      const tr = document.createElement("tr");
      tr.dataset.keyid = k.keyid;
      cell(tr, k.keyid, "mono keyid");
      cell(tr, k.ciphersuite, "ciphersuite");
      cell(tr, k.verifying_key, "mono verifying-key");
      cell(tr, k.min_signers);
      cell(tr, k.created_at);
      const a = el("a", "open-timeline", "timeline");
      a.href = "#" + new URLSearchParams({ key: k.keyid }).toString();
      cell(tr, "").appendChild(a);
      if (timeline.keyid === k.keyid) tr.classList.add("selected");
      body.appendChild(tr);
      const o = document.createElement("option");
      o.value = k.keyid;
      known.appendChild(o);
    }
    // GET /admin/keys answers one page: the console shows the first
    if (r.json.next) {
      const tr = document.createElement("tr");
      cell(tr, "more keys after " + r.json.next + " (GET /admin/keys?cursor=...)", "muted");
      body.appendChild(tr);
    }
  }

  function rulesOf(json) {
    if (Array.isArray(json)) return json;
    if (json && Array.isArray(json.rules)) return json.rules;
    if (json && Array.isArray(json.faults)) return json.faults;
    return [];
  }

  async function loadFaults() {
    const r = await call("GET", "/admin/faults");
    const body = $("#faults tbody");
    const status = $("#faults-status");
    body.replaceChildren();
    if (r.status === 404 || r.status === 405) {
      status.textContent = "Fault injection is not available on this service.";
      status.dataset.available = "false";
      $("#fault-form").hidden = true;
      return;
    }
    if (!r.ok) { status.textContent = "fault rules: HTTP " + r.status; status.dataset.available = "error"; return; }
    status.dataset.available = "true";
    if (!catalogue) await loadCatalogue();
    const rules = rulesOf(r.json);
    status.textContent = rules.length ? rules.length + " rule(s)" : "No fault rules.";
    for (const f of rules) {
      const tr = document.createElement("tr");
      tr.dataset.id = f.id;
      for (const k of ["id", "method", "path", "keyid", "fault", "delay_ms", "abort", "percentage", "times", "ttl_seconds", "fired"]) {
        let v = f[k];
        if (k === "fault" && f.variant) v = v + " (" + f.variant + ")";
        cell(tr, v, (k === "id" || k === "path" || k === "keyid" ? "mono " : "") + "fault-" + k.replace("_", "-"));
      }
      const td = cell(tr, "");
      const b = el("button", "fault-remove", "Remove");
      b.type = "button";
      b.dataset.id = f.id;
      b.addEventListener("click", async () => {
        const d = await call("DELETE", "/admin/faults/" + encodeURIComponent(f.id));
        say(d.ok ? "rule " + f.id + " removed" : "remove failed: HTTP " + d.status, !d.ok);
        refresh();
      });
      td.appendChild(b);
      body.appendChild(tr);
    }
  }

  // ---- the rule form, built from GET /admin/faults/catalogue (the service's own declarations) ----

  let catalogue = null;

  async function loadCatalogue() {
    const r = await call("GET", "/admin/faults/catalogue");
    const form = $("#fault-form");
    if (!r.ok || !r.json || !Array.isArray(r.json.endpoints)) {
      form.hidden = true;
      $("#faults-status").dataset.catalogue = "unavailable";
      return;
    }
    catalogue = r.json;
    const endpoint = $("#rule-endpoint");
    endpoint.replaceChildren();
    catalogue.endpoints.forEach((e, i) => {
      const o = el("option", "", e.method + " " + e.path);
      o.value = String(i);
      endpoint.appendChild(o);
    });
    fillFaults();
    form.hidden = false;
    $("#faults-status").dataset.catalogue = "loaded";
  }

  /** The fault list of the chosen endpoint: its catalogue entries, cosigner faults and aborts. */
  function fillFaults() {
    const e = catalogue.endpoints[Number($("#rule-endpoint").value)];
    const select = $("#rule-fault");
    const before = select.value;
    select.replaceChildren();
    const none = el("option", "", "none (delay only)");
    none.value = "";
    select.appendChild(none);
    const groups = [
      ["errors: the catalogue entry is answered", e.faults.filter((f) => f.kind === "problem"),
        (f) => f.fault + " (" + f.status + " " + f.title + (f.at !== "answer" ? ", fails at " + f.at : "") + ")"],
      ["misbehaving cosigner: the answer is corrupted", e.faults.filter((f) => f.kind === "cosigner"),
        (f) => f.fault + " (" + f.artefact + ")"],
    ];
    for (const [label, list, text] of groups) {
      if (!list.length) continue;
      const g = document.createElement("optgroup");
      g.label = label;
      for (const f of list) {
        const o = el("option", "", text(f));
        o.value = "fault:" + f.fault;
        g.appendChild(o);
      }
      select.appendChild(g);
    }
    if (e.aborts.length) {
      const g = document.createElement("optgroup");
      g.label = "connection aborts";
      for (const a of e.aborts) {
        const o = el("option", "", "abort: " + a);
        o.value = "abort:" + a;
        g.appendChild(o);
      }
      select.appendChild(g);
    }
    if ([...select.options].some((o) => o.value === before)) select.value = before;
    fillVariants();
  }

  function fillVariants() {
    const e = catalogue.endpoints[Number($("#rule-endpoint").value)];
    const chosen = $("#rule-fault").value;
    const f = e.faults.find((x) => "fault:" + x.fault === chosen);
    const variants = f && Array.isArray(f.variants) ? f.variants : [];
    const select = $("#rule-variant");
    select.replaceChildren();
    for (const v of variants) {
      const o = el("option", "", v);
      o.value = v;
      select.appendChild(o);
    }
    $("#rule-variant-label").hidden = variants.length === 0;
  }

  $("#rule-endpoint").addEventListener("change", fillFaults);
  $("#rule-fault").addEventListener("change", fillVariants);

  $("#fault-form").addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const form = ev.target;
    const e = catalogue.endpoints[Number($("#rule-endpoint").value)];
    const rule = { method: e.method, path: e.rule_path };
    const chosen = $("#rule-fault").value;
    if (chosen.startsWith("fault:")) rule.fault = chosen.slice(6);
    if (chosen.startsWith("abort:")) rule.abort = chosen.slice(6);
    if (!$("#rule-variant-label").hidden && $("#rule-variant").value) rule.variant = $("#rule-variant").value;
    for (const input of form.querySelectorAll("input")) {
      const v = input.value.trim();
      if (!v) continue;
      rule[input.name] = input.type === "number" ? Number(v) : v;
    }
    const r = await call("POST", "/admin/faults", rule);
    if (r.ok) {
      say("rule added" + (r.json && r.json.id ? ": " + r.json.id : ""), false);
      for (const input of form.querySelectorAll("input")) input.value = "";
    } else {
      say("add failed: HTTP " + r.status + (r.json && r.json.detail ? ": " + r.json.detail : ""), true);
    }
    refresh();
  });

  // ---- recent requests, with filters ----

  function statusFilter() { return $("#filter-status").value; }
  function faultFilter() { return $("#filter-fault").value; }

  function shown(e) {
    const s = statusFilter(), f = faultFilter();
    if (s && String(e.status).charAt(0) !== s) return false;
    if (f === "*") return !!e.fault;
    if (f === "-") return !e.fault;
    if (f) return e.fault === f.slice(2);
    return true;
  }

  /** The fault filter lists every fault the journal holds (kept selected while it is there). */
  function fillFaultFilter(entries) {
    const select = $("#filter-fault");
    const before = select.value;
    for (const o of [...select.options]) if (o.value.startsWith("f:")) o.remove();
    const seen = [...new Set(entries.map((e) => e.fault).filter(Boolean))].sort();
    for (const f of seen) {
      const o = el("option", "", f);
      o.value = "f:" + f;
      select.appendChild(o);
    }
    select.value = [...select.options].some((o) => o.value === before) ? before : "";
  }

  let journal = [];

  async function loadJournal() {
    const r = await call("GET", "/admin/requests?limit=200");
    if (!r.ok) return;
    journal = r.json.requests;
    fillFaultFilter(journal);
    renderJournal();
  }

  function renderJournal() {
    const body = $("#journal tbody");
    body.replaceChildren();
    let n = 0;
    for (const e of journal) {
      if (!shown(e)) continue;
      n++;
      const tr = document.createElement("tr");
      tr.dataset.requestId = e.request_id;
      tr.dataset.status = String(e.status);
      if (e.fault) tr.dataset.fault = e.fault;
      cell(tr, time(e.time), "time").title = e.time;
      cell(tr, e.method);
      cell(tr, e.path, "mono");
      cell(tr, e.keyid, "mono");
      cell(tr, e.status, "status status-" + String(e.status).charAt(0));
      cell(tr, e.latency_ms);
      cell(tr, e.fault, "fault");
      const id = cell(tr, "", "mono request-id");
      if (e.keyid) {
        // opens the key's timeline at this request (the hash also makes it a link to share)
        const a = el("a", "open-timeline", e.request_id);
        a.href = "#" + new URLSearchParams({ key: e.keyid, request: e.request_id }).toString();
        a.addEventListener("click", (ev) => ev.stopPropagation());
        id.appendChild(a);
      } else {
        id.textContent = e.request_id;
      }
      if (e.request_id === selected) tr.classList.add("selected");
      tr.addEventListener("click", () => showBodies(e.request_id));
      body.appendChild(tr);
    }
    $("#journal-count").textContent = n === journal.length ? journal.length + " request(s)" : n + " of " + journal.length + " request(s)";
  }

  $("#filter-status").addEventListener("change", renderJournal);
  $("#filter-fault").addEventListener("change", renderJournal);

  // ---- bodies of one request ----

  function pretty(b) {
    if (b === null || b === undefined) return "(not kept, or none)";
    return typeof b === "string" ? b : JSON.stringify(b, null, 2);
  }

  // the request whose bodies are shown: kept selected across refreshes
  let selected = null;

  function markSelected(id) {
    selected = id;
    for (const tr of document.querySelectorAll("#journal tbody tr")) tr.classList.toggle("selected", tr.dataset.requestId === id);
  }

  function openDrawer(id, summary) {
    $("#bodies").hidden = false;
    document.body.classList.add("drawer-open");
    $("#bodies-id").textContent = id;
    $("#bodies-summary").textContent = summary || "";
  }

  async function showBodies(id) {
    markSelected(id);
    const r = await call("GET", "/admin/requests/" + encodeURIComponent(id));
    if (!r.ok) {
      openDrawer(id, "");
      $("#request-body").textContent = "HTTP " + r.status + (r.json && r.json.detail ? ": " + r.json.detail : "");
      $("#response-body").textContent = "";
      return;
    }
    openDrawer(id, summaryOf(r.json));
    $("#request-body").textContent = pretty(r.json.request_body);
    $("#response-body").textContent = pretty(r.json.response_body);
  }

  function summaryOf(e) {
    return e.method + " " + e.path + " → " + e.status + (e.fault ? " · fault " + e.fault : "") + " · " + e.latency_ms + " ms";
  }

  $("#bodies-close").addEventListener("click", () => {
    $("#bodies").hidden = true;
    document.body.classList.remove("drawer-open");
    for (const a of document.querySelectorAll(".arrow.selected")) a.classList.remove("selected");
  });

  // ---- the timeline of one key: a sequence diagram of its transcript ----

  const timeline = { keyid: null, request: null, exchanges: [], arrow: null, serverId: null };

  const REASONS = { 200: "OK", 201: "Created", 204: "No Content", 400: "Bad Request", 401: "Unauthorized", 403: "Forbidden",
    404: "Not Found", 405: "Method Not Allowed", 409: "Conflict", 413: "Content Too Large", 415: "Unsupported Media Type",
    422: "Unprocessable Content", 429: "Too Many Requests", 500: "Internal Server Error", 502: "Bad Gateway",
    503: "Service Unavailable", 504: "Gateway Timeout" };

  /** What an exchange is in the protocol, from its method and path. */
  function stepOf(method, path) {
    if (/\/relay$/.test(path)) return { group: "relay", label: "relay" };
    const m = path.match(/\/(dkg\/round1|dkg\/round2|sign\/round1|sign\/round2|sign|aggregate|keys)\/[^/]+$/);
    if (!m) return { group: "other", label: "" };
    switch (m[1]) {
      case "dkg/round1": return { group: "DKG", label: "DKG round 1" };
      case "dkg/round2": return { group: "DKG", label: "DKG round 2" };
      case "sign": return { group: "signing", label: "sign (one round)" };
      case "sign/round1": return { group: "signing", label: "sign round 1 (commit)" };
      case "sign/round2": return { group: "signing", label: "sign round 2 (share)" };
      case "aggregate": return { group: "aggregate", label: "aggregate" };
      default: return method === "DELETE" ? { group: "key", label: "key delete" } : { group: "key", label: "key read" };
    }
  }

  function shortPath(path, keyid) {
    let p = prefix && path.startsWith(prefix + "/") ? path.slice(prefix.length) : path;
    if (keyid && p.endsWith("/" + keyid)) p = p.slice(0, p.length - keyid.length) + ":keyid";
    return p;
  }

  /** The problem of an error answer (type and detail), when its body was kept. */
  function problemOf(x) {
    const b = x.response;
    if (b && typeof b === "object" && (b.type || b.detail)) return { type: b.type, title: b.title, detail: b.detail };
    return null;
  }

  function time(iso) {
    const t = String(iso || "");
    const i = t.indexOf("T");
    // to the millisecond: the journal's clock says no more
    return i < 0 ? t : t.slice(i + 1).replace("Z", "").replace(/(\.\d{3})\d+$/, "$1");
  }

  function arrow(kind, x) {
    const a = el("div", "arrow " + kind);
    a.tabIndex = 0;
    a.setAttribute("role", "button");
    a.dataset.requestId = x.request_id;
    a.addEventListener("click", () => showExchange(x, a));
    a.addEventListener("keydown", (ev) => { if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); showExchange(x, a); } });
    return a;
  }

  /** An identifier (a serialized scalar, 64 hex digits) shortened for a label. */
  function shortId(id) {
    return id.length > 10 ? id.slice(0, 4) + "…" + id.slice(-4) : id;
  }

  const ID_MAPS = ["signing_commitments", "round1_packages", "round2_packages", "signature_shares"];

  /** Who took part, from the kept bodies: the client's identifiers and the server's. */
  function participantsOf(x) {
    const clients = new Set();
    const walk = (o, depth) => {
      if (!o || typeof o !== "object" || Array.isArray(o) || depth > 2) return;
      for (const [k, v] of Object.entries(o)) {
        if (ID_MAPS.includes(k) && v && typeof v === "object" && !Array.isArray(v) && !("header" in v)) {
          Object.keys(v).forEach((id) => clients.add(id));
        } else {
          walk(v, depth + 1);
        }
      }
    };
    walk(x.request, 0);
    // the server names itself in some answers only: otherwise it is the key's server (its DKG answer)
    const answered = x.response && typeof x.response === "object" && typeof x.response.identifier === "string" ? x.response.identifier : null;
    const server = answered || (timeline.serverId && clients.has(timeline.serverId) ? timeline.serverId : null);
    if (server) clients.delete(server);
    if (!clients.size && !server) return null;
    const parts = [];
    if (clients.size) parts.push("client " + [...clients].map(shortId).join(", "));
    if (server) parts.push("server " + shortId(server));
    return parts.join(" · ");
  }

  function meta(x) {
    return el("div", "meta ids", "request id " + x.request_id + " · " + x.latency_ms + " ms");
  }

  function renderExchange(x) {
    const step = stepOf(x.method, x.path);
    const fault = x.fault || null;
    const aborted = !!(fault && /abort=(reset|close|empty|partial|after-commit)/.test(fault));
    const error = x.status >= 400;
    const box = el("div", "exchange");
    box.setAttribute("role", "listitem");
    box.dataset.requestId = x.request_id;
    box.dataset.step = step.label;
    box.dataset.status = String(x.status);
    if (fault) box.dataset.fault = fault;
    box.dataset.outcome = [fault ? "fault" : "", error ? "error" : ""].filter(Boolean).join(" ") || "ok";

    // the request: client -> server
    const reqRow = el("div", "seq-row");
    reqRow.appendChild(el("div", "when", time(x.time)));
    const reqLane = el("div", "lane");
    const req = arrow("request" + (fault ? " fault" : ""), x);
    const reqLabel = el("div", "label");
    reqLabel.appendChild(el("strong", "", x.method));
    reqLabel.appendChild(el("span", "mono path", shortPath(x.path, timeline.keyid)));
    if (step.label) reqLabel.appendChild(el("span", "step", "· " + step.label));
    if (fault) reqLabel.appendChild(el("span", "mark fault-mark", "FAULT " + fault));
    req.appendChild(reqLabel);
    req.appendChild(el("div", "line"));
    const who = participantsOf(x);
    if (who) req.appendChild(el("div", "meta participants", "participants: " + who));
    req.appendChild(meta(x));
    reqLane.appendChild(req);
    reqRow.appendChild(reqLane);
    reqRow.appendChild(el("div", "side"));
    box.appendChild(reqRow);

    // the answer: server -> client
    const ansRow = el("div", "seq-row");
    ansRow.appendChild(el("div", "when"));
    const ansLane = el("div", "lane");
    const ans = arrow("answer " + (error ? "error" : fault ? "fault" : "ok") + (fault && error ? " fault" : ""), x);
    const ansLabel = el("div", "label");
    if (aborted) {
      const how = fault.replace(/.*abort=/, "");
      ansLabel.appendChild(el("strong", "status", how === "after-commit"
        ? "no answer: the server committed, then reset the connection (after-commit)"
        : "no answer: the connection was broken (" + how + ")"));
    } else {
      ansLabel.appendChild(el("strong", "status", x.status + " " + (REASONS[x.status] || "")));
    }
    if (error) ansLabel.appendChild(el("span", "mark error-mark", "ERROR " + x.status));
    if (fault) ansLabel.appendChild(el("span", "mark fault-mark", "FAULT " + fault));
    ans.appendChild(ansLabel);
    ans.appendChild(el("div", "line"));
    const p = error ? problemOf(x) : null;
    if (p) {
      const d = el("div", "problem");
      d.appendChild(el("span", "problem-type", p.type || ""));
      if (p.title) d.appendChild(el("span", "problem-title", " " + p.title));
      if (p.detail) d.appendChild(el("span", "", ": "));
      if (p.detail) d.appendChild(el("span", "problem-detail", p.detail));
      ans.appendChild(d);
    }
    ans.appendChild(meta(x));
    ansLane.appendChild(ans);
    ansRow.appendChild(ansLane);
    ansRow.appendChild(el("div", "side"));
    box.appendChild(ansRow);
    return box;
  }

  function renderTimeline(json) {
    const named = json.exchanges.find((x) => x.response && typeof x.response === "object" && typeof x.response.identifier === "string");
    timeline.serverId = named ? named.response.identifier : null;
    const seq = $("#seq");
    seq.replaceChildren();
    const heads = el("div", "seq-heads");
    heads.appendChild(el("div", "actor client", "client"));
    heads.appendChild(el("div", "actor server", "server: " + (json.service || "signer")));
    seq.appendChild(heads);
    let group = null;
    for (const x of json.exchanges) {
      const step = stepOf(x.method, x.path);
      if (step.group !== group) {
        group = step.group;
        const row = el("div", "seq-row phase-row");
        row.appendChild(el("div", "when"));
        const lane = el("div", "lane");
        lane.appendChild(el("div", "phase", group));
        row.appendChild(lane);
        row.appendChild(el("div", "side"));
        seq.appendChild(row);
      }
      seq.appendChild(renderExchange(x));
    }
    const faults = json.exchanges.filter((x) => x.fault).length;
    const errors = json.exchanges.filter((x) => x.status >= 400).length;
    $("#timeline-status").textContent = json.exchanges.length + " exchange(s), " + faults + " with a fault, " + errors
      + " error answer(s)" + (json.bodies ? "" : "; bodies are not kept (SIGNER_JOURNAL_BODIES=false)");
    highlight(timeline.request, false);
    if (timeline.arrow) {
      const [id, kind] = timeline.arrow;
      const a = document.querySelector('#seq .exchange[data-request-id="' + CSS.escape(id) + '"] .arrow.' + kind);
      if (a) a.classList.add("selected");
    }
  }

  function highlight(id, scroll) {
    for (const x of document.querySelectorAll("#seq .exchange")) x.classList.toggle("highlight", x.dataset.requestId === id);
    const x = id && document.querySelector('#seq .exchange[data-request-id="' + CSS.escape(id) + '"]');
    if (x && scroll) x.scrollIntoView({ block: "center" });
  }

  function showExchange(x, a) {
    for (const s of document.querySelectorAll(".arrow.selected")) s.classList.remove("selected");
    a.classList.add("selected");
    timeline.arrow = [x.request_id, a.classList.contains("request") ? "request" : "answer"];
    markSelected(x.request_id);
    openDrawer(x.request_id, summaryOf(x));
    $("#request-body").textContent = pretty(x.request);
    $("#response-body").textContent = pretty(x.response);
  }

  async function loadTimeline(scroll) {
    if (!timeline.keyid) return;
    const keyid = timeline.keyid;
    const r = await call("GET", "/admin/transcripts/" + encodeURIComponent(keyid));
    if (keyid !== timeline.keyid) return; // another key was opened meanwhile
    $("#timeline").hidden = false;
    $("#timeline-keyid").textContent = keyid;
    if (!r.ok) {
      $("#seq").replaceChildren();
      $("#timeline-status").textContent = "HTTP " + r.status + (r.json && r.json.detail ? ": " + r.json.detail : "");
      $("#timeline").dataset.loaded = "error";
      return;
    }
    timeline.exchanges = r.json.exchanges;
    renderTimeline(r.json);
    $("#timeline").dataset.loaded = String(Date.now());
    if (scroll) {
      if (timeline.request) highlight(timeline.request, true);
      else $("#timeline").scrollIntoView({ block: "start" });
    }
  }

  /** The location's hash names what to show: #key=<keyid>&request=<request id>[&only=timeline]. */
  function fromHash() {
    const h = new URLSearchParams(location.hash.replace(/^#/, ""));
    const key = h.get("key");
    const only = h.get("only") === "timeline";
    document.body.classList.toggle("only-timeline", only);
    if (!key) {
      timeline.keyid = null;
      $("#timeline").hidden = true;
      return;
    }
    timeline.keyid = key;
    timeline.request = h.get("request");
    for (const tr of document.querySelectorAll("#keys tbody tr")) tr.classList.toggle("selected", tr.dataset.keyid === key);
    // the page showing the timeline only (a screenshot) starts at its top
    loadTimeline(!only).then(() => {
      const x = timeline.request && timeline.exchanges.find((e) => e.request_id === timeline.request);
      if (x && h.get("bodies") === "answer") {
        const a = document.querySelector('#seq .exchange[data-request-id="' + CSS.escape(x.request_id) + '"] .arrow.answer');
        if (a) showExchange(x, a);
      }
    });
  }

  window.addEventListener("hashchange", fromHash);
  $("#timeline-close").addEventListener("click", () => { history.pushState(null, "", location.pathname); fromHash(); });

  // one refresh at a time; a request made meanwhile runs once the current one ends
  let loading = false, again = false;
  // SIGNER_DETERMINISTIC_SEED, from /health/ready: a deterministic service holds test keys only
  async function loadMode() {
    const r = await call("GET", "/health/ready");
    const mode = r.ok && r.json ? r.json.mode : null;
    const m = $("#mode");
    m.dataset.mode = mode || "";
    m.textContent = mode === "deterministic" ? "· deterministic mode: test keys (SIGNER_DETERMINISTIC_SEED)"
      : mode ? "· " + mode + " nonces" : "";
    m.className = mode === "deterministic" ? "error" : "muted";
  }

  async function refresh() {
    if (loading) { again = true; return; }
    loading = true;
    try {
      await Promise.all([loadKeys(), loadFaults(), loadJournal(), loadTimeline(false)]);
      document.body.dataset.loaded = String(Date.now());
    } catch (e) {
      say("refresh failed: " + e, true);
    } finally {
      loading = false;
      if (again) { again = false; refresh(); }
    }
  }

  $("#refresh").addEventListener("click", refresh);
  setInterval(() => { if ($("#auto").checked) refresh(); }, 3000);
  loadMode();
  refresh().then(fromHash);
})();
