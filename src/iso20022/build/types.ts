/**
 * Plain input data shared by the outgoing-message builders. Shaped so the server can fill it
 * from ledger transfers and payments: amounts are decimal strings with exactly the currency's
 * exponent (`isoAmount` makes them from bigint minor units), agents are BICs, dates are text.
 */

/** An amount as ISO 20022 writes it: "35612.21" EUR, "1500" JPY, "12.345" KWD. */
export interface IsoAmount {
  readonly value: string;
  readonly currency: string;
}

export type CreditDebit = 'CRDT' | 'DBIT';

/** A BIC (ISO 9362, 8 or 11 characters): how Corridor names participants and agents. */
export type Bic = string;

/** ISODate "2024-05-01". */
export type IsoDateText = string;

/** ISODateTime with offset "2024-05-01T10:15:30+00:00" (see isoDateTimeOfMs). */
export type IsoDateTimeText = string;

export interface PostalAddress {
  readonly townName?: string;
  readonly country?: string;
  /** Unstructured lines, at most 7 of 70 characters. */
  readonly addressLines?: readonly string[];
}

/** A debtor or creditor: a person or organisation (PartyIdentification135). */
export interface Party {
  readonly name: string;
  readonly postalAddress?: PostalAddress;
  /** An organisation's BIC (Id/OrgId/AnyBIC), when the party is itself identified by one. */
  readonly organisationBic?: Bic;
}

export type Account = { readonly iban: string } | { readonly other: string };

/** The message a status, return or resolution refers to (OrgnlGrpInf). */
export interface OriginalMessage {
  readonly messageId: string;
  /** Its message definition, e.g. "pacs.008.001.08". */
  readonly messageNameId: string;
  readonly creationDateTime?: IsoDateTimeText;
}

/** The identifiers of one original payment, as the payment carried them. */
export interface OriginalPayment {
  readonly message: OriginalMessage;
  readonly uetr: string;
  readonly endToEndId: string;
  readonly instructionId?: string;
  readonly transactionId?: string;
}

/** An FX payment: the amount the debtor instructed, in another currency, and the rate applied. */
export interface FxConversion {
  readonly instructedAmount: IsoAmount;
  /** Settlement-currency units per instructed-currency unit (instructed × rate = settled). */
  readonly exchangeRate: string;
}
