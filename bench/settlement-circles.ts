/**
 * Workload 2: circular flows among tiers of banks, where the LSM matters. Interbank payments
 * form chains that come back to where they started (a small bank pays via its correspondent,
 * the correspondent via a large bank, …), as in the T2 and CHAPS gridlock studies (Bech and
 * Soramäki 2001, "Gridlock resolution in interbank payment systems"; Bank of England CHAPS
 * LSM, 2013). Each circle's legs are near-equal (±20%) and sent within half an hour in random
 * order, so gross value is far above net need: a bank that waits for its incoming leg before
 * paying gridlocks plain RTGS when liquidity is scarce.
 */
import { currencyByCode } from '../src/core/money/index.js';
import type { Scenario, ScenarioPayment } from '../src/core/settlement/index.js';
import { bankIds, netNeeds, prng, tradingDaySeconds } from './settlement-support.js';

export const circlesDefault = 40_000;
const seed = 0x0c1c_2024;
/** Tiers by participant index: 5 large (tier 1), 25 correspondents (tier 2), 70 small banks (tier 3). */
const tierRanges = [[0, 5], [5, 30], [30, 100]] as const;
const participantCount = 100;
/** Seconds within which all legs of one circle are sent. */
const circleSpreadSeconds = 1800;

/** Circle shapes by tier: among large banks; correspondent → large → correspondent; small → … → small. */
const shapes: readonly (readonly number[])[] = [[0, 0, 0], [1, 0, 1], [2, 1, 0, 1, 2]];
/** Smallest leg of a circle of each shape, in euro: larger banks move larger amounts. */
const shapeMinimumEur = [100_000, 20_000, 5_000];

export function tieredCircles(circles: number): Omit<Scenario, 'mode'> {
  const random = prng(seed);
  const ids = bankIds(participantCount);
  const bankOfTier = (tier: number): number => {
    const [lo, hi] = tierRanges[tier]!;
    return lo + Math.floor(random() * (hi - lo));
  };
  const payments: ScenarioPayment[] = [];
  for (let c = 0; c < circles; c++) {
    const shape = Math.floor(random() * shapes.length);
    const banks = distinctBanks(shapes[shape]!, bankOfTier);
    const base = Math.min(shapeMinimumEur[shape]! / (1 - random()) ** (1 / 1.5), 1e9);
    const start = Math.floor(random() * (tradingDaySeconds - circleSpreadSeconds));
    banks.forEach((from, k) => {
      const to = banks[(k + 1) % banks.length]!;
      const amount = BigInt(Math.round(base * (0.8 + 0.4 * random()) * 100));
      const at = start + Math.floor(random() * circleSpreadSeconds);
      payments.push({ id: `c${c}-${k}`, from: ids[from]!, to: ids[to]!, amount, atSeconds: at, priority: 'normal' });
    });
  }
  const needs = netNeeds(ids, payments);
  const participants = ids.map((id) => ({ id, balance: needs.get(id)!, creditLine: 0n }));
  return { currency: currencyByCode('EUR')!, participants, payments };
}

/** One bank per tier of the shape, all different (a circle visits a bank once). */
function distinctBanks(tiers: readonly number[], bankOfTier: (tier: number) => number): number[] {
  const banks: number[] = [];
  for (const tier of tiers) {
    let bank = bankOfTier(tier);
    for (let tries = 0; banks.includes(bank); tries++) {
      if (tries > 1000) throw new Error('tier too small for its circles');
      bank = bankOfTier(tier);
    }
    banks.push(bank);
  }
  return banks;
}
