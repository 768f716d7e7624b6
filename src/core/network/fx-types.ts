/**
 * FX in the network: the operator's policy, providers' firm quotes, routes held for a
 * participant, and the details of a cross-currency payment. Plain data, journaled like the rest.
 */
import type { QuoteBook, RouteLeg, RouteMode } from '../fx/index.js';
import type { Id } from '../ledger/types.js';
import type { PaymentParties } from './screening-types.js';

/** The operator's FX policy as journaled: rates as decimal text, sets as sorted arrays. */
export interface FxPolicyRecord {
  /** Mid reference rates, `BASE/COUNTER` → decimal text (counter per base). */
  readonly referenceRates: Readonly<Record<string, string>>;
  /** How far any price may be from its pair's reference, basis points (0..5000). */
  readonly referenceDeviationBps: number;
  /** `BASE/COUNTER` keys (either orientation matches); null allows every pair. */
  readonly pairsAllowed: readonly string[] | null;
  /** Currencies a route may start or end in but never pass through. */
  readonly vehicleCurrenciesExcluded: readonly string[];
  /** Most legs per route, 1..4. */
  readonly routeHops: number;
  /**
   * How long (ms) a cross-currency payment whose rtgs source leg lacks the payer's liquidity may
   * wait in that currency's queue, its provider legs reserved (never past its quotes' expiry).
   * 0 or absent: it never waits, it is rejected AM04 at once (what journals from before it meant).
   */
  readonly queueTimeoutMs?: number;
}

/** A leg of a held route or a settled FX payment: the FX core's leg, as the network records it. */
export type FxRouteLegRecord = RouteLeg;

/** A route computed for a participant and held at its price until `heldUntilUs`. */
export interface HeldRouteRecord {
  readonly routeId: string;
  readonly participant: string;
  readonly mode: RouteMode;
  readonly sourceCurrency: string;
  readonly targetCurrency: string;
  readonly sentMinor: bigint;
  readonly deliveredMinor: bigint;
  /** All-in rate, target per source in major units, 12 significant digits (display; amounts are exact). */
  readonly rate: string;
  readonly legs: readonly FxRouteLegRecord[];
  readonly heldAt: number;
  /** µs: never later than the earliest expiry of the quotes it uses. */
  readonly heldUntil: number;
  /** The payment that used it (a held route serves one payment). */
  usedBy: string | null;
}

/** What makes a payment cross-currency: its route, both amounts, the rate and the chain that settled it. */
export interface FxPaymentDetails {
  readonly routeId: string | null;
  readonly mode: RouteMode;
  readonly targetCurrency: string;
  /** Minor units of the target currency the creditor agent receives (the payment's `amount` is what the debtor agent sends). */
  readonly deliveredMinor: bigint;
  readonly rate: string;
  readonly legs: readonly FxRouteLegRecord[];
  /** The posted transfers of the PvP chain, in chain order (empty when rejected or held: nothing moved). */
  readonly transfers: readonly Id[];
  /** ISO InstdAmt: the most of the source currency it may take, kept so a held payment is priced within it at its release. */
  readonly sendMaxMinor?: bigint;
  /** Set when it waited in its source currency's queue: its provider legs' reservations and how long it may wait. */
  readonly wait?: FxWaitRecord;
}

/**
 * A cross-currency payment waiting in its source currency's rtgs queue (docs/settlement.md, "FX
 * payments"): every leg but the payer's is a pending transfer; the payer's leg waits in the queue.
 */
export interface FxWaitRecord {
  /** The pending transfers of legs 1.. of its chain, in chain order (the payer's leg 0 is not reserved: it queues). */
  readonly reserved: readonly Id[];
  /** µs: the queue releases it before this moment, or it is rejected with every reservation voided. */
  readonly until: number;
  /** What set `until`: the FX policy's queueTimeoutMs (AB03) or the expiry of its quotes or held route (AB05). */
  readonly endsBy: 'timeout' | 'quotes';
}

/** The network's FX state. `book` is replaced, never mutated (the FX core returns a new book per change). */
export interface FxState {
  book: QuoteBook;
  policy: FxPolicyRecord;
  /** By route id, in the order they were held. */
  readonly routes: Map<string, HeldRouteRecord>;
}

// ---- commands ------------------------------------------------------------------------------

export interface FxQuoteInput {
  readonly id: string;
  readonly base: string;
  readonly counter: string;
  readonly bid: string | null;
  readonly ask: string | null;
  readonly sizeMinMinor: bigint;
  readonly sizeMaxMinor: bigint;
  /** ms since the epoch; live while the batch time is before it. */
  readonly expiresAtMs: number;
  readonly participants: readonly { readonly participant: string; readonly bid: string | null; readonly ask: string | null }[] | null;
}

/** post (new id) or replace (same id, provider and pair) a firm quote. */
export interface PostFxQuoteCommand {
  readonly type: 'post_fx_quote';
  readonly provider: string;
  readonly replace: boolean;
  readonly quote: FxQuoteInput;
}

export interface WithdrawFxQuoteCommand {
  readonly type: 'withdraw_fx_quote';
  readonly provider: string;
  readonly quoteId: string;
}

/** The operator replaces the whole FX policy (reference rates and band included). */
export interface SetFxPolicyCommand {
  readonly type: 'set_fx_policy';
  readonly policy: FxPolicyRecord;
}

/** A provider moves money between its settlement account and its fx_inventory account of one currency. */
export interface MoveFxInventoryCommand {
  readonly type: 'move_fx_inventory';
  readonly bic: string;
  readonly currency: string;
  /** in: settlement → inventory; out: inventory → settlement. */
  readonly direction: 'in' | 'out';
  readonly amount: bigint;
  /** A retry with the same reference changes nothing. */
  readonly reference: string;
}

export interface FxRouteRequest {
  readonly sourceCurrency: string;
  readonly targetCurrency: string;
  readonly mode: RouteMode;
  /** send: of the source currency; deliver: of the target currency. */
  readonly amount: bigint;
}

/** Computes the best route now and holds its price for the participant. */
export interface HoldFxRouteCommand extends FxRouteRequest {
  readonly type: 'hold_fx_route';
  readonly participant: string;
  /** Chosen by the edge (a UUID). */
  readonly routeId: string;
  readonly holdSeconds: number;
}

/**
 * A cross-currency payment: the debtor agent pays in the source currency, the creditor agent
 * receives the target currency. Priced by the held route it names, or routed now.
 */
export interface SubmitFxPaymentCommand extends FxRouteRequest {
  readonly type: 'submit_fx_payment';
  readonly sender: string;
  readonly idempotencyKey: string;
  readonly requestHash: string;
  readonly uetr: string;
  readonly endToEndId: string;
  readonly debtorAgent: string;
  readonly creditorAgent: string;
  readonly debtorName: string;
  readonly creditorName: string;
  readonly remittanceInformation: string;
  readonly routeId: string | null;
  /** Further fields that are screened (addresses, ultimate parties, intermediary agents), as for a same-currency payment. */
  readonly parties?: PaymentParties;
  /** deliver only: refused (fx_instructed_amount_exceeded) when the route would take more than this of the source currency (ISO InstdAmt). */
  readonly sendMaxMinor?: bigint;
  readonly iso?: { readonly messageId: string; readonly messageName: string; readonly instructionId: string; readonly transactionId: string };
}

export type FxCommand = PostFxQuoteCommand | WithdrawFxQuoteCommand | SetFxPolicyCommand | MoveFxInventoryCommand | HoldFxRouteCommand | SubmitFxPaymentCommand;

export const fxCommandTypes: readonly FxCommand['type'][] = ['post_fx_quote', 'withdraw_fx_quote', 'set_fx_policy', 'move_fx_inventory', 'hold_fx_route', 'submit_fx_payment'];
