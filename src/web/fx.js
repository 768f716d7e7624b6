// FX quotes and the value moved per currency pair. FX lands separately: until the node serves
// /v1/fx/quotes, or while it has none, this panel says so.
import { api, ApiError } from './api.js';
import { clear, el } from './dom.js';

/** Quotes listed at most. */
const quotesShownMax = 50;

export async function renderFx(container) {
  let quotes = [];
  try {
    const body = await api('/v1/fx/quotes');
    quotes = Array.isArray(body?.quotes) ? body.quotes : [];
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 404) throw error;
  }
  clear(container);
  if (quotes.length === 0) {
    container.append(el('p', { class: 'muted empty', 'data-empty': 'fx' }, 'No FX quotes.'));
    return;
  }
  const rows = quotes.slice(0, quotesShownMax).map((q) =>
    el('tr', {}, el('td', { class: 'mono' }, q.pair ?? `${q.sell ?? q.from ?? '?'}/${q.buy ?? q.to ?? '?'}`), el('td', { class: 'num mono' }, String(q.rate ?? '—')), el('td', { class: 'mono' }, q.provider ?? q.dealer ?? '—')));
  container.append(el('div', { class: 'scroll-x' }, el('table', { class: 'data' }, el('thead', {}, el('tr', {}, el('th', {}, 'Pair'), el('th', { class: 'num' }, 'Rate'), el('th', {}, 'Provider'))), el('tbody', {}, rows))));
}
