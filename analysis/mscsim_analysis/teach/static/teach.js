"use strict";
// The teaching page: controls -> POST /api/runs -> poll GET /api/runs/<id> -> draw.
// No libraries: the dial, the charts and the legend are SVG, the lattice a canvas.

// Okabe–Ito colours (colour-blind safe). Index = category code sent by the server.
const PALETTE = [
  { name: "MSC0 (resting)", colour: "#8C8C8C", msc: true },
  { name: "MSC1 (pro-inflammatory)", colour: "#D55E00", msc: true },
  { name: "MSC2 (suppressive)", colour: "#0072B2", msc: true },
  { name: "T cell (CD4, CD8)", colour: "#F0E442" },
  { name: "Treg", colour: "#009E73" },
  { name: "macrophage", colour: "#CC79A7" },
  { name: "dendritic cell", colour: "#E69F00" },
  { name: "NK cell", colour: "#000000" },
  { name: "B cell", colour: "#56B4E9" },
];
const IMMUNE_LINES = [
  { key: "balance/m2_vs_m1", name: "macrophages M2 : M1", colour: "#CC79A7", dash: "" },
  { key: "balance/treg_vs_th1_th17_ctl", name: "Treg : effector T", colour: "#009E73", dash: "6 3" },
  { key: "balance/toldc_vs_mdc", name: "tolerogenic : mature DC", colour: "#E69F00", dash: "2 2" },
  { key: "balance/breg_vs_activated_b_plasma", name: "Breg : active B", colour: "#56B4E9", dash: "8 2 2 2" },
];
const GROUPS = [
  ["The tissue", ["th1_count", "ifng_level", "tnfa_level", "damage"]],
  ["The MSCs", ["priming", "msc_count", "freshly_thawed"]],
  ["Knock-outs (MSC mediators)", ["ido_knockout", "pge2_knockout", "tgfb_knockout"]],
  ["The run", ["duration_h", "seed"]],
];
const SVG = "http://www.w3.org/2000/svg";
let CONFIG = null;
let panelCount = 0;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const signed = (v) => (v < 0 ? "−" : "+") + Math.abs(v).toFixed(2);
const $ = (root, sel) => root.querySelector(sel);

function svgEl(name, attrs, parent) {
  const e = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
  if (parent) parent.appendChild(e);
  return e;
}

function niceTicks(lo, hi, n) {
  const span = hi - lo || 1;
  const raw = span / n, mag = Math.pow(10, Math.floor(Math.log10(raw)));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => span / s <= n) || 10 * mag;
  const out = [];
  for (let t = Math.ceil(lo / step) * step; t <= hi + 1e-9; t += step) out.push(Math.round(t * 1e6) / 1e6);
  return out;
}

// A line chart: x in hours, lines = [{values, colour, dash, name}], fixed or fitted y range.
function lineChart(svg, xs, lines, opts) {
  svg.innerHTML = "";
  const W = 320, H = opts.height || 150, L = 34, R = 8, T = 8, B = 20;
  svg.setAttribute("viewBox", `0 0 ${W} ${H}`);
  let lo = opts.ymin, hi = opts.ymax;
  if (lo === undefined || hi === undefined) {
    const all = lines.flatMap((l) => l.values).filter((v) => v !== null && isFinite(v));
    lo = Math.min(0, ...all); hi = Math.max(0, ...all);
    if (hi - lo < 1) { hi += 0.5; lo -= 0.5; }
  }
  const x1 = Math.max(...xs, 1);
  const sx = (x) => L + (x / x1) * (W - L - R);
  const sy = (y) => T + (1 - (y - lo) / (hi - lo)) * (H - T - B);
  for (const t of niceTicks(lo, hi, 4)) {
    svgEl("line", { x1: L, x2: W - R, y1: sy(t), y2: sy(t), stroke: t === 0 ? "#888" : "#e4e1da",
                    "stroke-dasharray": t === 0 ? "4 3" : "" }, svg);
    svgEl("text", { x: L - 4, y: sy(t) + 3, "text-anchor": "end" }, svg).textContent = t;
  }
  for (const t of niceTicks(0, x1, 6)) {
    svgEl("text", { x: sx(t), y: H - 6, "text-anchor": "middle" }, svg).textContent = t + " h";
  }
  svgEl("line", { x1: L, x2: L, y1: T, y2: H - B, stroke: "#999" }, svg);
  for (const line of lines) {
    let d = "";
    line.values.forEach((v, i) => {
      if (v === null || !isFinite(v)) return;
      d += (d ? " L " : "M ") + sx(xs[i]).toFixed(1) + " " + sy(Math.min(hi, Math.max(lo, v))).toFixed(1);
    });
    svgEl("path", { d, fill: "none", stroke: line.colour, "stroke-width": 2, "stroke-dasharray": line.dash || "" }, svg);
  }
  if (opts.top) svgEl("text", { x: L + 4, y: T + 9, style: `fill:${opts.top[1]}` }, svg).textContent = opts.top[0];
  if (opts.bottom) svgEl("text", { x: L + 4, y: H - B - 3, style: `fill:${opts.bottom[1]}` }, svg).textContent = opts.bottom[0];
}

function legendHtml(lines) {
  return lines.map((l) => `<span><svg width="22" height="8"><line x1="0" x2="22" y1="4" y2="4" stroke="${l.colour}"
    stroke-width="2" stroke-dasharray="${l.dash || ""}"/></svg>${l.name}</span>`).join("");
}

class Panel {
  constructor(el, { title, small, shouldSee }) {
    this.el = el;
    this.id = ++panelCount;
    el.innerHTML = document.getElementById("panel-template").innerHTML.replaceAll("GRADID", "grad-" + this.id);
    el.classList.add(small ? "small" : "big");
    $(el, ".panel-title").textContent = title;
    if (shouldSee && shouldSee.length) {
      $(el, ".should-see").innerHTML = "<b>A student should see:</b>" +
        shouldSee.map((s) => `<li>${s}</li>`).join("");
    }
    $(el, ".legend").innerHTML = PALETTE.map((p) =>
      `<span><i class="${p.msc ? "round" : ""}" style="background:${p.colour}"></i>${p.name}</span>`).join("");
    this.canvas = $(el, "canvas.lattice");
    this.frames = [];
    this.lattice = [100, 100];
    this.frameSlider = $(el, ".frame");
    this.frameSlider.addEventListener("input", () => this.showFrame(+this.frameSlider.value));
    $(el, ".show-immune").addEventListener("change", () => this.showFrame(+this.frameSlider.value));
    $(el, ".play").addEventListener("click", () => this.play());
    this.clearCharts();
  }

  clearCharts() {
    for (const c of this.el.querySelectorAll("svg.chart")) c.innerHTML = "";
  }

  setDial(value, when) {
    const v = Math.max(-1, Math.min(1, value));
    $(this.el, ".needle").setAttribute("transform", `rotate(${(v * 90).toFixed(2)} 120 120)`);
    const out = $(this.el, ".dial-value");
    out.textContent = signed(value);
    out.dataset.value = String(value);
    out.style.color = value > 0.1 ? "#0072B2" : value < -0.1 ? "#D55E00" : "#333";
    $(this.el, ".dial-when").textContent = when;
  }

  setCounts(msc) {
    $(this.el, ".msc-counts").innerHTML = `<span class="c0">${msc[0]}</span> MSC0 · ` +
      `<span class="c1">${msc[1]}</span> MSC1 · <span class="c2">${msc[2]}</span> MSC2`;
  }

  begin(text) {
    this.stop();
    this.el.dataset.state = "running";
    this.el.dataset.runId = "";
    $(this.el, ".bar").style.width = "0%";
    $(this.el, ".progress-text").textContent = text || "starting…";
    $(this.el, ".caption").textContent = "";
    $(this.el, ".dial-value").dataset.value = "";
    $(this.el, ".timing").textContent = "";
    // Until the new run's first lattice snapshot arrives, what is left on screen is the
    // previous run: greyed out and labelled so.
    this.el.dataset.live = "no";
    $(this.el, ".dial-when").textContent = "previous run (greyed); the new one is starting";
  }

  update(run) {
    this.el.dataset.runId = run.id;
    $(this.el, ".command code").textContent = run.command;
    if (run.state === "queued" || run.state === "running") {
      $(this.el, ".bar").style.width = run.progress.toFixed(1) + "%";
      $(this.el, ".progress-text").textContent =
        `running: ${run.progress.toFixed(0)} % · ${run.simulated_h.toFixed(0)} h simulated · ${run.elapsed_s.toFixed(1)} s`;
      if (run.live) {
        this.el.dataset.live = "yes";
        this.frames = [run.live];
        this.frameSlider.max = 0;
        this.showFrame(0);
        this.setDial(run.live.msc_balance, `live, from the lattice at ${run.live.time_h.toFixed(0)} h`);
        this.setCounts(run.live.msc);
      }
    } else if (run.state === "failed") {
      this.el.dataset.state = "failed";
      $(this.el, ".progress-text").textContent = "the run failed";
      $(this.el, ".caption").innerHTML = `<span class="error">mscsim said: ${escapeHtml(run.error)}</span>`;
    } else if (run.state === "done") {
      this.finish(run);
    }
  }

  finish(run) {
    const res = run.result, s = res.series, f = res.final, m = res.meta;
    this.lattice = res.lattice;
    this.frames = res.frames;
    this.frameSlider.max = Math.max(0, this.frames.length - 1);
    this.frameSlider.value = this.frameSlider.max;
    this.showFrame(this.frames.length - 1);
    this.setDial(f["balance/msc_balance"], `at ${m.duration_h.toFixed(0)} h, the end of the run`);
    this.setCounts([f["msc/msc0"], f["msc/msc1"], f["msc/msc2"]].map((v) => Math.round(v)));
    const t = s.time_h;
    lineChart($(this.el, ".chart-balance"), t, [{ values: s["balance/msc_balance"], colour: "#333" }],
              { ymin: -1, ymax: 1, top: ["MSC2 side", "#0072B2"], bottom: ["MSC1 side", "#D55E00"] });
    const present = IMMUNE_LINES.filter((l) => s[l.key]);
    const flat = present.filter((l) => s[l.key].every((v) => v === 0 || v === null));
    const immune = present.filter((l) => !flat.includes(l)).map((l) => ({ ...l, values: s[l.key] }));
    lineChart($(this.el, ".chart-immune"), t, immune, {});
    let leg = $(this.el, ".chart-immune").parentNode.querySelector(".legend-lines");
    if (!leg) {
      leg = document.createElement("div");
      leg.className = "legend legend-lines";
      $(this.el, ".chart-immune").parentNode.appendChild(leg);
    }
    leg.innerHTML = legendHtml(immune) + (flat.length ? `<span class="small">not shown (always 0): ${
      flat.map((l) => l.name).join(", ")}</span>` : "");
    lineChart($(this.el, ".chart-disease"), t, [{ values: s["tissue/disease_activity"], colour: "#A6361C" }],
              { ymin: 0, ymax: 100 });
    $(this.el, ".caption").textContent = res.caption;
    const timing = `${m.duration_h.toFixed(0)} simulated hours on a ${res.lattice[0]} × ${res.lattice[1]} lattice ` +
      `took ${m.app_wall_s.toFixed(1)} s (${m.threads} thread${m.threads === 1 ? "" : "s"}, seed ${m.seed}).`;
    $(this.el, ".timing").textContent = "This run: " + timing;
    $(this.el, ".bar").style.width = "100%";
    $(this.el, ".progress-text").textContent = `done in ${m.app_wall_s.toFixed(1)} s`;
    this.el.dataset.state = "done";
    document.getElementById("footer-timing").textContent =
      `Last run (${$(this.el, ".panel-title").textContent}): ${timing}`;
  }

  showFrame(i) {
    const frame = this.frames[i];
    const ctx = this.canvas.getContext("2d");
    const [nx, ny] = this.lattice;
    // Draw at the size the canvas is shown (times the screen's pixel ratio): a scaled
    // bitmap would turn some small discs into squares.
    const shown = this.canvas.clientWidth || 400;
    const s = (shown * (window.devicePixelRatio || 1)) / Math.max(nx, ny);
    this.canvas.width = Math.round(nx * s); this.canvas.height = Math.round(ny * s);
    ctx.fillStyle = "#fbfaf7";
    ctx.fillRect(0, 0, this.canvas.width, this.canvas.height);
    if (!frame) return;
    // Immune cells: small pale squares, one voxel each; MSCs: large outlined discs on top,
    // so the MSC states stay readable in a crowded tissue.
    if ($(this.el, ".show-immune").checked) {
      ctx.globalAlpha = 0.6;
      for (let k = 0; k < frame.c.length; k++) {
        const p = PALETTE[frame.c[k]];
        if (p.msc) continue;
        ctx.fillStyle = p.colour;
        ctx.fillRect(frame.x[k] * s + 0.12 * s, frame.y[k] * s + 0.12 * s, 0.76 * s, 0.76 * s);
      }
      ctx.globalAlpha = 1;
    }
    ctx.lineWidth = 1;
    ctx.strokeStyle = "#222";
    for (let k = 0; k < frame.c.length; k++) {
      const p = PALETTE[frame.c[k]];
      if (!p.msc) continue;
      ctx.beginPath();
      ctx.arc((frame.x[k] + 0.5) * s, (frame.y[k] + 0.5) * s, 1.4 * s, 0, 2 * Math.PI);
      ctx.fillStyle = p.colour; ctx.fill(); ctx.stroke();
    }
    $(this.el, ".frame-time").textContent = `${frame.time_h.toFixed(0)} h`;
  }

  play() {
    if (this.frames.length < 2) return;
    this.stop();
    let i = 0;
    this.timer = setInterval(() => {
      this.frameSlider.value = i;
      this.showFrame(i);
      if (++i >= this.frames.length) this.stop();
    }, 500);
  }

  stop() { if (this.timer) clearInterval(this.timer); this.timer = null; }
}

function escapeHtml(s) {
  return String(s).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]));
}

async function runInto(panel, scenario, values, batch) {
  panel.begin();
  let run;
  try {
    const r = await fetch("/api/runs", { method: "POST", headers: { "Content-Type": "application/json" },
                                          body: JSON.stringify({ scenario, values, batch }) });
    run = await r.json();
    if (!r.ok) { panel.update({ id: "", state: "failed", error: run.error, command: "" }); return; }
  } catch (e) {
    panel.update({ id: "", state: "failed", error: String(e), command: "" });
    return;
  }
  panel.update(run);
  for (;;) {
    await sleep(400);
    try {
      run = await (await fetch("/api/runs/" + run.id)).json();
    } catch (e) {
      panel.update({ id: run.id, state: "failed", error: "lost contact with the app: " + e, command: run.command });
      return;
    }
    panel.update(run);
    if (run.state === "done" || run.state === "failed") return run;
  }
}

// ---- the controls ----
function formatValue(id, v) {
  const sc = CONFIG.scenarios[baseName()];
  switch (id) {
    case "th1_count": return `${v} cells` + (sc.cd8_count ? ` (+${sc.cd8_count} CTLs)` : "");
    case "ifng_level": return `${(+v).toFixed(1)}× · ${(v * sc.ifng_per_th1).toFixed(0)} ng/mL/h per Th1`;
    case "tnfa_level": return `${(+v).toFixed(1)}× · ${(v * sc.tnfa_per_th1).toFixed(0)} ng/mL/h per Th1`;
    case "damage": return `${(+v).toFixed(1)} ng/mL`;
    case "msc_count": {
      const t = +controlValue("th1_count") + sc.cd8_count;
      return `${v} cells` + (v > 0 && t > 0 ? ` · MSC : T = 1 : ${(t / v).toFixed(1)}` : "");
    }
    case "duration_h": return `${v} h (${(v / 24).toFixed(1)} days)`;
    default: return String(v);
  }
}

const baseName = () => document.getElementById("base-scenario").value;
function controlInput(id) { return document.getElementById("ctl-" + id); }
function controlValue(id) {
  const c = CONFIG.controls.find((x) => x.id === id), input = controlInput(id);
  if (c.kind === "switch") return input.checked;
  if (c.kind === "choice") return input.value;
  return +input.value;
}
function allValues() {
  const out = {};
  for (const c of CONFIG.controls) out[c.id] = controlValue(c.id);
  return out;
}
function refreshValueTexts() {
  for (const c of CONFIG.controls) {
    if (c.kind === "slider") document.getElementById("val-" + c.id).textContent = formatValue(c.id, controlValue(c.id));
  }
}
function setControls(values) {
  for (const c of CONFIG.controls) {
    const input = controlInput(c.id);
    if (c.kind === "switch") input.checked = !!values[c.id];
    else input.value = values[c.id];
  }
  refreshValueTexts();
}

function tipText(c) {
  const keys = c.keys.some((k) => c.tooltip.includes(k)) ? "" : " Scenario key" +
    (c.keys.length > 1 ? "s: " : ": ") + c.keys.join(", ") + ".";
  return "What this changes: " + c.tooltip + keys;
}

function buildControls() {
  const rows = document.getElementById("control-rows");
  const byId = Object.fromEntries(CONFIG.controls.map((c) => [c.id, c]));
  for (const [group, ids] of GROUPS) {
    rows.insertAdjacentHTML("beforeend", `<div class="group">${group}</div>`);
    for (const id of ids) {
      const c = byId[id];
      const tip = `<span class="tip" tabindex="0" data-tip="${escapeHtml(tipText(c))}">?</span>`;
      let html;
      if (c.kind === "slider") {
        html = `<label class="row" for="ctl-${id}" title="${escapeHtml(tipText(c))}"><span class="name"><span>${c.label}${tip}</span>
          <span class="value" id="val-${id}"></span></span>
          <input type="range" id="ctl-${id}" min="${c.min}" max="${c.max}" step="${c.step}"></label>`;
      } else if (c.kind === "choice") {
        html = `<label class="row" for="ctl-${id}" title="${escapeHtml(tipText(c))}"><span class="name"><span>${c.label}${tip}</span></span>
          <select id="ctl-${id}">${c.choices.map(([v, t]) => `<option value="${v}">${t}</option>`).join("")}</select></label>`;
      } else {
        html = `<label class="switch" for="ctl-${id}" title="${escapeHtml(tipText(c))}"><input type="checkbox" id="ctl-${id}">${c.label}${tip}</label>`;
      }
      rows.insertAdjacentHTML("beforeend", html);
      controlInput(id).addEventListener("input", refreshValueTexts);
    }
  }
  const select = document.getElementById("base-scenario");
  for (const name of CONFIG.order) select.insertAdjacentHTML("beforeend",
    `<option value="${name}">${CONFIG.scenarios[name].title}</option>`);
  select.value = "balanced";
  select.addEventListener("change", () => setControls(CONFIG.scenarios[baseName()].values));
  document.getElementById("reset-button").addEventListener("click",
    () => setControls(CONFIG.scenarios[baseName()].values));
  setControls(CONFIG.scenarios[baseName()].values);
}

async function main() {
  CONFIG = await (await fetch("/api/config")).json();
  buildControls();
  const mainPanel = new Panel(document.getElementById("panel-main"), { title: "Result" });
  const runButton = document.getElementById("run-button");
  runButton.addEventListener("click", async () => {
    runButton.disabled = true;
    $(mainPanel.el, ".panel-title").textContent =
      `Result (from ${CONFIG.scenarios[baseName()].title}, your settings)`;
    try { await runInto(mainPanel, baseName(), allValues(), 1); } finally { runButton.disabled = false; }
  });

  const columns = document.getElementById("preset-columns");
  const presets = CONFIG.order.map((name) => {
    const el = document.createElement("div");
    el.className = "panel";
    el.id = "preset-" + name;
    columns.appendChild(el);
    const sc = CONFIG.scenarios[name];
    const panel = new Panel(el, { title: sc.title, small: true, shouldSee: sc.should_see });
    $(el, ".panel-head").insertAdjacentHTML("beforeend", `<div class="preset-buttons">
      <button type="button" class="run preset-run">▶ Run</button>
      <button type="button" class="preset-load">Use in my experiment</button></div>`);
    const run = (batch) => runInto(panel, name, {}, batch);
    $(el, ".preset-run").addEventListener("click", () => run(1));
    $(el, ".preset-load").addEventListener("click", () => {
      document.getElementById("base-scenario").value = name;
      setControls(sc.values);
      document.getElementById("experiment").scrollIntoView({ behavior: "smooth" });
    });
    return run;
  });
  const allButton = document.getElementById("run-all-presets");
  allButton.addEventListener("click", async () => {
    allButton.disabled = true;
    try { await Promise.all(presets.map((run) => run(presets.length))); } finally { allButton.disabled = false; }
  });
}

main();
