// FX: the live quotes (pair, provider, bid/ask, size range, expiry) and the value moved per
// currency pair today, both from GET /v1/operator/fx. Rates are shown exactly as the API gives
// them (decimal text); amounts are exact decimal strings; bars are scaled with BigInt.
import { api } from './api.js';
import { clear, el, setText } from './dom.js';
import { clockTime, formatDecimal, toMinor } from './money.js';

/** "in 3m 05s" until an ISO time, by the browser's clock; "expired" once passed. */
export function timeUntil(iso, nowMs = Date.now()) {
  const seconds = Math.floor((Date.parse(iso) - nowMs) / 1000);
  if (seconds <= 0) return 'expired';
  if (seconds < 60) return `in ${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `in ${minutes}m ${String(seconds % 60).padStart(2, '0')}s`;
  return `in ${Math.floor(minutes / 60)}h ${String(minutes % 60).padStart(2, '0')}m`;
}

function price(text) {
  return text === null || text === undefined ? '—' : text;
}

function quoteRow(q, exponentOf) {
  const e = exponentOf(q.base);
  const restricted = q.participants !== null && q.participants !== undefined;
  return el(
    'tr',
    { 'data-quote': q.id },
    el('td', { class: 'mono', 'data-field': 'pair' }, `${q.base}/${q.counter}`, restricted ? el('span', { class: 'name', title: q.participants.map((p) => `${p.participant}: ${price(p.bid)} / ${price(p.ask)}`).join('\n') }, `restricted to ${q.participants.length}`) : null),
    el('td', { class: 'mono', 'data-field': 'provider' }, q.provider),
    el('td', { class: 'num mono', 'data-field': 'bid' }, price(q.bid)),
    el('td', { class: 'num mono', 'data-field': 'ask' }, price(q.ask)),
    el('td', { class: 'num mono hide-narrow', 'data-field': 'size' }, `${formatDecimal(q.sizeMin.value, e)} – ${formatDecimal(q.sizeMax.value, e)} ${q.base}`),
    el('td', { class: 'mono', 'data-field': 'expires', 'data-expires': q.expiresAt, title: q.expiresAt }, clockTime(q.expiresAt), el('span', { class: 'name' }, timeUntil(q.expiresAt))),
  );
}

function renderQuotes(container, fx, exponentOf) {
  clear(container);
  if (fx.quotes.length === 0) {
    container.append(el('p', { class: 'muted empty', 'data-empty': 'fx' }, 'No FX quotes.'));
    return;
  }
  const note = fx.quotesTotal > fx.quotes.length ? `The first ${fx.quotes.length} of ${fx.quotesTotal} live quotes, by pair and provider.` : `${fx.quotesTotal} live quote${fx.quotesTotal === 1 ? '' : 's'}, by pair and provider; rates are counter per base.`;
  container.append(el('p', { class: 'muted small', 'data-field': 'quotes-note' }, note));
  const head = el('tr', {}, el('th', {}, 'Pair'), el('th', {}, 'Provider'), el('th', { class: 'num' }, 'Bid'), el('th', { class: 'num' }, 'Ask'), el('th', { class: 'num hide-narrow' }, 'Size (base)'), el('th', {}, 'Expires'));
  const rows = fx.quotes.map((q) => quoteRow(q, exponentOf));
  container.append(el('div', { class: 'scroll-x fx-quotes' }, el('table', { class: 'data', id: 'fx-quote-table' }, el('thead', {}, head), el('tbody', {}, rows))));
}

/** Thousandths of `value` against `max` (exact, BigInt), for a bar's width. */
function share(value, max) {
  return max === 0n ? 0 : Number((value * 1000n) / max);
}

function renderFlows(container, fx, exponentOf) {
  clear(container);
  if (fx.flows.length === 0) {
    container.append(el('p', { class: 'muted empty', 'data-empty': 'fx-flows' }, 'No FX payments settled today.'));
    return;
  }
  // Values of different currencies are not comparable without a rate: bars compare the flows
  // paid in the same source currency, each against the largest of its group.
  const groups = new Map();
  for (const f of fx.flows) {
    const group = groups.get(f.sourceCurrency) ?? [];
    group.push(f);
    groups.set(f.sourceCurrency, group);
  }
  for (const [source, flows] of groups) {
    const e = exponentOf(source);
    const sent = flows.map((f) => toMinor(f.sent.value, e));
    const max = sent.reduce((m, v) => (v > m ? v : m), 0n);
    const list = el('ul', { class: 'flows', 'aria-label': `Paid in ${source}` });
    flows.forEach((f, i) => {
      const bar = el('span', { class: 'bar' });
      bar.style.width = `${Math.max(share(sent[i], max) / 10, 0.5)}%`;
      list.append(
        el(
          'li',
          { 'data-flow': `${f.sourceCurrency}>${f.targetCurrency}` },
          el('div', { class: 'flow-head' }, el('span', { class: 'mono' }, `${f.sourceCurrency} → ${f.targetCurrency}`), el('span', { class: 'muted', 'data-field': 'count' }, `${f.count.toLocaleString('en')} payment${f.count === 1 ? '' : 's'}`)),
          el('div', { class: 'track' }, bar),
          el('div', { class: 'flow-values mono' }, el('span', { 'data-field': 'sent' }, `${formatDecimal(f.sent.value, e)} ${f.sent.currency}`), ' → ', el('span', { 'data-field': 'delivered' }, `${formatDecimal(f.delivered.value, exponentOf(f.targetCurrency))} ${f.delivered.currency}`)),
        ),
      );
    });
    container.append(el('h3', {}, `Paid in ${source}`), list);
  }
}

/** Fetches the FX panel's data and draws the quotes and the flows. */
export async function renderFx(quotesContainer, flowsContainer, exponentOf) {
  const fx = await api('/v1/operator/fx');
  renderQuotes(quotesContainer, fx, exponentOf);
  renderFlows(flowsContainer, fx, exponentOf);
}

/** Advances the quotes' "in …" countdowns between refreshes; answers whether a listed quote expired (time to refetch). */
export function tickFx(quotesContainer, nowMs = Date.now()) {
  let expired = false;
  for (const cell of quotesContainer.querySelectorAll('[data-expires]')) {
    const left = timeUntil(cell.dataset.expires, nowMs);
    if (left === 'expired') expired = true;
    setText(cell.lastChild, left);
  }
  return expired;
}
