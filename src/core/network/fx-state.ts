import { assert } from '../assert.js';
import { buildRouteIndex, emptyQuoteBook, parseRate, pow10, routeHopsMax, type FxPolicy, type QuoteBook, type Rate, type Route, type RouteIndex } from '../fx/index.js';
import type { FxPolicyRecord, FxRouteLegRecord, FxState } from './fx-types.js';

/** The policy a network starts with: every pair, no reference rates, routes of up to 2 legs. */
export const defaultFxPolicy: FxPolicyRecord = { referenceRates: {}, referenceDeviationBps: 5000, pairsAllowed: null, vehicleCurrenciesExcluded: [], routeHops: 2 };

/** The longest a route's price is held, in seconds. */
export const routeHoldSecondsMax = 300;
/** Routes held at once; ended ones are forgotten first. */
export const heldRoutesMax = 100_000;
/** The longest the FX policy lets a cross-currency payment wait in its source currency's queue, ms (10 minutes). */
export const fxQueueTimeoutMsMax = 600_000;

/** How long a cross-currency payment may wait for its payer's liquidity (0: it never waits; the default, as before waiting existed). */
export function fxQueueTimeoutMsOf(policy: FxPolicyRecord): number {
  return policy.queueTimeoutMs ?? 0;
}

export function createFxState(): FxState {
  return { book: emptyQuoteBook, policy: defaultFxPolicy, routes: new Map() };
}

const policies = new WeakMap<FxPolicyRecord, FxPolicy>();

/** The FX core's view of a journaled policy (its rates were checked when it was set). */
export function fxPolicyOf(record: FxPolicyRecord): FxPolicy {
  let policy = policies.get(record);
  if (policy === undefined) {
    const rates = new Map<string, Rate>();
    for (const [pair, text] of Object.entries(record.referenceRates)) {
      const parsed = parseRate(text);
      assert(parsed.ok, `reference rate ${pair} ${text} was checked when set`);
      rates.set(pair, parsed.rate);
    }
    policy = {
      referenceRates: rates,
      referenceDeviationBps: record.referenceDeviationBps,
      pairsAllowed: record.pairsAllowed === null ? null : new Set(record.pairsAllowed),
      vehicleCurrenciesExcluded: new Set(record.vehicleCurrenciesExcluded),
      routeHops: Math.min(record.routeHops, routeHopsMax),
    };
    policies.set(record, policy);
  }
  return policy;
}

const indexes = new WeakMap<QuoteBook, { readonly policy: FxPolicyRecord; readonly index: RouteIndex }>();

/**
 * The route index of the current book and policy, built once per change. Built "at time 0", so
 * it holds every quote of the book and is a pure function of book and policy whenever it is
 * built (an edge's read and the sequencer's command share it): each search still checks every
 * quote's expiry at its own moment.
 */
export function routeIndexOf(fx: FxState): RouteIndex {
  const cached = indexes.get(fx.book);
  if (cached !== undefined && cached.policy === fx.policy) return cached.index;
  const index = buildRouteIndex(fx.book, fxPolicyOf(fx.policy), 0);
  indexes.set(fx.book, { policy: fx.policy, index });
  return index;
}

/** A found route's legs as records: findRoute builds them afresh for every search, so they are kept, not copied. */
export function legRecords(route: Route): readonly FxRouteLegRecord[] {
  return route.legs;
}

/**
 * The all-in rate of a conversion, target per source in major units, with 12 significant digits,
 * rounded down. For display (pacs.008 XchgRate, statuses): the amounts themselves are exact.
 * The digits come from one division (not one per digit): leading zeros after the point do not
 * count as significant, and at most 30 fraction digits are written.
 */
export function allInRateText(sentMinor: bigint, sourceExponent: number, deliveredMinor: bigint, targetExponent: number): string {
  assert(sentMinor > 0n && deliveredMinor >= 0n, 'a conversion sends a positive amount');
  const num = deliveredMinor * pow10(sourceExponent);
  const den = sentMinor * pow10(targetExponent);
  const whole = num / den;
  const remainder = num % den;
  const wholeText = whole.toString();
  if (remainder === 0n) return wholeText;
  if (whole > 0n) {
    const places = rateSignificantDigits - wholeText.length;
    if (places <= 0) return wholeText;
    return withFraction(wholeText, fractionDigits(remainder, den, places));
  }
  const digits = fractionDigits(remainder, den, rateFractionDigitsMax);
  const leadingZeros = digits.length - digits.replace(/^0+/, '').length;
  return withFraction(wholeText, digits.slice(0, Math.min(rateFractionDigitsMax, leadingZeros + rateSignificantDigits)));
}

const rateSignificantDigits = 12;
const rateFractionDigitsMax = 30;

/** The first `places` digits of remainder/den (< 1) after the point, rounded down. */
function fractionDigits(remainder: bigint, den: bigint, places: number): string {
  return ((remainder * pow10(places)) / den).toString().padStart(places, '0');
}

function withFraction(wholeText: string, fraction: string): string {
  const trimmed = fraction.replace(/0+$/, '');
  return trimmed === '' ? wholeText : `${wholeText}.${trimmed}`;
}
