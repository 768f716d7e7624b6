/** TypeBox schemas of the screening API: validated at runtime and published in /openapi.json. */
import { Type } from '@sinclair/typebox';
import { Payment, Timestamp } from '../schemas.js';

const strict = { additionalProperties: false } as const;
const Nullable = <T extends ReturnType<typeof Type.String>>(schema: T) => Type.Union([schema, Type.Null()]);

export const ListId = Type.String({ pattern: '^[A-Za-z0-9._-]{1,35}$', description: 'A list id, as in the file' });
export const ListVersion = Type.String({ pattern: '^[A-Za-z0-9._:-]{1,35}$', description: 'The operator’s label of this publication of the list (a date or number)' });
export const Jurisdictions = Type.Union([Type.Literal('all'), Type.Array(Type.String({ pattern: '^[A-Z]{2}$' }), { minItems: 1, maxItems: 300, uniqueItems: true })], {
  description: 'all participants, or those of these ISO 3166-1 alpha-2 jurisdictions (a payment is screened against a list when its sender, debtor agent or creditor agent is of one)',
});
export const OfficerName = Type.String({ pattern: '^[A-Za-z0-9._@-]{1,64}$', description: 'The compliance officer the key belongs to, as decisions record it' });

export const WatchListView = Type.Object(
  {
    listId: Type.String(),
    active: Nullable(Type.String()),
    jurisdictions: Jurisdictions,
    versions: Type.Array(Type.Object({ version: Type.String(), entries: Type.Integer() }, strict)),
  },
  strict,
);

export const ListUploadQuery = Type.Object(
  {
    activate: Type.Optional(Type.Union([Type.Literal('true'), Type.Literal('false')], { description: 'Make this version the one payments are screened against at once (default true)' })),
    jurisdictions: Type.Optional(Type.String({ pattern: '^(all|[A-Z]{2}(,[A-Z]{2}){0,299})$', description: 'all (default), or comma-separated ISO 3166-1 alpha-2 codes' })),
  },
  strict,
);

export const ActiveVersionInput = Type.Object({ version: Nullable(ListVersion) }, { ...strict, description: 'The version to screen against, or null to stop screening against the list' });
export const ScopeInput = Type.Object({ jurisdictions: Jurisdictions }, strict);
export const ThresholdsInput = Type.Object(
  { nameThreshold: Type.Number({ exclusiveMinimum: 0, maximum: 1 }), tokenThreshold: Type.Number({ exclusiveMinimum: 0, maximum: 1 }) },
  strict,
);
export const Thresholds = ThresholdsInput;

export const OfficerKeyCreated = Type.Object({ keyId: Type.String(), officer: Type.String(), key: Type.String({ description: 'Shown once: <keyId>.<secret>' }) }, strict);

const HitOut = Type.Object(
  {
    kind: Type.Union([Type.Literal('name'), Type.Literal('bic')]),
    listId: Type.String(),
    version: Type.String(),
    entryId: Type.String(),
    entityType: Type.String(),
    field: Type.String({ description: 'The payment field: creditor.name, debtor.address, ultimateCreditor.name, remittanceInformation, creditorAgent, intermediaryAgents[0] …' }),
    score: Type.Number(),
  },
  { additionalProperties: true, description: 'A name hit also has fieldText, listedName, nameKind, joinedForm and the word pairs; a BIC hit has bic and listedBic' },
);

export const HoldView = Type.Object(
  {
    uetr: Type.String(),
    state: Type.Union([Type.Literal('open'), Type.Literal('released'), Type.Literal('rejected'), Type.Literal('withdrawn')]),
    heldAt: Timestamp,
    lists: Type.Array(Type.String({ description: 'listId@version' })),
    screened: Type.Object({}, { additionalProperties: true, description: 'The payment’s screened fields' }),
    hits: Type.Array(HitOut),
    hitsOmitted: Type.Integer(),
    decision: Type.Union([
      Type.Object({ action: Type.Union([Type.Literal('release'), Type.Literal('reject')]), officer: Type.String(), keyId: Type.String(), at: Timestamp, reason: Nullable(Type.String()), note: Type.String() }, strict),
      Type.Null(),
    ]),
    withdrawal: Type.Union(
      [
        Type.Object(
          { by: Type.String({ description: 'BIC of the debtor-side participant that cancelled it' }), at: Timestamp, reason: Type.String({ description: 'its cancellation reason: the camt.056 reason, or DS02 for POST …/cancel' }) },
          strict,
        ),
        Type.Null(),
      ],
      { description: 'Set when the sender cancelled the payment while it was held: the hold is closed and no officer can decide it' },
    ),
    payment: Payment,
  },
  strict,
);

export const HoldsQuery = Type.Object(
  {
    state: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('released'), Type.Literal('rejected'), Type.Literal('withdrawn'), Type.Literal('all')], { description: 'default open' })),
    limit: Type.Optional(Type.String({ pattern: '^[0-9]{1,4}$', description: '1 to 1000, default 100' })),
  },
  strict,
);

export const ReleaseInput = Type.Object({ note: Type.String({ minLength: 1, maxLength: 1024, description: 'Why: kept with the decision, never shown to participants' }) }, strict);
export const RejectInput = Type.Object(
  {
    reason: Type.String({ pattern: '^[A-Z0-9]{4}$', description: 'ISO 20022 ExternalStatusReason1Code the sender gets, e.g. RR04 (regulatory reason)' }),
    note: Type.String({ minLength: 1, maxLength: 1024 }),
  },
  strict,
);

export const ListErrorsNote = 'A file with errors answers 422 list-invalid with `errors`: each names the line (and column or JSON path) and the reason code; nothing of the file is loaded.';
