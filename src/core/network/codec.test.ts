import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { decodeNetworkCommand, encodeNetworkCommand } from './codec.js';
import { paymentPriorities, type SubmitPaymentCommand } from './types.js';

/** The journal's JSON text as the generic path writes it: every bigint as its decimal text. */
function withReplacer(command: unknown): string {
  return JSON.stringify(command, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value));
}

const text = fc.string({ unit: 'binary', maxLength: 40 });
const payment: fc.Arbitrary<SubmitPaymentCommand> = fc.record(
  {
    type: fc.constant('submit_payment' as const),
    sender: text,
    idempotencyKey: text,
    requestHash: text,
    uetr: fc.uuid(),
    endToEndId: text,
    currency: text,
    amount: fc.bigInt({ min: -(2n ** 64n), max: 2n ** 128n }),
    debtorAgent: text,
    creditorAgent: text,
    debtorName: text,
    creditorName: text,
    remittanceInformation: text,
    iso: fc.record({ messageId: text, messageName: text, instructionId: text, transactionId: text }),
    priority: fc.constantFrom(...paymentPriorities),
  },
  { requiredKeys: ['type', 'sender', 'idempotencyKey', 'requestHash', 'uetr', 'endToEndId', 'currency', 'amount', 'debtorAgent', 'creditorAgent', 'debtorName', 'creditorName', 'remittanceInformation'] },
);

describe('the journal text of a payment', () => {
  it('is byte for byte what the generic encoder writes, and decodes to the same command (property)', () => {
    fc.assert(
      fc.property(payment, (command) => {
        const encoded = encodeNetworkCommand(command);
        assert.equal(encoded, withReplacer(command));
        const decoded = decodeNetworkCommand(encoded) as SubmitPaymentCommand;
        assert.equal(decoded.amount, command.amount);
        assert.equal(withReplacer(decoded), encoded);
        assert.equal(encodeNetworkCommand(decodeNetworkCommand(encoded)), encoded);
      }),
      { numRuns: 2000 },
    );
  });

  it('still refuses a bigint outside the amount', () => {
    const command = { type: 'submit_payment', amount: 1n, endToEndId: 2n } as unknown as SubmitPaymentCommand;
    assert.throws(() => encodeNetworkCommand(command), TypeError);
  });
});
