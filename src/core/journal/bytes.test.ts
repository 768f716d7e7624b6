import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ByteReader, ByteWriter } from './bytes.js';
import { InvariantError } from '../assert.js';

describe('canonical bytes', () => {
  it('round-trips every u128, id, u53 and text', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 2n ** 128n - 1n }), fc.uint8Array({ minLength: 16, maxLength: 16 }), fc.maxSafeNat(), fc.string({ maxLength: 35 }), (n, idBytes, safe, text) => {
        const id = Buffer.from(idBytes).toString('hex');
        const w = new ByteWriter(8);
        w.u128(n);
        w.id(id);
        w.u53(safe);
        w.text(text);
        const r = new ByteReader(Buffer.from(w.bytes()));
        assert.equal(r.u128(), n);
        assert.equal(r.id(), id);
        assert.equal(r.u53(), safe);
        assert.equal(r.text(), text);
        assert.equal(r.remaining, 0);
      }),
    );
  });

  it('writes u128 big-endian whatever path it takes', () => {
    const w = new ByteWriter();
    for (const n of [1n, 2n ** 53n - 1n, 2n ** 53n, 2n ** 64n - 1n, 2n ** 64n, 2n ** 128n - 1n]) w.u128(n);
    const bytes = Buffer.from(w.bytes());
    assert.equal(bytes.subarray(0, 16).toString('hex'), '00000000000000000000000000000001');
    assert.equal(bytes.subarray(16, 32).toString('hex'), '0000000000000000001fffffffffffff');
    assert.equal(bytes.subarray(32, 48).toString('hex'), '00000000000000000020000000000000');
    assert.equal(bytes.subarray(48, 64).toString('hex'), '0000000000000000ffffffffffffffff');
    assert.equal(bytes.subarray(64, 80).toString('hex'), '00000000000000010000000000000000');
    assert.equal(bytes.subarray(80, 96).toString('hex'), 'ffffffffffffffffffffffffffffffff');
  });

  it('refuses ids that are not 32 lowercase hex digits', () => {
    for (const bad of ['A'.repeat(32), 'g'.repeat(32), '0'.repeat(31), '0'.repeat(33), ' '.repeat(32)]) {
      assert.throws(() => new ByteWriter().id(bad), InvariantError, bad);
    }
  });
});
