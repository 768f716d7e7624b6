/**
 * Jaro–Winkler similarity of two strings, 0 (nothing in common) to 1 (equal): Winkler (1990), the
 * measure census record linkage and most name-screening engines use. Winkler's prefix bonus
 * (0.1 per common leading character, at most 4) applies only when Jaro is above 0.7, as he set it.
 * Compares UTF-16 code units: callers pass normalised ASCII words.
 */
export function jaroWinkler(a: string, b: string): number {
  if (a === b) return 1;
  const jaro = jaroSimilarity(a, b);
  if (jaro <= boostThreshold) return jaro;
  return jaro + commonPrefix(a, b) * prefixScale * (1 - jaro);
}

/**
 * The most jaroWinkler(a, b) can be when at most `matchesMax` characters of `a` can match (each
 * must occur in `b`) and the words share `prefix` leading characters (commonPrefix; the largest
 * bonus when not given): Jaro with those matches and no transpositions, plus that prefix bonus
 * (Jaro–Winkler grows with Jaro for any prefix). Written as jaroWinkler computes, so an equal
 * case gives the very same double.
 */
export function jaroWinklerBound(matchesMax: number, aLength: number, bLength: number, prefix = prefixLengthMax): number {
  if (matchesMax === 0) return 0;
  const jaro = (matchesMax / aLength + matchesMax / bLength + matchesMax / matchesMax) / 3;
  return jaro + prefix * prefixScale * (1 - jaro);
}

/** The leading characters two words share, up to the 4 Winkler's bonus counts. */
export function commonPrefix(a: string, b: string): number {
  const prefixMax = Math.min(prefixLengthMax, a.length, b.length);
  let prefix = 0;
  while (prefix < prefixMax && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix += 1;
  return prefix;
}

/** A 32-bit set of the characters of a word (letters one bit each, digits share the rest): a bound on what can match. */
export function characterMask(word: string): number {
  let mask = 0;
  for (let i = 0; i < word.length; i += 1) mask |= characterBit(word.charCodeAt(i));
  return mask;
}

export function characterBit(code: number): number {
  return code >= 97 && code <= 122 ? 1 << (code - 97) : 1 << (26 + (code % 6));
}

const boostThreshold = 0.7;
const prefixLengthMax = 4;
const prefixScale = 0.1;

/** Reused match flags: the core is single-threaded, and allocating per call doubled the cost. */
let flagsA = new Uint8Array(64);
let flagsB = new Uint8Array(64);

function jaroSimilarity(a: string, b: string): number {
  if (a.length === 0 || b.length === 0) return 0;
  if (a.length > flagsA.length || b.length > flagsB.length) {
    flagsA = new Uint8Array(Math.max(a.length, b.length) * 2);
    flagsB = new Uint8Array(flagsA.length);
  }
  flagsA.fill(0, 0, a.length);
  flagsB.fill(0, 0, b.length);
  const window = Math.max(0, Math.floor(Math.max(a.length, b.length) / 2) - 1);
  let matches = 0;
  for (let i = 0; i < a.length; i += 1) {
    const code = a.charCodeAt(i);
    const to = Math.min(i + window + 1, b.length);
    for (let j = Math.max(0, i - window); j < to; j += 1) {
      if (flagsB[j] === 0 && b.charCodeAt(j) === code) {
        flagsA[i] = 1;
        flagsB[j] = 1;
        matches += 1;
        break;
      }
    }
  }
  if (matches === 0) return 0;
  let halfTranspositions = 0;
  let k = 0;
  for (let i = 0; i < a.length; i += 1) {
    if (flagsA[i] === 0) continue;
    while (flagsB[k] === 0) k += 1;
    if (a.charCodeAt(i) !== b.charCodeAt(k)) halfTranspositions += 1;
    k += 1;
  }
  const transpositions = Math.floor(halfTranspositions / 2);
  return (matches / a.length + matches / b.length + (matches - transpositions) / matches) / 3;
}
