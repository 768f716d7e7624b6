// Payments of the selected currency held by screening, awaiting a compliance officer: read-only
// here (the operator watches; releasing or rejecting is the officers' decision, with their own
// keys). Each row explains its hits: the list, the payment field, what was listed, the score.
import { api } from './api.js';
import { clear, el, setText } from './dom.js';
import { ageSince, clockTime, formatMoney } from './money.js';

/** What one hit says, in a line: which list entry matched which field of the payment, how well. */
function hitText(h) {
  const what = h.kind === 'bic' ? `BIC ${h.bic} listed as ${h.listedBic}` : `“${h.fieldText}” ≈ “${h.listedName}” (${h.nameKind})`;
  return `${h.listId}@${h.version} #${h.entryId} (${h.entityType}) · ${h.field}: ${what} · score ${Number(h.score).toFixed(2)}`;
}

export async function renderHolds(container, note, view) {
  const e = view.exponent;
  const count = view.held.count;
  setText(note, count === 0 ? `Nothing held in ${view.currency}.` : `${count.toLocaleString('en')} held · ${formatMoney(view.held.value, e)} ${view.currency} · oldest held ${ageSince(view.held.oldestSince)}`);
  if (count === 0) {
    clear(container);
    container.append(el('p', { class: 'muted empty' }, 'No payment awaits a compliance decision.'));
    return;
  }
  const { holds, total } = await api(`/v1/operator/currencies/${view.currency}/holds`);
  const rows = holds.map((h) =>
    el('tr', { 'data-uetr': h.uetr },
      el('td', { class: 'mono' }, clockTime(h.heldAt), el('span', { class: 'muted small block' }, ageSince(h.heldAt))),
      el('td', { class: 'mono hide-narrow' }, h.uetr),
      el('td', { class: 'mono' }, h.payment.debtorAgent),
      el('td', { class: 'mono' }, h.payment.creditorAgent),
      el('td', { class: 'num mono' }, formatMoney(h.payment.amount, e)),
      el('td', { class: 'hits' }, el('ul', {}, h.hits.map((hit) => el('li', {}, hitText(hit)))), h.hitsOmitted > 0 ? el('span', { class: 'muted small' }, `and ${h.hitsOmitted} more`) : null)));
  clear(container);
  container.append(el('div', { class: 'scroll-x' }, el('table', { class: 'data', id: 'holds' },
    el('thead', {}, el('tr', {}, el('th', {}, 'Held'), el('th', { class: 'hide-narrow' }, 'UETR'), el('th', {}, 'From'), el('th', {}, 'To'), el('th', { class: 'num' }, 'Amount'), el('th', {}, 'Why (screening hits)'))),
    el('tbody', {}, rows))));
  if (total > holds.length) container.append(el('p', { class: 'muted small' }, `The oldest ${holds.length} of ${total.toLocaleString('en')}.`));
}
