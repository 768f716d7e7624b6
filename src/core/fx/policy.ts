import { currencyByCode } from '../money/index.js';
import { basisPointsPerUnit, referenceDeviationBpsMax, routeHopsMax } from './limits.js';
import { rateRatio, type Rate } from './rate.js';
import { ratioCompare, ratioInverse, type Ratio } from './ratio.js';
import { fxFailure, type FxFailure } from './result-codes.js';

/** The operator's FX rules. Changing them is an operator command; quotes and routes obey the current one. */
export interface FxPolicy {
  /** Mid reference rates keyed "BASE/COUNTER"; a quote on COUNTER/BASE is checked against the inverse. */
  readonly referenceRates: ReadonlyMap<string, Rate>;
  /** How far (basis points of the reference) any price may be from the reference. Pairs without one are unchecked. */
  readonly referenceDeviationBps: number;
  /** Pairs keyed "BASE/COUNTER" (either orientation matches); null allows every pair. */
  readonly pairsAllowed: ReadonlySet<string> | null;
  /** Currencies a route may start or end in but never pass through. */
  readonly vehicleCurrenciesExcluded: ReadonlySet<string>;
  /** The most legs a route may have, 1..routeHopsMax. */
  readonly routeHops: number;
}

export const openFxPolicy: FxPolicy = {
  referenceRates: new Map(),
  referenceDeviationBps: referenceDeviationBpsMax,
  pairsAllowed: null,
  vehicleCurrenciesExcluded: new Set(),
  routeHops: 2,
};

export function pairKey(base: string, counter: string): string {
  return `${base}/${counter}`;
}

export function checkPolicy(policy: FxPolicy): FxFailure | null {
  if (!Number.isInteger(policy.routeHops) || policy.routeHops < 1 || policy.routeHops > routeHopsMax) {
    return fxFailure('policy_invalid', `routeHops ${policy.routeHops} is outside 1..${routeHopsMax}`);
  }
  const bps = policy.referenceDeviationBps;
  if (!Number.isInteger(bps) || bps < 0 || bps > referenceDeviationBpsMax) {
    return fxFailure('policy_invalid', `referenceDeviationBps ${bps} is outside 0..${referenceDeviationBpsMax}`);
  }
  for (const key of [...policy.referenceRates.keys(), ...(policy.pairsAllowed ?? [])]) {
    const [base = '', counter = ''] = key.split('/');
    if (!currencyByCode(base) || !currencyByCode(counter) || base === counter) {
      return fxFailure('policy_invalid', `pair ${key} is not two distinct known currencies`);
    }
  }
  return null;
}

export function pairAllowed(policy: FxPolicy, base: string, counter: string): boolean {
  if (policy.pairsAllowed === null) return true;
  return policy.pairsAllowed.has(pairKey(base, counter)) || policy.pairsAllowed.has(pairKey(counter, base));
}

/** The reference for BASE/COUNTER as a ratio, inverting a COUNTER/BASE reference; null when there is none. */
function referenceFor(policy: FxPolicy, base: string, counter: string): Ratio | null {
  const direct = policy.referenceRates.get(pairKey(base, counter));
  if (direct) return rateRatio(direct);
  const inverse = policy.referenceRates.get(pairKey(counter, base));
  return inverse ? ratioInverse(rateRatio(inverse)) : null;
}

/** Whether `rate` lies within reference × (1 ± deviation), inclusive; true when the pair has no reference. */
export function withinReferenceBand(policy: FxPolicy, base: string, counter: string, rate: Rate): boolean {
  const reference = referenceFor(policy, base, counter);
  if (reference === null) return true;
  const unit = BigInt(basisPointsPerUnit);
  const bps = BigInt(policy.referenceDeviationBps);
  const low: Ratio = { num: reference.num * (unit - bps), den: reference.den * unit };
  const high: Ratio = { num: reference.num * (unit + bps), den: reference.den * unit };
  const value = rateRatio(rate);
  return ratioCompare(value, low) >= 0 && ratioCompare(value, high) <= 0;
}
