// DNS settlement windows of the selected currency: the open one and the last few, each with
// its participants' net positions, and the operator's window actions.
import { api } from './api.js';
import { confirmAction } from './confirm.js';
import { clear, el, toast } from './dom.js';
import { formatMoney } from './money.js';

/** Windows shown at most: the open one and the latest closed ones. */
const windowsShownMax = 4;

export async function renderWindows(container, view, refresh) {
  if (view.mode !== 'dns') {
    clear(container);
    container.append(el('p', { class: 'muted empty' }, `${view.currency} settles gross (${view.mode}): it has no netting windows.`));
    return;
  }
  const { windows } = await api(`/v1/settlement/${view.currency}/windows?limit=${windowsShownMax}`);
  const e = view.exponent;
  const blocks = windows.map((w) => {
    const actions = [];
    const act = (action, label, danger, lines) =>
      el('button', {
        type: 'button', class: `small${danger ? ' danger' : ''}`, 'data-action': `${action}-window`,
        onclick: () => confirmAction({
          title: `${label} window ${w.windowId} of ${view.currency}`, lines, okLabel: label, danger,
          run: async () => {
            await api(`/v1/settlement/${view.currency}/windows/${w.windowId}/${action}`, { method: 'POST' });
            toast(`Window ${w.windowId}: ${action} done`);
            refresh();
          },
        }),
      }, label);
    if (w.status === 'open') actions.push(act('close', 'Close', false, [`Fixes the net positions of its ${w.payments} payment(s); the next window opens. Settle it next.`]));
    if (w.status === 'closed') {
      actions.push(act('settle', 'Settle', false, ['Moves the net positions on the settlement accounts, all or nothing; aborts if a net debtor cannot cover.']));
      actions.push(act('abort', 'Abort', true, ['Nothing of it settles; its payments are rejected (AB04).']));
    }
    const rows = w.participants.map((p) =>
      el('tr', {}, el('td', { class: 'mono' }, p.participant), el('td', { class: 'num mono' }, formatMoney(p.sent, e)), el('td', { class: 'num mono' }, formatMoney(p.received, e)),
        el('td', { class: `num mono${p.net.value.startsWith('-') ? ' negative' : ''}` }, formatMoney(p.net, e))));
    return el('div', { class: 'window', 'data-window': w.windowId, 'data-status': w.status },
      el('div', { class: 'window-head' },
        el('strong', {}, `Window ${w.windowId}`), el('span', { class: `status ${w.status === 'open' ? 'accepted' : w.status === 'settled' ? 'settled' : w.status === 'aborted' ? 'rejected' : ''}` }, w.status),
        el('span', { class: 'muted' }, `${w.payments} payments · gross ${formatMoney(w.gross, e)} · net ${formatMoney(w.net, e)} ${view.currency}`), ...actions),
      rows.length === 0 ? el('p', { class: 'muted small' }, 'No positions yet.')
        : el('div', { class: 'scroll-x' }, el('table', { class: 'data' }, el('thead', {}, el('tr', {}, el('th', {}, 'Participant'), el('th', { class: 'num' }, 'Sent'), el('th', { class: 'num' }, 'Received'), el('th', { class: 'num' }, 'Net'))), el('tbody', {}, rows))));
  });
  clear(container);
  if (blocks.length === 0) container.append(el('p', { class: 'muted empty' }, 'No windows yet.'));
  else container.append(el('div', { class: 'windows' }, blocks));
}
