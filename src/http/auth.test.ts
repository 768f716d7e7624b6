import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { createNetworkState, type NetworkState } from '../core/network/state.js';
import type { ParticipantRecord } from '../core/network/types.js';
import { authenticate, generateApiKey, generateOperatorKey, sha256Hex } from './auth.js';

function networkWithKey(): { network: NetworkState; key: string; keyId: string } {
  const network = createNetworkState();
  network.participants.set('BKAAINBB', { bic: 'BKAAINBB' } as ParticipantRecord);
  const generated = generateApiKey('bkaa');
  network.apiKeys.set(generated.keyId, { keyId: generated.keyId, participant: 'BKAAINBB', secretHash: generated.secretHash, createdAt: 1, revokedAt: null });
  return { network, key: generated.key, keyId: generated.keyId };
}

const operatorKey = generateOperatorKey();
const operatorHash = sha256Hex(operatorKey);

describe('authenticate, with verified keys remembered', () => {
  it('accepts a key again and again, and refuses any other secret under its id after it was verified', () => {
    const { network, key, keyId } = networkWithKey();
    for (let i = 0; i < 3; i += 1) assert.deepEqual(authenticate(key, network, operatorHash), { kind: 'participant', bic: 'BKAAINBB', keyId });
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z0-9_-]{43}$/), (secret) => {
        fc.pre(`${keyId}.${secret}` !== key);
        assert.equal(authenticate(`${keyId}.${secret}`, network, operatorHash), null);
        // The right key still passes after a wrong one.
        assert.equal(authenticate(key, network, operatorHash)?.kind, 'participant');
      }),
      { numRuns: 200 },
    );
  });

  it('refuses a revoked key on the next request, though it was verified before', () => {
    const { network, key, keyId } = networkWithKey();
    assert.equal(authenticate(key, network, operatorHash)?.kind, 'participant');
    network.apiKeys.get(keyId)!.revokedAt = 2;
    assert.equal(authenticate(key, network, operatorHash), null);
  });

  it('refuses the old secret once the record under its id is replaced', () => {
    const { network, key, keyId } = networkWithKey();
    assert.equal(authenticate(key, network, operatorHash)?.kind, 'participant');
    const other = generateApiKey('bkaa');
    network.apiKeys.set(keyId, { keyId, participant: 'BKAAINBB', secretHash: other.secretHash, createdAt: 3, revokedAt: null });
    assert.equal(authenticate(key, network, operatorHash), null);
    assert.equal(authenticate(`${keyId}.${other.key.split('.')[1]!}`, network, operatorHash)?.kind, 'participant');
  });

  it('does not carry a verified key over to another network state', () => {
    const { network, key } = networkWithKey();
    assert.equal(authenticate(key, network, operatorHash)?.kind, 'participant');
    assert.equal(authenticate(key, createNetworkState(), operatorHash), null);
  });

  it('accepts the operator key repeatedly, refuses a near miss, and forgets it when the operator hash changes', () => {
    const { network } = networkWithKey();
    for (let i = 0; i < 3; i += 1) assert.deepEqual(authenticate(operatorKey, network, operatorHash), { kind: 'operator' });
    const nearMiss = operatorKey.slice(0, -1) + (operatorKey.endsWith('A') ? 'B' : 'A');
    assert.equal(authenticate(nearMiss, network, operatorHash), null);
    const newOperatorKey = generateOperatorKey();
    assert.equal(authenticate(operatorKey, network, sha256Hex(newOperatorKey)), null);
    assert.deepEqual(authenticate(newOperatorKey, network, sha256Hex(newOperatorKey)), { kind: 'operator' });
  });
});
