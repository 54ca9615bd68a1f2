'use strict';

// The UserOps console: reads the segmentation service's API every few seconds and draws it with Chart.js.
// Each chart's section carries data-state (ready, empty, error) and data-points, so a test can tell what it shows.

const REFRESH_MS = 5000;
const HOUR_MS = 3600 * 1000;
const EVENTS_TOPIC = 'userops.events.v1';
const GUARD_BOUND_SECONDS = 300;
const STAGE_COLOURS = {
  NEW: '#93a5f5', ACTIVATED: '#3b82f6', ENGAGED: '#16a34a', AT_RISK: '#f59e0b',
  DORMANT: '#a16207', CHURNED: '#dc2626', RESURRECTED: '#9333ea'
};
const PALETTE = ['#3b82f6', '#16a34a', '#f59e0b', '#dc2626', '#9333ea', '#0891b2', '#db2777', '#65a30d',
  '#7c3aed', '#ea580c', '#0d9488', '#4b5563'];
const FUNNEL = [
  ['triggered', 'triggered', '#93a5f5'], ['heldOut', 'held out', '#9ca3af'], ['sent', 'sent', '#3b82f6'],
  ['delivered', 'delivered', '#0891b2'], ['converted', 'converted', '#16a34a']
];

const state = { history: [], charts: {}, lagGroup: 'all' };

Chart.defaults.animation = false;
Chart.defaults.maintainAspectRatio = false;
Chart.defaults.font.size = 11;
Chart.defaults.plugins.legend.position = 'bottom';
Chart.defaults.plugins.legend.labels.boxWidth = 12;

async function fetchJson(path) {
  const response = await fetch(path, { cache: 'no-store' });
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    const reason = body && body.error ? body.error.message : `answered ${response.status}`;
    throw new Error(`${path}: ${reason}`);
  }
  return body;
}

function section(name) {
  return document.querySelector(`[data-chart="${name}"]`);
}

/** Records what a chart shows: ready with some points, empty (with why), or error. */
function mark(name, points, emptyMessage) {
  const element = section(name);
  element.dataset.points = String(points);
  element.dataset.state = points > 0 ? 'ready' : 'empty';
  element.dataset.message = points > 0 ? '' : emptyMessage;
}

function markError(name, error) {
  const element = section(name);
  element.dataset.state = 'error';
  element.dataset.points = '0';
  element.dataset.message = error.message;
}

function chart(id, type, options) {
  if (!state.charts[id]) {
    state.charts[id] = new Chart(document.getElementById(id), {
      type, data: { labels: [], datasets: [] }, options: options || {}
    });
  }
  return state.charts[id];
}

function show(id, type, labels, datasets, options) {
  const target = chart(id, type, options);
  target.data.labels = labels;
  target.data.datasets = datasets;
  target.update('none');
}

function colour(index) {
  return PALETTE[index % PALETTE.length];
}

function clock(iso) {
  return new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

function number(value, digits) {
  if (value === null || value === undefined || Number.isNaN(value)) {
    return '–';
  }
  return Number(value).toLocaleString([], { maximumFractionDigits: digits === undefined ? 1 : digits });
}

function line(label, data, index) {
  return { label, data, borderColor: colour(index), backgroundColor: colour(index), pointRadius: 0, borderWidth: 1.5,
    spanGaps: true };
}

/** What a consumer group is, for people: the application ids end the way the runtime names them. */
function stageName(group) {
  if (group.endsWith('-delivery')) {
    return 'Delivery';
  }
  if (group.includes('trigger')) {
    return 'Trigger';
  }
  if (group.includes('segmentation')) {
    return 'Segmentation';
  }
  return group;
}

// ---- pipeline history: the last hour once, then the newest readings on every refresh

async function refreshHistory() {
  const minutes = state.history.length === 0 ? 60 : 1;
  const body = await fetchJson(`/v1/ops/history?minutes=${minutes}`);
  const newest = state.history.length ? state.history[state.history.length - 1].at : '';
  body.points.filter(p => p.at > newest).forEach(p => state.history.push(p));
  const cutoff = Date.now() - HOUR_MS;
  while (state.history.length && Date.parse(state.history[0].at) < cutoff) {
    state.history.shift();
  }
}

/** Records written to the events topic per second between readings: the tracking API's output. */
function ingestRates() {
  const rates = [null];
  for (let i = 1; i < state.history.length; i++) {
    const before = state.history[i - 1];
    const after = state.history[i];
    const seconds = (Date.parse(after.at) - Date.parse(before.at)) / 1000;
    const written = (after.topicEnds[EVENTS_TOPIC] || 0) - (before.topicEnds[EVENTS_TOPIC] || 0);
    rates.push(seconds > 0 && written >= 0 ? written / seconds : null);
  }
  return rates;
}

function groupsInHistory() {
  const groups = [];
  state.history.forEach(p => Object.keys(p.groups).forEach(g => {
    if (!groups.includes(g)) {
      groups.push(g);
    }
  }));
  return groups;
}

function drawHistory() {
  const labels = state.history.map(p => clock(p.at));
  const groups = groupsInHistory();
  const ingest = ingestRates();
  const rates = [line('Tracking API (events written)', ingest, 0)];
  groups.forEach((g, i) => rates.push(line(`${stageName(g)} (${g})`,
    state.history.map(p => (p.groups[g] ? p.groups[g].recordsPerSecond : null)), i + 1)));
  show('stage-rates', 'line', labels, rates, { scales: { y: { beginAtZero: true } } });
  const rateValues = rates.flatMap(d => d.data).filter(v => v !== null && v !== undefined);
  mark('stage-rates', rateValues.length, 'no two readings yet');

  const ages = groups.map((g, i) => line(stageName(g),
    state.history.map(p => (p.groups[g] ? p.groups[g].maxAgeSeconds : null)), i + 1));
  show('lag-age', 'line', labels, ages, { scales: { y: { beginAtZero: true } } });
  mark('lag-age', state.history.length * groups.length, 'no reading yet');

  drawPartitionLag(labels, groups);
}

function drawPartitionLag(labels, groups) {
  const picker = document.getElementById('lag-group');
  const options = ['all'].concat(groups);
  if (picker.options.length !== options.length) {
    picker.innerHTML = '';
    options.forEach(g => picker.add(new Option(g === 'all' ? 'all groups' : g, g)));
    picker.value = state.lagGroup;
    picker.onchange = () => {
      state.lagGroup = picker.value;
      drawHistory();
    };
  }
  const shown = state.lagGroup === 'all' ? groups : [state.lagGroup];
  const datasets = [];
  shown.forEach(g => {
    const partitions = new Set();
    state.history.forEach(p => Object.keys((p.groups[g] || {}).partitions || {}).forEach(k => partitions.add(k)));
    [...partitions].sort().forEach(partition => datasets.push(line(
      shown.length > 1 ? `${stageName(g)} ${partition}` : partition,
      state.history.map(p => (p.groups[g] && p.groups[g].partitions[partition] !== undefined
        ? p.groups[g].partitions[partition] : null)),
      datasets.length)));
  });
  show('partition-lag', 'line', labels, datasets, {
    plugins: { legend: { display: datasets.length <= 12 } }, scales: { y: { beginAtZero: true } }
  });
  mark('partition-lag', datasets.length ? state.history.length : 0, 'no partition read yet');
}

// ---- the pipeline graph: the tracking API, then every consumer group in pipeline order

async function refreshPipeline() {
  const [lag, freshness, guard] = await Promise.all([
    fetchJson('/v1/ops/lag'), fetchJson('/v1/ops/freshness'), campaignsBody().catch(() => null)
  ]);
  const ingest = ingestRates();
  const boxes = [stageBox('Tracking API', `writes ${EVENTS_TOPIC}`, ingest[ingest.length - 1], null, null)];
  lag.groups.forEach(g => boxes.push(stageBox(stageName(g.group), g.group, g.recordsPerSecond, g.records,
    g.maxAgeSeconds)));
  const graph = document.getElementById('pipeline');
  graph.innerHTML = '';
  boxes.forEach((box, i) => {
    if (i > 0) {
      const arrow = document.createElement('div');
      arrow.className = 'arrow';
      arrow.textContent = '→';
      graph.appendChild(arrow);
    }
    graph.appendChild(box);
  });
  mark('pipeline', lag.groups.length, lag.error || 'no consumer group read yet');
  drawStatus(freshness, guard ? guard.guard : null);
}

function stageBox(name, detail, rate, records, ageSeconds) {
  const box = document.createElement('div');
  box.className = 'stage';
  if (ageSeconds !== null && ageSeconds >= GUARD_BOUND_SECONDS) {
    box.classList.add('bad');
  } else if (ageSeconds !== null && ageSeconds >= 30) {
    box.classList.add('warn');
  }
  const figures = [`${number(rate)} records/s`];
  if (records !== null) {
    figures.push(`lag ${number(records, 0)} records, oldest ${number(ageSeconds)} s`);
  }
  box.innerHTML = '<div class="name"></div><div class="group"></div><div class="figures"></div>';
  box.querySelector('.name').textContent = name;
  box.querySelector('.group').textContent = detail;
  box.querySelector('.figures').textContent = figures.join(' · ');
  return box;
}

function drawStatus(freshness, guard) {
  const status = document.getElementById('status');
  const parts = [];
  if (freshness.freshnessSeconds === null) {
    parts.push('<span>no transition yet</span>');
  } else {
    const stale = freshness.freshnessSeconds >= GUARD_BOUND_SECONDS;
    parts.push(`<span class="${stale ? 'bad' : 'ok'}">newest transition ${number(freshness.freshnessSeconds)} s old</span>`);
  }
  if (guard) {
    parts.push(guard.holding
      ? `<span class="bad">guard holding ${number(guard.heldSends, 0)} sends: ${guard.reason || 'lag above bound'}</span>`
      : '<span class="ok">guard open</span>');
  }
  parts.push(`updated ${new Date().toLocaleTimeString()}`);
  status.innerHTML = parts.join(' · ');
}

// ---- lifecycle, segments and tags

async function refreshStages() {
  const body = await fetchJson('/v1/lifecycle/stages');
  const stages = Object.keys(body.stages);
  show('stages', 'bar', stages, [{
    label: 'users', data: stages.map(s => body.stages[s]), backgroundColor: stages.map(s => STAGE_COLOURS[s] || '#999')
  }], { plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true } } });
  mark('stages', body.total, 'no user seen yet');
}

async function refreshTransitions() {
  const since = Date.now() - HOUR_MS;
  const body = await fetchJson(`/v1/lifecycle/transitions/per-minute?since=${since}`);
  const labels = [];
  const counts = [];
  const first = Object.keys(body.minutes)[0];
  if (first) {
    for (let t = Date.parse(first); t <= Date.now(); t += 60000) {
      const key = new Date(t).toISOString().replace('.000Z', 'Z');
      labels.push(clock(key).slice(0, 5));
      counts.push(body.minutes[key] || 0);
    }
  }
  show('transitions', 'bar', labels, [{ label: 'transitions', data: counts, backgroundColor: '#3b82f6' }],
    { plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true } } });
  mark('transitions', counts.reduce((a, b) => a + b, 0), 'no transition in the last hour');
}

async function refreshSegments() {
  const body = await fetchJson('/v1/segments');
  const names = body.segments.map(s => s.name);
  show('segments', 'bar', names, [{ label: 'members', data: body.segments.map(s => s.size), backgroundColor: '#0891b2' }],
    { indexAxis: 'y', plugins: { legend: { display: false } }, scales: { x: { beginAtZero: true } } });
  mark('segments', body.segments.reduce((sum, s) => sum + s.size, 0), 'no segment has members yet');
}

async function refreshTags() {
  const body = await fetchJson('/v1/tags/summary');
  drawRfm(body.rfm || {});
  const tiers = Object.keys(body.valueTiers || {});
  show('tiers', 'bar', tiers, [{ label: 'users', data: tiers.map(t => body.valueTiers[t]),
    backgroundColor: ['#9333ea', '#3b82f6', '#0891b2', '#9ca3af'] }],
  { plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true } } });
  mark('tiers', tiers.reduce((sum, t) => sum + body.valueTiers[t], 0), 'no purchaser scored yet');
}

/** Recency (rows, 5 at the top) against frequency (columns), summed over monetary scores. */
function drawRfm(cells) {
  const grid = [0, 0, 0, 0, 0].map(() => [0, 0, 0, 0, 0]);
  let total = 0;
  Object.keys(cells).forEach(key => {
    const match = /^r(\d)f(\d)m(\d)$/.exec(key);
    if (match) {
      grid[Number(match[1]) - 1][Number(match[2]) - 1] += cells[key];
      total += cells[key];
    }
  });
  const most = Math.max(1, ...grid.flat());
  const table = document.getElementById('rfm');
  const rows = ['<tr><th></th>' + [1, 2, 3, 4, 5].map(f => `<th>F${f}</th>`).join('') + '</tr>'];
  for (let r = 5; r >= 1; r--) {
    const row = grid[r - 1].map(n => {
      const alpha = n === 0 ? 0 : 0.15 + 0.85 * (n / most);
      const ink = alpha > 0.6 ? '#fff' : 'inherit';
      return `<td style="background: rgba(59,130,246,${alpha.toFixed(2)}); color: ${ink}">${n || ''}</td>`;
    }).join('');
    rows.push(`<tr><th>R${r}</th>${row}</tr>`);
  }
  table.innerHTML = rows.join('');
  mark('rfm', total, 'no purchaser scored yet');
}

// ---- campaigns, through this service from the trigger service

let campaignsRequest = null;

/** One request per refresh, shared by the status line and the campaign charts. */
function campaignsBody() {
  if (!campaignsRequest) {
    campaignsRequest = fetchJson('/v1/console/campaigns');
  }
  return campaignsRequest;
}

async function refreshCampaigns() {
  const body = await campaignsBody();
  const names = body.campaigns.map(c => c.name || c.id);
  const datasets = FUNNEL.map(([field, label, fill]) => ({
    label, data: body.campaigns.map(c => (c.counts ? c.counts[field] : 0)), backgroundColor: fill
  }));
  show('funnels', 'bar', names, datasets, { indexAxis: 'y', scales: { x: { beginAtZero: true } } });
  const uplift = document.getElementById('uplift');
  const rows = ['<tr><th>campaign</th><th>sent conv.</th><th>held-out conv.</th><th>uplift [95%]</th></tr>'];
  body.campaigns.forEach(c => {
    const s = c.stats || {};
    const u = s.uplift || {};
    let text = u.status ? u.status.toLowerCase().replace(/_/g, ' ') : '–';
    let css = '';
    if (u.status === 'MEASURED') {
      text = `${signed(u.absolute)} [${signed(u.lower)}, ${signed(u.upper)}]`;
      css = u.lower > 0 ? 'up' : (u.upper < 0 ? 'down' : '');
    }
    rows.push(`<tr><td></td><td>${percent(s.perSentConversionRate)}</td><td>${percent(s.holdoutConversionRate)}</td>`
      + `<td class="${css}">${text}</td></tr>`);
  });
  uplift.innerHTML = rows.join('');
  uplift.querySelectorAll('tr td:first-child').forEach((cell, i) => {
    cell.textContent = names[i];
  });
  mark('campaigns', body.campaigns.reduce((sum, c) => sum + (c.counts ? c.counts.triggered : 0), 0),
    'no campaign triggered yet');
}

function percent(rate) {
  return rate === null || rate === undefined || Number.isNaN(rate) ? '–' : `${(100 * rate).toFixed(1)}%`;
}

function signed(value) {
  return `${value >= 0 ? '+' : ''}${(100 * value).toFixed(1)} pt`;
}

// ---- dead letters

async function refreshDeadLetters() {
  const body = await fetchJson('/v1/ops/dead-letters');
  const labels = body.deadLetters.map(d => `${d.stage}: ${d.reason}`);
  show('dead-letters', 'bar', labels, [{ label: 'records', data: body.deadLetters.map(d => d.count),
    backgroundColor: '#dc2626' }],
  { indexAxis: 'y', plugins: { legend: { display: false } }, scales: { x: { beginAtZero: true } } });
  mark('dead-letters', body.deadLetters.reduce((sum, d) => sum + d.count, 0), 'no dead letters: every record was read');
}

// ---- the refresh loop: each panel on its own, so one failing source leaves the others drawing

const PANELS = [
  [['stage-rates', 'lag-age', 'partition-lag'], async () => { await refreshHistory(); drawHistory(); }],
  [['pipeline'], refreshPipeline],
  [['stages'], refreshStages],
  [['transitions'], refreshTransitions],
  [['segments'], refreshSegments],
  [['rfm', 'tiers'], refreshTags],
  [['campaigns'], refreshCampaigns],
  [['dead-letters'], refreshDeadLetters]
];

async function refresh() {
  campaignsRequest = null;
  // The history first: the pipeline graph's tracking API rate is read from it.
  for (const [names, panel] of PANELS) {
    try {
      await panel();
    } catch (error) {
      names.forEach(name => markError(name, error));
    }
  }
  document.body.dataset.refreshes = String(Number(document.body.dataset.refreshes || 0) + 1);
  setTimeout(refresh, REFRESH_MS);
}

refresh();
