import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { NetworkState } from '../core/network/state.js';
import type { ApiKeyRecord } from '../core/network/types.js';
import type { Officer, Principal } from './route.js';

/**
 * API keys look like `<keyId>.<secret>`: the id finds the record, the secret is checked against
 * its stored SHA-256 in constant time. Secrets are 256 random bits, so a plain hash suffices
 * (no password stretching needed); the key itself is shown once and never stored.
 */
const keyPattern = /^([A-Za-z0-9]{8,32})\.([A-Za-z0-9_-]{43})$/;

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export interface GeneratedKey {
  readonly keyId: string;
  readonly key: string;
  readonly secretHash: string;
}

export function generateApiKey(prefix: string): GeneratedKey {
  const keyId = `${prefix.replace(/[^A-Za-z0-9]/g, '').slice(0, 12)}${randomBytes(6).toString('hex')}`.slice(0, 32).padEnd(8, '0');
  const secret = randomBytes(32).toString('base64url');
  return { keyId, key: `${keyId}.${secret}`, secretHash: sha256Hex(secret) };
}

/** The bearer token of a request, or null. */
export function bearerToken(header: string | undefined): string | null {
  if (header === undefined || !header.startsWith('Bearer ')) return null;
  return header.slice(7).trim();
}

export function keyIdOf(token: string | null): string | null {
  return token === null ? null : (keyPattern.exec(token)?.[1] ?? null);
}

function sameHash(aHex: string, bHex: string): boolean {
  const a = Buffer.from(aHex, 'hex');
  const b = Buffer.from(bHex, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Keys verified once per network state and key id; at most this many are remembered. */
export const verifiedKeysMax = 10_000;

/**
 * A key whose secret matched its record's hash: the secret as presented, and the record it
 * matched. A later request with the same key is checked by comparing the secret with this one in
 * constant time instead of hashing it again (SHA-256 was most of authentication's cost); the
 * record must still be the live one, with the same hash, and not revoked, so a revocation or a
 * replaced key takes effect on the next request.
 */
interface VerifiedKey {
  readonly record: ApiKeyRecord;
  readonly secretHash: string;
  readonly secret: string;
}

const verifiedKeys = new WeakMap<NetworkState, Map<string, VerifiedKey>>();
let verifiedOperator: { readonly hash: string; readonly token: string } | null = null;

/** Equal strings, compared in time that depends only on their length (lengths are public: fixed by the key format). */
function sameText(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i += 1) difference |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return difference === 0;
}

function participantKeyValid(network: NetworkState, record: ApiKeyRecord, secret: string): boolean {
  let cache = verifiedKeys.get(network);
  const known = cache?.get(record.keyId);
  if (known !== undefined && known.record === record && known.secretHash === record.secretHash) {
    if (sameText(known.secret, secret)) return true;
  }
  if (!sameHash(sha256Hex(secret), record.secretHash)) return false;
  if (cache === undefined) {
    cache = new Map();
    verifiedKeys.set(network, cache);
  }
  if (cache.size >= verifiedKeysMax) cache.clear();
  cache.set(record.keyId, { record, secretHash: record.secretHash, secret });
  return true;
}

function operatorKeyValid(token: string, operatorKeyHash: string): boolean {
  if (verifiedOperator !== null && verifiedOperator.hash === operatorKeyHash && sameText(verifiedOperator.token, token)) return true;
  if (!sameHash(sha256Hex(token), operatorKeyHash)) return false;
  verifiedOperator = { hash: operatorKeyHash, token };
  return true;
}

/** Who the token belongs to, or null. The operator key is compared by the hash of the whole token. */
export function authenticate(token: string | null, network: NetworkState, operatorKeyHash: string): Principal | null {
  if (token === null || token.length > 128) return null;
  const match = keyPattern.exec(token);
  if (match !== null) {
    const record = network.apiKeys.get(match[1]!);
    if (record !== undefined && record.revokedAt === null && participantKeyValid(network, record, match[2]!)) {
      const participant = network.participants.get(record.participant);
      if (participant !== undefined) return { kind: 'participant', bic: participant.bic, keyId: record.keyId };
    }
  }
  return operatorKeyValid(token, operatorKeyHash) ? { kind: 'operator' } : null;
}

/** The compliance officer a token belongs to, or null. Officer keys have the participants' shape and key id space. */
export function authenticateOfficer(token: string | null, network: NetworkState): Officer | null {
  if (token === null || token.length > 128) return null;
  const match = keyPattern.exec(token);
  if (match === null) return null;
  const record = network.screening.officerKeys.get(match[1]!);
  if (record === undefined || record.revokedAt !== null || !sameHash(sha256Hex(match[2]!), record.secretHash)) return null;
  return { kind: 'officer', officer: record.officer, keyId: record.keyId };
}

/** The operator's key: 256 random bits, compared by hash like the others. */
export function generateOperatorKey(): string {
  return `operator.${randomBytes(32).toString('base64url')}`;
}
