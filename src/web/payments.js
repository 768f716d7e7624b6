// Recent payments: at most `rowsMax` keyed rows, newest first, updated in place as the stream
// reports status changes; a search by UETR asks the server and shows that one payment; a click
// opens its full history. The DOM never holds more than rowsMax rows, whatever the day's volume.
import { api, ApiError } from './api.js';
import { confirmAction } from './confirm.js';
import { byId, clear, el, setText, toast } from './dom.js';
import { clockTime, formatMoney } from './money.js';

export const rowsMax = 200;
const uetrPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export class PaymentsList {
  constructor(table, exponentOf, refresh) {
    this.body = table.tBodies[0];
    this.exponentOf = exponentOf;
    this.refresh = refresh;
    this.rows = new Map();
    this.searching = false;
    byId('search-form').addEventListener('submit', (event) => {
      event.preventDefault();
      void this.search(byId('search').value.trim().toLowerCase());
    });
    byId('search-clear').addEventListener('click', () => void this.reload());
    byId('details-close').addEventListener('click', () => byId('details').close());
  }

  /** Replaces the list with the server's recent payments. */
  async reload() {
    const { payments } = await api(`/v1/operator/payments?limit=${rowsMax}`);
    this.searching = false;
    byId('search-clear').hidden = true;
    byId('search').value = '';
    setText(byId('payments-note'), `The last ${rowsMax} payments, newest first; live.`);
    this.rows.clear();
    clear(this.body);
    if (payments.length === 0) this.placeholder('No payments yet. They appear here as they are sent.');
    for (const p of payments) this.body.append(this.createRow(p).tr);
  }

  /** Payments from the stream, oldest first: changed rows update in place, new ones go on top. */
  apply(payments) {
    if (this.searching) {
      for (const p of payments) if (this.rows.has(p.uetr)) this.updateRow(this.rows.get(p.uetr), p);
      return;
    }
    for (const p of payments) {
      const row = this.rows.get(p.uetr);
      if (row !== undefined) {
        this.updateRow(row, p);
        continue;
      }
      this.body.querySelector('tr.placeholder')?.remove();
      this.body.prepend(this.createRow(p).tr);
    }
    while (this.rows.size > rowsMax) {
      const last = this.body.lastElementChild;
      this.rows.delete(last.dataset.uetr);
      last.remove();
    }
  }

  async search(uetr) {
    if (uetr === '') return this.reload();
    if (!uetrPattern.test(uetr)) return toast('A UETR is a UUID: 8-4-4-4-12 hexadecimal digits', true);
    this.searching = true;
    byId('search-clear').hidden = false;
    this.rows.clear();
    clear(this.body);
    try {
      const payment = await api(`/v1/payments/${uetr}`);
      setText(byId('payments-note'), 'Search result; live.');
      this.body.append(this.createRow(rowOf(payment)).tr);
    } catch (error) {
      if (!(error instanceof ApiError) || (error.status !== 404 && error.status !== 400)) throw error;
      setText(byId('payments-note'), 'Search result.');
      this.placeholder(`No payment with UETR ${uetr}.`);
    }
  }

  placeholder(text) {
    this.body.append(el('tr', { class: 'placeholder' }, el('td', { colspan: 7, class: 'muted' }, text)));
  }

  createRow(p) {
    const cells = {
      time: el('td', { class: 'mono' }),
      uetr: el('td', { class: 'mono hide-narrow', title: p.uetr }, p.uetr.slice(0, 8) + '…'),
      from: el('td', { class: 'mono' }),
      to: el('td', { class: 'mono' }),
      amount: el('td', { class: 'num mono' }),
      status: el('span', { class: 'status', 'data-field': 'status' }),
      action: el('td'),
    };
    const tr = el('tr', { class: 'clickable', 'data-uetr': p.uetr }, cells.time, cells.uetr, cells.from, cells.to, cells.amount, el('td', {}, cells.status), cells.action);
    tr.addEventListener('click', (event) => {
      if (event.target.closest('button')) return;
      void this.details(p.uetr);
    });
    const row = { tr, cells, payment: null };
    this.rows.set(p.uetr, row);
    this.updateRow(row, p);
    return row;
  }

  updateRow(row, p) {
    row.payment = p;
    setText(row.cells.time, clockTime(p.createdAt));
    setText(row.cells.from, p.debtorAgent);
    setText(row.cells.to, p.creditorAgent);
    setText(row.cells.amount, `${formatMoney(p.amount, this.exponentOf(p.amount.currency))} ${p.amount.currency}`);
    setText(row.cells.status, p.reason === null ? p.status : `${p.status} ${p.reason}`);
    row.cells.status.className = `status ${p.status}`;
    const cancellable = p.status === 'queued' || p.status === 'accepted';
    const hasButton = row.cells.action.firstChild !== null;
    if (cancellable && !hasButton) {
      row.cells.action.append(el('button', { type: 'button', class: 'small danger', 'data-action': 'cancel', onclick: () => this.cancel(row.payment) }, 'Cancel'));
    } else if (!cancellable && hasButton) clear(row.cells.action);
  }

  cancel(p) {
    confirmAction({
      title: 'Cancel payment',
      lines: [`${p.debtorAgent} → ${p.creditorAgent}, ${formatMoney(p.amount, this.exponentOf(p.amount.currency))} ${p.amount.currency}, ${p.status}.`, `UETR ${p.uetr}`, 'It will be rejected (DS02) and never settle.'],
      okLabel: 'Cancel payment',
      danger: true,
      run: async () => {
        const payment = await api(`/v1/operator/payments/${p.uetr}/cancel`, { method: 'POST' });
        const row = this.rows.get(p.uetr);
        if (row) this.updateRow(row, rowOf(payment));
        toast(`Payment ${p.uetr.slice(0, 8)}… cancelled`);
        this.refresh();
      },
    });
  }

  async details(uetr) {
    const body = byId('details-body');
    clear(body);
    body.append(el('p', { class: 'muted' }, 'Loading…'));
    byId('details').showModal();
    try {
      const p = await api(`/v1/payments/${uetr}`);
      const e = this.exponentOf(p.amount.currency);
      const facts = [
        ['UETR', p.uetr], ['End-to-end id', p.endToEndId], ['Amount', `${formatMoney(p.amount, e)} ${p.amount.currency}`],
        ['Status', `${p.status} (${p.isoStatus ?? '—'})${p.reason ? ` · ${p.reason.code}: ${p.reason.description}` : ''}`],
        ['Debtor agent', p.debtorAgent], ['Creditor agent', p.creditorAgent], ['Sender', p.sender],
        ['Debtor', p.debtorName || '—'], ['Creditor', p.creditorName || '—'], ['Remittance', p.remittanceInformation || '—'],
      ];
      clear(body);
      body.append(el('dl', { class: 'facts' }, facts.flatMap(([k, v]) => [el('dt', {}, k), el('dd', { class: k === 'UETR' ? 'mono' : undefined }, v)])));
      body.append(el('h3', {}, 'History'));
      body.append(el('ol', { class: 'history' }, p.history.map((h) => el('li', {}, `${h.at.replace('T', ' ').replace('Z', ' UTC')} — ${h.status}${h.isoStatus ? ` (${h.isoStatus})` : ''}${h.reason ? ` · ${h.reason.code}: ${h.reason.description}` : ''}${h.by === 'operator' ? ' · by the operator' : ''}`))));
    } catch (error) {
      clear(body);
      body.append(el('p', { class: 'error' }, error.message));
    }
  }
}

/** The list's row shape from a full payment. */
function rowOf(p) {
  return {
    uetr: p.uetr, endToEndId: p.endToEndId, status: p.status, reason: p.reason?.code ?? null, amount: p.amount,
    debtorAgent: p.debtorAgent, creditorAgent: p.creditorAgent, createdAt: p.history[0].at, updatedAt: p.history.at(-1).at,
  };
}
