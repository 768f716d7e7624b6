import { Type } from '@sinclair/typebox';
import { generateApiKey } from '../auth.js';
import { ProblemError } from '../problems.js';
import type { RouteSpec } from '../route.js';
import { ApiKeyCreated, Bic, CurrencyCode, IsoVersionsInput, JoinCurrencyInput, LimitsInput, Participant, ParticipantInput, WebhookInput, Account } from '../schemas.js';
import { accountView, participantView } from '../views.js';
import { participantOr404, parseAmountIn, submitNetwork } from './common.js';
import type { ParticipantRole, ParticipantType } from '../../core/network/types.js';
import { settlementAccountKey } from '../../core/network/state.js';
import { registrationRefusal } from '../../core/network/apply-admin.js';
import { resultProblem } from '../result-problems.js';

const strict = { additionalProperties: false } as const;
const BicParam = Type.Object({ bic: Bic }, strict);

const addParticipant: RouteSpec = {
  method: 'POST',
  path: '/v1/participants',
  operationId: 'addParticipant',
  summary: 'Onboard a participant (direct, or indirect through a sponsor) with its currencies',
  tag: 'participants',
  access: 'operator',
  body: ParticipantInput,
  responses: { 201: Participant, 200: Participant },
  problems: [409, 422],
  async handler({ body, services }) {
    const input = body as { bic: string; name: string; country: string; type: ParticipantType; sponsor?: string | null; roles: ParticipantRole[]; currencies: string[] };
    const command = {
      type: 'register_participant',
      bic: input.bic,
      name: input.name,
      country: input.country,
      participantType: input.type,
      sponsor: input.sponsor ?? null,
      roles: input.roles,
      currencies: input.currencies,
    } as const;
    await services.node.readBarrier();
    const refusal = registrationRefusal({ ledger: services.node.state, network: services.node.network }, command);
    if (refusal === 'already_applied') return { status: 200, body: participantView(services.node.network.participants.get(input.bic)!, true) };
    if (refusal !== null) throw resultProblem(refusal);
    const result = await submitNetwork(services, command);
    return { status: result === 'accepted' ? 201 : 200, body: participantView(services.node.network.participants.get(input.bic)!, true) };
  },
};

const listParticipants: RouteSpec = {
  method: 'GET',
  path: '/v1/participants',
  operationId: 'listParticipants',
  summary: 'The directory of participants (the operator also sees status and webhooks)',
  tag: 'participants',
  access: 'any',
  responses: { 200: Type.Object({ participants: Type.Array(Participant) }, strict) },
  async handler({ principal, services }) {
    await services.node.readBarrier();
    const participants = [...services.node.network.participants.values()].map((p) => participantView(p, principal.kind === 'operator' || principal.bic === p.bic));
    return { status: 200, body: { participants } };
  },
};

const getParticipant: RouteSpec = {
  method: 'GET',
  path: '/v1/participants/{bic}',
  operationId: 'getParticipant',
  summary: 'One participant of the directory',
  tag: 'participants',
  access: 'any',
  params: BicParam,
  responses: { 200: Participant },
  problems: [404],
  async handler({ principal, params, services }) {
    await services.node.readBarrier();
    const participant = services.node.network.participants.get(params.bic!);
    if (participant === undefined) throw new ProblemError('not-found', `no participant ${params.bic}`);
    return { status: 200, body: participantView(participant, principal.kind === 'operator' || principal.bic === participant.bic) };
  },
};

const joinCurrency: RouteSpec = {
  method: 'POST',
  path: '/v1/participants/{bic}/currencies',
  operationId: 'joinCurrency',
  summary: 'Let a participant hold one more currency (a direct one gets its settlement account)',
  tag: 'participants',
  access: 'operator',
  params: BicParam,
  body: JoinCurrencyInput,
  responses: { 200: Participant },
  problems: [404, 422],
  async handler({ principal, params, body, services }) {
    participantOr404(services.node.network, principal, params.bic!);
    await submitNetwork(services, { type: 'join_currency', bic: params.bic!, currency: (body as { currency: string }).currency });
    return { status: 200, body: participantView(services.node.network.participants.get(params.bic!)!, true) };
  },
};

const createKey: RouteSpec = {
  method: 'POST',
  path: '/v1/participants/{bic}/api-keys',
  operationId: 'createApiKey',
  summary: 'Issue an API key for a participant (shown once)',
  tag: 'participants',
  access: 'operator',
  params: BicParam,
  responses: { 201: ApiKeyCreated },
  problems: [404],
  async handler({ principal, params, services }) {
    participantOr404(services.node.network, principal, params.bic!);
    const key = generateApiKey(params.bic!);
    await submitNetwork(services, { type: 'add_api_key', participant: params.bic!, keyId: key.keyId, secretHash: key.secretHash }, ['accepted']);
    return { status: 201, body: { keyId: key.keyId, participant: params.bic!, key: key.key } };
  },
};

const revokeKey: RouteSpec = {
  method: 'DELETE',
  path: '/v1/participants/{bic}/api-keys/{keyId}',
  operationId: 'revokeApiKey',
  summary: 'Revoke an API key at once',
  tag: 'participants',
  access: 'operator',
  params: Type.Object({ bic: Bic, keyId: Type.String({ pattern: '^[A-Za-z0-9]{8,32}$' }) }, strict),
  responses: { 204: null },
  problems: [404],
  async handler({ params, services }) {
    const key = services.node.network.apiKeys.get(params.keyId!);
    if (key === undefined || key.participant !== params.bic) throw new ProblemError('not-found', `no key ${params.keyId} of ${params.bic}`);
    await submitNetwork(services, { type: 'revoke_api_key', keyId: params.keyId! });
    return { status: 204 };
  },
};

const setLimits: RouteSpec = {
  method: 'PUT',
  path: '/v1/participants/{bic}/limits/{currency}',
  operationId: 'setLimits',
  summary: 'Set a participant’s credit line and net debit cap in one currency',
  tag: 'participants',
  access: 'operator',
  params: Type.Object({ bic: Bic, currency: CurrencyCode }, strict),
  body: LimitsInput,
  responses: { 200: Account },
  problems: [404, 422],
  async handler({ principal, params, body, services }) {
    const network = services.node.network;
    participantOr404(network, principal, params.bic!);
    const currency = network.currencies.get(params.currency!);
    if (currency === undefined) throw new ProblemError('unknown-currency', `${params.currency} is not on this network`);
    const input = body as { creditLine?: string; netDebitCap?: string };
    const creditLine = input.creditLine === undefined ? null : parseAmountIn(currency.exponent, input.creditLine, 'creditLine', false);
    const netDebitCap = input.netDebitCap === undefined ? null : parseAmountIn(currency.exponent, input.netDebitCap, 'netDebitCap', false);
    await submitNetwork(services, { type: 'set_limits', bic: params.bic!, currency: currency.code, creditLine, netDebitCap });
    const id = network.settlementAccounts.get(settlementAccountKey(params.bic!, currency.code))!;
    return { status: 200, body: accountView(network, services.node.state.accounts.get(id)!, currency.code) };
  },
};

function suspension(suspended: boolean): RouteSpec {
  return {
    method: suspended ? 'POST' : 'DELETE',
    path: '/v1/participants/{bic}/suspension',
    operationId: suspended ? 'suspendParticipant' : 'resumeParticipant',
    summary: suspended ? 'Suspend a participant: it may neither send nor receive' : 'Lift a suspension',
    tag: 'participants',
    access: 'operator',
    params: BicParam,
    responses: { 200: Participant },
    problems: [404],
    async handler({ principal, params, request, services }) {
      participantOr404(services.node.network, principal, params.bic!);
      await submitNetwork(services, { type: 'set_suspended', bic: params.bic!, suspended });
      request.log.warn({ event: suspended ? 'suspended' : 'resumed', participant: params.bic }, suspended ? 'participant suspended' : 'participant resumed');
      return { status: 200, body: participantView(services.node.network.participants.get(params.bic!)!, true) };
    },
  };
}

const setWebhook: RouteSpec = {
  method: 'PUT',
  path: '/v1/participants/{bic}/webhook',
  operationId: 'setWebhook',
  summary: 'Where to POST inbox events, and the secret that signs them',
  description: 'Each delivery carries `Corridor-Signature: t=<unix s>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`. Deliveries are at least once, in order; events carry their seq.',
  tag: 'participants',
  access: 'any',
  params: BicParam,
  body: WebhookInput,
  responses: { 200: Participant },
  problems: [404, 422],
  async handler({ principal, params, body, services }) {
    participantOr404(services.node.network, principal, params.bic!);
    const input = body as { url: string; secret: string };
    await submitNetwork(services, { type: 'set_webhook', bic: params.bic!, webhook: { url: input.url, secret: input.secret } });
    return { status: 200, body: participantView(services.node.network.participants.get(params.bic!)!, true) };
  },
};

const removeWebhook: RouteSpec = {
  method: 'DELETE',
  path: '/v1/participants/{bic}/webhook',
  operationId: 'removeWebhook',
  summary: 'Stop webhook deliveries (the inbox stays)',
  tag: 'participants',
  access: 'any',
  params: BicParam,
  responses: { 204: null },
  problems: [404],
  async handler({ principal, params, services }) {
    participantOr404(services.node.network, principal, params.bic!);
    await submitNetwork(services, { type: 'set_webhook', bic: params.bic!, webhook: null });
    return { status: 204 };
  },
};

const setIsoVersions: RouteSpec = {
  method: 'PUT',
  path: '/v1/participants/{bic}/iso20022-versions',
  operationId: 'setIsoVersions',
  summary: 'The ISO 20022 version of each message the participant receives',
  description:
    'Message → version, e.g. {"pacs.008":"pacs.008.001.09"}; a message left out is written in its default version, so the body replaces the whole set ({} restores the defaults). It applies to the answers of POST /v1/iso20022, GET /v1/iso20022/messages and camt.053 statements of its accounts. The participant itself or the operator.',
  tag: 'participants',
  access: 'any',
  params: BicParam,
  body: IsoVersionsInput,
  responses: { 200: Participant },
  problems: [404, 422],
  async handler({ principal, params, body, services }) {
    participantOr404(services.node.network, principal, params.bic!);
    await submitNetwork(services, { type: 'set_iso_versions', bic: params.bic!, versions: { ...(body as Record<string, string>) } });
    return { status: 200, body: participantView(services.node.network.participants.get(params.bic!)!, true) };
  },
};

export const participantRoutes: readonly RouteSpec[] = [
  addParticipant,
  listParticipants,
  getParticipant,
  joinCurrency,
  createKey,
  revokeKey,
  setLimits,
  suspension(true),
  suspension(false),
  setWebhook,
  removeWebhook,
  setIsoVersions,
];
