// The participants table of the selected currency: one keyed row per settlement account,
// updated cell by cell as data streams, with the operator's actions on each row.
import { api } from './api.js';
import { confirmAction } from './confirm.js';
import { clear, el, setText, toast } from './dom.js';
import { ageSince, formatMoney } from './money.js';

const columns = ['balance', 'creditLine', 'reserved', 'available', 'netDebitCap', 'queue', 'settledSent', 'settledReceived'];
/** Columns a phone leaves out (the table scrolls sideways for them). */
const narrowHidden = new Set(['creditLine', 'reserved', 'netDebitCap', 'settledSent', 'settledReceived']);
const decimalPattern = '(0|[1-9][0-9]{0,17})(\\.[0-9]{1,18})?';

export class ParticipantsTable {
  constructor(table, refresh) {
    this.body = table.tBodies[0];
    this.refresh = refresh;
    this.rows = new Map();
    this.currency = null;
  }

  render(view) {
    if (view.currency !== this.currency) {
      this.currency = view.currency;
      this.rows.clear();
      clear(this.body);
    }
    if (view.participants.length === 0) {
      clear(this.body);
      this.rows.clear();
      this.body.append(el('tr', { class: 'placeholder' }, el('td', { colspan: 11, class: 'muted' }, `No participant holds a settlement account in ${view.currency} yet.`)));
      return;
    }
    this.body.querySelector('tr.placeholder')?.remove();
    // Net debit caps matter in dns; elsewhere the column shows only when someone has one.
    this.body.parentElement.classList.toggle('no-caps', view.mode !== 'dns' && view.participants.every((p) => p.netDebitCap === null));
    for (const p of view.participants) {
      let row = this.rows.get(p.bic);
      if (row === undefined) {
        row = this.createRow(p.bic);
        this.rows.set(p.bic, row);
        this.body.append(row.tr);
      }
      this.updateRow(row, p, view);
    }
  }

  /** Ages move with the clock between data updates. */
  tick(view) {
    if (view === null) return;
    for (const p of view.participants) {
      const row = this.rows.get(p.bic);
      if (row && p.queue.count > 0) setText(row.cells.queueAge, `oldest ${ageSince(p.queue.oldestSince)}`);
    }
  }

  createRow(bic) {
    const cells = {};
    const tr = el('tr', { 'data-bic': bic });
    const who = el('td', {}, el('strong', { class: 'mono' }, bic), el('span', { class: 'name' }));
    cells.name = who.lastChild;
    tr.append(who);
    for (const column of columns) tr.append((cells[column] = el('td', { class: `num mono${narrowHidden.has(column) ? ' hide-narrow' : ''}${column === 'netDebitCap' ? ' cap' : ''}`, 'data-field': column })));
    cells.queueCount = el('span', { 'data-field': 'queueCount' });
    cells.queueValue = el('span', { 'data-field': 'queueValue' });
    cells.queueAge = el('span', { class: 'name', 'data-field': 'queueAge' });
    cells.queue.append(cells.queueCount, ' · ', cells.queueValue, cells.queueAge);
    tr.append(el('td', {}, (cells.status = el('span', { class: 'status', 'data-field': 'status' }))));
    const fund = el('button', { type: 'button', class: 'small', 'data-action': 'fund' }, 'Fund');
    const limits = el('button', { type: 'button', class: 'small', 'data-action': 'limits' }, 'Limits');
    const suspend = el('button', { type: 'button', class: 'small danger', 'data-action': 'suspend' }, 'Suspend');
    tr.append(el('td', {}, el('div', { class: 'actions' }, fund, limits, suspend)));
    const row = { tr, cells, view: null, participant: null };
    fund.addEventListener('click', () => this.fund(row));
    limits.addEventListener('click', () => this.limits(row));
    suspend.addEventListener('click', () => this.suspend(row));
    row.suspendButton = suspend;
    return row;
  }

  updateRow(row, p, view) {
    row.participant = p;
    row.view = view;
    const e = view.exponent;
    setText(row.cells.name, p.name);
    row.cells.name.title = p.name;
    const values = {
      balance: formatMoney(p.balance, e),
      creditLine: formatMoney(p.creditLine, e),
      reserved: formatMoney(p.reserved, e),
      available: formatMoney(p.available, e),
      netDebitCap: p.netDebitCap === null ? '—' : formatMoney(p.netDebitCap, e),
      settledSent: formatMoney(p.settledSent, e),
      settledReceived: formatMoney(p.settledReceived, e),
    };
    for (const column of columns) if (column !== 'queue') setText(row.cells[column], values[column]);
    setText(row.cells.queueCount, String(p.queue.count));
    setText(row.cells.queueValue, formatMoney(p.queue.value, e));
    setText(row.cells.queueAge, p.queue.count === 0 ? '\u00a0' : `oldest ${ageSince(p.queue.oldestSince)}`);
    row.cells.balance.classList.toggle('negative', p.balance.value.startsWith('-'));
    setText(row.cells.status, p.suspended ? 'suspended' : 'active');
    row.cells.status.className = `status ${p.suspended ? 'suspended' : 'active'}`;
    setText(row.suspendButton, p.suspended ? 'Resume' : 'Suspend');
    row.suspendButton.dataset.action = p.suspended ? 'resume' : 'suspend';
  }

  fund(row) {
    const { participant: p, view } = row;
    confirmAction({
      title: `Fund ${p.bic} in ${view.currency}`,
      lines: [`Moves money between ${p.bic}’s settlement account and the settlement agent ${view.agent}. Journaled; a retry with the same reference changes nothing.`],
      fields: [
        { name: 'direction', label: 'Direction', value: 'in', options: [{ value: 'in', label: 'Funds in (credit the account)' }, { value: 'out', label: 'Funds out (debit the account)' }] },
        { name: 'amount', label: `Amount (${view.currency}, up to ${view.exponent} decimals)`, pattern: decimalPattern, inputmode: 'decimal' },
        { name: 'reference', label: 'Reference', value: `dash-${Date.now()}`, pattern: '[A-Za-z0-9\\-_.:/ ]{1,35}' },
      ],
      okLabel: 'Move funds',
      run: async (v) => {
        await api('/v1/funding', { method: 'POST', body: { direction: v.direction, participant: p.bic, amount: { value: v.amount, currency: view.currency }, reference: v.reference } });
        toast(`Funds ${v.direction} ${v.amount} ${view.currency} for ${p.bic}: done`);
        this.refresh();
      },
    });
  }

  limits(row) {
    const { participant: p, view } = row;
    const fields = [{ name: 'creditLine', label: `Credit line (${view.currency})`, value: p.creditLine.value, pattern: decimalPattern, inputmode: 'decimal' }];
    if (view.mode === 'dns' || p.netDebitCap !== null) fields.push({ name: 'netDebitCap', label: `Net debit cap (${view.currency})`, value: p.netDebitCap?.value ?? '', pattern: decimalPattern, inputmode: 'decimal' });
    confirmAction({
      title: `Limits of ${p.bic} in ${view.currency}`,
      lines: ['A credit line or cap below what is already in use is refused.'],
      fields,
      okLabel: 'Set limits',
      run: async (v) => {
        const body = { creditLine: v.creditLine };
        if (v.netDebitCap !== undefined) body.netDebitCap = v.netDebitCap;
        await api(`/v1/participants/${p.bic}/limits/${view.currency}`, { method: 'PUT', body });
        toast(`Limits of ${p.bic} set`);
        this.refresh();
      },
    });
  }

  suspend(row) {
    const p = row.participant;
    const resume = p.suspended;
    confirmAction({
      title: `${resume ? 'Resume' : 'Suspend'} ${p.bic}`,
      lines: [resume ? `${p.name} may send and receive again.` : `${p.name} will neither send nor receive, in every currency, until resumed.`],
      okLabel: resume ? 'Resume' : 'Suspend',
      danger: !resume,
      run: async () => {
        await api(`/v1/participants/${p.bic}/suspension`, { method: resume ? 'DELETE' : 'POST' });
        toast(`${p.bic} ${resume ? 'resumed' : 'suspended'}`);
        this.refresh();
      },
    });
  }
}
