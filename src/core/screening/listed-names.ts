import { joinedVariantTokensMax } from './limits.js';
import type { FieldKind, Words } from './name-score.js';
import { isGenericWord, nameWords } from './normalise.js';
import type { WatchListEntry } from './types.js';

/** One matchable form of a listed name: its words, which name of the entry it came from, and whether it is the joined form. */
export interface ListedName {
  /** 0 for the primary name, i + 1 for alias i. */
  readonly source: number;
  readonly joined: boolean;
  readonly words: readonly string[];
}

/**
 * The matchable forms of an entry's names: each name's words and, for names of 2 to 4 words, the
 * words written together ("Sber Bank" → "sberbank", "Li Xiao Long" → "lixiaolong"), since lists and
 * payments split compound names differently. Forms with the same words are kept once.
 */
export function listedNames(entry: WatchListEntry): ListedName[] {
  const seen = new Set<string>();
  const names: ListedName[] = [];
  const add = (source: number, joined: boolean, words: readonly string[]) => {
    const key = words.join(' ');
    if (words.length === 0 || seen.has(key)) return;
    seen.add(key);
    names.push({ source, joined, words });
  };
  [entry.primaryName, ...entry.aliases].forEach((name, source) => {
    const words = nameWords(name);
    add(source, false, words);
    const joined = joinedForm(words);
    if (joined !== null) add(source, true, [joined]);
  });
  return names;
}

/** The word lists a payment text is matched as: its words, and for names of 2 to 4 words also the joined form. */
export function queryForms(text: string, kind: FieldKind): string[][] {
  const words = nameWords(text);
  const joined = kind === 'name' ? joinedForm(words) : null;
  return joined === null ? [words] : [words, [joined]];
}

export function withGenericFlags(words: readonly string[]): Words {
  return { words, generic: words.map(isGenericWord) };
}

function joinedForm(words: readonly string[]): string | null {
  return words.length >= 2 && words.length <= joinedVariantTokensMax ? words.join('') : null;
}
