// The sandbox console: plain fetch calls to the admin endpoints, no build step.
"use strict";
(function () {
  const $ = (sel) => document.querySelector(sel);
  const keyInput = $("#api-key");
  keyInput.value = sessionStorage.getItem("frostApiKey") || "";
  keyInput.addEventListener("change", () => { sessionStorage.setItem("frostApiKey", keyInput.value); refresh(); });

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

  function cell(tr, text, cls) {
    const td = document.createElement("td");
    td.textContent = text === null || text === undefined ? "" : String(text);
    if (cls) td.className = cls;
    tr.appendChild(td);
    return td;
  }

  function say(text, isError) {
    const m = $("#message");
    m.textContent = text;
    m.className = isError ? "error" : "muted";
  }

  async function loadKeys() {
    const r = await call("GET", "/admin/keys");
    const body = $("#keys tbody");
    body.replaceChildren();
    if (!r.ok) { say("keys: HTTP " + r.status + (r.json && r.json.title ? " " + r.json.title : ""), true); return; }
    $("#service").textContent = r.json.service + " (" + r.json.prefix + ")";
    for (const k of r.json.keys) {
      const tr = document.createElement("tr");
      tr.dataset.keyid = k.keyid;
      cell(tr, k.keyid, "mono keyid");
      cell(tr, k.ciphersuite, "ciphersuite");
      cell(tr, k.verifying_key, "mono verifying-key");
      cell(tr, k.min_signers);
      cell(tr, k.created_at);
      body.appendChild(tr);
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
    $("#fault-form").hidden = false;
    const rules = rulesOf(r.json);
    status.textContent = rules.length ? rules.length + " rule(s)" : "No fault rules.";
    for (const f of rules) {
      const tr = document.createElement("tr");
      tr.dataset.id = f.id;
      for (const k of ["id", "method", "path", "keyid", "fault", "delay_ms", "abort", "percentage", "times", "ttl_seconds", "fired"]) {
        cell(tr, f[k], (k === "id" || k === "path" || k === "keyid" ? "mono " : "") + "fault-" + k.replace("_", "-"));
      }
      const td = cell(tr, "");
      const b = document.createElement("button");
      b.type = "button";
      b.className = "fault-remove";
      b.dataset.id = f.id;
      b.textContent = "Remove";
      b.addEventListener("click", async () => {
        const d = await call("DELETE", "/admin/faults/" + encodeURIComponent(f.id));
        say(d.ok ? "rule " + f.id + " removed" : "remove failed: HTTP " + d.status, !d.ok);
        refresh();
      });
      td.appendChild(b);
      body.appendChild(tr);
    }
  }

  async function loadJournal() {
    const r = await call("GET", "/admin/requests?limit=200");
    const body = $("#journal tbody");
    body.replaceChildren();
    if (!r.ok) return;
    for (const e of r.json.requests) {
      const tr = document.createElement("tr");
      tr.dataset.requestId = e.request_id;
      cell(tr, e.time);
      cell(tr, e.method);
      cell(tr, e.path, "mono");
      cell(tr, e.keyid, "mono");
      cell(tr, e.status, "status-" + String(e.status).charAt(0));
      cell(tr, e.latency_ms);
      cell(tr, e.fault);
      cell(tr, e.request_id, "mono");
      if (e.request_id === selected) tr.classList.add("selected");
      tr.addEventListener("click", () => showBodies(e.request_id));
      body.appendChild(tr);
    }
  }

  function pretty(b) {
    if (b === null || b === undefined) return "(not kept, or none)";
    return typeof b === "string" ? b : JSON.stringify(b, null, 2);
  }

  // the request whose bodies are shown: kept selected across refreshes
  let selected = null;
  async function showBodies(id) {
    selected = id;
    for (const tr of document.querySelectorAll("#journal tbody tr")) {
      tr.classList.toggle("selected", tr.dataset.requestId === id);
    }
    const r = await call("GET", "/admin/requests/" + encodeURIComponent(id));
    $("#bodies").hidden = false;
    $("#bodies-id").textContent = id;
    if (!r.ok) {
      $("#request-body").textContent = "HTTP " + r.status + (r.json && r.json.detail ? ": " + r.json.detail : "");
      $("#response-body").textContent = "";
      return;
    }
    $("#request-body").textContent = pretty(r.json.request_body);
    $("#response-body").textContent = pretty(r.json.response_body);
  }

  $("#fault-form").addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const rule = {};
    for (const input of ev.target.querySelectorAll("input")) {
      const v = input.value.trim();
      if (!v) continue;
      rule[input.name] = input.type === "number" ? Number(v) : v;
    }
    const r = await call("POST", "/admin/faults", rule);
    if (r.ok) {
      say("rule added" + (r.json && r.json.id ? ": " + r.json.id : ""), false);
      ev.target.reset();
    } else {
      say("add failed: HTTP " + r.status + (r.json && r.json.detail ? ": " + r.json.detail : ""), true);
    }
    refresh();
  });

  // one refresh at a time; a request made meanwhile runs once the current one ends
  let loading = false, again = false;
  async function refresh() {
    if (loading) { again = true; return; }
    loading = true;
    try {
      await Promise.all([loadKeys(), loadFaults(), loadJournal()]);
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
  refresh();
})();
