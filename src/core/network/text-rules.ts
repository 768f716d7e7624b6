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

/**
 * The ISO 20022 versions the network can write, per outgoing message (the first is the
 * default). The same table as `supportedVersions` in src/iso20022/build/versions.ts, which the
 * core may not import; network.test.ts checks that the two agree.
 */
export const writableIsoVersions: ReadonlyMap<string, readonly string[]> = new Map([
  ['pacs.002', ['pacs.002.001.10', 'pacs.002.001.11', 'pacs.002.001.12', 'pacs.002.001.13', 'pacs.002.001.14', 'pacs.002.001.15', 'pacs.002.001.16']],
  ['pacs.008', ['pacs.008.001.08', 'pacs.008.001.09', 'pacs.008.001.10', 'pacs.008.001.11', 'pacs.008.001.12', 'pacs.008.001.13', 'pacs.008.001.14']],
  ['pacs.004', ['pacs.004.001.09', 'pacs.004.001.10', 'pacs.004.001.11', 'pacs.004.001.12', 'pacs.004.001.13', 'pacs.004.001.14', 'pacs.004.001.15']],
  ['camt.029', ['camt.029.001.09', 'camt.029.001.10', 'camt.029.001.11', 'camt.029.001.12', 'camt.029.001.13', 'camt.029.001.14']],
  ['camt.053', ['camt.053.001.08', 'camt.053.001.09', 'camt.053.001.10', 'camt.053.001.11', 'camt.053.001.12', 'camt.053.001.14']],
  ['camt.054', ['camt.054.001.08', 'camt.054.001.09', 'camt.054.001.10', 'camt.054.001.11', 'camt.054.001.12', 'camt.054.001.14']],
  ['head.001', ['head.001.001.02', 'head.001.001.03', 'head.001.001.04']],
]);

/** Transactions one ISO 20022 message may carry (the HTTP intake refuses larger files before this). */
export const messageTransactionsMax = 1000;
