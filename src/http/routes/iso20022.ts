/**
 * ISO 20022 over the API: a bank posts its files (pacs.008/pacs.009 credit transfers, camt.056
 * cancellation requests, camt.029 refusals, pacs.004 returns) and reads its inbox as ISO 20022
 * messages; statements come as camt.053. Files pass the same intake as `corridor iso validate`
 * (secure scan, XSD, business rules, network checks) and become the same journaled commands as
 * the JSON routes.
 *
 * Status codes, as a bank's middleware reads them: 200 with a pacs.002 when the file was taken
 * (journaled): every transaction has its status, ACSC or RJCT with its reason (AM04 when
 * liquidity did not cover it, the refusal's reason otherwise). 422 with a pacs.002 whose group
 * status is RJCT (the intake's reason, e.g. FF01, AM05 for a reused MsgId) when the file was
 * refused as a whole and nothing was journaled: fix it before sending again. 202 with a JSON
 * summary for investigation messages (camt.056, camt.029). Problems (JSON) for what is not
 * about the file's content: no key (401), sending for a bank one does not sponsor (403),
 * a body over the intake limit (413), not XML (415).
 */
import { createHash } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import type { Account as LedgerAccount } from '../../core/ledger/types.js';
import { messageShapeError, messageTransactionsMax } from '../../core/network/apply-message.js';
import { isNetworkResult, networkResultInfo } from '../../core/network/results.js';
import type { NetworkState } from '../../core/network/state.js';
import type { NetworkCommand, PaymentRecord, SubmitMessageCommand } from '../../core/network/types.js';
import { parseAmount } from '../../core/money/index.js';
import { isoAmount } from '../../iso20022/build/amount.js';
import { type IsoPartBuilt, renderPart } from '../../iso20022/build/document.js';
import type { TransactionStatus } from '../../iso20022/build/pacs002.js';
import { type StatusReason, statusReasonOfFailure } from '../../iso20022/build/status-reason.js';
import type { OriginalMessage } from '../../iso20022/build/types.js';
import type { VersionSet } from '../../iso20022/build/versions.js';
import { type SchemaValidMessage, readIsoFileWithPool } from '../../iso20022/intake.js';
import { xmlBytesMax } from '../../iso20022/limits.js';
import type { NetworkContext } from '../../iso20022/network.js';
import { isCreditTransfer } from '../../iso20022/payments.js';
import { businessRuleFailures } from '../../iso20022/rules.js';
import { textAt } from '../../iso20022/dom.js';
import { CommandShapeError } from '../../sequencer/ledger-node.js';
import { ProblemError } from '../problems.js';
import type { Principal, RouteAnswer, RouteSpec } from '../route.js';
import { Cursor, HexId, IsoCaseSummary, IsoMessagesPage, Limit, XmlFile } from '../schemas.js';
import type { Services } from '../services.js';
import { paymentView } from '../views.js';
import { type CaseTransaction, documentBody, documentMessageId, headerParties, readCancellationAnswers, readCancellationRequests, readCreditTransfers, readReturns } from '../iso/incoming.js';
import { type RenderedMessage, renderEvent, renderWithHeader } from '../iso/outgoing.js';
import { schemaStoreOf, validatorPoolOf } from '../iso/schema-store.js';
import { dayStartMicros, dayStatement } from '../iso/statement.js';
import { messageStatusReport, originalMessage, reasonOfResult, rejectionReport, statusReport } from '../iso/status.js';
import { hashedId, isoDateOfMicros, isoDateTimeOfMicros, isoText, isoTextOr, mayInstructFor, resolveBic } from '../iso/text.js';
import { creditorSide, debtorSide } from '../../core/network/sides.js';
import { participantVersionSet } from '../iso/versions.js';
import { resultProblem } from '../result-problems.js';
import { pageLimit } from './common.js';

const xmlType = 'application/xml; charset=utf-8';
const acceptedMessages = 'pacs.008, pacs.009, pacs.004, camt.056 or camt.029';
const takenMessages = new Set(['pacs.008', 'pacs.009', 'pacs.004', 'camt.056', 'camt.029']);

function participantBic(principal: Principal): string {
  if (principal.kind !== 'participant') throw new ProblemError('forbidden', 'only a participant may do this');
  return principal.bic;
}

/**
 * What the running network knows, for the intake's network rules: participants (a BIC8 and its
 * BIC11 …XXX are one), settled currencies, the sender's MsgIds and every UETR received. A resend
 * of the same file never gets here: it is answered from its record first.
 */
function networkContext(network: NetworkState, sender: string): NetworkContext {
  return {
    isKnownBic: (bic) => resolveBic(network, bic) !== null,
    settlesCurrency: (code) => network.currencies.has(code),
    isSeenMessageId: (messageId) => network.messages.has(`${sender}\n${messageId}`),
    isSeenUetr: (uetr) => network.payments.has(uetr),
  };
}

interface FileContext {
  readonly services: Services;
  readonly network: NetworkState;
  readonly sender: string;
  readonly requestHash: string;
  readonly versions: VersionSet;
  /** The request's AppHdr parties: an answer goes back with the roles swapped. */
  readonly header: { from: string; to: string } | null;
}

/** A report in answer to the file: in an envelope with an AppHdr when the file had one, bare otherwise. */
function xmlAnswer(file: FileContext, status: number, document: IsoPartBuilt, reportId: string, creationDateTime: string): RouteAnswer {
  const xml = file.header === null ? renderPart(document) : renderWithHeader(document, file.header.to, file.header.from, reportId, creationDateTime, file.versions);
  return { status, body: xml, headers: { 'content-type': xmlType } };
}

/** 422: the file refused as a whole, nothing journaled; a pacs.002 with group status RJCT and the reasons. */
function refuse(file: FileContext, original: OriginalMessage, reasons: readonly StatusReason[]): RouteAnswer {
  const reportId = hashedId('CRDRJ', file.sender, file.requestHash);
  const created = isoDateTimeOfMicros(Date.now() * 1000);
  return xmlAnswer(file, 422, rejectionReport(original, reasons, reportId, created, file.versions), reportId, created);
}

function reason(code: StatusReason['code'], detail: string): StatusReason {
  return { code, additionalInfo: [isoTextOr(detail, 105)] };
}

const submitIsoMessage: RouteSpec = {
  method: 'POST',
  path: '/v1/iso20022',
  operationId: 'submitIsoMessage',
  summary: 'Send an ISO 20022 file: pacs.008/pacs.009 payments, pacs.004 returns, camt.056 cancellation requests, camt.029 refusals',
  description:
    'The file (a bare Document, or AppHdr and Document in any wrapper) passes the intake of docs/iso20022.md: secure XML scan (no DTD, no entities), XSD, business rules, then the network checks (known agents, settled currencies, MsgId and UETR not used before). ' +
    'pacs.008/pacs.009 and pacs.004: 200 with a pacs.002 (application/xml) giving each transaction ACSC, or RJCT with its reason (AM04 insufficient funds, AG01, …); sending the same file again is answered with the same pacs.002 and moves nothing. ' +
    '422 with a pacs.002 whose group status is RJCT when the file is refused as a whole (FF01 format or schema, AM05 a MsgId used with other content, DUPL a UETR received before, AGNT an unknown agent, AM03 a currency not settled here): nothing was journaled. ' +
    'camt.056 (from the debtor side) and camt.029 RJCR (from the creditor side): 202 with a JSON summary per transaction. ' +
    'The instructing and debtor agents (and the AppHdr sender) must be the caller or an indirect participant it sponsors: otherwise 403 not-sponsor. The answer comes in the caller’s version set (PUT /v1/participants/{bic}/iso20022-versions).',
  tag: 'iso20022',
  access: 'participant',
  rawBody: { mediaTypes: ['application/xml', 'text/xml'], bytesMax: xmlBytesMax, description: 'One ISO 20022 file, UTF-8' },
  responses: { 200: XmlFile, 202: IsoCaseSummary, 422: XmlFile },
  responseMediaTypes: { 200: 'application/xml', 422: 'application/xml' },
  problems: [403],
  async handler({ principal, body, services, request }) {
    const sender = participantBic(principal);
    if (!Buffer.isBuffer(body)) throw new ProblemError('unsupported-media-type', 'send the ISO 20022 file as application/xml');
    const requestHash = createHash('sha256').update(body).digest('hex');
    // validateIsoFile, in its two steps, to keep the parsed message for the answer; the XSD
    // verdict comes from the validator threads while this thread parses the file for reading.
    // The file alone first; then the network's durable state, read after the last wait.
    const intake = await readIsoFileWithPool(body, schemaStoreOf(services), validatorPoolOf(services));
    await services.node.readBarrier();
    const network = services.node.network;
    const versions = participantVersionSet(network.participants.get(sender));
    const unread: FileContext = { services, network, sender, requestHash, versions, header: null };
    if (!intake.ok) return refuse(unread, originalMessage(null, intake.reported?.id ?? null), intake.failures.map(statusReasonOfFailure));
    const message = intake.message;
    const file: FileContext = { ...unread, header: headerParties(message) };
    const messageId = documentMessageId(message);
    const original = originalMessage(messageId, message.reported.id, textAt(documentBody(message), 'GrpHdr', 'CreDtTm'));
    // The same credit transfer file again (same sender, MsgId and bytes) passed every rule the
    // first time: it is answered from its record, even where the network has changed since
    // (its UETRs are now "seen"), so a retry always gets the first pacs.002.
    const resend = messageId !== null && isCreditTransfer(message.reported.message) && network.messages.get(`${sender}\n${messageId}`)?.requestHash === requestHash;
    const failures = resend ? [] : businessRuleFailures(message, networkContext(network, sender));
    if (failures.length > 0) return refuse(file, original, failures.map(statusReasonOfFailure));
    if (message.document === null || messageId === null) return refuse(file, original, [reason('FF01', `no Document: send ${acceptedMessages}`)]);
    if (!takenMessages.has(message.reported.message)) return refuse(file, original, [reason('FF01', `${message.reported.id} is not taken here: send ${acceptedMessages}`)]);
    const docBody = documentBody(message);
    checkSender(network, sender, [
      { what: 'the AppHdr sender', bic: file.header?.from ?? null },
      { what: 'the instructing agent', bic: agentBicAt(docBody, 'GrpHdr', 'InstgAgt') },
      { what: 'the assigner', bic: agentBicAt(docBody, 'Assgnmt', 'Assgnr', 'Agt') },
    ]);
    request.log.debug({ event: 'iso20022', sender, message: message.reported.id, messageId }, 'ISO 20022 file received');
    switch (message.reported.message) {
      case 'pacs.008':
      case 'pacs.009':
        return creditTransfers(file, message, messageId, original);
      case 'camt.056':
        return cancellationRequests(file, message, messageId);
      case 'camt.029':
        return cancellationAnswers(file, message, messageId);
      case 'pacs.004':
        return returns(file, message, messageId, original);
      default:
        return refuse(file, original, [reason('FF01', `${message.reported.id} is not taken here: send ${acceptedMessages}`)]);
    }
  },
};

/**
 * The agents a file speaks for (the AppHdr sender, the instructing agent, the assigner of an
 * investigation; each debtor agent of a credit transfer, checked with its transactions) must be
 * the caller or an indirect participant it sponsors: a bank sends only its own payments and
 * those of the banks it settles for.
 */
function checkSender(network: NetworkState, sender: string, named: readonly { readonly what: string; readonly bic: string | null }[]): void {
  for (const { what, bic } of named) {
    if (bic !== null && !mayInstructFor(network, sender, bic)) throw new ProblemError('not-sponsor', `${what} ${bic} is neither ${sender} nor a participant it sponsors`);
  }
}

function agentBicAt(body: ReturnType<typeof documentBody>, ...path: string[]): string | null {
  return textAt(body, ...path, 'FinInstnId', 'BICFI') ?? textAt(body, ...path, 'FinInstnId', 'BIC');
}

/** pacs.008/pacs.009: one submit_message; the answer is built from its journaled record. */
async function creditTransfers(file: FileContext, message: SchemaValidMessage, messageId: string, original: OriginalMessage): Promise<RouteAnswer> {
  const { network, sender, requestHash, services } = file;
  const key = `${sender}\n${messageId}`;
  const { payment, transfers } = readCreditTransfers(message, network, requestHash);
  checkSender(
    network,
    sender,
    payment.transactions.map((tx) => ({ what: 'the debtor agent', bic: tx.debtorAgent?.text ?? tx.debtorBic?.text ?? null })),
  );
  const reportId = hashedId('CRDR', sender, messageId);
  const answer = (): RouteAnswer => {
    const record = network.messages.get(key)!;
    const report = messageStatusReport(network, record, transfers, payment.creationDateTime, file.versions, reportId);
    return xmlAnswer(file, 200, report, reportId, isoDateTimeOfMicros(record.receivedAt));
  };
  // The same file again: the first answer, nothing moves (another file under this MsgId failed the rules: AM05).
  if (network.messages.get(key)?.requestHash === requestHash) return answer();
  if (transfers.length > messageTransactionsMax) return refuse(file, original, [reason('AM18', `at most ${messageTransactionsMax} transactions per message`)]);
  const command: SubmitMessageCommand = {
    type: 'submit_message',
    sender,
    messageId,
    messageName: message.reported.id,
    requestHash,
    transactions: transfers.map((t) => t.command),
  };
  const shape = messageShapeError(command);
  if (shape !== null) return refuse(file, original, [reason('FF01', shape)]);
  // The sequencer measures the command against the journal's limit (it encodes it anyway); with
  // the shape checked above, its only refusal left is the size, answered as the file's.
  let outcome: Awaited<ReturnType<typeof services.node.submit>>;
  try {
    outcome = await services.node.submit(command);
  } catch (error) {
    if (!(error instanceof CommandShapeError)) throw error;
    return refuse(file, original, [reason('FF01', `the message is too large for one journal entry; send fewer transactions per file (${error.message})`)]);
  }
  const result = outcome.result;
  if (result === 'duplicate_message') return refuse(file, original, [reasonOfResult(result)]);
  if (result !== 'accepted' && result !== 'already_applied') {
    if (isNetworkResult(result) && result === 'text_invalid') return refuse(file, original, [reason('FF01', networkResultInfo(result).meaning)]);
    throw isNetworkResult(result) ? resultProblem(result) : new Error(`submit_message answered with ledger result ${result}`);
  }
  if (result === 'accepted') {
    for (const t of transfers) {
      const p = network.payments.get(t.command.uetr);
      if (p?.iso?.messageId === messageId && p.sender === sender) services.metrics.payments.inc({ currency: p.currency, status: p.status });
    }
  }
  return answer();
}

/** The participants on each side of a payment, as the core counts them (the agent, and whose account moves). */
function onDebtorSide(network: NetworkState, bic: string, p: PaymentRecord): boolean {
  return debtorSide(network, p).includes(bic);
}

function onCreditorSide(network: NetworkState, bic: string, p: PaymentRecord): boolean {
  return creditorSide(network, p).includes(bic);
}

interface CaseOutcome {
  readonly uetr: string | null;
  readonly result: string;
  readonly accepted: boolean;
  readonly detail: string;
  readonly payment: ReturnType<typeof paymentView> | null;
}

function outcomeOf(network: NetworkState, uetr: string | null, result: string, detail?: string): CaseOutcome {
  const accepted = result === 'accepted' || result === 'already_applied';
  const meaning = isNetworkResult(result) ? networkResultInfo(result).meaning : result;
  const payment = accepted && uetr !== null ? network.payments.get(uetr) : undefined;
  return { uetr, result, accepted, detail: detail ?? meaning, payment: payment === undefined ? null : paymentView(network, payment) };
}

/**
 * Submits one command per transaction that passed the checks the edge can make without
 * journaling anything (the payment exists and is the caller's side's to act on); the state
 * machine judges the rest. Refusals found here leave no trace.
 */
async function judgeEach(file: FileContext, transactions: readonly CaseTransaction[], prepare: (tx: CaseTransaction, p: PaymentRecord, index: number) => NetworkCommand | CaseOutcome, side: 'debtor' | 'creditor'): Promise<CaseOutcome[]> {
  const { network, sender, services } = file;
  return Promise.all(
    transactions.map(async (tx, index): Promise<CaseOutcome> => {
      const p = tx.uetr === null ? undefined : network.payments.get(tx.uetr);
      if (p === undefined || !(side === 'debtor' ? onDebtorSide(network, sender, p) : onCreditorSide(network, sender, p))) {
        return outcomeOf(network, tx.uetr, 'payment_unknown', tx.uetr === null ? 'the transaction names no original UETR' : undefined);
      }
      const prepared = prepare(tx, p, index);
      if (!('type' in prepared)) return prepared;
      const outcome = await services.node.submit(prepared);
      return outcomeOf(network, tx.uetr, outcome.result);
    }),
  );
}

function caseAnswer(message: SchemaValidMessage, messageId: string, outcomes: readonly CaseOutcome[]): RouteAnswer {
  return { status: 202, body: { messageType: message.reported.id, messageId, transactions: outcomes } };
}

const reasonPattern = /^[A-Z0-9]{2,4}$/;

/** camt.056 from the debtor side: request_cancellation per transaction; the creditor side hears of it in its inbox. */
async function cancellationRequests(file: FileContext, message: SchemaValidMessage, messageId: string): Promise<RouteAnswer> {
  const transactions = readCancellationRequests(message);
  if (transactions.length === 0 || transactions.length > messageTransactionsMax) {
    return refuse(file, originalMessage(messageId, message.reported.id), [reason('AM18', `1 to ${messageTransactionsMax} transactions (TxInf) per request`)]);
  }
  const outcomes = await judgeEach(
    file,
    transactions,
    (tx) => {
      if (tx.reference === null) return outcomeOf(file.network, tx.uetr, 'text_invalid', 'no case: give Case/Id (or CxlId)');
      if (tx.reason === null || !reasonPattern.test(tx.reason)) return outcomeOf(file.network, tx.uetr, 'reason_invalid');
      return { type: 'request_cancellation', sender: file.sender, uetr: tx.uetr!, caseId: tx.reference, reason: tx.reason, held: true };
    },
    'debtor',
  );
  return caseAnswer(message, messageId, outcomes);
}

/** camt.029 from the creditor side: each RJCR refuses a pending cancellation; a positive answer is the pacs.004 that returns the funds. */
async function cancellationAnswers(file: FileContext, message: SchemaValidMessage, messageId: string): Promise<RouteAnswer> {
  const transactions = readCancellationAnswers(message);
  if (transactions.length === 0 || transactions.length > messageTransactionsMax) {
    return refuse(file, originalMessage(messageId, message.reported.id), [reason('AM18', `1 to ${messageTransactionsMax} transactions (CxlDtls/TxInfAndSts) per resolution`)]);
  }
  const outcomes = await judgeEach(
    file,
    transactions,
    (tx) => {
      if (tx.status !== 'RJCR') return outcomeOf(file.network, tx.uetr, 'not_applied', `${tx.status ?? 'no status'}: only RJCR is acted on; a cancellation is accepted by returning the funds with a pacs.004`);
      if (tx.reason === null || !reasonPattern.test(tx.reason)) return outcomeOf(file.network, tx.uetr, 'reason_invalid');
      return { type: 'reject_cancellation', sender: file.sender, uetr: tx.uetr!, reason: tx.reason };
    },
    'creditor',
  );
  return caseAnswer(message, messageId, outcomes);
}

/** pacs.004 from the creditor side: return_payment per transaction; answered with a pacs.002 on the returns. */
async function returns(file: FileContext, message: SchemaValidMessage, messageId: string, original: OriginalMessage): Promise<RouteAnswer> {
  const { network, sender, requestHash } = file;
  const transactions = readReturns(message);
  if (transactions.length === 0 || transactions.length > messageTransactionsMax) return refuse(file, original, [reason('AM18', `1 to ${messageTransactionsMax} transactions (TxInf) per return`)]);
  if (transactions.some((tx) => tx.uetr === null)) return refuse(file, original, [reason('FF08', 'every returned transaction names the original payment by OrgnlUETR')]);
  const returnIds = transactions.map((tx, index) => isoText(tx.reference, 35) ?? hashedId('R', messageId, String(index)));
  const outcomes = await judgeEach(
    file,
    transactions,
    (tx, p, index) => {
      const amount = tx.amount;
      if (amount === null || amount.currency !== p.currency) return outcomeOf(network, tx.uetr, 'currency_unknown', `the payment is in ${p.currency}; a return is in the same currency`);
      const currency = network.currencies.get(p.currency)!;
      const parsed = parseAmount(amount.value, { code: currency.code, numeric: currency.ledger, exponent: currency.exponent, name: currency.code });
      if (!parsed.ok) return outcomeOf(network, tx.uetr, 'amount_invalid', parsed.detail);
      const code = tx.reason !== null && reasonPattern.test(tx.reason) ? tx.reason : 'NARR';
      return { type: 'return_payment', sender, uetr: p.uetr, returnId: returnIds[index]!, amount: parsed.minor, reason: code };
    },
    'creditor',
  );
  const statuses = outcomes.map((outcome, index): TransactionStatus => {
    const tx = transactions[index]!;
    const p = network.payments.get(tx.uetr!);
    const ids = {
      message: original,
      uetr: tx.uetr!,
      endToEndId: isoTextOr(tx.endToEndId ?? p?.endToEndId, 35),
      transactionId: returnIds[index]!,
    };
    const returned = outcome.accepted ? p?.returned : null;
    if (p !== undefined && returned !== undefined && returned !== null) {
      return {
        original: ids,
        status: 'ACSC',
        acceptanceDateTime: isoDateTimeOfMicros(returned.at),
        settlementDate: isoDateOfMicros(returned.at),
        settlementAmount: isoAmount(returned.amount, p.currency),
        debtorAgent: p.creditorAgent,
        creditorAgent: p.debtorAgent,
      };
    }
    return { original: ids, status: 'RJCT', reasons: [reasonOfResult(outcome.result)] };
  });
  const reportId = hashedId('CRDRT', sender, messageId, requestHash);
  const created = isoDateTimeOfMicros(Date.now() * 1000);
  return xmlAnswer(file, 200, statusReport(original, statuses, reportId, created, file.versions), reportId, created);
}

const isoMessagesPageDefault = 100;
const isoMessagesPageMax = 1000;

const readIsoMessages: RouteSpec = {
  method: 'GET',
  path: '/v1/iso20022/messages',
  operationId: 'readIsoMessages',
  summary: 'The inbox as ISO 20022 messages (pacs.008, pacs.002, camt.054, camt.056, camt.029, pacs.004), after a cursor',
  description:
    'The same events and seq cursor as GET /v1/inbox, each rendered in the caller’s version set as AppHdr + Document in a SWIFT Envelope: payment.received → pacs.008 and camt.054 credit; payment.settled → pacs.002 ACSC and camt.054 debit; payment.rejected → pacs.002 RJCT; payment.cancellation_requested → camt.056 (creditor side); payment.cancellation_rejected → camt.029 RJCR (debtor side); payment.returned → pacs.004 (debtor side) and camt.054; funds.credited/debited → camt.054. camt.054 goes to the account owner only (an indirect participant holds none). An event with no ISO 20022 form for the caller comes as type corridor.event with the JSON event. limit counts events; one event may give two messages. Message ids are CRDR-<bic>-<seq>-<kind>, creation times the event’s: reading again gives the same messages.',
  tag: 'iso20022',
  access: 'participant',
  query: Type.Object({ after: Type.Optional(Cursor), limit: Type.Optional(Limit), waitMs: Type.Optional(Type.String({ pattern: '^[0-9]{1,6}$' })) }, { additionalProperties: false }),
  responses: { 200: IsoMessagesPage },
  async handler({ principal, query, services, request }) {
    const bic = participantBic(principal);
    const after = query.after === undefined ? 0 : Number(query.after);
    const limit = pageLimit(query.limit, isoMessagesPageDefault, isoMessagesPageMax);
    const waitMs = Math.min(query.waitMs === undefined ? 0 : Number(query.waitMs), services.limits.inboxWaitMsMax);
    let deadline = Date.now() + waitMs;
    for (;;) {
      await services.node.readBarrier();
      const network = services.node.network;
      const inbox = network.inboxes.get(bic) ?? [];
      if (inbox.length > after || Date.now() >= deadline) {
        const events = inbox.slice(after, after + limit);
        const context = {
          network,
          recipient: bic,
          versions: participantVersionSet(network.participants.get(bic)),
          onBuildError: (error: Error, event: { seq: number; type: string }) => request.log.error({ err: error, participant: bic, seq: event.seq, type: event.type }, 'an inbox event could not be written as ISO 20022'),
        };
        const messages: RenderedMessage[] = events.flatMap((event) => renderEvent(context, event));
        return { status: 200, body: { messages, next: events.length === 0 ? after : events.at(-1)!.seq } };
      }
      // As GET /v1/inbox: false means the node is closing, so answer now.
      if (!(await services.waitForInbox(bic, deadline - Date.now()))) deadline = 0;
    }
  },
};

/** The currency of a ledger account, by its ledger number. */
function accountCurrency(network: NetworkState, account: LedgerAccount): string | undefined {
  for (const currency of network.currencies.values()) if (currency.ledger === account.ledger) return currency.code;
  return undefined;
}

const getAccountCamt053: RouteSpec = {
  method: 'GET',
  path: '/v1/accounts/{accountId}/camt053',
  operationId: 'getAccountCamt053',
  summary: 'End-of-day statement of an account as camt.053, for one UTC day',
  description:
    'Opening balance at the day’s start (OPBD), every posted entry of the day, closing balance at its end (CLBD): the same figures as GET …/statement?from=<day start − 1 µs>&to=<day end>. A day not over yet shows the balance so far. A day with more than 5,000 entries ends, in this statement, with its 5,000th (header Corridor-Statement-Complete: false); read the rest with …/transfers. In the version set of the account’s owner; the same visibility as the JSON statement.',
  tag: 'accounts',
  access: 'any',
  params: Type.Object({ accountId: HexId }, { additionalProperties: false }),
  query: Type.Object({ date: Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', description: 'The UTC day, YYYY-MM-DD' }) }, { additionalProperties: false }),
  responses: { 200: XmlFile },
  responseMediaTypes: { 200: 'application/xml' },
  problems: [404],
  async handler({ principal, params, query, services }) {
    const dayStart = dayStartMicros(query.date!);
    if (dayStart === undefined) throw new ProblemError('invalid-request', `date ${query.date} is not a day YYYY-MM-DD`);
    await services.node.readBarrier();
    const network = services.node.network;
    const account = services.node.state.accounts.get(params.accountId!);
    const currency = account === undefined ? undefined : accountCurrency(network, account);
    if (account === undefined || currency === undefined || (principal.kind === 'participant' && account.participant !== principal.bic)) {
      throw new ProblemError('not-found', `no account ${params.accountId} for this key`);
    }
    const statement = dayStatement({
      ledger: services.node.state,
      network,
      account,
      currency,
      date: query.date!,
      dayStart,
      now: Date.now() * 1000,
      versions: participantVersionSet(network.participants.get(account.participant)),
    });
    return { status: 200, body: statement.xml, headers: { 'content-type': xmlType, 'corridor-statement-complete': String(statement.complete) } };
  },
};

export const iso20022Routes: readonly RouteSpec[] = [submitIsoMessage, readIsoMessages, getAccountCamt053];
