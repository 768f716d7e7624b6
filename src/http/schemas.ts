/**
 * The API's JSON schemas, written once: fastify validates requests with them, the response
 * checker validates every answer against them, and /openapi.json publishes them.
 */
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { supportedVersions } from '../iso20022/build/versions.js';

const strict = { additionalProperties: false } as const;
const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const Bic = Type.String({ pattern: '^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$', description: 'ISO 9362 BIC (8 or 11 characters)', examples: ['SBININBB'] });
export const CurrencyCode = Type.String({ pattern: '^[A-Z]{3}$', description: 'ISO 4217 alphabetic code', examples: ['INR'] });
export const Uetr = Type.String({ pattern: '^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$', description: 'Unique end-to-end transaction reference: a lowercase UUID v4' });
export const DecimalAmount = Type.String({ pattern: '^(0|[1-9][0-9]{0,18})(\\.[0-9]{1,18})?$', description: 'Exact decimal in major units, no exponent, at most the currency’s decimals', examples: ['1250.50'] });
export const Timestamp = Type.String({ description: 'ISO 8601 UTC with microseconds', examples: ['2026-11-29T09:40:00.123456Z'] });
export const HexId = Type.String({ pattern: '^[0-9a-f]{32}$', description: '128-bit ledger id, 32 hex digits' });

export const Amount = Type.Object({ value: DecimalAmount, currency: CurrencyCode }, strict);
const AmountOut = Type.Object({ value: Type.String(), currency: Type.String() }, strict);
const Reason = Nullable(Type.Object({ code: Type.String({ description: 'ISO 20022 ExternalStatusReason1Code' }), description: Type.String() }, strict));

export const Problem = Type.Object(
  {
    type: Type.String({ description: 'Stable URI of the error kind (urn:corridor:problem:…)' }),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String(),
    instance: Type.Optional(Type.String()),
    errors: Type.Optional(Type.Array(Type.Object({ path: Type.String(), message: Type.String() }, strict))),
  },
  strict,
);

const Mode = Type.Union([Type.Literal('rtgs'), Type.Literal('rtgs-lsm'), Type.Literal('dns')]);
const Role = Type.Union([Type.Literal('bank'), Type.Literal('fx_provider'), Type.Literal('settlement_agent')]);
const PaymentStatus = Type.Union(['received', 'validated', 'queued', 'settled', 'rejected', 'returned', 'accepted', 'held', 'released'].map((s) => Type.Literal(s)));

export const QueueOrder = Type.Union([Type.Literal('fifo'), Type.Literal('fifo-bypass')], {
  description:
    'rtgs, rtgs-lsm: how the queues are served. Urgent payments always come before normal ones, first in first out. `fifo`: strictly so; `fifo-bypass` (T2 FIFO by-passing): a later normal payment that fits may overtake a normal head that cannot settle yet (urgent payments are never overtaken), and the LSM searches in any order.',
});
export const CurrencyInput = Type.Object(
  { code: CurrencyCode, mode: Mode, agent: Bic, queueOrder: Type.Optional(Type.Union(QueueOrder.anyOf, { description: 'rtgs, rtgs-lsm (422 settlement-mode for dns): default fifo-bypass. Registering an existing currency again with another order is 409 already-exists; change it with PUT /v1/settlement/{currency}/queue-order.' })) },
  strict,
);
export const Currency = Type.Object(
  { code: Type.String(), exponent: Type.Integer(), mode: Mode, agent: Type.String(), queueOrder: Type.Union([...QueueOrder.anyOf, Type.Null()], { description: 'rtgs, rtgs-lsm: fifo or fifo-bypass; null for dns' }) },
  strict,
);

export const ParticipantInput = Type.Object(
  {
    bic: Bic,
    name: Type.String({ minLength: 1, maxLength: 140 }),
    country: Type.String({ pattern: '^[A-Z]{2}$' }),
    type: Type.Union([Type.Literal('direct'), Type.Literal('indirect')]),
    sponsor: Type.Optional(Nullable(Bic)),
    roles: Type.Array(Role, { minItems: 1, maxItems: 3, uniqueItems: true }),
    currencies: Type.Array(CurrencyCode, { maxItems: 64, uniqueItems: true }),
  },
  strict,
);
export const Participant = Type.Object(
  {
    bic: Type.String(),
    name: Type.String(),
    country: Type.String(),
    type: Type.String(),
    sponsor: Nullable(Type.String()),
    roles: Type.Array(Type.String()),
    currencies: Type.Array(Type.String()),
    suspended: Type.Optional(Type.Boolean()),
    webhook: Type.Optional(Nullable(Type.Object({ url: Type.String() }, strict))),
    joinedAt: Type.Optional(Timestamp),
    isoVersions: Type.Optional(Type.Record(Type.String(), Type.String(), { description: 'The ISO 20022 version of each message the participant receives (shown to itself and the operator)' })),
  },
  strict,
);
export const JoinCurrencyInput = Type.Object({ currency: CurrencyCode }, strict);
export const ApiKeyCreated = Type.Object(
  { keyId: Type.String(), participant: Type.String(), key: Type.String({ description: 'Shown once; only its hash is kept' }) },
  strict,
);
export const LimitsInput = Type.Object(
  { creditLine: Type.Optional(DecimalAmount), netDebitCap: Type.Optional(DecimalAmount) },
  { ...strict, minProperties: 1 },
);
export const WebhookInput = Type.Object(
  { url: Type.String({ format: 'uri', maxLength: 2048 }), secret: Type.String({ minLength: 16, maxLength: 256, description: 'Shared secret for the Corridor-Signature HMAC' }) },
  strict,
);

export const FundingInput = Type.Object(
  {
    direction: Type.Union([Type.Literal('in'), Type.Literal('out')]),
    participant: Bic,
    amount: Amount,
    reference: Type.String({ minLength: 1, maxLength: 35, description: 'The agent’s reference; a retry with it changes nothing' }),
  },
  strict,
);
export const Funding = Type.Object(
  { reference: Type.String(), direction: Type.String(), participant: Type.String(), amount: AmountOut, transferId: HexId, at: Timestamp },
  strict,
);

const AddressLines = Type.Array(Type.String({ maxLength: 70 }), { maxItems: 7, description: 'Unstructured address lines (ISO 20022 AdrLine), screened' });
const UltimateParty = Type.Object({ name: Type.Optional(Type.String({ maxLength: 140 })), address: Type.Optional(AddressLines) }, { additionalProperties: false, description: 'The ultimate party (UltmtDbtr / UltmtCdtr), screened' });

/** Screened for compliance (docs/screening.md) and not stored with the payment: same-currency and FX payments alike. */
export const ScreenedParties = {
  debtorAddress: Type.Optional(AddressLines),
  creditorAddress: Type.Optional(AddressLines),
  ultimateDebtor: Type.Optional(UltimateParty),
  ultimateCreditor: Type.Optional(UltimateParty),
  intermediaryAgents: Type.Optional(Type.Array(Bic, { maxItems: 3, description: 'IntrmyAgt1 to 3' })),
};
export const ScreenedPartiesInput = Type.Object(ScreenedParties);

export const PaymentInput = Type.Object(
  {
    uetr: Type.Optional(Uetr),
    endToEndId: Type.String({ minLength: 1, maxLength: 35 }),
    amount: Amount,
    debtorAgent: Type.Optional(Bic),
    creditorAgent: Bic,
    debtorName: Type.Optional(Type.String({ maxLength: 140 })),
    creditorName: Type.Optional(Type.String({ maxLength: 140 })),
    remittanceInformation: Type.Optional(Type.String({ maxLength: 140 })),
    priority: Type.Optional(
      Type.Union([Type.Literal('urgent'), Type.Literal('normal')], {
        description:
          'Settlement priority (default normal). rtgs: urgent payments queue ahead of normal ones and may use the payer’s urgent reserve; normal ones must leave it untouched. ISO 20022: SttlmPrty URGT/HIGH or PmtTpInf/InstrPrty HIGH.',
      }),
    ),
    ...ScreenedParties,
  },
  strict,
);
export type PaymentInput = Static<typeof PaymentInput>;

export const FxLeg = Type.Object(
  {
    provider: Type.String(),
    quoteId: Type.String(),
    pair: Type.String({ description: 'BASE/COUNTER of the quote' }),
    side: Type.Union([Type.Literal('bid'), Type.Literal('ask')]),
    rate: Type.String(),
    providerGets: AmountOut,
    providerGives: AmountOut,
  },
  strict,
);

/** On a payment: what makes it cross-currency. */
export const FxDetails = Type.Object(
  {
    routeId: Nullable(Type.String()),
    mode: Type.Union([Type.Literal('send'), Type.Literal('deliver')]),
    sent: AmountOut,
    delivered: AmountOut,
    rate: Type.String({ description: 'All-in rate, target per source in major units, 12 significant digits rounded down' }),
    legs: Type.Array(FxLeg),
  },
  strict,
);

/** Present when the network's operator ordered the change (a payment the operator cancelled); absent when its parties or the network did. */
export const ChangedBy = Type.Literal('operator', { description: 'The operator ordered this change (in the name of the debtor side)' });

export const Payment = Type.Object(
  {
    uetr: Type.String(),
    endToEndId: Type.String(),
    status: PaymentStatus,
    isoStatus: Nullable(Type.String({ description: 'ISO 20022 ExternalPaymentTransactionStatus1Code (none for returned)' })),
    reason: Reason,
    amount: AmountOut,
    sender: Type.String(),
    debtorAgent: Type.String(),
    creditorAgent: Type.String(),
    debtorName: Type.String(),
    creditorName: Type.String(),
    remittanceInformation: Type.String(),
    priority: Type.Union([Type.Literal('urgent'), Type.Literal('normal')]),
    transferId: Nullable(HexId),
    history: Type.Array(Type.Object({ status: PaymentStatus, isoStatus: Nullable(Type.String()), at: Timestamp, reason: Reason, by: Type.Optional(ChangedBy) }, strict)),
    iso: Nullable(Type.Object({ messageId: Type.String(), messageName: Type.String(), instructionId: Type.String(), transactionId: Type.String() }, strict)),
    cancellation: Nullable(
      Type.Object(
        {
          caseId: Type.String(),
          reason: Type.String({ description: 'ExternalCancellationReason1Code' }),
          requestedBy: Type.String(),
          requestedAt: Timestamp,
          status: Type.Union([Type.Literal('pending'), Type.Literal('rejected'), Type.Literal('accepted')]),
          answeredAt: Nullable(Timestamp),
          answerReason: Nullable(Type.String({ description: 'ExternalPaymentCancellationRejection1Code when rejected' })),
        },
        strict,
      ),
    ),
    returned: Nullable(
      Type.Object({ returnId: Type.String(), amount: AmountOut, reason: Type.String({ description: 'ExternalReturnReason1Code' }), at: Timestamp, transferId: HexId }, strict),
    ),
    fx: Nullable(FxDetails),
  },
  strict,
);

export const Account = Type.Object(
  {
    id: HexId,
    participant: Type.String(),
    currency: Type.String(),
    kind: Type.String(),
    balance: AmountOut,
    available: AmountOut,
    creditLine: AmountOut,
    netDebitCap: Nullable(AmountOut),
    debitsPosted: AmountOut,
    creditsPosted: AmountOut,
    debitsPending: AmountOut,
    creditsPending: AmountOut,
  },
  strict,
);

export const TransferEntry = Type.Object(
  {
    id: HexId,
    at: Timestamp,
    cursor: Type.String({ description: 'Pass as `after` to continue after this entry' }),
    kind: Type.String(),
    direction: Type.Union([Type.Literal('debit'), Type.Literal('credit')]),
    amount: AmountOut,
    uetr: Nullable(Type.String()),
    endToEndId: Type.String(),
  },
  strict,
);
export const TransfersPage = Type.Object({ account: HexId, transfers: Type.Array(TransferEntry), next: Nullable(Type.String()) }, strict);
export const Statement = Type.Object(
  {
    account: HexId,
    currency: Type.String(),
    from: Timestamp,
    to: Timestamp,
    openingBalance: AmountOut,
    closingBalance: AmountOut,
    entries: Type.Array(TransferEntry),
    complete: Type.Boolean({ description: 'false when the period has more entries than one statement carries; continue with transfers?after=' }),
  },
  strict,
);

export const InboxEvent = Type.Object(
  {
    seq: Type.Integer({ minimum: 1 }),
    id: Type.String(),
    at: Timestamp,
    type: Type.String(),
    status: Nullable(Type.String()),
    reason: Reason,
    by: Type.Optional(ChangedBy),
    reference: Type.String(),
    amount: Nullable(AmountOut),
    payment: Nullable(
      Type.Object(
        {
          uetr: Type.String(),
          endToEndId: Type.String(),
          debtorAgent: Type.String(),
          creditorAgent: Type.String(),
          debtorName: Type.String(),
          creditorName: Type.String(),
          remittanceInformation: Type.String(),
          fx: Nullable(FxDetails),
        },
        strict,
      ),
    ),
  },
  strict,
);
export const InboxPage = Type.Object({ events: Type.Array(InboxEvent), next: Type.Integer({ description: 'Pass as `after` to read on' }) }, strict);

export const Cursor = Type.String({ pattern: '^[0-9]{1,16}$' });
export const Limit = Type.String({ pattern: '^[0-9]{1,4}$' });

export const Health = Type.Object({ status: Type.String(), role: Type.String(), journalSeq: Type.Integer() }, strict);

// ---- ISO 20022 ------------------------------------------------------------------------------

/** PUT …/iso20022-versions: the version of each outgoing message, where it is not the default. */
export const IsoVersionsInput = Type.Object(
  Object.fromEntries(
    Object.entries(supportedVersions).map(([message, versions]) => [message, Type.Optional(Type.Union(versions.map((version) => Type.Literal(version)), { description: `default ${versions[0]}` }))]),
  ),
  { ...strict, description: 'Message → version; a message left out is written in its default version. The whole set is replaced.' },
);

export const XmlFile = Type.String({ description: 'An ISO 20022 file (UTF-8 XML)' });

export const IsoMessage = Type.Object(
  {
    seq: Type.Integer({ minimum: 1, description: 'The inbox event it renders; one event may give two messages (e.g. pacs.008 and camt.054)' }),
    type: Type.String({ description: 'Message definition (pacs.008.001.08, …), or corridor.event when the event has no ISO 20022 form' }),
    xml: Nullable(Type.String({ description: 'AppHdr and Document in a SWIFT Envelope' })),
    event: Type.Optional(InboxEvent),
  },
  strict,
);
export const IsoMessagesPage = Type.Object({ messages: Type.Array(IsoMessage), next: Type.Integer({ description: 'Pass as `after` to read on' }) }, strict);

export const IsoCaseSummary = Type.Object(
  {
    messageType: Type.String(),
    messageId: Type.String(),
    transactions: Type.Array(
      Type.Object(
        {
          uetr: Nullable(Type.String()),
          result: Type.String({ description: 'accepted, already_applied, or why it was refused (payment_unknown, cancellation_exists, …)' }),
          accepted: Type.Boolean(),
          detail: Type.String(),
          payment: Nullable(Payment),
        },
        strict,
      ),
    ),
  },
  strict,
);
