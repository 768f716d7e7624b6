import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { InvariantError } from '../../core/assert.js';
import { signatureHeaderCharsMax, signWebhook, verifyWebhookSignature } from './signature.js';

const secret = 'whsec_test_1';
const body = '{"events":[{"seq":1,"kind":"payment_settled"}]}';
const signedAtSeconds = 1_700_000_000;

function hmacHex(key: string, text: string): string {
  return createHmac('sha256', key).update(text, 'utf8').digest('hex');
}

describe('signWebhook', () => {
  it('writes t=<seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">', () => {
    const header = signWebhook(secret, body, signedAtSeconds);
    assert.equal(header, `t=${signedAtSeconds},v1=${hmacHex(secret, `${signedAtSeconds}.${body}`)}`);
    assert.match(header, /^t=\d+,v1=[0-9a-f]{64}$/);
  });

  it('refuses an empty secret and a timestamp that is not whole seconds', () => {
    assert.throws(() => signWebhook('', body, signedAtSeconds), InvariantError);
    assert.throws(() => signWebhook(secret, body, 1.5), InvariantError);
    assert.throws(() => signWebhook(secret, body, -1), InvariantError);
  });
});

describe('verifyWebhookSignature', () => {
  const header = signWebhook(secret, body, signedAtSeconds);

  it('accepts our own signature with the shared secret', () => {
    assert.equal(verifyWebhookSignature(secret, header, body, signedAtSeconds), true);
  });

  it('rejects a signature made with another secret', () => {
    assert.equal(verifyWebhookSignature('whsec_other', header, body, signedAtSeconds), false);
    assert.equal(verifyWebhookSignature('', header, body, signedAtSeconds), false);
  });

  it('rejects a tampered body, even by one byte or by re-serialization', () => {
    assert.equal(verifyWebhookSignature(secret, header, body.replace('1', '2'), signedAtSeconds), false);
    assert.equal(verifyWebhookSignature(secret, header, JSON.stringify(JSON.parse(body), null, 1), signedAtSeconds), false);
  });

  it('rejects a timestamp moved to another time, so the signature cannot be re-dated', () => {
    const redated = header.replace(`t=${signedAtSeconds}`, `t=${signedAtSeconds + 1}`);
    assert.equal(verifyWebhookSignature(secret, redated, body, signedAtSeconds), false);
  });

  it('accepts up to the tolerance either way and rejects beyond it (replays of old requests)', () => {
    assert.equal(verifyWebhookSignature(secret, header, body, signedAtSeconds + 300), true);
    assert.equal(verifyWebhookSignature(secret, header, body, signedAtSeconds + 301), false);
    assert.equal(verifyWebhookSignature(secret, header, body, signedAtSeconds - 300), true);
    assert.equal(verifyWebhookSignature(secret, header, body, signedAtSeconds - 301), false);
    assert.equal(verifyWebhookSignature(secret, header, body, signedAtSeconds + 10, 5), false);
    assert.equal(verifyWebhookSignature(secret, header, body, signedAtSeconds + 10, 10), true);
  });

  it('rejects when the clock or tolerance is not a number rather than skipping the time check', () => {
    assert.equal(verifyWebhookSignature(secret, header, body, Number.NaN), false);
    assert.equal(verifyWebhookSignature(secret, header, body, signedAtSeconds, Number.NaN), false);
  });

  it('rejects malformed headers without throwing', () => {
    const v1 = hmacHex(secret, `${signedAtSeconds}.${body}`);
    const malformed = [
      '',
      'garbage',
      `v1=${v1}`,
      `t=${signedAtSeconds}`,
      `t=abc,v1=${v1}`,
      `t=-5,v1=${v1}`,
      `t=${signedAtSeconds},t=${signedAtSeconds},v1=${v1}`,
      `t=${signedAtSeconds},v1=${v1.slice(2)}`,
      `t=${signedAtSeconds},v1=${v1}00`,
      `t=${signedAtSeconds},v1=${'z'.repeat(64)}`,
      `t=${signedAtSeconds},=${v1}`,
      `t=${signedAtSeconds},v1=${v1},`,
      `t=${signedAtSeconds},v1=${v1},x=${'a'.repeat(signatureHeaderCharsMax)}`,
    ];
    for (const candidate of malformed) {
      assert.equal(verifyWebhookSignature(secret, candidate, body, signedAtSeconds), false, candidate);
    }
  });

  it('accepts when any v1 matches (secret rotation) and ignores unknown schemes', () => {
    const old = hmacHex('whsec_old', `${signedAtSeconds}.${body}`);
    const current = hmacHex(secret, `${signedAtSeconds}.${body}`);
    const rotating = `t=${signedAtSeconds}, v0=abc, v1=${old}, v1=${current}`;
    assert.equal(verifyWebhookSignature(secret, rotating, body, signedAtSeconds), true);
    assert.equal(verifyWebhookSignature('whsec_old', rotating, body, signedAtSeconds), true);
    assert.equal(verifyWebhookSignature('whsec_third', rotating, body, signedAtSeconds), false);
  });

  it('signs the body as UTF-8 text, so non-ASCII names verify', () => {
    const text = '{"events":[{"seq":1,"debtor":"Société Générale — Zürich"}]}';
    assert.equal(verifyWebhookSignature(secret, signWebhook(secret, text, signedAtSeconds), text, signedAtSeconds), true);
  });
});
