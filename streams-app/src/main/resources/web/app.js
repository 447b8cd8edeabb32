// The built-in web dashboard: reads the app's read-only API (/api/v1/), draws with ECharts (served
// from its WebJar by the app), and polls /api/v1/status to redraw when the figures change.
// Labels are Bahasa Indonesia; colours and lines are those of the Grafana dashboards.
"use strict";

const API = "/api/v1";
const POLL_MS = 5000;
const RANKED_SHOWN = 10;
const COLORS = {
  red: "#f2495c",
  orange: "#ff9830",
  green: "#73bf69",
  darkGreen: "#37872d",
  blue: "#5794f2",
  grey: "#8a94a3",
};
// IKM/SKM bands (PermenPANRB 14/2017), as in the Grafana dashboards and IkmBand.java.
const IKM = {
  A: { label: "Sangat Baik", from: 88.31, to: 100, color: COLORS.darkGreen, css: "dark-green" },
  B: { label: "Baik", from: 76.61, to: 88.31, color: COLORS.green, css: "green" },
  C: { label: "Kurang Baik", from: 65, to: 76.61, color: COLORS.orange, css: "orange" },
  D: { label: "Tidak Baik", from: 25, to: 65, color: COLORS.red, css: "red" },
};
const PARTICIPATION_LOW = 0.05;
const ATTENDANCE_LINE = 0.8;
const PACE_GAP_WARN = -0.2;
const SUPPRESSED = "Disembunyikan (< 5 tanggapan)";
const RULES = {
  LOW_PARTICIPATION: "Partisipasi rendah",
  NO_ACTIVITY: "Tidak ada kegiatan",
  LOW_ATTENDANCE: "Kehadiran rendah",
  LOW_SATISFACTION: "Kepuasan rendah",
  JP_BEHIND_PACE: "Capaian 20 JP di bawah garis laju",
};
const SEVERITIES = { CRITICAL: ["Kritis", "red"], WARNING: ["Peringatan", "orange"] };
const ORGANIZER_KINDS = {
  BKN: "BKN",
  LAN: "LAN",
  BKPSDM: "BKPSDM",
  UNIVERSITY: "Perguruan tinggi",
  MINISTRY: "Kementerian",
  OTHER: "Lainnya",
};

const percentFormat = new Intl.NumberFormat("id-ID", { style: "percent", maximumFractionDigits: 1, minimumFractionDigits: 1 });
const numberFormat = new Intl.NumberFormat("id-ID", { maximumFractionDigits: 1 });
const integerFormat = new Intl.NumberFormat("id-ID", { maximumFractionDigits: 0 });
const dayFormat = new Intl.DateTimeFormat("id-ID", { day: "numeric", month: "short", timeZone: "UTC" });
const dateFormat = new Intl.DateTimeFormat("id-ID", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
const timeFormat = new Intl.DateTimeFormat("id-ID", { hour: "2-digit", minute: "2-digit", second: "2-digit", timeZone: "Asia/Jakarta" });

const state = { status: null, version: null, units: [], rankingAll: false, rendering: false };

// ---------- formatting ----------
const pct = (v) => (v === null || v === undefined ? "–" : percentFormat.format(v));
const num = (v) => (v === null || v === undefined ? "–" : numberFormat.format(v));
const int = (v) => (v === null || v === undefined ? "–" : integerFormat.format(v));
const day = (iso) => dayFormat.format(new Date(iso + "T00:00:00Z"));
const longDate = (iso) => dateFormat.format(new Date(iso + "T00:00:00Z"));
const participationClass = (v) => (v === null || v === undefined ? "" : v < PARTICIPATION_LOW ? "red" : "green");
const attendanceClass = (v) => (v === null || v === undefined ? "" : v < ATTENDANCE_LINE ? "red" : "green");
const paceClass = (gap) => (gap === null ? "" : gap < PACE_GAP_WARN ? "red" : gap < 0 ? "orange" : "green");
const bandOf = (index) => {
  if (index === null || index === undefined) return null;
  if (index >= IKM.A.from) return "A";
  if (index >= IKM.B.from) return "B";
  if (index >= IKM.C.from) return "C";
  return "D";
};

function esc(text) {
  return String(text ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}

function unitLink(id, name) {
  return `<a href="#/unit/${encodeURIComponent(id)}" data-unit="${esc(id)}">${esc(name)}</a>`;
}

function bandBadge(index, suppressed) {
  if (suppressed) return `<span class="suppressed">${SUPPRESSED}</span>`;
  const band = bandOf(index);
  if (!band) return "–";
  return `${num(index)} <span class="badge ${IKM[band].css}">${band} · ${IKM[band].label}</span>`;
}

function bar(value, cls) {
  const width = value === null || value === undefined ? 0 : Math.max(0, Math.min(1, value)) * 100;
  const color = cls === "red" ? COLORS.red : COLORS.green;
  return `<div class="bar"><div class="track"><div class="fill" style="width:${width}%;background:${color}"></div></div><span class="pct">${pct(value)}</span></div>`;
}

function card(label, value, sub, cls, testId, raw) {
  const data = testId ? ` data-testid="${esc(testId)}" data-value="${raw ?? ""}"` : "";
  return `<div class="card ${cls || ""}"><div class="label">${esc(label)}</div><div class="value"${data}>${value}</div><div class="sub">${sub || ""}</div></div>`;
}

// ---------- data ----------
async function get(path) {
  const response = await fetch(API + path, { headers: { Accept: "application/json" } });
  if (!response.ok) {
    let message = response.statusText;
    try {
      message = (await response.json()).message;
    } catch (ignored) {
      // not JSON: keep the status text
    }
    const error = new Error(message);
    error.status = response.status;
    throw error;
  }
  return response.json();
}

function weekOf(records, start) {
  return records.find((r) => r.windowStart === start) || null;
}

// ---------- charts ----------
const charts = new Map();

function chart(id, option) {
  const el = document.getElementById(id);
  if (!el) return;
  let instance = charts.get(id);
  if (instance && instance.getDom() !== el) {
    instance.dispose();
    instance = null;
  }
  if (!instance || instance.isDisposed()) {
    instance = echarts.init(el, null, { renderer: "canvas" });
    charts.set(id, instance);
  } else {
    // Drawn while its view was hidden, or the window changed: take the container's size now.
    instance.resize();
  }
  instance.setOption(Object.assign({ animation: false, textStyle: { fontSize: 14 } }, option), true);
}

function emptyGraphic(text) {
  return { type: "text", left: "center", top: "middle", style: { text, fontSize: 15, fill: COLORS.grey } };
}

function weeklyChart(id, records, openWeek, kind) {
  const labels = records.map((r) => day(r.windowStart));
  const isOpen = (r) => r.status === "PROVISIONAL" || r.windowStart === openWeek;
  const grid = { left: 56, right: 24, top: 24, bottom: 40 };
  const tooltip = { trigger: "axis" };
  // Every week labelled while they fit; ECharts thins them out beyond that.
  const xAxis = { type: "category", data: labels, axisLabel: { fontSize: 12, interval: labels.length <= 8 ? 0 : "auto", hideOverlap: true } };
  const suffix = (r) => (isOpen(r) ? " (sementara)" : "");
  if (!records.length) {
    chart(id, { graphic: emptyGraphic("Belum ada data minggu ini"), xAxis: { show: false }, yAxis: { show: false }, series: [] });
    return;
  }
  if (kind === "participation") {
    chart(id, {
      grid, tooltip: { trigger: "axis", formatter: (p) => `${esc(p[0].name)}${suffix(records[p[0].dataIndex])}<br>Partisipasi ${pct(p[0].value)}` },
      xAxis, yAxis: { type: "value", min: 0, axisLabel: { formatter: (v) => percentFormat.format(v) } },
      series: [{
        type: "bar", name: "Partisipasi",
        data: records.map((r) => ({
          value: r.participationRate,
          itemStyle: { color: r.participationRate !== null && r.participationRate < PARTICIPATION_LOW ? COLORS.red : COLORS.green, opacity: isOpen(r) ? 0.45 : 1 },
        })),
      }],
    });
  } else if (kind === "attendance") {
    chart(id, {
      grid, tooltip, xAxis,
      yAxis: { type: "value", min: 0, max: 1, axisLabel: { formatter: (v) => percentFormat.format(v) } },
      series: [{
        type: "line", name: "Kehadiran", connectNulls: false, symbolSize: 8, lineStyle: { width: 3 }, itemStyle: { color: COLORS.blue },
        data: records.map((r) => r.attendanceRate),
        markLine: { symbol: "none", silent: true, lineStyle: { color: COLORS.red, type: "dashed", width: 2 }, label: { formatter: "80 %" }, data: [{ yAxis: ATTENDANCE_LINE }] },
      }],
    });
  } else if (kind === "jp") {
    chart(id, {
      grid, tooltip, xAxis, yAxis: { type: "value", min: 0 },
      series: [{ type: "bar", name: "JP tersampaikan", itemStyle: { color: COLORS.blue }, data: records.map((r) => ({ value: r.jpDelivered, itemStyle: { opacity: isOpen(r) ? 0.45 : 1 } })) }],
    });
  } else if (kind === "satisfaction") {
    const any = records.some((r) => r.satisfactionIndex !== null);
    chart(id, {
      grid, tooltip, xAxis,
      graphic: any ? [] : Object.assign(emptyGraphic(SUPPRESSED), { top: 8 }),
      yAxis: { type: "value", min: 25, max: 100 },
      series: [{
        type: "line", name: "Indeks kepuasan", connectNulls: false, symbolSize: 8, lineStyle: { width: 3 }, itemStyle: { color: COLORS.blue },
        data: records.map((r) => r.satisfactionIndex),
        markArea: {
          silent: true,
          data: Object.entries(IKM).map(([band, b]) => [
            { yAxis: b.from, itemStyle: { color: b.color, opacity: 0.13 }, label: { show: true, position: "insideRight", formatter: band, color: b.color } },
            { yAxis: b.to },
          ]),
        },
      }],
    });
  }
}

function attainmentChart(id, ytd) {
  if (!ytd) {
    chart(id, { graphic: emptyGraphic("Belum ada data tahun ini"), xAxis: { show: false }, yAxis: { show: false }, series: [] });
    return;
  }
  const gap = ytd.attainmentRatio === null ? null : ytd.attainmentRatio - ytd.expectedAttainment;
  const color = { red: COLORS.red, orange: COLORS.orange, green: COLORS.green }[paceClass(gap)] || COLORS.blue;
  chart(id, {
    grid: { left: 24, right: 40, top: 30, bottom: 36 },
    xAxis: { type: "value", min: 0, max: 1, axisLabel: { formatter: (v) => percentFormat.format(v) } },
    yAxis: { type: "category", data: ["Capaian 20 JP"], axisLabel: { show: false } },
    series: [{
      type: "bar", barWidth: 34, data: [{ value: ytd.attainmentRatio, itemStyle: { color } }],
      label: { show: true, position: "right", formatter: (p) => pct(p.value) },
      markLine: { symbol: "none", silent: true, lineStyle: { color: COLORS.grey, type: "dashed", width: 2 }, label: { formatter: "Garis laju " + pct(ytd.expectedAttainment) }, data: [{ xAxis: ytd.expectedAttainment }] },
    }],
  });
}

// ---------- views ----------
function show(view) {
  for (const section of document.querySelectorAll("section.view")) section.hidden = section.id !== "view-" + view;
  for (const link of document.querySelectorAll("header nav a")) link.classList.toggle("active", link.dataset.nav === view);
}

function route() {
  const hash = decodeURIComponent(location.hash.replace(/^#\/?/, ""));
  const [view, ...rest] = hash.split("/");
  if (view === "unit") return { view: "unit", unitId: rest.join("/") || null };
  if (view === "program") return { view: "program" };
  return { view: "ringkasan" };
}

async function renderRingkasan() {
  const status = state.status;
  const [ranking, alerts, ...perRoot] = await Promise.all([
    get("/activity?period=previous"),
    get("/alerts"),
    ...status.roots.map((root) => Promise.all([get("/units/" + encodeURIComponent(root)), get("/units/" + encodeURIComponent(root) + "/activity")])),
  ]);
  const blocks = perRoot.map(([detail, weeks], i) => rootBlock(status.roots[i], detail, weeks, status));
  document.getElementById("roots").innerHTML = blocks.map((b) => b.html).join("");
  document.getElementById("root-names").textContent = perRoot.map(([d]) => d.unit.name).join(" · ");
  blocks.forEach((b) => b.draw());
  renderRanking(ranking, status);
  renderAlerts(alerts);
}

function rootBlock(root, detail, weeks, status) {
  const last = weekOf(weeks, status.lastClosedWeek);
  const open = weekOf(weeks, status.openWeek);
  const ytd = detail.ytd;
  const headcount = detail.unit.headcount;
  const thisWeek = (text) => `Minggu ini (sementara): ${text}`;
  const gap = ytd && ytd.attainmentRatio !== null ? ytd.attainmentRatio - ytd.expectedAttainment : null;
  const closedLabel = status.lastClosedWeek ? "minggu lalu, " + day(status.lastClosedWeek) : "belum ada minggu yang ditutup";
  const id = root.replace(/[^A-Za-z0-9_-]/g, "_");
  const cards = [
    card("Partisipasi " + (last ? "minggu lalu" : ""), pct(last?.participationRate), thisWeek(pct(open?.participationRate)), participationClass(last?.participationRate), "participation-previous-" + root, last?.participationRate),
    card("Peserta dari jumlah ASN", last ? `${int(last.participants)} <span class="muted">/ ${int(last.headcount)}</span>` : "–", thisWeek(open ? `${int(open.participants)} dari ${int(open.headcount)}` : "–"), "", "participants-previous-" + root, last?.participants),
    card("Kehadiran minggu lalu", pct(last?.attendanceRate), thisWeek(pct(open?.attendanceRate)), attendanceClass(last?.attendanceRate), "attendance-previous-" + root, last?.attendanceRate),
    card("Indeks kepuasan minggu lalu", last ? (last.satisfactionSuppressed ? `<span class="suppressed">${SUPPRESSED}</span>` : num(last.satisfactionIndex)) : "–",
      (last && !last.satisfactionSuppressed ? bandBadge(last.satisfactionIndex, false).replace(/^[^<]*/, "") + " · " : "") + thisWeek(open ? (open.satisfactionSuppressed ? "disembunyikan" : num(open.satisfactionIndex)) : "–"),
      last && !last.satisfactionSuppressed ? IKM[bandOf(last.satisfactionIndex)].css : "", "satisfaction-previous-" + root, last?.satisfactionIndex),
    card("Capaian 20 JP tahun ini", pct(ytd?.attainmentRatio), ytd ? `Garis laju ${pct(ytd.expectedAttainment)} · selisih ${gap === null ? "–" : numberFormat.format(gap * 100) + " poin"}` : "", paceClass(gap), "attainment-" + root, ytd?.attainmentRatio),
    card("ASN tanpa JP tahun ini", int(ytd?.employeesZeroJp), `dari ${int(headcount)} ASN`, "", "zero-jp-" + root, ytd?.employeesZeroJp),
  ];
  const html = `<div class="root-block" data-root="${esc(root)}">
    <h1>${unitLink(root, detail.unit.name)} <span class="muted">· ${esc(closedLabel)}</span></h1>
    <div class="cards">${cards.join("")}</div>
    <div class="grid charts">
      <article class="panel"><h2>Tren partisipasi per minggu</h2><div class="chart" id="root-${id}-participation"></div></article>
      <article class="panel"><h2>Kehadiran dan garis 80 %</h2><div class="chart" id="root-${id}-attendance"></div></article>
      <article class="panel"><h2>Indeks kepuasan dan mutu IKM</h2><div class="chart" id="root-${id}-satisfaction"></div></article>
      <article class="panel"><h2>Capaian 20 JP terhadap garis laju</h2><div class="chart" id="root-${id}-attainment"></div></article>
    </div></div>`;
  return {
    html,
    draw: () => {
      weeklyChart(`root-${id}-participation`, weeks, status.openWeek, "participation");
      weeklyChart(`root-${id}-attendance`, weeks, status.openWeek, "attendance");
      weeklyChart(`root-${id}-satisfaction`, weeks, status.openWeek, "satisfaction");
      attainmentChart(`root-${id}-attainment`, ytd);
    },
  };
}

function renderRanking(records, status) {
  const ranked = records
    .filter((r) => r.depth > 0 && r.headcount >= status.minCohort && r.participationRate !== null)
    .sort((a, b) => a.participationRate - b.participationRate || a.unitId.localeCompare(b.unitId));
  const shown = state.rankingAll ? ranked : ranked.slice(0, RANKED_SHOWN);
  document.getElementById("ranking-note").textContent = status.lastClosedWeek
    ? `Minggu ${longDate(status.lastClosedWeek)}; unit dengan ${status.minCohort} ASN atau lebih, terendah di atas.`
    : "Belum ada minggu yang ditutup.";
  document.getElementById("ranking-rows").innerHTML = shown
    .map((r, i) => `<tr data-unit="${esc(r.unitId)}"><td>${i + 1}</td><td>${unitLink(r.unitId, r.unitName)}</td><td class="num">${int(r.headcount)}</td><td class="num">${int(r.participants)}</td><td>${bar(r.participationRate, participationClass(r.participationRate))}</td></tr>`)
    .join("");
  const more = document.getElementById("ranking-more");
  more.hidden = ranked.length <= RANKED_SHOWN;
  more.textContent = state.rankingAll ? "Tampilkan 10 terendah saja" : `Tampilkan semua (${ranked.length} unit)`;
}

function renderAlerts(alerts) {
  const list = document.getElementById("alerts");
  if (!alerts.length) {
    list.innerHTML = `<li class="muted">Tidak ada peringatan yang menyala.</li>`;
    return;
  }
  const order = { CRITICAL: 0, WARNING: 1 };
  list.innerHTML = alerts
    .slice()
    .sort((a, b) => order[a.severity] - order[b.severity] || a.unitName.localeCompare(b.unitName))
    .map((a) => {
      const [label, css] = SEVERITIES[a.severity] || [a.severity, "grey"];
      return `<li data-unit="${esc(a.unitId)}"><span class="badge ${css}">${esc(label)}</span> <strong>${esc(RULES[a.rule] || a.rule)}</strong> · ${unitLink(a.unitId, a.unitName)}
        <div>${esc(a.message)}</div><div class="meta">Sejak minggu ${esc(longDate(a.windowStart))}</div></li>`;
    })
    .join("");
}

async function renderUnit(unitId) {
  const status = state.status;
  fillUnitNames();
  if (!unitId) {
    location.replace("#/unit/" + encodeURIComponent(status.roots[0]));
    return;
  }
  const [detail, weeks, previous, ytds, alerts] = await Promise.all([
    get("/units/" + encodeURIComponent(unitId)),
    get("/units/" + encodeURIComponent(unitId) + "/activity"),
    get("/activity?period=previous"),
    get("/jp-ytd"),
    get("/alerts"),
  ]);
  const unit = detail.unit;
  document.getElementById("unit-title").innerHTML = `${esc(unit.name)} <span class="muted">· ${esc(unit.kind)}</span>`;
  document.getElementById("breadcrumb").innerHTML = detail.path
    .map((u, i) => (i === detail.path.length - 1 ? `<span>${esc(u.name)}</span>` : unitLink(u.unitId, u.name)))
    .join('<span class="sep">›</span>');
  const last = weekOf(weeks, status.lastClosedWeek);
  const open = weekOf(weeks, status.openWeek);
  const ytd = detail.ytd;
  const gap = ytd && ytd.attainmentRatio !== null ? ytd.attainmentRatio - ytd.expectedAttainment : null;
  const firing = alerts.filter((a) => a.unitId === unitId);
  document.getElementById("unit-cards").innerHTML = [
    card("Jumlah ASN", int(unit.headcount), unit.depth === 0 ? "seluruh kota" : detail.children.length ? `${detail.children.length} sub-unit` : "tanpa sub-unit", ""),
    card("Partisipasi minggu lalu", pct(last?.participationRate), `Minggu ini (sementara): ${pct(open?.participationRate)}`, participationClass(last?.participationRate), "unit-participation-previous", last?.participationRate),
    card("Peserta minggu lalu", last ? `${int(last.participants)} <span class="muted">/ ${int(last.headcount)}</span>` : "–", open ? `Minggu ini: ${int(open.participants)}` : "", ""),
    card("Kehadiran minggu lalu", pct(last?.attendanceRate), "Garis 80 %", attendanceClass(last?.attendanceRate)),
    card("Indeks kepuasan minggu lalu", last ? (last.satisfactionSuppressed ? `<span class="suppressed">${SUPPRESSED}</span>` : num(last.satisfactionIndex)) : "–",
      last && !last.satisfactionSuppressed ? bandBadge(last.satisfactionIndex, false).replace(/^[^<]*/, "") : "", last && !last.satisfactionSuppressed ? IKM[bandOf(last.satisfactionIndex)].css : ""),
    card("Capaian 20 JP", pct(ytd?.attainmentRatio), ytd ? `Garis laju ${pct(ytd.expectedAttainment)}` : "", paceClass(gap)),
    card("ASN tanpa JP", int(ytd?.employeesZeroJp), "tahun ini", ""),
    card("Peringatan aktif", int(firing.length), firing.map((a) => esc(RULES[a.rule] || a.rule)).join(", "), firing.length ? "orange" : "green"),
  ].join("");
  weeklyChart("unit-chart-participation", weeks, status.openWeek, "participation");
  weeklyChart("unit-chart-attendance", weeks, status.openWeek, "attendance");
  weeklyChart("unit-chart-jp", weeks, status.openWeek, "jp");
  weeklyChart("unit-chart-satisfaction", weeks, status.openWeek, "satisfaction");
  renderChildren(detail, previous, ytds);
}

function renderChildren(detail, previous, ytds) {
  const panel = document.getElementById("children-panel");
  panel.hidden = detail.children.length === 0;
  if (panel.hidden) return;
  const byUnit = new Map(previous.map((r) => [r.unitId, r]));
  const ytdByUnit = new Map(ytds.map((y) => [y.unitId, y]));
  const rows = detail.children
    .map((c) => ({ unit: c, week: byUnit.get(c.unitId) || null, ytd: ytdByUnit.get(c.unitId) || null }))
    .sort((a, b) => (a.week?.participationRate ?? -1) - (b.week?.participationRate ?? -1) || a.unit.name.localeCompare(b.unit.name));
  document.getElementById("children-rows").innerHTML = rows
    .map(({ unit, week, ytd }) => `<tr data-unit="${esc(unit.unitId)}"><td>${unitLink(unit.unitId, unit.name)}</td><td class="num">${int(unit.headcount)}</td>
      <td class="num">${int(week?.participants)}</td><td class="num">${pct(week?.participationRate)}</td><td class="num">${pct(week?.attendanceRate)}</td>
      <td class="num">${week ? (week.satisfactionSuppressed ? '<span class="suppressed">disembunyikan</span>' : num(week.satisfactionIndex)) : "–"}</td>
      <td class="num">${pct(ytd?.attainmentRatio)}</td></tr>`)
    .join("");
  const charted = rows.slice().reverse();
  document.getElementById("unit-chart-children").style.height = Math.max(240, 28 * charted.length + 60) + "px";
  chart("unit-chart-children", {
    grid: { left: 8, right: 60, top: 10, bottom: 30, containLabel: true },
    tooltip: { trigger: "axis", valueFormatter: (v) => pct(v) },
    xAxis: { type: "value", min: 0, axisLabel: { formatter: (v) => percentFormat.format(v) } },
    yAxis: { type: "category", data: charted.map((r) => r.unit.name), axisLabel: { fontSize: 13, width: 260, overflow: "truncate" } },
    series: [{
      type: "bar", name: "Partisipasi minggu lalu",
      label: { show: true, position: "right", formatter: (p) => pct(p.value) },
      data: charted.map((r) => ({ value: r.week?.participationRate ?? null, itemStyle: { color: participationClass(r.week?.participationRate) === "red" ? COLORS.red : COLORS.green } })),
    }],
  });
}

function fillUnitNames() {
  const list = document.getElementById("unit-names");
  if (list.childElementCount === state.units.length) return;
  list.innerHTML = state.units.map((u) => `<option value="${esc(u.name)}">${esc(u.unitId)}</option>`).join("");
}

function weightedByKind(programs, field) {
  const sums = new Map();
  for (const p of programs) {
    if (p.satisfactionSuppressed || p[field] === null || p.feedbackResponses === 0) continue;
    const s = sums.get(p.organizerKind) || { total: 0, weight: 0 };
    s.total += p[field] * p.feedbackResponses;
    s.weight += p.feedbackResponses;
    sums.set(p.organizerKind, s);
  }
  return [...sums.entries()].map(([kind, s]) => ({ kind, value: s.total / s.weight })).sort((a, b) => a.value - b.value);
}

function kindChart(id, rows, colorOf, axis) {
  if (!rows.length) {
    chart(id, { graphic: emptyGraphic(SUPPRESSED), xAxis: { show: false }, yAxis: { show: false }, series: [] });
    return;
  }
  chart(id, {
    grid: { left: 8, right: 56, top: 10, bottom: 30, containLabel: true },
    tooltip: { trigger: "axis", valueFormatter: (v) => num(v) },
    xAxis: Object.assign({ type: "value" }, axis),
    yAxis: { type: "category", data: rows.map((r) => ORGANIZER_KINDS[r.kind] || r.kind), axisLabel: { fontSize: 13 } },
    series: [{ type: "bar", label: { show: true, position: "right", formatter: (p) => num(p.value) }, data: rows.map((r) => ({ value: r.value, itemStyle: { color: colorOf(r.value) } })) }],
  });
}

async function renderProgram() {
  const status = state.status;
  const week = status.lastClosedWeek;
  document.getElementById("program-week").textContent = week ? "· minggu " + longDate(week) : "· belum ada minggu yang ditutup";
  const programs = week ? (await get(`/programs?from=${week}&to=${week}`)).filter((p) => p.status === "FINAL" && p.participants + p.feedbackResponses > 0) : [];
  kindChart("kind-chart-satisfaction", weightedByKind(programs, "satisfactionIndex"), (v) => IKM[bandOf(v)].color, { min: 25, max: 100 });
  kindChart("kind-chart-career", weightedByKind(programs, "careerRelevanceMean"), () => COLORS.blue, { min: 1, max: 5 });
  kindChart("kind-chart-nps", weightedByKind(programs, "nps"), (v) => (v < 0 ? COLORS.red : COLORS.green), { min: -100, max: 100 });
  const sorted = programs.slice().sort((a, b) => (a.satisfactionSuppressed - b.satisfactionSuppressed) || (b.satisfactionIndex ?? 0) - (a.satisfactionIndex ?? 0) || a.title.localeCompare(b.title));
  document.getElementById("program-rows").innerHTML = sorted.length
    ? sorted
        .map((p) => `<tr data-program="${esc(p.programId)}"><td>${esc(p.title)}</td><td>${esc(p.organizer)} <span class="muted">(${esc(ORGANIZER_KINDS[p.organizerKind] || p.organizerKind)})</span></td>
          <td class="num">${int(p.participants)}</td><td class="num">${int(p.feedbackResponses)}</td><td>${bandBadge(p.satisfactionIndex, p.satisfactionSuppressed)}</td>
          <td class="num">${p.satisfactionSuppressed ? "–" : num(p.careerRelevanceMean)}</td><td class="num">${p.satisfactionSuppressed ? "–" : num(p.nps)}</td></tr>`)
        .join("")
    : `<tr><td colspan="7" class="muted">Belum ada program dengan peserta pada minggu yang ditutup.</td></tr>`;
}

// ---------- live ----------
function setLive(kind, text) {
  const live = document.getElementById("live");
  live.className = "live " + kind;
  document.getElementById("live-text").textContent = text;
}

function updatedText(status) {
  return status.updatedAt ? "Diperbarui " + timeFormat.format(new Date(status.updatedAt)) + " WIB" : "Menunggu data pertama";
}

async function render() {
  if (state.rendering) return;
  state.rendering = true;
  try {
    const status = state.status;
    if (!status || !status.ready || !status.roots.length) {
      show("waiting");
      document.getElementById("waiting-text").textContent = status && status.ready
        ? "Belum ada unit kerja di data referensi."
        : "Pipeline masih membaca topik agregat; halaman ini akan terisi sendiri.";
      return;
    }
    const r = route();
    show(r.view);
    if (r.view === "unit") await renderUnit(r.unitId);
    else if (r.view === "program") await renderProgram();
    else await renderRingkasan();
    document.body.dataset.renderedVersion = String(status.version);
  } catch (error) {
    if (error.status === 404) {
      show("waiting");
      document.getElementById("waiting-text").textContent = "Unit tidak ditemukan: " + error.message;
    } else {
      setLive("down", "Gagal memuat: " + error.message);
    }
  } finally {
    state.rendering = false;
  }
}

async function poll() {
  try {
    const status = await get("/status");
    const changed = !state.status || status.version !== state.status.version || status.ready !== state.status.ready;
    state.status = status;
    setLive(status.ready ? "ok" : "", status.ready ? updatedText(status) + " · dicek " + timeFormat.format(new Date()) : "Memuat data…");
    if (changed && status.ready) {
      state.units = await get("/units");
      await render();
    } else if (changed) {
      await render();
    }
  } catch (error) {
    setLive("down", "Koneksi ke pipeline terputus; mencoba lagi…");
  }
}

document.getElementById("ranking-more").addEventListener("click", () => {
  state.rankingAll = !state.rankingAll;
  render();
});
document.getElementById("unit-search").addEventListener("change", (event) => {
  const text = event.target.value.trim().toLowerCase();
  const unit = state.units.find((u) => u.name.toLowerCase() === text) || state.units.find((u) => u.unitId.toLowerCase() === text)
    || state.units.find((u) => u.name.toLowerCase().includes(text));
  if (unit) {
    event.target.value = "";
    location.hash = "#/unit/" + encodeURIComponent(unit.unitId);
  }
});
window.addEventListener("hashchange", render);
window.addEventListener("resize", () => charts.forEach((c) => c.resize()));
poll();
setInterval(poll, POLL_MS);
