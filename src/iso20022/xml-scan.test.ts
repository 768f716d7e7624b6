import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isNameChar } from './xml-scan.js';

describe('the scan reads names by char code', () => {
  it('takes exactly the UTF-16 units the permissive name pattern /[^\\s/>=<"\'&!?]/ takes', () => {
    const pattern = /[^\s/>=<"'&!?]/;
    for (let code = 0; code <= 0xffff; code += 1) assert.equal(isNameChar(code), pattern.test(String.fromCharCode(code)), `U+${code.toString(16)}`);
  });
});
