import iso4217 from 'currency-codes';
import { assert } from '../assert.js';

/** A currency of ISO 4217 with the exponent of its minor unit (EUR 2, JPY 0, KWD 3). */
export interface Currency {
  readonly code: string;
  /** ISO 4217 numeric code; Corridor uses it as the currency's ledger number. */
  readonly numeric: number;
  readonly exponent: number;
  readonly name: string;
}

/**
 * Codes whose ISO 4217 minor unit is "N.A." (metals, SDR, bond units, no-currency):
 * they are not settlement currencies. The maintained list reports their digits as 0,
 * which would wrongly make them look like JPY.
 */
const codesWithoutMinorUnit = new Set([
  'XAG', 'XAU', 'XBA', 'XBB', 'XBC', 'XBD', 'XDR', 'XPD', 'XPT', 'XSU', 'XTS', 'XUA', 'XXX',
]);

/**
 * XTS is ISO's code reserved for testing. ISO gives it no minor unit; Corridor gives it
 * two decimals so that tests exercise fractions like most real currencies.
 */
const testingCurrency: Currency = { code: 'XTS', numeric: 963, exponent: 2, name: 'Testing currency' };

function buildCurrencyTable(): ReadonlyMap<string, Currency> {
  const table = new Map<string, Currency>();
  for (const record of iso4217.data) {
    if (codesWithoutMinorUnit.has(record.code)) continue;
    const numeric = Number(record.number);
    assert(Number.isInteger(numeric) && numeric > 0, `ISO 4217 numeric code of ${record.code}`);
    assert(Number.isInteger(record.digits) && record.digits >= 0 && record.digits <= 4, `exponent of ${record.code}`);
    table.set(record.code, { code: record.code, numeric, exponent: record.digits, name: record.currency });
  }
  table.set(testingCurrency.code, testingCurrency);
  return table;
}

const currencies = buildCurrencyTable();
const currenciesByNumeric = new Map([...currencies.values()].map((c) => [c.numeric, c]));

/** The ISO 4217 publication the table comes from (the `currency-codes` package's copy). */
export const iso4217PublishDate: string = iso4217.publishDate;

export function currencyByCode(code: string): Currency | undefined {
  return currencies.get(code);
}

export function currencyByNumeric(numeric: number): Currency | undefined {
  return currenciesByNumeric.get(numeric);
}

export function allCurrencies(): readonly Currency[] {
  return [...currencies.values()];
}
