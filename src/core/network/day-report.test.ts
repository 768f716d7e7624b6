import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { currencyDayReport, dayChartPointsMax, type CurrencyDayReport } from './day-report.js';
import { bank, dnsNode, endOfDay, fundIn, payment, registerAgent, registerCurrency, registerParticipant, settlementTick, standardNode, TestNode, windowAction, currencies } from './test-support/commands.js';
import { fxNode, fxPayment } from './test-support/fx-commands.js';

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
  // FX legs also move providers' inventory accounts, which are not settlement accounts.
  if (r.fxCount === 0) assert.deepEqual([sent, received], [r.settledGross, r.settledGross], 'every settled payment is sent once and received once');
  else assert.ok(sent <= r.settledGross && received <= r.settledGross, 'settlement accounts moved at most the gross');
  assert.ok(r.fxGross <= r.settledGross && r.fxCount <= r.settledCount, 'FX is part of the day');
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

describe('currency day report: FX legs', () => {
  const { A, B } = bank;

  it('an FX payment’s legs count in each currency they moved: settled value, count, liquidity used, sent and received', () => {
    const node = fxNode();
    node.one(payment({ seed: 1, from: A, to: B, amount: 100n }));
    // EUR → USD at P's bid 1.08: A pays 100.00 EUR into P's inventory; P pays 108.00 USD to B.
    assert.equal(node.one(fxPayment({ seed: 2, from: A, to: B, sourceCurrency: 'EUR', targetCurrency: 'USD', amount: 10_000n })), 'accepted');
    const eur = report(node, 'EUR');
    assert.deepEqual([eur.settledCount, eur.settledGross, eur.fxCount, eur.fxGross, eur.liquidityUsed], [2, 10_100n, 1, 10_000n, 10_100n]);
    assert.deepEqual([row(eur, A).settledSent, row(eur, B).settledReceived], [10_100n, 100n], 'A paid both; B received only the EUR payment');
    const usd = report(node, 'USD');
    assert.deepEqual([usd.settledCount, usd.settledGross, usd.fxCount, usd.fxGross, usd.liquidityUsed], [1, 10_800n, 1, 10_800n, 10_800n]);
    assert.equal(row(usd, B).settledReceived, 10_800n);
    assert.equal(usd.chart.at(-1)!.gross, 10_800n, 'the chart counts the leg');
    assertReportInvariants(eur, node, 'EUR');
    assertReportInvariants(usd, node, 'USD');
  });

  it('a rejected FX payment counts nowhere; a currency’s end of day drops its legs, not the other currency’s', () => {
    const node = fxNode();
    node.one(fxPayment({ seed: 1, from: A, to: B, sourceCurrency: 'EUR', targetCurrency: 'USD', amount: 10n ** 11n }));
    assert.deepEqual([report(node, 'EUR').fxCount, report(node, 'USD').fxCount], [0, 0], 'rejected: nothing moved');
    node.one(fxPayment({ seed: 2, from: A, to: B, sourceCurrency: 'EUR', targetCurrency: 'USD', amount: 10_000n }));
    node.one(endOfDay('EUR'));
    assert.deepEqual([report(node, 'EUR').fxCount, report(node, 'EUR').settledGross], [0, 0n], 'EUR’s day began again');
    assert.deepEqual([report(node, 'USD').fxCount, report(node, 'USD').fxGross], [1, 10_800n], 'USD’s did not');
  });

  it('property: what the report says A sent and B received is what the ledger moved, FX legs and same-currency payments alike', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ fx: fc.boolean(), amount: fc.bigInt({ min: 1n, max: 400_000n }) }), { minLength: 1, maxLength: 12 }), (payments) => {
        const node = fxNode();
        const before = { aEur: node.balance(A, 'EUR'), bEur: node.balance(B, 'EUR'), bUsd: node.balance(B, 'USD') };
        payments.forEach((p, i) =>
          node.one(p.fx ? fxPayment({ seed: i, from: A, to: B, sourceCurrency: 'EUR', targetCurrency: 'USD', amount: p.amount }) : payment({ seed: i, from: A, to: B, amount: p.amount })),
        );
        const eur = report(node, 'EUR');
        const usd = report(node, 'USD');
        // A only pays (EUR), B only receives: their balance changes are exactly what the report shows.
        assert.equal(before.aEur - node.balance(A, 'EUR'), row(eur, A).settledSent);
        assert.equal(node.balance(B, 'EUR') - before.bEur, row(eur, B).settledReceived);
        assert.equal(node.balance(B, 'USD') - before.bUsd, row(usd, B).settledReceived);
        assert.equal(eur.settledGross, row(eur, A).settledSent, 'every EUR value settled left A');
        assert.equal(usd.fxGross, row(usd, B).settledReceived, 'every USD leg reached B');
        const settledFx = [...node.state.network.payments.values()].filter((p) => p.fx !== null && p.status === 'settled').length;
        assert.deepEqual([eur.fxCount, usd.fxCount], [settledFx, settledFx]);
        assertReportInvariants(eur, node, 'EUR');
        assertReportInvariants(usd, node, 'USD');
      }),
      { numRuns: 40 },
    );
  });
});
