/** Builders for FX commands and a small FX network, for the network's FX tests. */
import { createHash } from 'node:crypto';
import type { RouteMode } from '../../fx/index.js';
import type { FxPolicyRecord, FxQuoteInput, HoldFxRouteCommand, MoveFxInventoryCommand, PostFxQuoteCommand, SetFxPolicyCommand, SubmitFxPaymentCommand, WithdrawFxQuoteCommand } from '../fx-types.js';
import { defaultFxPolicy } from '../fx-state.js';
import type { NodeCommand } from '../apply.js';
import { bank, currencies, dayStart, fundIn, joinCurrency, registerAgent, registerCurrency, registerParticipant, standardNode, uetr, type TestNode } from './commands.js';

/** FX providers: P quotes EUR/USD and USD/JPY, Q quotes EUR/JPY. */
export const provider = { P: 'FXPRGB2L', Q: 'FXQQSGSG' } as const;
/** A bank in Japan, holding JPY only. */
export const japanBank = 'BANKJPJT';

/** One hour after the test clock's start, in ms: quotes built here live that long. */
export const inOneHourMs = dayStart / 1000 + 3_600_000;

export function quoteInput(id: string, base: string, counter: string, bid: string | null, ask: string | null, fields: Partial<FxQuoteInput> = {}): FxQuoteInput {
  return { id, base, counter, bid, ask, sizeMinMinor: 1n, sizeMaxMinor: 10n ** 12n, expiresAtMs: inOneHourMs, participants: null, ...fields };
}

export function postFxQuote(providerBic: string, quote: FxQuoteInput, replace = false): PostFxQuoteCommand {
  return { type: 'post_fx_quote', provider: providerBic, replace, quote };
}

export function withdrawFxQuote(providerBic: string, quoteId: string): WithdrawFxQuoteCommand {
  return { type: 'withdraw_fx_quote', provider: providerBic, quoteId };
}

export function setFxPolicy(fields: Partial<FxPolicyRecord> = {}): SetFxPolicyCommand {
  return { type: 'set_fx_policy', policy: { ...defaultFxPolicy, ...fields } };
}

export function moveFxInventory(bic: string, currency: string, amount: bigint, reference: string, direction: 'in' | 'out' = 'in'): MoveFxInventoryCommand {
  return { type: 'move_fx_inventory', bic, currency, direction, amount, reference };
}

export function routeId(seed: string | number): string {
  return uetr(`route ${seed}`);
}

export function holdFxRoute(participant: string, seed: string | number, sourceCurrency: string, targetCurrency: string, mode: RouteMode, amount: bigint, holdSeconds = 30): HoldFxRouteCommand {
  return { type: 'hold_fx_route', participant, routeId: routeId(seed), sourceCurrency, targetCurrency, mode, amount, holdSeconds };
}

export interface FxPaymentFields {
  readonly seed: string | number;
  readonly from: string;
  readonly to: string;
  readonly sourceCurrency: string;
  readonly targetCurrency: string;
  readonly mode?: RouteMode;
  readonly amount: bigint;
  readonly routeId?: string | null;
  readonly sender?: string;
}

export function fxPayment(f: FxPaymentFields): SubmitFxPaymentCommand {
  const request = {
    uetr: uetr(`fx ${f.seed}`),
    endToEndId: `FX-${f.seed}`.slice(0, 35),
    sourceCurrency: f.sourceCurrency,
    targetCurrency: f.targetCurrency,
    mode: f.mode ?? 'send',
    amount: f.amount,
    debtorAgent: f.from,
    creditorAgent: f.to,
    debtorName: `Debtor of ${f.from}`,
    creditorName: `Creditor at ${f.to}`,
    remittanceInformation: `FX invoice ${f.seed}`,
    routeId: f.routeId ?? null,
  };
  const requestHash = createHash('sha256').update(JSON.stringify(request, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))).digest('hex');
  return { type: 'submit_fx_payment', sender: f.sender ?? f.from, idempotencyKey: `fx-key-${f.seed}`, requestHash, ...request };
}

/**
 * The standard network plus JPY (rtgs, exponent 0) and a Japanese bank; providers P (EUR, USD,
 * JPY) and Q (EUR, JPY), each with 1,000,000 of inventory per currency (major units); A holds
 * 10,000 EUR. Quotes: P EUR/USD 1.08/1.09 and USD/JPY 150/151, Q EUR/JPY 161/163.
 */
export function fxNode(): TestNode {
  const node = standardNode();
  const { A } = bank;
  const { P, Q } = provider;
  const setup = [
    registerAgent(currencies.JPY.agent),
    registerCurrency('JPY'),
    joinCurrency(bank.B, 'JPY'),
    registerParticipant(japanBank, { currencies: ['JPY'] }),
    registerParticipant(P, { roles: ['fx_provider'], currencies: ['EUR', 'USD', 'JPY'] }),
    registerParticipant(Q, { roles: ['fx_provider'], currencies: ['EUR', 'JPY'] }),
    fundIn(A, 'EUR', 1_000_000n, 'A-EUR'),
    fundIn(A, 'USD', 1_000_000n, 'A-USD'),
    fundIn(P, 'EUR', 100_000_000n, 'P-EUR'),
    fundIn(P, 'USD', 100_000_000n, 'P-USD'),
    fundIn(P, 'JPY', 1_000_000n, 'P-JPY'),
    fundIn(Q, 'EUR', 100_000_000n, 'Q-EUR'),
    fundIn(Q, 'JPY', 1_000_000n, 'Q-JPY'),
    moveFxInventory(P, 'EUR', 100_000_000n, 'INV-P-EUR'),
    moveFxInventory(P, 'USD', 100_000_000n, 'INV-P-USD'),
    moveFxInventory(P, 'JPY', 1_000_000n, 'INV-P-JPY'),
    moveFxInventory(Q, 'EUR', 100_000_000n, 'INV-Q-EUR'),
    moveFxInventory(Q, 'JPY', 1_000_000n, 'INV-Q-JPY'),
    postFxQuote(P, quoteInput('P-EURUSD', 'EUR', 'USD', '1.08', '1.09')),
    postFxQuote(P, quoteInput('P-USDJPY', 'USD', 'JPY', '150', '151')),
    postFxQuote(Q, quoteInput('Q-EURJPY', 'EUR', 'JPY', '161', '163')),
  ];
  const { results } = node.apply(setup);
  const failed = results.findIndex((r) => r !== 'accepted');
  if (failed !== -1) throw new Error(`fx setup: command ${failed} (${setup[failed]!.type}) answered ${results[failed]}`);
  return node;
}

/**
 * CHF in `mode` beside the FX network: `banks` join it (A funded with `aFundedMinor`), provider P
 * holds 10,000.00 CHF of inventory and quotes CHF/USD at 1.10 / 1.12.
 */
export function chfWithQuote(mode: 'rtgs' | 'rtgs-lsm' | 'dns', banks: readonly string[], aFundedMinor: bigint): NodeCommand[] {
  const { P } = provider;
  return [
    registerAgent(currencies.CHF.agent),
    registerCurrency('CHF', { mode }),
    ...[...banks, P].map((bic) => joinCurrency(bic, 'CHF')),
    fundIn(bank.A, 'CHF', aFundedMinor, 'A-CHF'),
    fundIn(P, 'CHF', 1_000_000n, 'P-CHF'),
    moveFxInventory(P, 'CHF', 1_000_000n, 'INV-P-CHF'),
    postFxQuote(P, quoteInput('P-CHFUSD', 'CHF', 'USD', '1.10', '1.12')),
  ];
}
