import { createHash, randomUUID } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import { validatePayment } from '../../core/network/apply-payment.js';
import { creditorSide, debtorSide } from '../../core/network/sides.js';
import { idempotencyKeyLengthMax, textOk } from '../../core/network/text-rules.js';
import type { SubmitPaymentCommand } from '../../core/network/types.js';
import { resultProblem } from '../result-problems.js';
import { ProblemError } from '../problems.js';
import type { Principal, RouteSpec } from '../route.js';
import type { Services } from '../services.js';
import type { NetworkState } from '../../core/network/state.js';
import type { PaymentRecord } from '../../core/network/types.js';
import { Amount, Payment, PaymentInput, Uetr } from '../schemas.js';
import { paymentView } from '../views.js';
import { parseAmount, submitNetwork } from './common.js';
import { partiesOf } from './parties.js';

const sendPayment: RouteSpec = {
  method: 'POST',
  path: '/v1/payments',
  operationId: 'sendPayment',
  summary: 'Send a same-currency payment',
  description:
    'The answer is the payment’s status report. A valid payment settles at once, gross, when the payer’s balance and credit line cover it (status settled, ACSC); when they do not, it is recorded as rejected with reason AM04 (RJCT) and can be tracked like any other. 201 for a payment judged now, 200 with the first answer for a retry with the same Idempotency-Key and body. A request that is wrong in itself (unknown currency or agent, too many decimals, a suspended party) gets a problem and leaves no trace.',
  tag: 'payments',
  access: 'participant',
  headers: [{ name: 'Idempotency-Key', required: true, description: 'Up to 128 printable characters, unique per request; a retry reuses it' }],
  body: PaymentInput,
  responses: { 200: Payment, 201: Payment },
  problems: [404, 409, 413, 415, 422],
  async handler({ principal, body, request, services }) {
    if (principal.kind !== 'participant') throw new ProblemError('forbidden', 'only a participant sends payments');
    const idempotencyKey = request.headers['idempotency-key'];
    if (typeof idempotencyKey !== 'string' || !textOk(idempotencyKey, idempotencyKeyLengthMax, 1)) {
      throw new ProblemError('invalid-request', `the Idempotency-Key header is required (1 to ${idempotencyKeyLengthMax} printable characters)`);
    }
    // ISO 20022 transactions are keyed `iso20022 <MsgId> <index>` in the same space.
    if (idempotencyKey.startsWith('iso20022 ')) throw new ProblemError('invalid-request', 'Idempotency-Key values starting with "iso20022 " are reserved');
    const input = body as PaymentInput;
    const network = services.node.network;
    const amount = parseAmount(network, input.amount);
    const creditorAgent = input.creditorAgent;
    if (!network.participants.has(creditorAgent)) throw new ProblemError('unknown-participant', `creditorAgent ${creditorAgent} is not a participant`);
    const debtorAgent = input.debtorAgent ?? principal.bic;
    if (!network.participants.has(debtorAgent)) throw new ProblemError('unknown-participant', `debtorAgent ${debtorAgent} is not a participant`);
    // The request's meaning, not its bytes: a retry may order fields differently or spell out defaults.
    const parties = partiesOf(input);
    const canonical = [input.uetr ?? null, input.endToEndId, input.amount.currency, amount.toString(), debtorAgent, creditorAgent, input.debtorName ?? '', input.creditorName ?? '', input.remittanceInformation ?? '', ...(input.priority === 'urgent' ? ['urgent'] : []), ...(parties === undefined ? [] : [parties])];
    const requestHash = createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
    const keyOfRequest = `${principal.bic}\n${idempotencyKey}`;
    const command: SubmitPaymentCommand = {
      type: 'submit_payment',
      sender: principal.bic,
      idempotencyKey,
      requestHash,
      uetr: input.uetr ?? randomUUID(),
      endToEndId: input.endToEndId,
      currency: input.amount.currency,
      amount,
      debtorAgent,
      creditorAgent,
      debtorName: input.debtorName ?? '',
      creditorName: input.creditorName ?? '',
      remittanceInformation: input.remittanceInformation ?? '',
      priority: input.priority ?? 'normal',
      ...(parties === undefined ? {} : { parties }),
    };
    // A retry, a reused key or UETR, or a request wrong in itself is answered from state without
    // touching the journal, once what that state shows is durable; the state machine checks the
    // same again when it applies. A new payment needs no such wait: its own answer comes only
    // once its batch, and so every batch before it, is durable.
    const answeredFromState = network.idempotencyKeys.has(keyOfRequest) || (input.uetr !== undefined && network.payments.has(input.uetr)) || validatePayment({ ledger: services.node.state, network }, command) !== null;
    if (answeredFromState) {
      await services.node.readBarrier();
      const previous = network.idempotencyKeys.get(keyOfRequest);
      if (previous !== undefined && previous.requestHash !== requestHash) throw resultProblem('idempotency_key_reused');
      if (previous !== undefined) return { status: 200, body: paymentView(network, network.payments.get(previous.uetr)!), headers: { location: `/v1/payments/${previous.uetr}` } };
      if (input.uetr !== undefined && network.payments.has(input.uetr)) throw resultProblem('duplicate_uetr');
      const refusal = validatePayment({ ledger: services.node.state, network }, command);
      if (refusal !== null) throw resultProblem(refusal);
    }
    const result = await submitNetwork(services, command, ['accepted', 'already_applied', 'insufficient_funds']);
    const record = network.idempotencyKeys.get(keyOfRequest);
    const payment = record === undefined ? undefined : network.payments.get(record.uetr);
    if (payment === undefined) throw new Error(`payment of key ${idempotencyKey} not recorded`);
    services.metrics.payments.inc({ currency: payment.currency, status: payment.status });
    // The log line's object costs more than the rest of this step: built only when it is written.
    if (request.log.level === 'debug' || request.log.level === 'trace') request.log.debug({ event: 'payment', uetr: payment.uetr, status: payment.status, reason: payment.reason, amount: input.amount.value, currency: payment.currency, from: payment.debtorAgent, to: payment.creditorAgent }, 'payment judged');
    return { status: result === 'already_applied' ? 200 : 201, body: paymentView(network, payment), headers: { location: `/v1/payments/${payment.uetr}` } };
  },
};

const getPayment: RouteSpec = {
  method: 'GET',
  path: '/v1/payments/{uetr}',
  operationId: 'getPayment',
  summary: 'Track a payment by UETR, with its whole status history',
  tag: 'payments',
  access: 'any',
  params: Type.Object({ uetr: Uetr }, { additionalProperties: false }),
  responses: { 200: Payment },
  problems: [404],
  async handler({ principal, params, services }) {
    await services.node.readBarrier();
    const network = services.node.network;
    const payment = network.payments.get(params.uetr!);
    if (payment === undefined || !mayTrack(network, principal, payment)) throw new ProblemError('not-found', `no payment ${params.uetr} for this key`);
    return { status: 200, body: paymentView(network, payment) };
  },
};

/**
 * The operator, and both sides of a payment (agents, sender, sponsors), may track it; nobody else.
 * The creditor side not while the payment is held by screening, nor after a compliance officer
 * rejected it: it was never sent to them, and seeing it would tip them off.
 */
function mayTrack(network: NetworkState, principal: Principal, p: PaymentRecord): boolean {
  if (principal.kind === 'operator' || debtorSide(network, p).includes(principal.bic)) return true;
  const hold = network.screening.holds.get(p.uetr);
  if (hold !== undefined && hold.decision?.action !== 'release') return false;
  return creditorSide(network, p).includes(principal.bic);
}


const strictObject = { additionalProperties: false } as const;
const Reason4 = Type.String({ pattern: '^[A-Z0-9]{2,4}$', description: 'ISO 20022 external code' });
const UetrParam = Type.Object({ uetr: Uetr }, strictObject);

const requestCancellation: RouteSpec = {
  method: 'POST',
  path: '/v1/payments/{uetr}/cancellation',
  operationId: 'requestCancellation',
  summary: 'Ask to cancel a payment (camt.056)',
  description:
    'By the debtor side. A payment that has not settled (queued, accepted into the open dns window, or held by screening: its hold then closes as withdrawn) is cancelled at once: 202, status rejected DS02. A settled payment cannot be unwound by the network: the request reaches the creditor side (inbox event payment.cancellation_requested), which returns the funds (POST …/return) or refuses (POST …/cancellation/rejection).',
  tag: 'payments',
  access: 'participant',
  params: UetrParam,
  body: Type.Object({ caseId: Type.String({ minLength: 1, maxLength: 35 }), reason: Type.String({ pattern: '^[A-Z0-9]{2,4}$', description: 'ExternalCancellationReason1Code: DUPL, CUST, FRAD, TECH, AGNT, …' }) }, strictObject),
  responses: { 202: Payment, 200: Payment },
  problems: [404, 409, 422],
  async handler({ principal, params, body, services }) {
    const input = body as { caseId: string; reason: string };
    await paymentOfSide(services, principal, params.uetr!, 'debtor');
    const result = await submitNetwork(services, { type: 'request_cancellation', sender: participantBic(principal), uetr: params.uetr!, caseId: input.caseId, reason: input.reason, held: true });
    return { status: result === 'accepted' ? 202 : 200, body: paymentView(services.node.network, services.node.network.payments.get(params.uetr!)!) };
  },
};

const rejectCancellation: RouteSpec = {
  method: 'POST',
  path: '/v1/payments/{uetr}/cancellation/rejection',
  operationId: 'rejectCancellation',
  summary: 'Refuse a requested cancellation (camt.029 RJCR)',
  tag: 'payments',
  access: 'participant',
  params: UetrParam,
  body: Type.Object({ reason: Type.String({ pattern: '^[A-Z0-9]{2,4}$', description: 'ExternalPaymentCancellationRejection1Code: ARDT, NOOR, CUST, LEGL, AGNT, …' }) }, strictObject),
  responses: { 200: Payment },
  problems: [404, 409, 422],
  async handler({ principal, params, body, services }) {
    await paymentOfSide(services, principal, params.uetr!, 'creditor');
    await submitNetwork(services, { type: 'reject_cancellation', sender: participantBic(principal), uetr: params.uetr!, reason: (body as { reason: string }).reason });
    return { status: 200, body: paymentView(services.node.network, services.node.network.payments.get(params.uetr!)!) };
  },
};

const returnPayment: RouteSpec = {
  method: 'POST',
  path: '/v1/payments/{uetr}/return',
  operationId: 'returnPayment',
  summary: 'Return (part of) a received payment (pacs.004)',
  description: 'By the creditor side, up to the payment’s amount, from its own liquidity; answers a pending cancellation positively.',
  tag: 'payments',
  access: 'participant',
  params: UetrParam,
  body: Type.Object({ returnId: Type.String({ minLength: 1, maxLength: 35 }), amount: Amount, reason: Reason4 }, strictObject),
  responses: { 201: Payment, 200: Payment },
  problems: [404, 409, 422],
  async handler({ principal, params, body, services }) {
    const input = body as { returnId: string; amount: { value: string; currency: string }; reason: string };
    const network = services.node.network;
    const payment = await paymentOfSide(services, principal, params.uetr!, 'creditor');
    if (payment.currency !== input.amount.currency) throw new ProblemError('invalid-request', `the payment is in ${payment.currency}; a return is in the same currency`);
    const amount = parseAmount(network, input.amount);
    const result = await submitNetwork(services, { type: 'return_payment', sender: participantBic(principal), uetr: params.uetr!, returnId: input.returnId, amount, reason: input.reason });
    return { status: result === 'accepted' ? 201 : 200, body: paymentView(network, network.payments.get(params.uetr!)!) };
  },
};

function participantBic(principal: Principal): string {
  if (principal.kind !== 'participant') throw new ProblemError('forbidden', 'only a participant may do this');
  return principal.bic;
}

/**
 * The payment, if the caller is on the named side of it (the debtor side: sender, debtor agent
 * and its sponsor; the creditor side: creditor agent and its sponsor); otherwise "not found",
 * answered from durable state before anything is journaled.
 */
async function paymentOfSide(services: Services, principal: Principal, uetr: string, side: 'debtor' | 'creditor'): Promise<PaymentRecord> {
  const bic = participantBic(principal);
  await services.node.readBarrier();
  const network = services.node.network;
  const payment = network.payments.get(uetr);
  const members = payment === undefined ? [] : side === 'debtor' ? debtorSide(network, payment) : creditorSide(network, payment);
  if (payment === undefined || !members.includes(bic)) throw new ProblemError('not-found', `no payment ${uetr} on the ${side} side of this key`);
  return payment;
}

export const paymentFollowUpRoutes: readonly RouteSpec[] = [requestCancellation, rejectCancellation, returnPayment];

export const paymentRoutes: readonly RouteSpec[] = [sendPayment, getPayment, ...paymentFollowUpRoutes];
