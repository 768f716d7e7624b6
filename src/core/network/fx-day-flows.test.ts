import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { fxDayFlows } from './fx-day-flows.js';
import { bank, endOfDay } from './test-support/commands.js';
import { fxNode, fxPayment, japanBank } from './test-support/fx-commands.js';

const { A, B } = bank;

describe('FX flows of the day', () => {
  it('per directed pair: count, sent in the source currency and delivered in the target currency, exactly', () => {
    const node = fxNode();
    assert.deepEqual(fxDayFlows(node.state.network), [], 'no FX payment, no flow');
    // EUR → USD at P's bid 1.08: 100.00 EUR → 108.00 USD, then 10.00 EUR → 10.80 USD.
    assert.equal(node.one(fxPayment({ seed: 1, from: A, to: B, sourceCurrency: 'EUR', targetCurrency: 'USD', amount: 10_000n })), 'accepted');
    assert.equal(node.one(fxPayment({ seed: 2, from: A, to: B, sourceCurrency: 'EUR', targetCurrency: 'USD', amount: 1_000n })), 'accepted');
    // EUR → JPY through USD: 10.00 EUR → 1620 JPY (exponent 0).
    assert.equal(node.one(fxPayment({ seed: 3, from: A, to: japanBank, sourceCurrency: 'EUR', targetCurrency: 'JPY', amount: 1_000n })), 'accepted');
    // USD → EUR: 109.00 USD → 16,350 JPY at P's bid 150 → 100.30 EUR at Q's ask 163 (rounded down), beating P's ask 1.09 (100.00).
    assert.equal(node.one(fxPayment({ seed: 4, from: A, to: B, sourceCurrency: 'USD', targetCurrency: 'EUR', amount: 10_900n })), 'accepted');
    const flows = fxDayFlows(node.state.network).map((f) => [f.sourceCurrency, f.targetCurrency, f.count, f.sentMinor, f.deliveredMinor]);
    assert.deepEqual(flows, [
      ['EUR', 'JPY', 1, 1_000n, 1620n],
      ['EUR', 'USD', 2, 11_000n, 11_880n],
      ['USD', 'EUR', 1, 10_900n, 10_030n],
    ]);
  });

  it('a rejected FX payment moved nothing and does not count', () => {
    const node = fxNode();
    // Far beyond A's EUR: rejected AM04, nothing moves.
    node.one(fxPayment({ seed: 1, from: A, to: B, sourceCurrency: 'EUR', targetCurrency: 'USD', amount: 10n ** 11n }));
    assert.equal([...node.state.network.payments.values()].at(-1)!.status, 'rejected');
    assert.deepEqual(fxDayFlows(node.state.network), []);
  });

  it('today is the source currency’s business day: its end of day starts the count again', () => {
    const node = fxNode();
    node.one(fxPayment({ seed: 1, from: A, to: B, sourceCurrency: 'EUR', targetCurrency: 'USD', amount: 10_000n }));
    node.one(fxPayment({ seed: 2, from: A, to: B, sourceCurrency: 'USD', targetCurrency: 'EUR', amount: 1_090n }));
    node.one(endOfDay('EUR'));
    const flows = fxDayFlows(node.state.network);
    assert.deepEqual(flows.map((f) => `${f.sourceCurrency}>${f.targetCurrency}`), ['USD>EUR'], 'EUR’s day began again; USD’s did not');
    node.one(fxPayment({ seed: 3, from: A, to: B, sourceCurrency: 'EUR', targetCurrency: 'USD', amount: 100n }));
    const eur = fxDayFlows(node.state.network).find((f) => f.sourceCurrency === 'EUR')!;
    assert.deepEqual([eur.count, eur.sentMinor, eur.deliveredMinor, eur.dayStartedAt], [1, 100n, 108n, node.state.network.settlement.get('EUR')!.lastEndOfDayAt]);
  });

  it('property: the flows add up to the settled FX payments, and the ledger moved what they say', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ source: fc.constantFrom('EUR', 'USD'), amount: fc.bigInt({ min: 1n, max: 5_000_000n }) }), { minLength: 1, maxLength: 12 }),
        (payments) => {
          const node = fxNode();
          const before = { aEur: node.balance(A, 'EUR'), aUsd: node.balance(A, 'USD'), bEur: node.balance(B, 'EUR'), bUsd: node.balance(B, 'USD') };
          payments.forEach((p, i) => node.one(fxPayment({ seed: i, from: A, to: B, sourceCurrency: p.source, targetCurrency: p.source === 'EUR' ? 'USD' : 'EUR', amount: p.amount })));
          const settled = [...node.state.network.payments.values()].filter((p) => p.fx !== null && p.status === 'settled');
          const flows = fxDayFlows(node.state.network);
          assert.equal(flows.reduce((n, f) => n + f.count, 0), settled.length);
          const flow = (s: string) => flows.find((f) => f.sourceCurrency === s) ?? { sentMinor: 0n, deliveredMinor: 0n };
          // A pays only, B receives only: their balance changes are exactly the flows.
          assert.equal(before.aEur - node.balance(A, 'EUR'), flow('EUR').sentMinor);
          assert.equal(before.aUsd - node.balance(A, 'USD'), flow('USD').sentMinor);
          assert.equal(node.balance(B, 'USD') - before.bUsd, flow('EUR').deliveredMinor);
          assert.equal(node.balance(B, 'EUR') - before.bEur, flow('USD').deliveredMinor);
        },
      ),
      { numRuns: 40 },
    );
  });
});
