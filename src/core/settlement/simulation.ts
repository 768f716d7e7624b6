import { assert } from '../assert.js';
import type { Currency } from '../money/index.js';
import { applySettlementEvent } from './engine.js';
import { assertSettlementInvariants } from './invariants.js';
import { daySecondsMax, lsmIntervalSeconds } from './limits.js';
import { createSettlementState, type SettlementState } from './state.js';
import type { Decision, ParticipantSetup, PaymentOrder, QueueOrder, SettlementEvent, SettlementMode } from './types.js';

export interface ScenarioPayment extends PaymentOrder {
  /** Seconds since the start of the day. */
  readonly atSeconds: number;
}

export interface Scenario {
  readonly currency: Currency;
  readonly mode: SettlementMode;
  readonly participants: readonly ParticipantSetup[];
  readonly payments: readonly ScenarioPayment[];
}

export interface SimulationOptions {
  readonly queueOrder?: QueueOrder;
  readonly lsmIntervalSeconds?: number;
}

/** The DESIGN.md §5 `simulate --json` figures, money in minor units. */
export interface SimulationResult {
  readonly mode: SettlementMode;
  readonly payments: number;
  readonly settled: number;
  readonly settledValue: bigint;
  readonly grossValue: bigint;
  readonly unsettled: number;
  readonly unsettledValue: bigint;
  readonly liquidityProvided: bigint;
  readonly minimumLiquidity: bigint;
  readonly meanDelaySeconds: number;
  readonly maxDelaySeconds: number;
  /**
   * Liquidity the day actually used: over participants, opening balance minus the lowest
   * balance after any event (0 if it never fell). Not part of the DESIGN.md §5 JSON; the
   * benchmark compares it with the gross value (the T2/CHAPS "liquidity usage" figure).
   */
  readonly liquidityUsed: bigint;
  readonly finalBalances: readonly { readonly id: string; readonly balance: bigint }[];
}

interface Tally {
  settled: number;
  settledValue: bigint;
  delaySumSeconds: number;
  delayMaxSeconds: number;
  /** Per participant index, its lowest balance after any event so far. */
  readonly lowestBalances: bigint[];
}

/**
 * Replays a day through the same engine the server drives: payments in time order (ties in
 * file order), a scheduled tick every lsmIntervalSeconds, and after the last payment one more
 * run and end of day (dns: the day's one window closes and settles then).
 */
export function simulateDay(scenario: Scenario, options: SimulationOptions = {}): SimulationResult {
  const created = createSettlementState({ mode: scenario.mode, participants: scenario.participants, queueOrder: options.queueOrder ?? 'fifo' });
  assert(created.ok, 'a validated scenario makes a valid engine');
  const state = created.state;
  const interval = options.lsmIntervalSeconds ?? lsmIntervalSeconds;
  assert(interval > 0, 'LSM interval is positive');
  const tally: Tally = { settled: 0, settledValue: 0n, delaySumSeconds: 0, delayMaxSeconds: 0, lowestBalances: state.participants.map((p) => p.balance) };
  const order = timeOrder(scenario.payments);
  let nextTick = interval;
  let lastAt = 0;
  for (const index of order) {
    const payment = scenario.payments[index]!;
    for (; nextTick <= payment.atSeconds && nextTick <= daySecondsMax; nextTick += interval) apply(state, { type: 'tick' }, nextTick, tally);
    apply(state, { type: 'submit', payment }, payment.atSeconds, tally);
    lastAt = payment.atSeconds;
  }
  apply(state, { type: 'tick' }, lastAt, tally);
  apply(state, { type: 'end_of_day' }, lastAt, tally);
  assertSettlementInvariants(state);
  return summary(scenario, state, tally);
}

function apply(state: SettlementState, event: SettlementEvent, atSeconds: number, tally: Tally): void {
  const result = applySettlementEvent(state, event, atSeconds);
  assert(result.ok, `simulated ${event.type} is accepted: ${result.ok ? '' : result.detail}`);
  count(result, atSeconds, tally);
  const touched = [...result.settled.map((p) => p.from), ...result.instructions.map((i) => i.participant)];
  for (const id of touched) trackLowest(state, id, tally);
}

/** Only payers and net debtors can reach a new low, so only they are looked at. */
function trackLowest(state: SettlementState, id: string, tally: Tally): void {
  const index = state.indexById.get(id);
  assert(index !== undefined, `decision names known participant ${id}`);
  const balance = state.participants[index]!.balance;
  if (balance < tally.lowestBalances[index]!) tally.lowestBalances[index] = balance;
}

function count(decision: Decision, atSeconds: number, tally: Tally): void {
  for (const settled of decision.settled) {
    const delay = atSeconds - settled.submittedAtSeconds;
    tally.settled += 1;
    tally.settledValue += settled.amount;
    tally.delaySumSeconds += delay;
    if (delay > tally.delayMaxSeconds) tally.delayMaxSeconds = delay;
  }
}

function timeOrder(payments: readonly ScenarioPayment[]): number[] {
  const order = payments.map((_, index) => index);
  order.sort((a, b) => payments[a]!.atSeconds - payments[b]!.atSeconds || a - b);
  return order;
}

function summary(scenario: Scenario, state: SettlementState, tally: Tally): SimulationResult {
  const grossValue = scenario.payments.reduce((sum, p) => sum + p.amount, 0n);
  const liquidityProvided = scenario.participants.reduce((sum, p) => sum + p.balance + p.creditLine, 0n);
  return {
    mode: scenario.mode,
    payments: scenario.payments.length,
    settled: tally.settled,
    settledValue: tally.settledValue,
    grossValue,
    unsettled: scenario.payments.length - tally.settled,
    unsettledValue: grossValue - tally.settledValue,
    liquidityProvided,
    minimumLiquidity: minimumLiquidity(scenario),
    meanDelaySeconds: tally.settled === 0 ? 0 : tally.delaySumSeconds / tally.settled,
    maxDelaySeconds: tally.delayMaxSeconds,
    liquidityUsed: scenario.participants.reduce((sum, p, i) => sum + p.balance - tally.lowestBalances[i]!, 0n),
    finalBalances: state.participants.map((p) => ({ id: p.id, balance: p.balance })),
  };
}

/** DESIGN.md §5: the sum over participants of max(0, −net position of all payments). */
export function minimumLiquidity(scenario: Pick<Scenario, 'participants' | 'payments'>): bigint {
  const nets = new Map<string, bigint>(scenario.participants.map((p) => [p.id, 0n]));
  for (const p of scenario.payments) {
    nets.set(p.from, (nets.get(p.from) ?? 0n) - p.amount);
    nets.set(p.to, (nets.get(p.to) ?? 0n) + p.amount);
  }
  let total = 0n;
  for (const net of nets.values()) if (net < 0n) total -= net;
  return total;
}
