import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { nameWords } from './normalise.js';

/** ASCII with the characters normalisation treats specially (apostrophes, punctuation, capitals) made common. */
const asciiText = fc.array(fc.oneof(fc.constantFrom("'", '`', '-', ' ', '.', ',', 'A', 'O', 'z', '0', '9', 'ltd', 'of', 'LLC ', 'Co. '), fc.stringMatching(/^[ -~]$/)), { maxLength: 30 }).map((parts) => parts.join(''));

void describe('name normalisation', () => {
  void it('gives ASCII text (its one-pass path) the words the transliterating path gives', () => {
    fc.assert(
      fc.property(asciiText, (text) => {
        // A trailing no-break space sends the same text down the any-ascii path, where it is only a word break.
        assert.deepEqual(nameWords(text), nameWords(`${text}\u00a0`));
      }),
      { numRuns: 3000 },
    );
  });

  void it('lower-cases, drops apostrophes inside words and breaks on other punctuation', () => {
    assert.deepEqual(nameWords("O'Brien Al-Qaida, ACME Trading Co. Ltd"), ['obrien', 'al', 'qaida', 'acme', 'trading']);
    assert.deepEqual(nameWords('12 Main St.'), ['12', 'main', 'st']);
  });
});
