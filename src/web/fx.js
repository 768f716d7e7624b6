// FX: live quotes and the value moved per currency pair today. FX lands in the node separately:
// until it serves /v1/fx/quotes (404), or while it has none, the panel says so. The lead wires
// the flows (a bar per pair, like the liquidity chart) once FX payments reach the node.
import { api, ApiError } from './api.js';
import { clear, el } from './dom.js';

/** Quotes listed at most. */
const quotesShownMax = 50;

async function quotes() {
  try {
    const body = await api('/v1/fx/quotes');
    return Array.isArray(body?.quotes) ? body.quotes : [];
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return [];
    throw error;
  }
}

function quotesTable(list) {
  const rows = list.slice(0, quotesShownMax).map((q) =>
    el('tr', {}, el('td', { class: 'mono' }, q.pair ?? `${q.sell ?? q.from ?? '?'}/${q.buy ?? q.to ?? '?'}`), el('td', { class: 'num mono' }, String(q.rate ?? '—')), el('td', { class: 'mono' }, q.provider ?? q.dealer ?? '—')));
  return el('div', { class: 'scroll-x' }, el('table', { class: 'data' }, el('thead', {}, el('tr', {}, el('th', {}, 'Pair'), el('th', { class: 'num' }, 'Rate'), el('th', {}, 'Provider'))), el('tbody', {}, rows)));
}

export async function renderFx(container) {
  const list = await quotes();
  clear(container);
  container.append(el('h3', {}, 'Quotes'));
  if (list.length === 0) container.append(el('p', { class: 'muted empty', 'data-empty': 'fx' }, 'No FX quotes.'));
  else container.append(quotesTable(list));
  container.append(el('h3', {}, 'Value moved per pair, today'));
  container.append(el('p', { class: 'muted empty', 'data-empty': 'fx-flows' }, 'No FX flows.'));
}
