import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { NodeCommand } from './apply.js';
import type { FxQuoteInput } from './fx-types.js';
import { bank, currencies, fundIn, joinCurrency, registerAgent, registerCurrency, registerParticipant, standardNode, type TestCurrency, type TestNode } from './test-support/commands.js';
import { fxPayment, moveFxInventory, postFxQuote, setFxPolicy } from './test-support/fx-commands.js';

// The rate a node settles a cross-currency payment at, judged from outside: random small books
// are posted through applyNodeBatch, one submit_fx_payment follows, and the money that actually
// moved (the payer's and the payee's settlement balances) is compared with a brute-force
// enumeration of every route, written here from the quotes' decimal text alone.

const { A, B } = bank;
const providers = ['FXPRGB2L', 'FXQQSGSG', 'FXRRUS33'];
const codes: readonly TestCurrency[] = ['EUR', 'USD', 'JPY', 'CHF'];
const plenty = 10n ** 17n;
const postedToPaidUs = 10_000_000;

/** Decimal text of v_b/v_c × (1 ∓ spread) with 6 fraction digits, rounded away from the mid; null if it rounds to 0. */
function priced(valueBase: number, valueCounter: number, spreadBps: number, below: boolean): string | null {
  const num = BigInt(valueBase) * BigInt(below ? 10000 - spreadBps : 10000 + spreadBps) * 10n ** 6n;
  const den = BigInt(valueCounter) * 10000n;
  const scaled = below ? num / den : (num + den - 1n) / den;
  if (scaled === 0n) return null;
  const digits = scaled.toString().padStart(7, '0');
  return `${digits.slice(0, -6)}.${digits.slice(-6)}`;
}

const quoteArb = fc.record({
  pair: fc.uniqueArray(fc.integer({ min: 0, max: codes.length - 1 }), { minLength: 2, maxLength: 2 }),
  provider: fc.constantFrom(...providers),
  sides: fc.constantFrom('both', 'bid', 'ask'),
  bidBps: fc.integer({ min: 0, max: 300 }),
  askBps: fc.integer({ min: 0, max: 300 }),
  sizeMin: fc.bigInt({ min: 1n, max: 2000n }),
  sizeSpan: fc.bigInt({ min: 0n, max: 10n ** 8n }),
  // Posted 10 s before the payment: a quote living 2 s has expired by then.
  livesMs: fc.constantFrom(2_000, 3_600_000, 3_600_000),
  // One quote in four is offered to one bank only.
  restricted: fc.oneof(
    { weight: 3, arbitrary: fc.constant(null) },
    { weight: 1, arbitrary: fc.record({ participant: fc.constantFrom(A, B), bps: fc.integer({ min: 0, max: 300 }), bidOwn: fc.boolean() }) },
  ),
});

const worldArb = fc.record({
  values: fc.array(fc.integer({ min: 1, max: 100 }), { minLength: codes.length, maxLength: codes.length }),
  quotes: fc.array(quoteArb, { minLength: 3, maxLength: 16 }),
  routeHops: fc.integer({ min: 1, max: 3 }),
  excluded: fc.subarray([...codes], { maxLength: 2 }),
  payment: fc.record({
    payer: fc.constantFrom(A, B),
    pair: fc.uniqueArray(fc.integer({ min: 0, max: codes.length - 1 }), { minLength: 2, maxLength: 2 }),
    mode: fc.constantFrom<'send' | 'deliver'>('send', 'deliver'),
    amount: fc.bigInt({ min: 1n, max: 10n ** 6n }),
  }),
});

type World = typeof worldArb extends fc.Arbitrary<infer T> ? T : never;

/** Banks A and B and three providers hold all four currencies, with far more money than any payment here moves. */
function fxWorldNode(): TestNode {
  const node = standardNode();
  const setup: NodeCommand[] = [registerAgent(currencies.JPY.agent), registerAgent(currencies.CHF.agent), registerCurrency('JPY'), registerCurrency('CHF')];
  for (const bic of [A, B]) setup.push(joinCurrency(bic, 'JPY'), joinCurrency(bic, 'CHF'));
  for (const bic of providers) setup.push(registerParticipant(bic, { roles: ['fx_provider'], currencies: [...codes] }));
  for (const bic of [A, B, ...providers]) for (const code of codes) setup.push(fundIn(bic, code, plenty, `F-${bic}-${code}`));
  for (const bic of providers) for (const code of codes) setup.push(moveFxInventory(bic, code, plenty / 2n, `I-${bic}-${code}`));
  const { results } = node.apply(setup);
  const failed = results.findIndex((r) => r !== 'accepted');
  if (failed !== -1) throw new Error(`setup: command ${failed} (${setup[failed]!.type}) answered ${results[failed]}`);
  return node;
}

function quoteInputs(world: World, postedAtMs: number): { provider: string; quote: FxQuoteInput }[] {
  return world.quotes.map((q, i) => {
    const [b = 0, c = 1] = q.pair;
    const [vb = 1, vc = 1] = [world.values[b], world.values[c]];
    const own = q.restricted;
    return {
      provider: q.provider,
      quote: {
        id: `q${i}`, base: codes[b]!, counter: codes[c]!,
        bid: q.sides === 'ask' ? null : priced(vb, vc, q.bidBps, true),
        ask: q.sides === 'bid' ? null : priced(vb, vc, q.askBps, false),
        sizeMinMinor: q.sizeMin, sizeMaxMinor: q.sizeMin + q.sizeSpan, expiresAtMs: postedAtMs + q.livesMs,
        // A participant's own price; a side left null falls back to the quote's.
        participants: own ? [{ participant: own.participant, bid: own.bidOwn ? priced(vb, vc, own.bps, true) : null, ask: priced(vb, vc, own.bps, false) }] : null,
      },
    };
  });
}

// ---- the brute force: every path, every quote per leg, straight from the decimal text ----

interface Leg {
  readonly quote: FxQuoteInput;
  readonly from: string;
  readonly to: string;
  /** Minor units out per minor unit in, as [num, den]. */
  readonly ratio: readonly [bigint, bigint];
  readonly sellsBase: boolean;
}

function decimal(text: string): [bigint, bigint] {
  const [whole = '', fraction = ''] = text.split('.');
  return [BigInt(whole + fraction), 10n ** BigInt(fraction.length)];
}

/** The legs `participant` may use at `nowMs`: both directions of every live quote offered to it. */
function usableLegs(quotes: readonly FxQuoteInput[], participant: string, nowMs: number): Leg[] {
  const legs: Leg[] = [];
  for (const quote of quotes) {
    if (nowMs >= quote.expiresAtMs) continue;
    let bid = quote.bid;
    let ask = quote.ask;
    if (quote.participants !== null) {
      const own = quote.participants.find((p) => p.participant === participant);
      if (own === undefined) continue;
      bid = own.bid ?? quote.bid;
      ask = own.ask ?? quote.ask;
    }
    const eBase = 10n ** BigInt(currencies[quote.base as TestCurrency].exponent);
    const eCounter = 10n ** BigInt(currencies[quote.counter as TestCurrency].exponent);
    // Bid: counter_minor = base_minor × bid × 10^eC / 10^eB. Ask: base_minor = counter_minor ÷ ask × 10^eB / 10^eC.
    if (bid !== null) {
      const [n, d] = decimal(bid);
      legs.push({ quote, from: quote.base, to: quote.counter, ratio: [n * eCounter, d * eBase], sellsBase: true });
    }
    if (ask !== null) {
      const [n, d] = decimal(ask);
      legs.push({ quote, from: quote.counter, to: quote.base, ratio: [d * eBase, n * eCounter], sellsBase: false });
    }
  }
  return legs;
}

/** Every simple path of at most `hops` legs from source to target, excluded currencies only at its ends. */
function paths(legs: readonly Leg[], source: string, target: string, hops: number, excluded: readonly string[]): Leg[][] {
  const found: Leg[][] = [];
  const extend = (path: Leg[], at: string, seen: readonly string[]): void => {
    for (const leg of legs) {
      if (leg.from !== at || seen.includes(leg.to)) continue;
      if (leg.to === target) found.push([...path, leg]);
      else if (path.length + 1 < hops && !excluded.includes(leg.to)) extend([...path, leg], leg.to, [...seen, leg.to]);
    }
  };
  extend([], source, [source]);
  return found;
}

/** [sent, delivered] along a path, rounded as the rules say (send: outputs down; deliver: inputs up), or null if a leg does not fit. */
function amountsAlong(path: readonly Leg[], mode: 'send' | 'deliver', amount: bigint): [bigint, bigint] | null {
  const fits = (leg: Leg, amountIn: bigint, amountOut: bigint): boolean => {
    const base = leg.sellsBase ? amountIn : amountOut;
    return amountIn >= 1n && amountOut >= 1n && amountIn < 10n ** 18n && amountOut < 10n ** 18n && base >= leg.quote.sizeMinMinor && base <= leg.quote.sizeMaxMinor;
  };
  if (mode === 'send') {
    let value = amount;
    for (const leg of path) {
      const out = (value * leg.ratio[0]) / leg.ratio[1];
      if (!fits(leg, value, out)) return null;
      value = out;
    }
    return [amount, value];
  }
  let value = amount;
  for (const leg of [...path].reverse()) {
    const needed = (value * leg.ratio[1] + leg.ratio[0] - 1n) / leg.ratio[0];
    if (!fits(leg, needed, value)) return null;
    value = needed;
  }
  return [value, amount];
}

/** The best [sent, delivered] over all paths (send: most delivered; deliver: least sent), or null. */
function bestOf(candidates: readonly Leg[][], mode: 'send' | 'deliver', amount: bigint): [bigint, bigint] | null {
  let best: [bigint, bigint] | null = null;
  for (const path of candidates) {
    const result = amountsAlong(path, mode, amount);
    if (result === null) continue;
    if (best === null || (mode === 'send' ? result[1] > best[1] : result[0] < best[0])) best = result;
  }
  return best;
}

void describe('FX payments settle at the best rate (node level, brute force over small random books)', () => {
  void it('settles at exactly the brute-force best within the hop limit, never worse than any single direct quote', () => {
    const seen = { settled: 0, multiLeg: 0, beatsADirect: 0, none: 0 };
    fc.assert(
      fc.property(worldArb, (world) => {
        const node = fxWorldNode();
        assert.equal(node.one(setFxPolicy({ routeHops: world.routeHops, vehicleCurrenciesExcluded: world.excluded })), 'accepted');
        const postedAtMs = Math.floor(node.nextTimestamp / 1000);
        const inputs = quoteInputs(world, postedAtMs);
        const posted = node.apply(inputs.map(({ provider, quote }) => postFxQuote(provider, quote)), postedToPaidUs).results;
        // Quotes the node refused (an arbitrage cycle, say) are not in its book, nor in the brute force.
        const book = inputs.filter((_, i) => posted[i] === 'accepted').map(({ quote }) => quote);

        const { payer, pair: [s = 0, t = 1], mode, amount } = world.payment;
        const payee = payer === A ? B : A;
        const [source, target] = [codes[s]!, codes[t]!];
        const before = [node.balance(payer, source), node.balance(payee, target)];
        const paidAtMs = Math.floor(node.nextTimestamp / 1000);
        const command = fxPayment({ seed: 1, from: payer, to: payee, sourceCurrency: source, targetCurrency: target, mode, amount });
        node.apply([command]);
        const sent = before[0]! - node.balance(payer, source);
        const delivered = node.balance(payee, target) - before[1]!;

        const legs = usableLegs(book, payer, paidAtMs);
        const best = bestOf(paths(legs, source, target, world.routeHops, world.excluded), mode, amount);
        if (best === null) {
          seen.none += 1;
          assert.notEqual(node.status(command.uetr), 'settled');
          assert.deepEqual([sent, delivered], [0n, 0n], 'nothing moves without a route');
          return;
        }
        assert.equal(node.status(command.uetr), 'settled', 'a payment with a route and ample money settles');
        assert.deepEqual([sent, delivered], best, 'the money that moved is the brute-force best');
        seen.settled += 1;
        if (node.state.network.payments.get(command.uetr)!.fx!.legs.length > 1) seen.multiLeg += 1;
        // Never worse than any single direct quote that could serve it, whatever the hop limit.
        for (const leg of legs) {
          if (leg.from !== source || leg.to !== target) continue;
          const direct = amountsAlong([leg], mode, amount);
          if (direct === null) continue;
          if (mode === 'send') assert.ok(delivered >= direct[1], `delivered ${delivered} < ${direct[1]} by quote ${leg.quote.id} alone`);
          else assert.ok(sent <= direct[0], `sent ${sent} > ${direct[0]} by quote ${leg.quote.id} alone`);
          if (mode === 'send' ? delivered > direct[1] : sent < direct[0]) seen.beatsADirect += 1;
        }
      }),
      { numRuns: 300 },
    );
    // The books are rich enough to prove something: routes found, some of several legs, some beating a direct quote.
    assert.ok(seen.settled > 60 && seen.multiLeg > 5 && seen.beatsADirect > 5 && seen.none > 10, JSON.stringify(seen));
  });
});
