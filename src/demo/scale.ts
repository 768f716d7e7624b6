/**
 * Rough sizes for demo amounts: how many major units of a currency buy one US dollar, so that
 * traffic and funding look alike in every currency (a 3,000 USD payment is about 250,000 INR).
 * Round 2024 market rates; only the order of magnitude matters, and nothing here prices FX.
 */
const unitsPerUsd: ReadonlyMap<string, number> = new Map([
  ['USD', 1],
  ['EUR', 0.92],
  ['GBP', 0.79],
  ['JPY', 150],
  ['CNY', 7.2],
  ['RUB', 90],
  ['INR', 83],
  ['BRL', 5.2],
  ['ZAR', 18.5],
  ['AED', 3.6725],
  ['SAR', 3.75],
  ['EGP', 48],
  ['ETB', 57],
  ['IRR', 42_000],
  ['IDR', 15_800],
  ['KWD', 0.31],
  ['XTS', 1],
]);

/** Major units per USD for demo sizing; 1 for a currency the table does not know. */
export function demoUnitsPerUsd(code: string): number {
  return unitsPerUsd.get(code) ?? 1;
}
