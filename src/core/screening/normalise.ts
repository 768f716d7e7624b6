import anyAscii from 'any-ascii';
import { genericWordsWritten, legalFormsWritten, stopWordsWritten } from './legal-forms.js';

/**
 * Names to comparable words: transliterated to ASCII (any-ascii: "Сбербанк" → "sberbank",
 * "Müller" → "muller"), lower case, apostrophes removed ("O'Brien" → "obrien"), other punctuation
 * a word break ("Al-Qaida" → "al qaida"), stop words dropped anywhere and legal forms at either end.
 * Word order is kept here; the matcher ignores it.
 */
export function nameWords(text: string): string[] {
  const words = rawWords(text);
  return stripLegalForms(words.filter((word) => !stopWords.has(word)));
}

/** Generic words weigh little and cannot hit alone (legal-forms.ts says why). */
export function isGenericWord(word: string): boolean {
  return genericWords.has(word);
}

/**
 * Han, kana and Hangul characters are syllables: transliterated one by one with a break between
 * them ("李小龙" → "li xiao long"), so that each can meet a romanised syllable and the joined
 * form can meet "Li Xiaolong" (any-ascii alone would give one word, "LiXiaoLong").
 */
const syllabicCharacters = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu;
const nonAscii = /[\u0080-\uffff]/;
const apostrophes = /['`\u00b4\u2018\u2019\u02bc\u02bb]/g;
const nonWord = /[^a-z0-9]+/;

function rawWords(text: string): string[] {
  if (!nonAscii.test(text)) return asciiWords(text);
  return anyAscii(text.replace(syllabicCharacters, (c) => ` ${c} `).replace(apostrophes, ''))
    .toLowerCase()
    .replace(apostrophes, '')
    .split(nonWord)
    .filter((word) => word !== '');
}

/**
 * The same words for ASCII text in one pass (most payment fields): letters and digits make words,
 * lower-cased, the ASCII apostrophes ' and ` are dropped inside them, anything else breaks them.
 */
function asciiWords(text: string): string[] {
  const words: string[] = [];
  let word = '';
  let start = -1;
  for (let i = 0; i <= text.length; i += 1) {
    const code = i < text.length ? text.charCodeAt(i) : 32;
    if ((code >= 97 && code <= 122) || (code >= 48 && code <= 57) || (code >= 65 && code <= 90)) {
      if (start < 0) start = i;
      continue;
    }
    if (start >= 0) word += text.slice(start, i);
    start = -1;
    if (code === 39 || code === 96) continue;
    if (word !== '') words.push(word.toLowerCase());
    word = '';
  }
  return words;
}

const stopWords = new Set(stopWordsWritten.flatMap(rawWords));
const genericWords = new Set(genericWordsWritten.flatMap(rawWords));
/** Legal forms as word sequences, longest first so "co ltd" goes before "co". */
const legalForms: readonly (readonly string[])[] = [...new Set(legalFormsWritten.map((form) => rawWords(form).join(' ')))]
  .filter((form) => form !== '')
  .map((form) => form.split(' '))
  .sort((a, b) => b.length - a.length);

/** Every first and last word of a legal form. */
const legalFormEnds = new Set(legalForms.flatMap((form) => [form[0] ?? '', form[form.length - 1] ?? '']));

/** Drops legal forms at the start and at the end, repeatedly ("PT Bank X Tbk"), never every word. */
function stripLegalForms(words: string[]): string[] {
  let start = 0;
  let end = words.length;
  let changed = true;
  while (changed) {
    changed = false;
    // Exact shortcut: a form can match only where its first (or last) word stands.
    if (!legalFormEnds.has(words[start] ?? '') && !legalFormEnds.has(words[end - 1] ?? '')) break;
    for (const form of legalForms) {
      if (end - start <= form.length) continue;
      if (sequenceAt(words, start, form)) {
        start += form.length;
        changed = true;
      } else if (sequenceAt(words, end - form.length, form)) {
        end -= form.length;
        changed = true;
      }
    }
  }
  return start === 0 && end === words.length ? words : words.slice(start, end);
}

function sequenceAt(words: readonly string[], at: number, form: readonly string[]): boolean {
  for (let i = 0; i < form.length; i += 1) if (words[at + i] !== form[i]) return false;
  return true;
}
