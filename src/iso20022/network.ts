/**
 * What the running network knows, for the checks a file alone cannot answer. Each predicate is
 * optional: a check runs only when its predicate is given (the CLI gives none).
 */
export interface NetworkContext {
  /** Is this BIC a participant (direct or indirect)? */
  readonly isKnownBic?: (bic: string) => boolean;
  /** Does the network settle payments in this ISO 4217 currency? */
  readonly settlesCurrency?: (code: string) => boolean;
  /** Has this sender already used this MsgId? `sender` is the instructing agent's BIC when known. */
  readonly isSeenMessageId?: (messageId: string, sender: string | null) => boolean;
  /** Has a payment with this UETR already been received? */
  readonly isSeenUetr?: (uetr: string) => boolean;
}
