import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { amountMinorMax } from '../money/index.js';
import { emptyQuoteBook, postQuote, type QuoteBook } from './book.js';
import type { FxPolicy } from './policy.js';
import type { QuoteTerms } from './quote.js';
import { buildRouteIndex } from './route-index.js';
import { findRoute, type RouteRequest, type RouteResult } from './route.js';
import { oracleRatio, policy } from './test-support.js';

const codes = ['USD', 'JPY', 'KWD', 'CNY'];
const participants = ['BANKAAAA', 'BANKBBBB'];

/** Decimal text with 6 fraction digits of v_b/v_c × (1 ∓ spread), rounded away from the mid. */
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
  provider: fc.constantFrom('FXPROVAA', 'FXPROVBB', 'FXPROVCC'),
  sides: fc.constantFrom('both', 'bid', 'ask'),
  bidBps: fc.integer({ min: 0, max: 300 }),
  askBps: fc.integer({ min: 0, max: 300 }),
  sizeMin: fc.bigInt({ min: 1n, max: 2000n }),
  sizeSpan: fc.bigInt({ min: 0n, max: 10n ** 8n }),
  expiresAtMs: fc.integer({ min: 100, max: 4000 }),
  restricted: fc.option(fc.record({ participant: fc.constantFrom(...participants), bps: fc.integer({ min: 0, max: 300 }) }), { freq: 3 }),
});

const worldArb = fc.record({
  values: fc.array(fc.integer({ min: 1, max: 1000 }), { minLength: codes.length, maxLength: codes.length }),
  quotes: fc.array(quoteArb, { minLength: 1, maxLength: 16 }),
  request: fc.record({
    pair: fc.uniqueArray(fc.integer({ min: 0, max: codes.length - 1 }), { minLength: 2, maxLength: 2 }),
    participant: fc.constantFrom(...participants),
    mode: fc.constantFrom<'send' | 'deliver'>('send', 'deliver'),
    amountMinor: fc.bigInt({ min: 1n, max: 10n ** 5n }),
    nowMs: fc.integer({ min: 0, max: 2000 }),
  }),
  routeHops: fc.integer({ min: 1, max: 3 }),
  excluded: fc.subarray(codes, { maxLength: 2 }),
});

type World = typeof worldArb extends fc.Arbitrary<infer T> ? T : never;

function buildBook(world: World): QuoteBook {
  let book = emptyQuoteBook;
  world.quotes.forEach((q, i) => {
    const [b = 0, c = 1] = q.pair;
    const [vb = 1, vc = 1] = [world.values[b], world.values[c]];
    const terms: QuoteTerms = {
      id: `q${i}`, provider: q.provider, base: codes[b] ?? '', counter: codes[c] ?? '',
      bid: q.sides === 'ask' ? null : priced(vb, vc, q.bidBps, true),
      ask: q.sides === 'bid' ? null : priced(vb, vc, q.askBps, false),
      sizeMinMinor: q.sizeMin, sizeMaxMinor: q.sizeMin + q.sizeSpan, expiresAtMs: q.expiresAtMs,
      participants: q.restricted ? [{ participant: q.restricted.participant, bid: priced(vb, vc, q.restricted.bps, true), ask: priced(vb, vc, q.restricted.bps, false) }] : null,
    };
    const change = postQuote(book, terms, policy(), 0);
    if (change.ok) book = change.book; // refused terms (a side rounding to zero) are simply left out
  });
  return book;
}

/** Every simple path and every quote choice per leg, straight from the quotes: the oracle. */
function bruteForce(book: QuoteBook, fxPolicy: FxPolicy, request: RouteRequest, nowMs: number): bigint | null {
  const forward = request.mode === 'send';
  const [start, end] = forward ? [request.sourceCurrency, request.targetCurrency] : [request.targetCurrency, request.sourceCurrency];
  let best: bigint | null = null;
  const walk = (at: string, amount: bigint, visited: Set<string>, legs: number): void => {
    for (const quote of book.quotes.values()) {
      for (const sellsBase of [true, false]) {
        const [from, to] = sellsBase ? [quote.base, quote.counter] : [quote.counter, quote.base];
        const next = forward ? to : from;
        if ((forward ? from : to) !== at || visited.has(next) || nowMs >= quote.expiresAtMs) continue;
        if (next !== end && fxPolicy.vehicleCurrenciesExcluded.has(next)) continue;
        const ratio = oracleRatio(quote, request.participant, sellsBase);
        if (ratio === null) continue;
        const [num, den] = ratio;
        const other = forward ? (amount * num) / den : (amount * den + num - 1n) / num;
        const baseAmount = sellsBase === forward ? amount : other;
        if (other < 1n || other > amountMinorMax || baseAmount < quote.sizeMinMinor || baseAmount > quote.sizeMaxMinor) continue;
        if (next === end) {
          if (best === null || (forward ? other > best : other < best)) best = other;
        } else if (legs + 1 < fxPolicy.routeHops) walk(next, other, new Set([...visited, next]), legs + 1);
      }
    }
  };
  walk(start, request.amountMinor, new Set([start]), 0);
  return best;
}

function scenario(world: World): { book: QuoteBook; fxPolicy: FxPolicy; request: RouteRequest; result: RouteResult } {
  const book = buildBook(world);
  const fxPolicy = policy({ routeHops: world.routeHops, vehicleCurrenciesExcluded: new Set(world.excluded) });
  const [s = 0, t = 1] = world.request.pair;
  const request: RouteRequest = {
    participant: world.request.participant, sourceCurrency: codes[s] ?? '', targetCurrency: codes[t] ?? '',
    mode: world.request.mode, amountMinor: world.request.amountMinor,
  };
  return { book, fxPolicy, request, result: findRoute(buildRouteIndex(book, fxPolicy, 0), request, world.request.nowMs) };
}

void describe('route search (properties over small random books)', () => {
  void it('finds exactly what brute force over every path and quote finds', () => {
    let found = 0;
    fc.assert(
      fc.property(worldArb, (world) => {
        const { book, fxPolicy, request, result } = scenario(world);
        const expected = bruteForce(book, fxPolicy, request, world.request.nowMs);
        if (expected === null) {
          assert.equal(result.ok, false, 'no route exists, none may be returned');
          return;
        }
        assert.ok(result.ok, `brute force found ${expected}, search said ${result.ok ? '' : result.result}`);
        found += 1;
        const achieved = request.mode === 'send' ? result.route.deliveredMinor : result.route.sentMinor;
        assert.equal(achieved, expected);
      }),
      { numRuns: 600 },
    );
    assert.ok(found > 100, `only ${found} scenarios had a route: the generator is too sparse to prove much`);
  });

  void it('returns well-formed routes: chained legs, live quotes within size, limits and policy obeyed', () => {
    fc.assert(
      fc.property(worldArb, (world) => {
        const { book, fxPolicy, request, result } = scenario(world);
        if (!result.ok) return;
        const legs = result.route.legs;
        assert.ok(legs.length >= 1 && legs.length <= fxPolicy.routeHops);
        assert.equal(legs[0]?.from, request.sourceCurrency);
        assert.equal(legs[legs.length - 1]?.to, request.targetCurrency);
        const seen = new Set([request.sourceCurrency]);
        legs.forEach((leg, i) => {
          const quote = book.quotes.get(leg.quoteId);
          assert.ok(quote && world.request.nowMs < quote.expiresAtMs);
          const ratio = oracleRatio(quote, request.participant, leg.side === 'bid');
          assert.ok(ratio);
          assert.ok(leg.amountOutMinor * ratio[1] <= leg.amountInMinor * ratio[0], 'no leg pays out more than rate × in');
          const baseAmount = leg.side === 'bid' ? leg.amountInMinor : leg.amountOutMinor;
          assert.ok(baseAmount >= quote.sizeMinMinor && baseAmount <= quote.sizeMaxMinor);
          assert.ok(!seen.has(leg.to), 'no currency twice');
          seen.add(leg.to);
          if (i < legs.length - 1) assert.ok(!fxPolicy.vehicleCurrenciesExcluded.has(leg.to));
          if (i > 0) assert.equal(leg.amountInMinor, legs[i - 1]?.amountOutMinor);
        });
        assert.equal(request.mode === 'send' ? result.route.sentMinor : result.route.deliveredMinor, request.amountMinor);
      }),
      { numRuns: 400 },
    );
  });

  void it('is never worse than any single direct quote that could serve the request', () => {
    fc.assert(
      fc.property(worldArb, (world) => {
        const { book, request, result } = scenario(world);
        const directOnly = bruteForce(book, policy({ routeHops: 1 }), request, world.request.nowMs);
        if (directOnly === null) return;
        assert.ok(result.ok);
        if (request.mode === 'send') assert.ok(result.route.deliveredMinor >= directOnly);
        else assert.ok(result.route.sentMinor <= directOnly);
      }),
      { numRuns: 400 },
    );
  });
});
