/**
 * Seeded demo payment traffic: same-currency payments between banks, parties drawn by weight,
 * amounts heavy-tailed. The same config and seed give the same payments, in the same order.
 *
 * Parties: an ordered pair (debtor i, creditor j) of banks of one currency that settle on
 * different accounts is drawn with probability ∝ weight_i × weight_j. The pair law is symmetric,
 * so each bank pays out as much as it takes in on average: balances drift nowhere, and funding
 * sized for the walk's spread (demo/network.ts) lasts.
 * Amounts: log-normal in USD-equivalent (median 3,000 USD, σ 2.2: the top 1% of payments carry
 * about 45% of the value, as in real RTGS flows where a few large payments carry most of it),
 * capped at 100 million USD, scaled per currency, then whole minor units.
 */
import { assert } from '../core/assert.js';
import type { NodeConfig } from '../config/node-config.js';
import { createPrng, type Prng } from './prng.js';
import { demoUnitsPerUsd } from './scale.js';

export const trafficMedianUsd = 3000;
export const trafficSigma = 2.2;
export const trafficAmountUsdMax = 100_000_000;

export interface DemoPayment {
  /** The participant that submits: the debtor agent, or its sponsor when it is indirect. */
  readonly sender: string;
  readonly debtorAgent: string;
  readonly creditorAgent: string;
  readonly currency: string;
  readonly amountMinor: bigint;
}

export interface Traffic {
  next(): DemoPayment;
}

interface Member {
  readonly bic: string;
  /** Whose settlement account moves: the bank itself, or its sponsor. */
  readonly settles: string;
  readonly weight: number;
  /** Members [groupStart, groupEnd) settle on the same account as this one. */
  readonly groupStart: number;
  readonly groupEnd: number;
}

interface Pool {
  readonly code: string;
  /** Minor units per USD. */
  readonly minorPerUsd: number;
  readonly members: readonly Member[];
  /** cumulative[k] = weight of members before k; length members + 1. */
  readonly cumulative: readonly number[];
  /** The same for a member's weight × the weight of the members it may pay. */
  readonly debtorCumulative: readonly number[];
}

export function createTraffic(config: NodeConfig, seed: number): Traffic {
  const pools = config.currencies.map((c) => createPool(config, c.code, c.exponent)).filter((pool) => pool.debtorCumulative.at(-1)! > 0);
  if (pools.length === 0) throw new Error('demo traffic needs two banks of one currency that settle on different accounts');
  const poolCumulative = prefixSums(pools.map((pool) => pool.debtorCumulative.at(-1)!));
  const prng = createPrng(seed);
  return {
    next() {
      const pool = pools[pick(poolCumulative, prng.nextFloat() * poolCumulative.at(-1)!, 0, pools.length)]!;
      const debtor = pool.members[pick(pool.debtorCumulative, prng.nextFloat() * pool.debtorCumulative.at(-1)!, 0, pool.members.length)]!;
      const creditor = pool.members[pickOutside(pool, debtor, prng)]!;
      assert(creditor.settles !== debtor.settles, 'creditor settles on another account than the debtor');
      return { sender: debtor.settles, debtorAgent: debtor.bic, creditorAgent: creditor.bic, currency: pool.code, amountMinor: amountMinor(pool, prng) };
    },
  };
}

/** The banks of one currency, grouped by the account they settle on. */
function createPool(config: NodeConfig, code: string, exponent: number): Pool {
  const banks = config.participants.filter((p) => p.roles.includes('bank') && p.currencies.includes(code));
  const settles = (p: (typeof banks)[number]): string => p.sponsor ?? p.bic;
  const groups = new Map<string, (typeof banks)[number][]>();
  for (const bank of banks) {
    const group = groups.get(settles(bank));
    if (group === undefined) groups.set(settles(bank), [bank]);
    else group.push(bank);
  }
  const members: Member[] = [];
  for (const [group, inGroup] of groups) {
    const groupStart = members.length;
    const groupEnd = groupStart + inGroup.length;
    for (const p of inGroup) members.push({ bic: p.bic, settles: group, weight: p.weight, groupStart, groupEnd });
  }
  const cumulative = prefixSums(members.map((m) => m.weight));
  const total = cumulative.at(-1)!;
  const outside = (m: Member): number => total - (cumulative[m.groupEnd]! - cumulative[m.groupStart]!);
  return {
    code,
    minorPerUsd: demoUnitsPerUsd(code) * 10 ** exponent,
    members,
    cumulative,
    debtorCumulative: prefixSums(members.map((m) => m.weight * outside(m))),
  };
}

/** A creditor ∝ weight among the members outside the debtor's group (members are grouped contiguously). */
function pickOutside(pool: Pool, debtor: Member, prng: Prng): number {
  const { cumulative, members } = pool;
  const before = cumulative[debtor.groupStart]!;
  const after = cumulative[members.length]! - cumulative[debtor.groupEnd]!;
  const u = prng.nextFloat() * (before + after);
  // The range tests, not only u < before, keep a rounded u out of an empty side.
  if (after === 0 || (before > 0 && u < before)) return pick(cumulative, u, 0, debtor.groupStart);
  return pick(cumulative, u - before + cumulative[debtor.groupEnd]!, debtor.groupEnd, members.length);
}

function amountMinor(pool: Pool, prng: Prng): bigint {
  const usd = Math.min(trafficAmountUsdMax, trafficMedianUsd * Math.exp(trafficSigma * prng.nextNormal()));
  const minor = Math.max(1, Math.round(usd * pool.minorPerUsd));
  assert(Number.isSafeInteger(minor), `demo amount ${minor} is a safe integer`);
  return BigInt(minor);
}

function prefixSums(values: readonly number[]): number[] {
  const sums = [0];
  for (const value of values) sums.push(sums.at(-1)! + value);
  return sums;
}

/** The k in [lo, hi) with cumulative[k] ≤ u < cumulative[k + 1], clamped into [lo, hi) against float rounding. */
function pick(cumulative: readonly number[], u: number, lo: number, hi: number): number {
  assert(hi > lo, 'a non-empty range to pick from');
  let low = lo;
  let high = hi - 1;
  while (low < high) {
    const middle = (low + high + 1) >>> 1;
    if (cumulative[middle]! <= u) low = middle;
    else high = middle - 1;
  }
  return low;
}
