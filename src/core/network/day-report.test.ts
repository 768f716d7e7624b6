import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { currencyDayReport, dayChartPointsMax, type CurrencyDayReport } from './day-report.js';
import { bank, dnsNode, fundIn, payment, registerAgent, registerCurrency, registerParticipant, settlementTick, standardNode, TestNode, windowAction, currencies } from './test-support/commands.js';

function report(node: TestNode, currency: string, pointsMax?: number): CurrencyDayReport {
  const cs = node.state.network.settlement.get(currency)!;
  return currencyDayReport(node.state, cs, node.nextTimestamp, pointsMax);
}

function row(r: CurrencyDayReport, bic: string) {
  return r.participants.find((p) => p.bic === bic)!;
}

/** What every report must satisfy, whatever happened during the day. */
function assertReportInvariants(r: CurrencyDayReport, node: TestNode, currency: string, pointsMax = dayChartPointsMax): void {
  assert.ok(r.liquidityUsed >= 0n && r.liquidityUsed <= r.settledGross, 'liquidity used is at most the gross settled');
  assert.ok(r.chart.length >= 1 && r.chart.length <= pointsMax, 'the chart is bounded');
  for (let i = 1; i < r.chart.length; i += 1) {
    assert.ok(r.chart[i]!.at >= r.chart[i - 1]!.at && r.chart[i]!.gross >= r.chart[i - 1]!.gross && r.chart[i]!.used >= r.chart[i - 1]!.used, 'the chart is cumulative');
  }
  assert.deepEqual([r.chart.at(-1)!.gross, r.chart.at(-1)!.used], [r.settledGross, r.liquidityUsed], 'the chart ends at the totals');
  const sent = r.participants.reduce((s, p) => s + p.settledSent, 0n);
  const received = r.participants.reduce((s, p) => s + p.settledReceived, 0n);
  assert.deepEqual([sent, received], [r.settledGross, r.settledGross], 'every settled payment is sent once and received once');
  for (const p of r.participants) {
    assert.equal(p.balance, node.balance(p.bic, currency), `${p.bic}: the ledger's balance`);
    assert.equal(p.available, p.balance + p.creditLine - p.reserved);
  }
}

describe('currency day report', () => {
  it('a gross payment uses its whole amount; balances, sent and received are the ledger’s', () => {
    const node = standardNode();
    node.each([fundIn(bank.A, 'EUR', 1000n, 'a'), fundIn(bank.B, 'EUR', 500n, 'b')]);
    node.one(payment({ seed: 1, from: bank.A, to: bank.B, amount: 100n }));
    node.one(payment({ seed: 2, from: bank.B, to: bank.A, amount: 30n }));
    const r = report(node, 'EUR');
    assert.deepEqual([r.settledCount, r.settledGross, r.liquidityUsed], [2, 130n, 130n]);
    assert.deepEqual([row(r, bank.A).balance, row(r, bank.A).settledSent, row(r, bank.A).settledReceived], [930n, 100n, 30n]);
    assert.deepEqual([row(r, bank.B).balance, row(r, bank.B).settledSent, row(r, bank.B).settledReceived], [570n, 30n, 100n]);
    assertReportInvariants(r, node, 'EUR');
  });

  it('a payment beyond the payer’s liquidity shows in its queue: count, value and since when', () => {
    const node = standardNode();
    node.one(fundIn(bank.A, 'EUR', 100n, 'a'));
    const command = payment({ seed: 1, from: bank.A, to: bank.B, amount: 250n });
    node.one(command);
    const queuedAt = node.state.network.payments.get(command.uetr)!.history.find((h) => h.status === 'queued')!.at;
    const r = report(node, 'EUR');
    assert.deepEqual([row(r, bank.A).queueCount, row(r, bank.A).queueValue, row(r, bank.A).queueOldestAt], [1, 250n, queuedAt]);
    assert.deepEqual([r.queueCount, r.queueValue, r.queueOldestAt, r.settledGross], [1, 250n, queuedAt, 0n]);
    // Funding releases it: it settles alone, using its whole amount.
    node.one(fundIn(bank.A, 'EUR', 200n, 'a2'));
    const after = report(node, 'EUR');
    assert.deepEqual([after.queueCount, after.queueOldestAt, after.settledGross, after.liquidityUsed], [0, null, 250n, 250n]);
    assertReportInvariants(after, node, 'EUR');
  });

  it('a gridlock the LSM resolves settles gross and uses no liquidity at all', () => {
    const node = new TestNode();
    node.apply([registerAgent(currencies.EUR.agent), registerCurrency('EUR', { mode: 'rtgs-lsm' }), ...[bank.A, bank.B, bank.C].map((bic) => registerParticipant(bic, { currencies: ['EUR'] }))]);
    node.each([payment({ seed: 'ab', from: bank.A, to: bank.B, amount: 100n }), payment({ seed: 'bc', from: bank.B, to: bank.C, amount: 100n }), payment({ seed: 'ca', from: bank.C, to: bank.A, amount: 100n })]);
    const queued = report(node, 'EUR');
    assert.deepEqual([queued.queueCount, queued.queueValue, queued.settledGross], [3, 300n, 0n]);
    node.one(settlementTick('EUR'));
    const r = report(node, 'EUR');
    assert.deepEqual([r.queueCount, r.settledCount, r.settledGross, r.liquidityUsed], [0, 3, 300n, 0n]);
    assertReportInvariants(r, node, 'EUR');
  });

  it('a netted dns window uses only the net positions: the rest is liquidity saved', () => {
    const node = dnsNode();
    node.each([
      payment({ seed: 1, from: bank.A, to: bank.B, amount: 300n, currency: 'CHF' }),
      payment({ seed: 2, from: bank.B, to: bank.A, amount: 200n, currency: 'CHF' }),
      payment({ seed: 3, from: bank.C, to: bank.B, amount: 50n, currency: 'CHF' }),
    ]);
    const open = report(node, 'CHF');
    assert.deepEqual([open.settledGross, row(open, bank.A).position, row(open, bank.B).position, row(open, bank.C).position], [0n, -100n, 150n, -50n]);
    node.one(windowAction('CHF', 1, 'close'));
    node.one(windowAction('CHF', 1, 'settle'));
    const r = report(node, 'CHF');
    // A pays 100 net, C 50 net; B receives 150.
    assert.deepEqual([r.settledCount, r.settledGross, r.liquidityUsed], [3, 550n, 150n]);
    assertReportInvariants(r, node, 'CHF');
  });

  it('property: whatever the day brings, used ≤ gross, the chart is cumulative and bounded and ends at the totals', () => {
    const step = fc.oneof(
      fc.record({ kind: fc.constant('pay' as const), from: fc.constantFrom(bank.A, bank.B, bank.C), to: fc.constantFrom(bank.A, bank.B, bank.C), amount: fc.bigInt({ min: 1n, max: 600n }) }),
      fc.record({ kind: fc.constant('fund' as const), to: fc.constantFrom(bank.A, bank.B, bank.C), amount: fc.bigInt({ min: 1n, max: 300n }) }),
      fc.record({ kind: fc.constant('window' as const) }),
    );
    fc.assert(
      fc.property(fc.constantFrom('EUR', 'CHF'), fc.array(step, { maxLength: 40 }), fc.integer({ min: 1, max: 12 }), (currency, steps, pointsMax) => {
        const node = currency === 'CHF' ? dnsNode() : standardNode();
        if (currency === 'EUR') node.each([fundIn(bank.A, 'EUR', 300n, 'a'), fundIn(bank.B, 'EUR', 300n, 'b'), fundIn(bank.C, 'EUR', 300n, 'c')]);
        let seed = 0;
        let window = 1;
        for (const s of steps) {
          seed += 1;
          if (s.kind === 'pay' && s.from !== s.to) node.one(payment({ seed, from: s.from, to: s.to, amount: s.amount, currency }));
          else if (s.kind === 'fund') node.one(fundIn(s.to, currency, s.amount, `f${seed}`));
          else if (s.kind === 'window' && currency === 'CHF' && node.one(windowAction('CHF', window, 'close')) === 'accepted') {
            node.one(windowAction('CHF', window, 'settle'));
            window += 1;
          }
        }
        assertReportInvariants(report(node, currency, pointsMax), node, currency, pointsMax);
      }),
      { numRuns: 150 },
    );
  });
});
