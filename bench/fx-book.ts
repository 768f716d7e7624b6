/** The FX benchmarks' market: 30 currencies and arbitrage-free prices around notional values. */

export const currencyCodes = [
  'USD', 'EUR', 'JPY', 'GBP', 'CNY', 'KWD', 'BHD', 'INR', 'BRL', 'ZAR', 'MXN', 'IDR', 'KRW', 'SGD', 'CHF',
  'SEK', 'NOK', 'PLN', 'TRY', 'THB', 'MYR', 'PHP', 'VND', 'NGN', 'KES', 'EGP', 'AED', 'SAR', 'OMR', 'CLP',
];

/** v_b/v_c × (1 ∓ spread) with 8 significant digits, rounded away from the mid so the book stays arbitrage-free. */
export function priced(valueBase: bigint, valueCounter: bigint, spreadBps: bigint, below: boolean): string {
  const num = valueBase * (below ? 10000n - spreadBps : 10000n + spreadBps);
  const den = valueCounter * 10000n;
  let scale = 0;
  while ((num * 10n ** BigInt(scale)) / den < 10n ** 7n) scale += 1;
  const n = num * 10n ** BigInt(scale);
  const digits = (below ? n / den : (n + den - 1n) / den).toString().padStart(scale + 1, '0');
  return scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
}

