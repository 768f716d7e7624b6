// The operator dashboard: sign-in with the operator key, per-currency panels fed by the API,
// and live updates from the operator event stream. Plain ES modules, no build step.
import { api, ApiError, readEvents, session } from './api.js';
import { renderChart } from './chart.js';
import { byId, clear, el, setText } from './dom.js';
import { renderFx, tickFx } from './fx.js';
import { renderHolds } from './holds.js';
import { ageSince, formatMoney, toMinor } from './money.js';
import { ParticipantsTable } from './participants.js';
import { PaymentsList } from './payments.js';
import { renderWindows } from './windows.js';

/** Aggregates are refetched at most this often while payments stream in. */
const refreshEveryMsMin = 1000;
const reconnectMsMax = 10_000;

const state = { overview: null, selected: sessionStorage.getItem('corridor.currency'), exponents: new Map(), stream: null };
let participants;
let payments;

function show(view) {
  byId('login-view').hidden = view !== 'login';
  byId('app-view').hidden = view !== 'app';
  byId('top-status').hidden = view !== 'app';
}

function signOut(message = '') {
  session.clear();
  state.stream?.abort();
  state.stream = null;
  byId('login-error').textContent = message;
  show('login');
  byId('operator-key').focus();
}

function fail(error) {
  if (error instanceof ApiError && (error.status === 401 || error.status === 403)) return signOut('The node refused this key: it is not the operator key.');
  const banner = byId('app-error');
  banner.textContent = `Could not load: ${error.message}. Retrying…`;
  banner.hidden = false;
}

function selectedView() {
  return state.overview?.currencies.find((c) => c.currency === state.selected) ?? null;
}

function renderTabs() {
  const tabs = byId('currency-tabs');
  const codes = state.overview.currencies.map((c) => c.currency);
  if (tabs.dataset.codes !== codes.join(',')) {
    tabs.dataset.codes = codes.join(',');
    clear(tabs);
    if (codes.length === 0) tabs.append(el('span', { class: 'muted' }, 'No currencies on this network yet.'));
    for (const c of state.overview.currencies) {
      tabs.append(el('button', { type: 'button', role: 'tab', 'data-currency': c.currency, onclick: () => select(c.currency) }, c.currency, el('span', { class: 'mode' }, c.mode)));
    }
  }
  for (const button of tabs.querySelectorAll('button')) button.setAttribute('aria-selected', String(button.dataset.currency === state.selected));
}

function renderSummary(view) {
  const e = view.exponent;
  setText(byId('stat-settled'), `${formatMoney(view.settled.value, e)} ${view.currency}`);
  const fx = view.settled.fx;
  setText(byId('stat-settled-count'), `${view.settled.count.toLocaleString('en')} payments${fx.count === 0 ? '' : `, of which ${fx.count.toLocaleString('en')} FX (${formatMoney(fx.value, e)})`}`);
  setText(byId('stat-used'), `${formatMoney(view.liquidityUsed, e)} ${view.currency}`);
  const gross = toMinor(view.settled.value.value, e);
  const used = toMinor(view.liquidityUsed.value, e);
  const savedTenths = gross === 0n ? null : ((gross - used) * 1000n) / gross;
  setText(byId('stat-saved'), savedTenths === null ? 'nothing settled yet' : `${savedTenths / 10n}.${savedTenths % 10n}% saved by LSM or netting`);
  setText(byId('stat-queue'), `${view.queue.count.toLocaleString('en')} · ${formatMoney(view.queue.value, e)}`);
  setText(byId('stat-queue-age'), view.queue.count === 0 ? 'nothing waits' : `oldest waits ${ageSince(view.queue.oldestSince)}`);
  setText(byId('stat-held'), `${view.held.count.toLocaleString('en')} · ${formatMoney(view.held.value, e)}`);
  setText(byId('stat-held-note'), view.held.count === 0 ? 'none awaits an officer' : `oldest held ${ageSince(view.held.oldestSince)}`);
  setText(byId('stat-mode'), view.mode);
  setText(byId('stat-day'), `business day ${view.day}${view.openWindow === null ? '' : ` · window ${view.openWindow} open`}`);
}

async function refreshSelected() {
  const view = selectedView();
  if (view === null) return;
  const { points } = await api(`/v1/operator/currencies/${view.currency}/liquidity`);
  renderChart(byId('chart'), points, view.exponent);
  await renderWindows(byId('windows'), view, scheduleRefresh);
  await renderHolds(byId('holds-list'), byId('holds-note'), view);
}

async function refresh() {
  const overview = await api('/v1/operator/overview');
  state.overview = overview;
  for (const c of overview.currencies) state.exponents.set(c.currency, c.exponent);
  if (selectedView() === null) state.selected = overview.currencies[0]?.currency ?? null;
  renderTabs();
  setText(byId('journal-seq'), `journal ${overview.journalSeq}`);
  const view = selectedView();
  if (view !== null) {
    renderSummary(view);
    participants.render(view);
    await refreshSelected();
  }
  // FX is the network's, not the selected currency's: quotes and the day's flows per pair.
  await renderFx(byId('fx-quotes'), byId('fx-flows'), (code) => state.exponents.get(code) ?? 2);
  byId('app-error').hidden = true;
}

let refreshTimer = 0;
let lastRefreshMs = 0;
/** Coalesces refresh requests: at most one refresh per refreshEveryMsMin. */
function scheduleRefresh() {
  if (refreshTimer !== 0) return;
  const waitMs = Math.max(0, lastRefreshMs + refreshEveryMsMin - Date.now());
  refreshTimer = setTimeout(async () => {
    refreshTimer = 0;
    lastRefreshMs = Date.now();
    try {
      await refresh();
    } catch (error) {
      fail(error);
      scheduleRefresh();
    }
  }, waitMs);
}

function select(code) {
  state.selected = code;
  sessionStorage.setItem('corridor.currency', code);
  renderTabs();
  const view = selectedView();
  if (view === null) return;
  renderSummary(view);
  participants.render(view);
  refreshSelected().catch(fail);
}

function setLive(status) {
  const pill = byId('live');
  pill.dataset.state = status;
  setText(pill, status);
}

async function stream() {
  let backoffMs = 500;
  while (session.key !== null) {
    const controller = new AbortController();
    state.stream = controller;
    try {
      setLive('connecting');
      await readEvents((name, data) => {
        setLive('live');
        backoffMs = 500;
        if (data.journalSeq !== undefined) setText(byId('journal-seq'), `journal ${data.journalSeq}`);
        if (name === 'changes') {
          payments.apply(data.payments);
          if (data.more > 0) payments.reload().catch(fail);
          scheduleRefresh();
        } else if (name === 'resync') {
          payments.reload().catch(fail);
          scheduleRefresh();
        } else if (name === 'hello') scheduleRefresh();
      }, controller.signal);
    } catch (error) {
      if (controller.signal.aborted) return;
      if (error instanceof ApiError && (error.status === 401 || error.status === 403)) return signOut('The node refused this key.');
    }
    if (controller.signal.aborted) return;
    setLive('offline');
    await new Promise((resolve) => setTimeout(resolve, backoffMs));
    backoffMs = Math.min(backoffMs * 2, reconnectMsMax);
  }
}

async function open() {
  show('app');
  try {
    await refresh();
    await payments.reload();
  } catch (error) {
    fail(error);
    if (session.key === null) return;
    scheduleRefresh();
  }
  void stream();
}

function start() {
  participants = new ParticipantsTable(byId('participants'), scheduleRefresh);
  payments = new PaymentsList(byId('payments'), (code) => state.exponents.get(code) ?? 2, scheduleRefresh);
  byId('logout').addEventListener('click', () => signOut());
  byId('login-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const key = byId('operator-key').value.trim();
    session.set(key);
    try {
      await api('/v1/operator/overview');
    } catch (error) {
      session.clear();
      byId('login-error').textContent = error instanceof ApiError && (error.status === 401 || error.status === 403) ? 'The node refused this key: it is not the operator key.' : `Could not reach the node: ${error.message}`;
      return;
    }
    byId('operator-key').value = '';
    void open();
  });
  setInterval(() => {
    const view = selectedView();
    participants.tick(view);
    // An expired quote leaves the list at the next refresh (expiry commits nothing to stream).
    if (tickFx(byId('fx-quotes'))) scheduleRefresh();
    if (view !== null && view.queue.count > 0) setText(byId('stat-queue-age'), `oldest waits ${ageSince(view.queue.oldestSince)}`);
    if (view !== null && view.held.count > 0) setText(byId('stat-held-note'), `oldest held ${ageSince(view.held.oldestSince)}`);
  }, 1000);
  if (session.key === null) show('login');
  else void open();
}

start();
