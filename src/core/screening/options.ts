/** Thresholds of a screening run, and which lists apply to the payment (undefined: every list in the index). */
export interface ScreeningOptions {
  /** A listed name hits when its score reaches this (0..1]. */
  readonly nameThreshold: number;
  /** Two words agree when their similarity reaches this (0..1], at most the name threshold. */
  readonly tokenThreshold: number;
  readonly listIds?: ReadonlySet<string>;
}

/**
 * Defaults measured on the labelled set in screening-quality.test.ts (docs/screening.md has the
 * figures): 0.85 per word lets one typo or one transliteration difference through in words of six
 * letters or more; 0.90 per name keeps a listed name from hitting a name that shares only its most
 * common half.
 */
export const defaultScreeningOptions: ScreeningOptions = { nameThreshold: 0.9, tokenThreshold: 0.85 };

export function optionsValid(options: ScreeningOptions): boolean {
  const inRange = (x: number) => Number.isFinite(x) && x > 0 && x <= 1;
  return inRange(options.nameThreshold) && inRange(options.tokenThreshold) && options.tokenThreshold <= options.nameThreshold;
}
