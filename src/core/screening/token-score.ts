import { jaroWinkler } from './jaro-winkler.js';
import { consonantSkeleton, isVowelless } from './token-keys.js';

/**
 * How well a payment word and a listed word agree, given that they share a blocking key:
 * Jaro–Winkler, or, when one of them is written without vowels (Arabic script through any-ascii:
 * "mly" for ملي) and their skeletons are equal, `vowellessAgreement`. Below the token threshold: 0.
 */
export function tokenScore(query: string, listed: string, tokenThreshold: number, queryVowelless = isVowelless(query), listedVowelless = isVowelless(listed)): number {
  if (query === listed) return 1;
  // Numbers (house numbers, invoice numbers) agree only when equal: a near number is no evidence of a name.
  if (isNumber(query) || isNumber(listed)) return 0;
  let score = jaroWinkler(query, listed);
  if (score < vowellessAgreement && (queryVowelless || listedVowelless) && consonantSkeleton(query) === consonantSkeleton(listed)) {
    score = vowellessAgreement;
  }
  return score >= tokenThreshold ? score : 0;
}

const digits = /^[0-9]+$/;

export function isNumber(word: string): boolean {
  const first = word.charCodeAt(0);
  return first >= 48 && first <= 57 && digits.test(word);
}

/** As good as a one-letter typo in a six-letter word ("mely" for "melli" would score about that). */
export const vowellessAgreement = 0.92;
