/**
 * Every error the API returns, as RFC 9457 problem details with a stable `type` per error.
 * Clients branch on `type`; `title` is fixed per type, `detail` says what was wrong this time.
 */
export const problemCatalogue = {
  'invalid-request': [400, 'The request is malformed'],
  unauthorized: [401, 'A valid API key is required'],
  forbidden: [403, 'This key may not do that'],
  'not-found': [404, 'No such resource'],
  'method-not-allowed': [405, 'The resource does not support this method'],
  'duplicate-uetr': [409, 'A payment with this UETR exists'],
  'idempotency-key-reused': [409, 'The idempotency key was used for a different request'],
  'already-exists': [409, 'It exists with other settings'],
  'duplicate-message': [409, 'The sender already sent another message with this MsgId'],
  'not-cancellable': [409, 'The payment is not in a state that allows this'],
  'window-state': [409, 'The settlement window is not in a state that allows this'],
  'body-too-large': [413, 'The request body is larger than allowed'],
  'unsupported-media-type': [415, 'The body’s media type is not accepted here'],
  'unknown-currency': [422, 'The currency is not on this network'],
  'unknown-participant': [422, 'No such participant'],
  'amount-precision': [422, 'The amount has more decimals than the currency allows'],
  'amount-invalid': [422, 'The amount is not a positive amount in range'],
  'participant-not-in-currency': [422, 'The participant does not hold this currency'],
  'participant-suspended': [422, 'A participant of this payment is suspended'],
  'not-sponsor': [403, 'Only the debtor agent or its sponsor may send this'],
  'same-agent': [422, 'Debtor and creditor settle on the same account'],
  'insufficient-funds': [422, 'The balance does not cover the amount'],
  'invalid-setting': [422, 'The setting is not valid here'],
  'settlement-mode': [422, 'The currency’s settlement mode has no such thing'],
  'funding-reference-reused': [409, 'The funding reference was used for another movement'],
  'list-invalid': [422, 'The watch list file has errors; nothing of it was loaded'],
  'hold-decided': [409, 'The held payment was already decided otherwise'],
  'hold-withdrawn': [409, 'The sender cancelled the held payment: there is nothing left to decide'],
  'fx-rate-invalid': [422, 'A rate is not a positive exact decimal in range'],
  'fx-rate-outside-band': [422, 'A price is further from the reference rate than the operator allows'],
  'fx-quote-invalid': [422, 'The quote’s terms are not valid'],
  'fx-quote-expired': [409, 'The quote has expired'],
  'fx-pair-not-allowed': [422, 'The operator does not allow this currency pair'],
  'fx-provider-invalid': [422, 'Not an FX provider holding these currencies'],
  'fx-limit-reached': [409, 'Too many live quotes for this pair or book'],
  'fx-arbitrage': [409, 'The quote would close an arbitrage cycle with the live quotes'],
  'fx-no-route': [422, 'No chain of live quotes converts the source into the target currency'],
  'fx-amount-outside-quote-sizes': [422, 'The amount is outside the size range of every quote that could serve it'],
  'fx-same-currency': [422, 'Source and target currency are the same'],
  'fx-route-expired': [409, 'The held route has ended'],
  'fx-route-used': [409, 'The held route already priced a payment'],
  'fx-route-mismatch': [422, 'The payment does not match the held route'],
  'rate-limited': [429, 'Too many requests for this key'],
  unavailable: [503, 'The node is not accepting commands; retry later'],
  'not-leader': [503, 'This node is a standby; send writes to the leader'],
  'leader-unreachable': [503, 'The standby could not forward the write to the leader'],
  'leader-timeout': [504, 'The leader did not answer the forwarded write in time'],
  internal: [500, 'Internal error'],
} as const satisfies Record<string, readonly [number, string]>;

export type ProblemSlug = keyof typeof problemCatalogue;

export const problemTypePrefix = 'urn:corridor:problem:';

export interface ProblemBody {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly instance?: string;
  /** For schema errors: where in the request. */
  readonly errors?: readonly { readonly path: string; readonly message: string }[];
}

/** Thrown by handlers; the error handler turns it into a problem+json response. */
export class ProblemError extends Error {
  override readonly name = 'ProblemError';
  constructor(
    readonly slug: ProblemSlug,
    readonly detail: string,
    readonly errors?: readonly { readonly path: string; readonly message: string }[],
  ) {
    super(detail);
  }

  get status(): number {
    return problemCatalogue[this.slug][0];
  }
}

export function problemBody(slug: ProblemSlug, detail: string, instance?: string, errors?: ProblemBody['errors']): ProblemBody {
  const [status, title] = problemCatalogue[slug];
  return { type: problemTypePrefix + slug, title, status, detail, ...(instance === undefined ? {} : { instance }), ...(errors === undefined ? {} : { errors }) };
}
