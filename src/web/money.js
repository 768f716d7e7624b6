// Amounts arrive as exact decimal strings ("1234.50", "-20.00"): they are formatted as text and
// never go through a float. Only the chart turns them into pixel positions, through BigInt.

/** "1234567.5" with exponent 2 → "1,234,567.50"; negative amounts get a true minus sign. */
export function formatDecimal(text, exponent) {
  const negative = text.startsWith('-');
  const body = negative ? text.slice(1) : text;
  const dot = body.indexOf('.');
  const whole = dot < 0 ? body : body.slice(0, dot);
  let fraction = dot < 0 ? '' : body.slice(dot + 1);
  if (fraction.length < exponent) fraction = fraction.padEnd(exponent, '0');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const sign = negative && /[1-9]/.test(body) ? '−' : '';
  return sign + grouped + (fraction.length > 0 ? '.' + fraction : '');
}

/** An amount object of the API, formatted per its currency's exponent. */
export function formatMoney(amount, exponent, withCode = false) {
  if (amount === null || amount === undefined) return '—';
  const text = formatDecimal(amount.value, exponent);
  return withCode ? `${text} ${amount.currency}` : text;
}

/** Exact minor units of a decimal string (for scaling and comparing, never shown). */
export function toMinor(text, exponent) {
  const negative = text.startsWith('-');
  const body = negative ? text.slice(1) : text;
  const [whole, fraction = ''] = body.split('.');
  const minor = BigInt(whole + fraction.padEnd(exponent, '0').slice(0, exponent));
  return negative ? -minor : minor;
}

/** Short form for chart axes: 1.2M, 350k (rounded, shown as a label only). */
export function compactMajor(minor, exponent) {
  const scale = 10n ** BigInt(exponent);
  const major = minor / scale;
  const units = [[10n ** 12n, 'T'], [10n ** 9n, 'B'], [10n ** 6n, 'M'], [10n ** 3n, 'k']];
  for (const [size, suffix] of units) {
    if (major >= size) {
      const tenths = (major * 10n) / size;
      return `${tenths / 10n}${tenths % 10n === 0n ? '' : '.' + (tenths % 10n)}${suffix}`;
    }
  }
  return major.toString();
}

/** "3m 05s" since an ISO time, by the browser's clock. */
export function ageSince(iso, nowMs = Date.now()) {
  if (iso === null || iso === undefined) return '—';
  const seconds = Math.max(0, Math.floor((nowMs - Date.parse(iso)) / 1000));
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m ${String(seconds % 60).padStart(2, '0')}s`;
  return `${Math.floor(minutes / 60)}h ${String(minutes % 60).padStart(2, '0')}m`;
}

/** "14:03:27" in the browser's time zone. */
export function clockTime(iso) {
  const d = new Date(iso);
  return [d.getHours(), d.getMinutes(), d.getSeconds()].map((n) => String(n).padStart(2, '0')).join(':');
}
