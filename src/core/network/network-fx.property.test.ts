import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { assertLedgerInvariants } from '../ledger/index.js';
import { decodeState, encodeState } from '../journal/index.js';
import type { NodeCommand } from './apply.js';
import { assertNetworkInvariants } from './invariants.js';
import { bank, fundIn, payment } from './test-support/commands.js';
import { fxNode, fxPayment, holdFxRoute, japanBank, moveFxInventory, postFxQuote, provider, quoteInput, routeId, withdrawFxQuote } from './test-support/fx-commands.js';

const { A, B } = bank;
const { P, Q } = provider;
const currenciesOf: Record<string, readonly string[]> = { [A]: ['EUR', 'USD'], [B]: ['EUR', 'USD', 'JPY'], [japanBank]: ['JPY'] };

/** One step of traffic: a batch of commands, with time passing before it. */
const step = fc.record({
  gapUs: fc.constantFrom(1_000, 1_000_000, 600_000_000),
  commands: fc.array(
    fc.oneof(
      fc.record({ kind: fc.constant('fx' as const), from: fc.constantFrom(A, B), to: fc.constantFrom(A, B, japanBank), source: fc.constantFrom('EUR', 'USD', 'JPY'), target: fc.constantFrom('EUR', 'USD', 'JPY'), mode: fc.constantFrom('send' as const, 'deliver' as const), amount: fc.bigInt(1n, 2_000_000n), held: fc.boolean() }),
      fc.record({ kind: fc.constant('quote' as const), which: fc.constantFrom('P-EURUSD', 'P-USDJPY', 'Q-EURJPY'), bid: fc.integer({ min: 90, max: 99 }), spread: fc.integer({ min: 1, max: 3 }), ttlMs: fc.integer({ min: 1_000, max: 3_600_000 }) }),
      fc.record({ kind: fc.constant('withdraw' as const), which: fc.constantFrom('P-EURUSD', 'P-USDJPY', 'Q-EURJPY') }),
      fc.record({ kind: fc.constant('same' as const), from: fc.constantFrom(A, B), to: fc.constantFrom(A, B), currency: fc.constantFrom('EUR', 'USD'), amount: fc.bigInt(1n, 500_000n) }),
      fc.record({ kind: fc.constant('inventory' as const), who: fc.constantFrom(P, Q), currency: fc.constantFrom('EUR', 'JPY'), amount: fc.bigInt(1n, 100_000n), direction: fc.constantFrom('in' as const, 'out' as const) }),
      fc.record({ kind: fc.constant('fund' as const), who: fc.constantFrom(A, B), currency: fc.constantFrom('EUR', 'USD'), amount: fc.bigInt(1n, 1_000_000n) }),
    ),
    { minLength: 1, maxLength: 6 },
  ),
});

type StepValue = typeof step extends fc.Arbitrary<infer T> ? T : never;

const mids: Record<string, [string, string, number]> = { 'P-EURUSD': ['EUR', 'USD', 0.01], 'P-USDJPY': ['USD', 'JPY', 1.5], 'Q-EURJPY': ['EUR', 'JPY', 1.6] };

function toCommands(s: StepValue, nowMs: number, serial: { n: number }): NodeCommand[] {
  const out: NodeCommand[] = [];
  for (const c of s.commands) {
    serial.n += 1;
    const seed = `p${serial.n}`;
    switch (c.kind) {
      case 'fx': {
        const fields = { seed, from: c.from, to: c.to, sourceCurrency: c.source, targetCurrency: c.target, mode: c.mode, amount: c.amount };
        if (c.held) {
          out.push(holdFxRoute(c.from, seed, c.source, c.target, c.mode, c.amount));
          out.push(fxPayment({ ...fields, routeId: routeId(seed) }));
        } else out.push(fxPayment(fields));
        break;
      }
      case 'quote': {
        const [base, counter, unit] = mids[c.which]!;
        // Rates in integer hundredths of the unit, kept off arbitrage by the book itself (refused if they would close a cycle).
        const bid = (c.bid * unit * 1.1).toFixed(4);
        const ask = ((c.bid + c.spread) * unit * 1.1).toFixed(4);
        out.push(postFxQuote(c.which.startsWith('P') ? P : Q, quoteInput(c.which, base, counter, bid, ask, { expiresAtMs: nowMs + c.ttlMs })));
        out.push(postFxQuote(c.which.startsWith('P') ? P : Q, quoteInput(c.which, base, counter, bid, ask, { expiresAtMs: nowMs + c.ttlMs }), true));
        break;
      }
      case 'withdraw':
        out.push(withdrawFxQuote(c.which.startsWith('P') ? P : Q, c.which));
        break;
      case 'same':
        out.push(payment({ seed, from: c.from, to: c.to, currency: c.currency, amount: c.amount }));
        break;
      case 'inventory':
        out.push(moveFxInventory(c.who, c.currency, c.amount, `INV-${seed}`, c.direction));
        break;
      case 'fund':
        out.push(fundIn(c.who, c.currency, c.amount, `F-${seed}`));
        break;
    }
  }
  return out;
}

describe('FX payments, property-tested', () => {
  const outcomes = new Map<string, number>();
  it('conserve every currency, never leave a chain partly settled or reserved, and replay to the same state', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 12 }), (steps) => {
        const live = fxNode();
        const replica = fxNode();
        const serial = { n: 0 };
        for (const s of steps) {
          const commands = toCommands(s, Math.floor((live.nextTimestamp + s.gapUs) / 1000), serial);
          const outcome = live.apply([], s.gapUs);
          replica.apply([], s.gapUs);
          void outcome;
          const results = live.apply(commands).results;
          for (const r of results) outcomes.set(r, (outcomes.get(r) ?? 0) + 1);
          assert.deepEqual(replica.apply(commands).results, results);
          assertLedgerInvariants(live.state.ledger);
          assertNetworkInvariants(live.state, { deep: true });
          // Conservation per currency: what the participants hold (settlement and inventory) is what the agent issued.
          for (const currency of live.state.network.currencies.values()) {
            let held = 0n;
            for (const account of live.state.ledger.accounts.values()) {
              // No reservation outlives its command: a visible state has no pending leg.
              assert.equal(account.debitsPending + account.creditsPending, 0n);
              if (account.ledger === currency.ledger && account.kind !== 'agent') held += account.creditsPosted - account.debitsPosted;
            }
            assert.equal(held, live.issued(currency.code), `${currency.code} conserved`);
          }
          // Each FX payment is all or nothing, and its payer paid what the record says.
          for (const p of live.state.network.payments.values()) {
            if (p.fx === null) continue;
            assert.ok(currenciesOf[p.debtorAgent]!.includes(p.currency));
            if (p.status === 'settled') assert.equal(live.state.ledger.transfers.get(p.transferId)!.amount, p.amount);
            else assert.equal(live.state.ledger.transfers.has(p.transferId), false);
          }
        }
        assert.ok(encodeState(replica.state).equals(encodeState(live.state)));
        const restored = decodeState(encodeState(live.state));
        assert.ok(encodeState(restored).equals(encodeState(live.state)));
      }),
      { numRuns: 60 },
    );
    // The traffic reaches every branch that matters: settled chains, short inventory, short payers, stale routes.
    for (const code of ['accepted', 'fx_inventory_insufficient', 'insufficient_funds', 'fx_no_route']) assert.ok((outcomes.get(code) ?? 0) > 0, `${code} seen (${JSON.stringify([...outcomes])})`);
  });
});
