import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { characterBit, characterMask, commonPrefix, jaroWinkler, jaroWinklerBound } from './jaro-winkler.js';

const word = fc.stringMatching(/^[a-z0-9]{1,14}$/);

function bound(a: string, b: string, withPrefix = false): number {
  const mask = characterMask(b);
  let shared = 0;
  for (let i = 0; i < a.length; i += 1) if ((mask & characterBit(a.charCodeAt(i))) !== 0) shared += 1;
  return withPrefix ? jaroWinklerBound(Math.min(shared, b.length), a.length, b.length, commonPrefix(a, b)) : jaroWinklerBound(Math.min(shared, b.length), a.length, b.length);
}

describe('the Jaro–Winkler bound that lets the index skip words', () => {
  it('is never below the similarity itself (so a skipped word could not have agreed)', () => {
    fc.assert(
      fc.property(word, word, (a, b) => {
        assert.ok(jaroWinkler(a, b) <= bound(a, b) + 1e-12, `${a} ${b}: ${jaroWinkler(a, b)} > ${bound(a, b)}`);
        assert.ok(jaroWinkler(a, b) <= bound(a, b, true) + 1e-12, `${a} ${b}: ${jaroWinkler(a, b)} > ${bound(a, b, true)} (with the prefix)`);
        assert.ok(bound(a, b, true) <= bound(a, b));
      }),
      { numRuns: 5000 },
    );
  });

  it('is tight for equal words and prunes words that share few characters', () => {
    assert.equal(bound('petrenko', 'petrenko'), 1);
    assert.ok(bound('tarin', 'torun') < 0.85);
    assert.ok(bound('petrenko', 'petrenco') >= 0.85);
    assert.equal(bound('petrenko', 'petrenko', true), 1);
    // Five of seven letters shared: enough only with Winkler's prefix bonus, which these words cannot have.
    assert.ok(bound('petrova', 'ketrovi', true) < 0.85 && bound('petrova', 'ketrovi') >= 0.85);
  });
});
