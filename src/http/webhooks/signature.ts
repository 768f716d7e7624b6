import { createHmac, timingSafeEqual } from 'node:crypto';
import { assert } from '../../core/assert.js';

/**
 * Webhook signatures, Stripe style: the header carries the signing time and an HMAC over
 * "<time>.<raw body>", so a receiver can tell both that the body is ours and that it is fresh
 * (a captured request replayed later fails the time check).
 */

export const signatureHeaderName = 'Corridor-Signature';
export const signatureToleranceSecondsDefault = 300;
/** A longer header is not one of ours; bounds the parsing of outside input. */
export const signatureHeaderCharsMax = 1024;

const sha256HexChars = 64;
const timestampPattern = /^\d{1,12}$/;
const signaturePattern = /^[0-9a-f]+$/;

function hmacHex(secret: string, timestampSeconds: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestampSeconds}.${body}`, 'utf8').digest('hex');
}

/**
 * The `Corridor-Signature` header value for `body` sent at `timestampSeconds`:
 * `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`.
 */
export function signWebhook(secret: string, body: string, timestampSeconds: number): string {
  assert(secret.length > 0, 'a webhook secret is not empty');
  assert(Number.isSafeInteger(timestampSeconds) && timestampSeconds >= 0, 'timestampSeconds is a whole number of seconds');
  return `t=${timestampSeconds},v1=${hmacHex(secret, timestampSeconds, body)}`;
}

interface ParsedSignature {
  readonly timestampSeconds: number;
  readonly signaturesHex: readonly string[];
}

/** `null` for anything malformed: one `t`, at least one `v1`; unknown schemes are ignored. */
function parseSignatureHeader(header: string): ParsedSignature | null {
  let timestampSeconds: number | null = null;
  const signaturesHex: string[] = [];
  for (const part of header.split(',')) {
    const equals = part.indexOf('=');
    if (equals <= 0) return null;
    const key = part.slice(0, equals).trim();
    const value = part.slice(equals + 1).trim();
    if (key === 't') {
      if (timestampSeconds !== null || !timestampPattern.test(value)) return null;
      timestampSeconds = Number(value);
    } else if (key === 'v1') {
      // Several v1 values let a sender sign with an old and a new secret during a rotation.
      if (value.length !== sha256HexChars || !signaturePattern.test(value)) return null;
      signaturesHex.push(value);
    }
  }
  if (timestampSeconds === null || signaturesHex.length === 0) return null;
  return { timestampSeconds, signaturesHex };
}

/**
 * For receivers: whether a webhook request really comes from Corridor.
 *
 * - `secret`: the shared secret configured with the webhook.
 * - `header`: the `Corridor-Signature` request header, as received.
 * - `body`: the raw request body decoded as UTF-8, exactly as received. Verify before parsing
 *   the JSON: a parsed and re-serialized body differs in its bytes and fails.
 * - `nowSeconds`: the receiver's clock, `Math.floor(Date.now() / 1000)`.
 * - `toleranceSeconds`: how far the signing time may be from `nowSeconds`, either way
 *   (default 300). Rejecting old timestamps is what stops replays of captured requests.
 *
 * Returns false, never throws, for a malformed header, a timestamp outside the tolerance, a
 * wrong secret or a tampered body. The comparison takes constant time.
 *
 * Delivery is at least once: a verified request may repeat events already seen, so receivers
 * deduplicate by each event's `seq` (or by the `Corridor-Delivery-Id` header).
 */
export function verifyWebhookSignature(
  secret: string,
  header: string,
  body: string,
  nowSeconds: number,
  toleranceSeconds = signatureToleranceSecondsDefault,
): boolean {
  if (secret.length === 0 || header.length > signatureHeaderCharsMax) return false;
  const parsed = parseSignatureHeader(header);
  if (parsed === null) return false;
  // Written so that a NaN clock or tolerance fails rather than passes.
  if (!(Math.abs(nowSeconds - parsed.timestampSeconds) <= toleranceSeconds)) return false;
  const expected = Buffer.from(hmacHex(secret, parsed.timestampSeconds, body), 'hex');
  let matched = false;
  for (const signatureHex of parsed.signaturesHex) {
    // No early exit: the time taken does not tell which candidate matched.
    if (timingSafeEqual(Buffer.from(signatureHex, 'hex'), expected)) matched = true;
  }
  return matched;
}
