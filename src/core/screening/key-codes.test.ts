import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { collectBlockingKeys, keyBuffer, skeletonSymbols } from './key-codes.js';
import { blockingKeys, consonantSkeleton, shareBlockingKey } from './token-keys.js';

/** Letters the skeleton treats specially (h after p or a consonant, x, folded c/q/w/z, vowels, digits) come often. */
const letter = fc.constantFrom(...'aeiouyhpxkscqwzbdfgjlmnrtv0159');
const word = fc.array(letter, { minLength: 1, maxLength: 12 }).map((letters) => letters.join(''));
/** Long joined names give skeletons beyond the 22 symbols of a key pair: those keys stay strings. */
const longWord = fc.array(letter, { minLength: 20, maxLength: 60 }).map((letters) => letters.join(''));
const anyWord = fc.oneof(word, word, longWord, fc.constantFrom('aia', 'y', 'ee', 'x', 'ph', 'kx', 'sx'));

/** A word and a near copy (a letter dropped, changed or added), so that many pairs do share a key. */
const nearPair = fc.tuple(anyWord, fc.nat(), letter, fc.constantFrom('drop', 'change', 'add')).map(([w, at, c, how]) => {
  const i = at % w.length;
  const near = how === 'drop' ? w.slice(0, i) + w.slice(i + 1) : how === 'change' ? w.slice(0, i) + c + w.slice(i + 1) : w.slice(0, i) + c + w.slice(i);
  return [w, near === '' ? c : near] as const;
});

const alphabet = 'bdfghjklmnprstv0123456789';

function keysOf(w: string): { pairs: string[]; strings: string[] } {
  const buffer = keyBuffer();
  collectBlockingKeys(w, buffer);
  const pairs = Array.from({ length: buffer.count }, (_, i) => `${buffer.high[i]}:${buffer.low[i]}`);
  return { pairs, strings: [...buffer.strings] };
}

void describe('blocking keys as numbers', () => {
  void it('writes the same skeleton as consonantSkeleton', () => {
    fc.assert(
      fc.property(anyWord, (w) => {
        const symbols = new Uint8Array(w.length * 2 + 8);
        const length = skeletonSymbols(w, symbols);
        const skeleton = consonantSkeleton(w);
        const written = Array.from(symbols.subarray(0, Math.max(0, length)), (s) => alphabet[s - 1]).join('');
        assert.equal(length === 0 ? `~${w}` : written, skeleton);
      }),
      { numRuns: 5000 },
    );
  });

  void it('gives each word as many keys as blockingKeys, and two words share one exactly when shareBlockingKey says so', () => {
    fc.assert(
      fc.property(fc.oneof(fc.tuple(anyWord, anyWord), nearPair), ([a, b]) => {
        const [keysA, keysB] = [keysOf(a), keysOf(b)];
        assert.equal(keysA.pairs.length + keysA.strings.length, blockingKeys(a).length);
        assert.equal(new Set(keysA.pairs).size, keysA.pairs.length);
        const shared = keysA.pairs.some((k) => keysB.pairs.includes(k)) || keysA.strings.some((k) => keysB.strings.includes(k));
        assert.equal(shared, shareBlockingKey(a, b), `${a} ${b}`);
      }),
      { numRuns: 5000 },
    );
  });

  void it('meets words one consonant typo away, as the string keys do', () => {
    const share = (a: string, b: string) => keysOf(a).pairs.some((k) => keysOf(b).pairs.includes(k));
    assert.ok(share('sberbank', 'sberbamk'));
    assert.ok(share('mohammed', 'muhammad'));
    assert.ok(!share('petrenko', 'volkova'));
  });
});
