import fc from 'fast-check';
import { isoAmount } from '../amount.js';
import type { Account, IsoAmount, OriginalPayment, Party } from '../types.js';

/** Characters that break naive XML writers, and scripts beyond Latin-1, mixed with random code points. */
const awkward = ['<', '&', '>', '"', "'", ']]>', '&amp;', 'é', 'ß', '李', 'Ж', 'ا', 'ह', '🙂', '\u{1F3E6}', ' ', '\t', '\n', '\r'];

const notXmlChar = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Text of 1 to maxChars characters (code points) that an ISO MaxNText accepts: no edge whitespace. */
export function isoText(maxChars: number): fc.Arbitrary<string> {
  const piece = fc.oneof(fc.constantFrom(...awkward), fc.string({ unit: 'binary', maxLength: 6 }), fc.string({ maxLength: 8 }));
  return fc
    .array(piece, { minLength: 1, maxLength: 12 })
    .map((pieces) => [...pieces.join('').replace(notXmlChar, '').trim()].slice(0, maxChars).join('').trim())
    .filter((text) => text.length > 0);
}

export const bic = fc.stringMatching(/^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$/);

export const uetr = fc.uuid({ version: 4 });

export const isoDate = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));

/** Currencies with exponents 0 (JPY, KRW), 2 (EUR, USD) and 3 (KWD, BHD). */
export const currency = fc.constantFrom('JPY', 'KRW', 'EUR', 'USD', 'KWD', 'BHD');

export function amountIn(code: string, minMinor = 1n, maxMinor = 10n ** 18n - 1n): fc.Arbitrary<IsoAmount> {
  return fc.bigInt(minMinor, maxMinor).map((minor) => isoAmount(minor, code));
}

export const amount: fc.Arbitrary<IsoAmount> = currency.chain((code) => amountIn(code));

/** A German IBAN with correct ISO 13616 check digits. */
export const iban = fc.stringMatching(/^[0-9]{18}$/).map((bban) => {
  const numeric = `${bban}131400`; // DE = 13 14, check digits 00
  const remainder = Number(BigInt(numeric) % 97n);
  return `DE${String(98 - remainder).padStart(2, '0')}${bban}`;
});

export const account: fc.Arbitrary<Account> = fc.oneof(iban.map((value) => ({ iban: value })), isoText(34).map((other) => ({ other })));

export const party: fc.Arbitrary<Party> = fc.record(
  {
    name: isoText(140),
    postalAddress: fc.record({ townName: isoText(35), country: fc.stringMatching(/^[A-Z]{2}$/), addressLines: fc.array(isoText(70), { maxLength: 7 }) }, { requiredKeys: [] }),
    organisationBic: bic,
  },
  { requiredKeys: ['name'] },
);

export const id35 = isoText(35);

export const originalPayment: fc.Arbitrary<OriginalPayment> = fc.record(
  {
    message: fc.record({ messageId: id35, messageNameId: fc.constant('pacs.008.001.08') }),
    uetr,
    endToEndId: id35,
    instructionId: id35,
    transactionId: id35,
  },
  { requiredKeys: ['message', 'uetr', 'endToEndId'] },
);

/** A BaseOneRate: at most 11 digits, 10 of them after the point, not zero. */
export const exchangeRate = fc
  .tuple(fc.integer({ min: 0, max: 10 }), fc.bigInt(1n, 10n ** 11n - 1n))
  .map(([scale, digits]) => {
    const text = digits.toString().padStart(scale + 1, '0');
    return scale === 0 ? text : `${text.slice(0, -scale)}.${text.slice(-scale)}`;
  })
  .filter((text) => text.replace('.', '').replace(/^0+/, '').length + 0 <= 11 && (text.split('.')[1] ?? '').length <= 10);
