/** The FX API's JSON schemas: quotes, policy, inventory moves, routes and cross-currency payments. */
import { Type } from '@sinclair/typebox';
import { Amount, Bic, CurrencyCode, DecimalAmount, FxLeg, ScreenedParties, Timestamp, Uetr } from './schemas.js';

export { FxDetails, FxLeg } from './schemas.js';

const strict = { additionalProperties: false } as const;
const Nullable = <T extends import('@sinclair/typebox').TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const AmountOut = Type.Object({ value: Type.String(), currency: Type.String() }, strict);

export const RateText = Type.String({ maxLength: 32, description: 'Exact decimal, counter currency per one unit of base currency (major units), at most 12 significant digits', examples: ['7.1234'] });
export const QuoteId = Type.String({ minLength: 1, maxLength: 35, pattern: '^[A-Za-z0-9._:-]{1,35}$', description: 'The provider’s id of the quote (Max35Text, no spaces)' });

const ParticipantPrice = Type.Object({ participant: Bic, bid: Type.Optional(Nullable(RateText)), ask: Type.Optional(Nullable(RateText)) }, strict);

export const FxQuoteInput = Type.Object(
  {
    id: QuoteId,
    base: CurrencyCode,
    counter: CurrencyCode,
    bid: Type.Optional(Nullable(RateText)),
    ask: Type.Optional(Nullable(RateText)),
    sizeMin: DecimalAmount,
    sizeMax: DecimalAmount,
    ttlSeconds: Type.Integer({ minimum: 1, maximum: 86_400, description: 'The quote is firm for this many seconds from when it is posted (at most 24 h)' }),
    participants: Type.Optional(Nullable(Type.Array(ParticipantPrice, { minItems: 1, maxItems: 64 }))),
  },
  { ...strict, description: 'bid: the provider buys base (pays counter); ask: it sells base. Sizes in the base currency, bounding each leg’s base amount.' },
);

export const FxQuoteReplaceInput = Type.Omit(FxQuoteInput, ['id'], strict);

const PriceView = Type.Object({ bid: Nullable(Type.String()), ask: Nullable(Type.String()) }, strict);

export const FxQuote = Type.Object(
  {
    id: Type.String(),
    provider: Type.String(),
    base: Type.String(),
    counter: Type.String(),
    bid: Nullable(Type.String()),
    ask: Nullable(Type.String()),
    sizeMin: AmountOut,
    sizeMax: AmountOut,
    postedAt: Timestamp,
    expiresAt: Timestamp,
    participants: Nullable(Type.Array(Type.Object({ participant: Type.String(), bid: Nullable(Type.String()), ask: Nullable(Type.String()) }, strict), { description: 'Restricted quote: its prices per participant (a participant sees only its own)' })),
  },
  strict,
);
export const FxQuoteList = Type.Object({ quotes: Type.Array(FxQuote) }, strict);
void PriceView;

export const FxPolicy = Type.Object(
  {
    referenceRates: Type.Record(Type.String({ pattern: '^[A-Z]{3}/[A-Z]{3}$' }), RateText, { description: 'Mid rates keyed BASE/COUNTER' }),
    referenceDeviationBps: Type.Integer({ minimum: 0, maximum: 5000, description: 'How far (basis points) any price may be from its pair’s reference' }),
    pairsAllowed: Nullable(Type.Array(Type.String({ pattern: '^[A-Z]{3}/[A-Z]{3}$' }), { maxItems: 1000, description: 'null: every pair; a pair matches either orientation' })),
    vehicleCurrenciesExcluded: Type.Array(CurrencyCode, { maxItems: 1000, description: 'May start or end a route, never be passed through' }),
    routeHops: Type.Integer({ minimum: 1, maximum: 4, description: 'Most legs per route' }),
    queueTimeoutMs: Type.Optional(
      Type.Integer({
        minimum: 0,
        maximum: 600_000,
        description: 'How long (ms) a cross-currency payment whose rtgs source leg lacks the payer’s liquidity waits in that queue, its provider legs reserved at a firm price (never past its quotes’ expiry). 0 or absent: it is rejected AM04 at once',
      }),
    ),
  },
  strict,
);

export const FxInventoryInput = Type.Object(
  {
    direction: Type.Union([Type.Literal('in'), Type.Literal('out')], { description: 'in: settlement account → fx inventory; out: back' }),
    amount: Amount,
    reference: Type.String({ minLength: 1, maxLength: 35 }),
  },
  strict,
);
export const FxInventory = Type.Object({ reference: Type.String(), direction: Type.String(), participant: Type.String(), amount: AmountOut, inventory: AmountOut, accountId: Type.String() }, strict);

const sideDescription = 'Exactly one of send (the source amount, in the source currency) and deliver (the target amount, in the target currency).';
const RouteSides = {
  send: Type.Optional(Amount),
  deliver: Type.Optional(Amount),
  sourceCurrency: Type.Optional(CurrencyCode),
  targetCurrency: Type.Optional(CurrencyCode),
};

export const FxRouteInput = Type.Object(
  { ...RouteSides, holdSeconds: Type.Optional(Type.Integer({ minimum: 1, maximum: 300, description: 'How long the price is held; default 30' })) },
  { ...strict, description: `${sideDescription} With send, name targetCurrency; with deliver, sourceCurrency.` },
);

export const FxRoute = Type.Object(
  {
    routeId: Type.String(),
    mode: Type.Union([Type.Literal('send'), Type.Literal('deliver')]),
    sent: AmountOut,
    delivered: AmountOut,
    rate: Type.String({ description: 'All-in rate, target per source in major units, 12 significant digits rounded down (the amounts are exact)' }),
    heldAt: Timestamp,
    heldUntil: Timestamp,
    usedBy: Nullable(Type.String()),
    legs: Type.Array(FxLeg),
  },
  strict,
);

export const FxPaymentInput = Type.Object(
  {
    ...RouteSides,
    uetr: Type.Optional(Uetr),
    endToEndId: Type.String({ minLength: 1, maxLength: 35 }),
    routeId: Type.Optional(Uetr),
    debtorAgent: Type.Optional(Bic),
    creditorAgent: Bic,
    debtorName: Type.Optional(Type.String({ maxLength: 140 })),
    creditorName: Type.Optional(Type.String({ maxLength: 140 })),
    remittanceInformation: Type.Optional(Type.String({ maxLength: 140 })),
    ...ScreenedParties,
  },
  { ...strict, description: `${sideDescription} With a routeId, the amounts and currencies must be the held route’s.` },
);

