import { applySettlementEvent, createSettlementState, type EngineSetup, type PaymentOrder, type SettlementResult, type SettlementState } from './index.js';

/** An engine from terse participants: [id, balance, creditLine?]. Throws on a bad setup (tests only). */
export function engine(mode: EngineSetup['mode'], participants: [string, bigint, bigint?][], extra: Partial<EngineSetup> = {}): SettlementState {
  const created = createSettlementState({ mode, participants: participants.map(([id, balance, creditLine]) => ({ id, balance, creditLine: creditLine ?? 0n })), ...extra });
  if (!created.ok) throw new Error(created.detail);
  return created.state;
}

export function pay(id: string, from: string, to: string, amount: bigint, priority: PaymentOrder['priority'] = 'normal'): { type: 'submit'; payment: PaymentOrder } {
  return { type: 'submit', payment: { id, from, to, amount, priority } };
}

export function ok(result: SettlementResult): Extract<SettlementResult, { ok: true }> {
  if (!result.ok) throw new Error(`expected ok, got ${result.error}: ${result.detail}`);
  return result;
}

export function submit(state: SettlementState, id: string, from: string, to: string, amount: bigint, priority: PaymentOrder['priority'] = 'normal', at = state.nowSeconds): SettlementResult {
  return applySettlementEvent(state, pay(id, from, to, amount, priority), at);
}

export function balances(state: SettlementState): Record<string, bigint> {
  return Object.fromEntries(state.participants.map((p) => [p.id, p.balance]));
}

/** Everything observable of the state, as a comparable string (to prove that a refused event changed nothing). */
export function snapshot(state: SettlementState): string {
  return JSON.stringify(
    {
      ...state,
      indexById: [...state.indexById],
      payments: [...state.payments.values()],
    },
    (_, value: unknown) => (typeof value === 'bigint' ? `${value}n` : value),
  );
}
