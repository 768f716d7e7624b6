/**
 * A participant's inbox as ISO 20022 messages, in its version set. Each event gives the
 * messages a bank's back office expects for it; an event with no ISO 20022 form (or none for
 * this side of the payment) is passed on as JSON, so the feed has every event and loses none.
 *
 * | event | debtor side | creditor side |
 * |---|---|---|
 * | payment.received | — | pacs.008 (forwarded), camt.054 credit (account owner) |
 * | payment.settled | pacs.002 ACSC, camt.054 debit (account owner) | — |
 * | payment.rejected | pacs.002 RJCT; camt.029 ACCR (CNCL) when a camt.056 cancelled it | — |
 * | payment.cancellation_requested | (JSON: its own request) | camt.056 |
 * | payment.cancellation_rejected | camt.029 RJCR | (JSON: its own answer) |
 * | payment.returned | pacs.004, camt.054 credit (account owner) | camt.054 debit (account owner) |
 * | funds.credited / funds.debited | camt.054 credit / debit | |
 *
 * Ids are derived from the recipient and the event's seq (CRDR-<bic>-<seq>-<kind>), times are
 * the event's, so reading the feed again gives the same messages (in the version set of the
 * time of reading).
 */
import { isoSettlement } from './fx.js';
import { settlementAccountKey, type NetworkState } from '../../core/network/state.js';
import type { InboxEvent, PaymentRecord } from '../../core/network/types.js';
import { isoAmount } from '../../iso20022/build/amount.js';
import { buildCamt029, type CancellationRejectionCode } from '../../iso20022/build/camt029.js';
import { buildCamt054 } from '../../iso20022/build/camt054.js';
import { type IsoPartBuilt, renderBusinessMessage } from '../../iso20022/build/document.js';
import { IsoBuildError } from '../../iso20022/build/errors.js';
import { buildAppHdr } from '../../iso20022/build/head001.js';
import { buildPacs002 } from '../../iso20022/build/pacs002.js';
import { buildPacs004, type ReturnReasonCode } from '../../iso20022/build/pacs004.js';
import { buildPacs008 } from '../../iso20022/build/pacs008.js';
import type { BankTransactionCode, EntryPayment, StatementEntry } from '../../iso20022/build/report-entry.js';
import type { Party } from '../../iso20022/build/types.js';
import type { VersionSet } from '../../iso20022/build/versions.js';
import { inboxEventView } from '../views.js';
import { buildCamt056 } from './camt056.js';
import { originalOfPayment, paymentStatus, reasonOfCode, settledAt } from './status.js';
import { isoDateOfMicros, isoDateTimeOfMicros, isoText, isoTextOr } from './text.js';
import { creditorSide, debtorSide, settlingParticipant } from '../../core/network/sides.js';

export interface RenderedMessage {
  readonly seq: number;
  readonly type: string;
  readonly xml: string | null;
  readonly event?: ReturnType<typeof inboxEventView>;
}

/** What a rendering needs: the durable state, the recipient and its versions. */
export interface FeedContext {
  readonly network: NetworkState;
  readonly recipient: string;
  readonly versions: VersionSet;
  /** Told when a record holds text the builders refuse (a bug: the API should have refused it first). */
  readonly onBuildError: (error: IsoBuildError, event: InboxEvent) => void;
}

/** The type of a feed entry that carries an event without an ISO 20022 form. */
export const jsonEventType = 'corridor.event';

/** AppHdr + Document in the SWIFT Envelope; BizMsgIdr is the Document's message id. */
export function renderWithHeader(document: IsoPartBuilt, from: string, to: string, businessMessageId: string, creationDateTime: string, versions: VersionSet): string {
  const header = buildAppHdr({ from, to, businessMessageId, creationDateTime }, document, versions['head.001']);
  return renderBusinessMessage(header, document);
}

/**
 * The messages of one inbox event for its recipient. Should a record hold text the builders
 * refuse (a bug), the event is passed on as JSON rather than stop the feed at it.
 */
export function renderEvent(context: FeedContext, event: InboxEvent): RenderedMessage[] {
  let messages: RenderedMessage[];
  try {
    messages = messagesOf(context, event);
  } catch (error) {
    if (!(error instanceof IsoBuildError)) throw error;
    context.onBuildError(error, event);
    messages = [];
  }
  return messages.length > 0 ? messages : [{ seq: event.seq, type: jsonEventType, xml: null, event: inboxEventView(context.network, event) }];
}

/** Message ids of the feed: CRDR-<bic>-<seq>-<kind>, at most 35 characters (BIC 11, seq 16 digits). */
function feedId(context: FeedContext, event: InboxEvent, kind: string): string {
  return `CRDR-${context.recipient}-${event.seq}-${kind}`;
}

function messagesOf(context: FeedContext, event: InboxEvent): RenderedMessage[] {
  const { network } = context;
  if (event.type === 'funds.credited' || event.type === 'funds.debited') return fundingNotice(context, event);
  const payment = network.payments.get(event.subject);
  if (payment === undefined) return [];
  const debtorSide = sideOf(context, payment, 'debtor');
  const creditorSide = sideOf(context, payment, 'creditor');
  const out: RenderedMessage[] = [];
  switch (event.type) {
    case 'payment.received':
      if (creditorSide) out.push(forwardedTransfer(context, event, payment), ...paymentNotice(context, event, payment, 'CRDT'));
      break;
    case 'payment.settled':
      if (debtorSide) out.push(settledStatus(context, event, payment), ...paymentNotice(context, event, payment, 'DBIT'));
      break;
    case 'payment.rejected':
      if (debtorSide) out.push(rejectedStatus(context, event, payment));
      // Rejected because its camt.056 was carried out: the request is answered too.
      if (debtorSide && payment.cancellation?.status === 'accepted') out.push(cancellationAcceptance(context, event, payment));
      break;
    case 'payment.cancellation_requested':
      if (creditorSide) out.push(cancellationRequest(context, event, payment));
      break;
    case 'payment.cancellation_rejected':
      if (debtorSide) out.push(cancellationRejection(context, event, payment));
      break;
    case 'payment.returned':
      if (debtorSide) out.push(returnMessage(context, event, payment), ...returnNotice(context, event, payment, 'CRDT'));
      if (creditorSide) out.push(...returnNotice(context, event, payment, 'DBIT'));
      break;
    default:
      break;
  }
  return out;
}

function sideOf(context: FeedContext, p: PaymentRecord, side: 'debtor' | 'creditor'): boolean {
  const bic = context.recipient;
  return (side === 'debtor' ? debtorSide(context.network, p) : creditorSide(context.network, p)).includes(bic);
}

/** The settlement agent of a currency: it runs the settlement, so it signs what the network itself reports. */
function agentOf(context: FeedContext, currency: string): string {
  return context.network.currencies.get(currency)?.agent ?? context.recipient;
}

function party(name: string): Party {
  return { name: isoTextOr(name, 140) };
}

function remittanceOf(p: PaymentRecord): string[] {
  const line = isoText(p.remittanceInformation, 140);
  return line === undefined ? [] : [line];
}

function rendered(context: FeedContext, event: InboxEvent, document: IsoPartBuilt, messageId: string, from: string): RenderedMessage {
  const xml = renderWithHeader(document, from, context.recipient, messageId, isoDateTimeOfMicros(event.at), context.versions);
  return { seq: event.seq, type: document.messageDefinitionId, xml };
}

/** pacs.008 as settled, forwarded to the creditor side; AppHdr from the bank that sent it. */
function forwardedTransfer(context: FeedContext, event: InboxEvent, p: PaymentRecord): RenderedMessage {
  const messageId = feedId(context, event, 'P');
  const instruction = isoText(p.iso?.instructionId, 35);
  const transaction = isoText(p.iso?.transactionId, 35);
  const document = buildPacs008(
    {
      messageId,
      creationDateTime: isoDateTimeOfMicros(event.at),
      settlementMethod: 'CLRG',
      instructingAgent: p.sender,
      instructedAgent: context.recipient,
      transactions: [
        {
          uetr: p.uetr,
          endToEndId: isoTextOr(p.endToEndId, 35),
          ...(instruction === undefined ? {} : { instructionId: instruction }),
          ...(transaction === undefined ? {} : { transactionId: transaction }),
          // An FX payment reaches the creditor agent as its amount in the target currency, with InstdAmt and XchgRate.
          ...isoSettlement(p),
          settlementDate: isoDateOfMicros(event.at),
          // An urgent payment says so to the creditor side (HIGH, as it may have come in); normal ones say nothing.
          ...(p.priority === 'urgent' ? { settlementPriority: 'HIGH' as const } : {}),
          acceptanceDateTime: isoDateTimeOfMicros(event.at),
          debtor: party(p.debtorName),
          debtorAgent: p.debtorAgent,
          creditorAgent: p.creditorAgent,
          creditor: party(p.creditorName),
          remittanceInformation: remittanceOf(p),
        },
      ],
    },
    context.versions['pacs.008'],
  );
  return rendered(context, event, document, messageId, p.sender);
}

function settledStatus(context: FeedContext, event: InboxEvent, p: PaymentRecord): RenderedMessage {
  const messageId = feedId(context, event, 'S');
  const status = paymentStatus(context.network, p, originalOfPayment(p));
  const document = buildPacs002({ messageId, creationDateTime: isoDateTimeOfMicros(event.at), transactions: [status] }, context.versions['pacs.002']);
  return rendered(context, event, document, messageId, agentOf(context, p.currency));
}

function rejectedStatus(context: FeedContext, event: InboxEvent, p: PaymentRecord): RenderedMessage {
  const messageId = feedId(context, event, 'S');
  const document = buildPacs002(
    {
      messageId,
      creationDateTime: isoDateTimeOfMicros(event.at),
      transactions: [{ original: originalOfPayment(p), status: 'RJCT', reasons: [reasonOfCode(event.reason ?? p.reason)], debtorAgent: p.debtorAgent, creditorAgent: p.creditorAgent }],
    },
    context.versions['pacs.002'],
  );
  return rendered(context, event, document, messageId, agentOf(context, p.currency));
}

function cancellationRequest(context: FeedContext, event: InboxEvent, p: PaymentRecord): RenderedMessage {
  const messageId = feedId(context, event, 'C');
  const cancellation = p.cancellation;
  const requestedBy = cancellation?.requestedBy ?? p.sender;
  const settled = settledAt(p);
  const document = buildCamt056({
    assignmentId: messageId,
    creationDateTime: isoDateTimeOfMicros(event.at),
    assigner: requestedBy,
    assignee: context.recipient,
    caseId: isoTextOr(cancellation?.caseId, 35),
    caseCreator: requestedBy,
    original: originalOfPayment(p),
    originalSettlementAmount: isoAmount(p.amount, p.currency),
    ...(settled === null ? {} : { originalSettlementDate: isoDateOfMicros(settled) }),
    reason: event.reason ?? cancellation?.reason ?? 'NARR',
  });
  return rendered(context, event, document, messageId, requestedBy);
}

/** camt.029 RJCR: the creditor side refused the cancellation; the debtor side hears why. */
function cancellationRejection(context: FeedContext, event: InboxEvent, p: PaymentRecord): RenderedMessage {
  const reason = (event.reason ?? p.cancellation?.answerReason ?? 'NARR') as CancellationRejectionCode;
  return cancellationResolution(context, event, p, feedId(context, event, 'R'), p.creditorAgent, { status: 'RJCR', rejectionReason: reason });
}

/**
 * camt.029 ACCR (Conf CNCL): the network cancelled a payment that had not settled (queued, in an
 * open dns window, or held by screening) as a camt.056 asked; the pacs.002 RJCT beside it says so too.
 */
function cancellationAcceptance(context: FeedContext, event: InboxEvent, p: PaymentRecord): RenderedMessage {
  return cancellationResolution(context, event, p, feedId(context, event, 'A'), agentOf(context, p.currency), { status: 'ACCR' });
}

function cancellationResolution(
  context: FeedContext,
  event: InboxEvent,
  p: PaymentRecord,
  messageId: string,
  assigner: string,
  outcome: { readonly status: 'ACCR' } | { readonly status: 'RJCR'; readonly rejectionReason: CancellationRejectionCode },
): RenderedMessage {
  const cancellation = p.cancellation;
  const settled = settledAt(p);
  const document = buildCamt029(
    {
      assignmentId: messageId,
      creationDateTime: isoDateTimeOfMicros(event.at),
      assigner,
      assignee: context.recipient,
      ...(cancellation === null ? {} : { resolvedCase: { id: isoTextOr(cancellation.caseId, 35), creator: cancellation.requestedBy } }),
      answers: [
        {
          original: originalOfPayment(p),
          ...outcome,
          originalSettlementAmount: isoAmount(p.amount, p.currency),
          ...(settled === null ? {} : { originalSettlementDate: isoDateOfMicros(settled) }),
        },
      ],
    },
    context.versions['camt.029'],
  );
  return rendered(context, event, document, messageId, assigner);
}

function returnMessage(context: FeedContext, event: InboxEvent, p: PaymentRecord): RenderedMessage {
  const messageId = feedId(context, event, 'T');
  const returned = p.returned;
  const settled = settledAt(p);
  const at = returned?.at ?? event.at;
  const document = buildPacs004(
    {
      messageId,
      creationDateTime: isoDateTimeOfMicros(event.at),
      instructingAgent: p.creditorAgent,
      instructedAgent: context.recipient,
      transactions: [
        {
          ...(returned === null ? {} : { returnId: isoTextOr(returned.returnId, 35) }),
          original: originalOfPayment(p),
          originalSettlementAmount: isoAmount(p.amount, p.currency),
          ...(settled === null ? {} : { originalSettlementDate: isoDateOfMicros(settled) }),
          returnedAmount: isoAmount(returned?.amount ?? p.amount, p.currency),
          settlementDate: isoDateOfMicros(at),
          returnChain: { debtor: party(p.creditorName), debtorAgent: p.creditorAgent, creditorAgent: p.debtorAgent, creditor: party(p.debtorName) },
          reason: (event.reason ?? returned?.reason ?? 'NARR') as ReturnReasonCode,
        },
      ],
    },
    context.versions['pacs.004'],
  );
  return rendered(context, event, document, messageId, p.creditorAgent);
}

/** camt.054 of one booked entry on the recipient's own settlement account (an indirect participant holds none). */
function notice(context: FeedContext, event: InboxEvent, currency: string, kind: string, entry: StatementEntry): RenderedMessage[] {
  const accountId = context.network.settlementAccounts.get(settlementAccountKey(context.recipient, currency));
  if (accountId === undefined) return [];
  const messageId = feedId(context, event, kind);
  const servicer = agentOf(context, currency);
  const document = buildCamt054(
    {
      messageId,
      creationDateTime: isoDateTimeOfMicros(event.at),
      notificationId: messageId,
      account: { id: { other: accountId }, currency, owner: context.recipient, servicer },
      entry,
    },
    context.versions['camt.054'],
  );
  return [rendered(context, event, document, messageId, servicer)];
}

function entryPayment(p: PaymentRecord): EntryPayment {
  const instruction = isoText(p.iso?.instructionId, 35);
  const transaction = isoText(p.iso?.transactionId, 35);
  const messageId = isoText(p.iso?.messageId, 35);
  const remittance = remittanceOf(p);
  return {
    ...(messageId === undefined ? {} : { messageId }),
    ...(instruction === undefined ? {} : { instructionId: instruction }),
    endToEndId: isoTextOr(p.endToEndId, 35),
    uetr: p.uetr,
    ...(transaction === undefined ? {} : { transactionId: transaction }),
    debtor: party(p.debtorName),
    creditor: party(p.creditorName),
    debtorAgent: p.debtorAgent,
    creditorAgent: p.creditorAgent,
    ...(remittance.length === 0 ? {} : { remittanceInformation: remittance }),
  };
}

/** A payment booked: credit to the creditor's account, debit to the debtor's. */
function paymentNotice(context: FeedContext, event: InboxEvent, p: PaymentRecord, side: 'CRDT' | 'DBIT'): RenderedMessage[] {
  if (context.recipient !== settlingParticipant(context.network, side === 'CRDT' ? p.creditorAgent : p.debtorAgent)) return [];
  return notice(context, event, p.currency, 'N', {
    reference: p.transferId,
    amount: isoAmount(p.amount, p.currency),
    side,
    bookingDateTime: isoDateTimeOfMicros(event.at),
    valueDate: isoDateOfMicros(event.at),
    payment: entryPayment(p),
  });
}

/** Bank transaction codes of a return: PMNT/ICDT/RRTN back to the debtor, PMNT/RCDT/RRTN from the creditor. */
const returnCodes: Readonly<Record<'CRDT' | 'DBIT', BankTransactionCode>> = {
  CRDT: { domain: 'PMNT', family: 'ICDT', subFamily: 'RRTN' },
  DBIT: { domain: 'PMNT', family: 'RCDT', subFamily: 'RRTN' },
};

function returnNotice(context: FeedContext, event: InboxEvent, p: PaymentRecord, side: 'CRDT' | 'DBIT'): RenderedMessage[] {
  const returned = p.returned;
  if (returned === null) return [];
  if (context.recipient !== settlingParticipant(context.network, side === 'CRDT' ? p.debtorAgent : p.creditorAgent)) return [];
  return notice(context, event, p.currency, 'N', {
    reference: returned.transferId,
    amount: isoAmount(returned.amount, p.currency),
    side,
    bookingDateTime: isoDateTimeOfMicros(returned.at),
    valueDate: isoDateOfMicros(returned.at),
    bankTransactionCode: returnCodes[side],
    payment: { ...entryPayment(p), debtor: party(p.creditorName), creditor: party(p.debtorName), debtorAgent: p.creditorAgent, creditorAgent: p.debtorAgent },
  });
}

/** Bank transaction codes of central bank money in and out: CAMT/ACCB topping and sweeping. */
const fundingCodes: Readonly<Record<'CRDT' | 'DBIT', BankTransactionCode>> = {
  CRDT: { domain: 'CAMT', family: 'ACCB', subFamily: 'TOPG' },
  DBIT: { domain: 'CAMT', family: 'ACCB', subFamily: 'SWEP' },
};

function fundingNotice(context: FeedContext, event: InboxEvent): RenderedMessage[] {
  if (event.currency === null || event.amount === null) return [];
  const funding = context.network.fundings.get(`${event.currency} ${event.subject}`);
  const side = event.type === 'funds.credited' ? 'CRDT' : 'DBIT';
  const reference = isoText(event.subject, 35);
  return notice(context, event, event.currency, 'N', {
    ...(funding === undefined ? {} : { reference: funding.transferId }),
    amount: isoAmount(event.amount, event.currency),
    side,
    bookingDateTime: isoDateTimeOfMicros(event.at),
    valueDate: isoDateOfMicros(event.at),
    bankTransactionCode: fundingCodes[side],
    ...(reference === undefined ? {} : { servicerReference: reference }),
  });
}
