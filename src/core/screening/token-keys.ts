/**
 * Blocking keys of a word: two words can agree only if they share a key, which is what lets an
 * index find candidates without scanning the list. A key is the word's consonant skeleton
 * (vowels dropped, letters that transliterations swap folded together: "muhammad" and
 * "mohammed" are both "mhmd"; "aleksandr" and "alexander" both "lksndr"), and, for skeletons of
 * 6 or more letters, the skeleton with any one letter left out, so a single typo in a consonant
 * ("sberbamk") still meets its word.
 */
export function blockingKeys(word: string): string[] {
  const skeleton = consonantSkeleton(word);
  if (skeleton.length < deletionSkeletonMin) return [skeleton];
  const keys = new Set<string>([skeleton]);
  for (let i = 0; i < skeleton.length; i += 1) keys.add(skeleton.slice(0, i) + skeleton.slice(i + 1));
  return [...keys];
}

/** Whether two words share a blocking key: the brute-force form of the index lookup. */
export function shareBlockingKey(a: string, b: string): boolean {
  const keysOfA = new Set(blockingKeys(a));
  return blockingKeys(b).some((key) => keysOfA.has(key));
}

/** Shorter skeletons would give keys of 4 letters or fewer, each shared by dozens to hundreds of words (measured in bench/screening.ts: 4x slower). */
export const deletionSkeletonMin = 6;
const vowels = new Set(['a', 'e', 'i', 'o', 'u', 'y']);
const folded: Readonly<Record<string, string>> = { c: 'k', q: 'k', x: 'ks', w: 'v', z: 's' };

/**
 * The skeleton: y is a vowel (Sergei/Sergey), h after a consonant is dropped (kh, sh, ch, th, zh
 * are one sound written two ways), ph is f, doubled letters are one. A word of vowels only keeps
 * itself, marked, so it still has a key.
 */
export function consonantSkeleton(word: string): string {
  let skeleton = '';
  let previous = '';
  for (let i = 0; i < word.length; i += 1) {
    const letter = word[i] ?? '';
    let sound = folded[letter] ?? letter;
    if (letter === 'h' && previous !== '' && !vowels.has(previous)) sound = previous === 'p' ? 'f' : '';
    if (letter === 'h' && previous === 'p') skeleton = skeleton.slice(0, -1);
    previous = letter;
    if (sound === '' || vowels.has(sound)) continue;
    if (skeleton.endsWith(sound)) continue;
    skeleton += sound;
  }
  return skeleton === '' ? `~${word}` : skeleton;
}

/** A word written without vowels, as Arabic and Hebrew transliterate ("bnk mly"): matched on its skeleton. */
export function isVowelless(word: string): boolean {
  if (word.length < 2) return false;
  for (let i = 0; i < word.length; i += 1) if (vowels.has(word[i] ?? '') && word[i] !== 'y') return false;
  return !/^\d+$/.test(word);
}
