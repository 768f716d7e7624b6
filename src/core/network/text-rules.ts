/** Field rules shared by the state machine and the edges, so both refuse the same input. */

/** ISO 9362 BIC: 8 or 11 characters. */
export const bicPattern = /^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$/;
export const countryPattern = /^[A-Z]{2}$/;
export const currencyCodePattern = /^[A-Z]{3}$/;
/** RFC 4122 UUID in canonical lowercase form (ISO 20022 UUIDv4Identifier is version 4). */
export const uetrPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
export const keyIdPattern = /^[A-Za-z0-9]{8,32}$/;
export const sha256HexPattern = /^[0-9a-f]{64}$/;

export const nameLengthMax = 140;
/** ISO 20022 Max35Text. */
export const endToEndIdLengthMax = 35;
/** ISO 20022 unstructured remittance is Max140Text. */
export const remittanceLengthMax = 140;
export const idempotencyKeyLengthMax = 128;
export const fundingReferenceLengthMax = 35;
export const webhookUrlLengthMax = 2048;
export const webhookSecretLengthMin = 16;
export const webhookSecretLengthMax = 256;
/** Amounts of one payment: positive and at most 2^63-1 minor units (beyond any real payment). */
export const paymentAmountMax = 2n ** 63n - 1n;

// eslint-disable-next-line no-control-regex
const controlCharacters = /[\u0000-\u001f\u007f]/;

export function textOk(value: string, lengthMax: number, lengthMin = 0): boolean {
  return value.length >= lengthMin && value.length <= lengthMax && !controlCharacters.test(value);
}

export function webhookUrlOk(url: string): boolean {
  if (!textOk(url, webhookUrlLengthMax, 1)) return false;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:';
  } catch {
    return false;
  }
}
