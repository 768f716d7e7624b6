import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { accountBalanceAt, accountTransfers, createLedgerState, resultCodes, transferFlags, u128Max, type LedgerState } from './index.js';
import { encodeState } from '../journal/index.js';
import { type TransferFields, account, apply, id, setCreditLine, settlementAccount, transfer } from './test-support/commands.js';

const { linked, pending, postPending, voidPending, netLimits } = transferFlags;

/** A ledger with an unlimited funding account 1 and settlement accounts 2 and 3 holding 1000 each. */
function fundedLedger(): LedgerState {
  const state = createLedgerState();
  apply(state, [account(1n, { kind: 'agent' }), settlementAccount(2n), settlementAccount(3n)]);
  apply(state, [transfer(100n, 1n, 2n, 1000n), transfer(101n, 1n, 3n, 1000n)]);
  return state;
}

function balance(state: LedgerState, accountId: bigint): bigint {
  const a = state.accounts.get(id(accountId))!;
  return a.creditsPosted - a.debitsPosted;
}

/** Nothing but the clock and the burned ids (of transient failures) may change. */
function unchanged(state: LedgerState, act: () => void): void {
  const before = encodeState(state);
  const lastTimestamp = state.lastTimestamp;
  const batches = state.batchesApplied;
  const failedIds = new Set(state.failedIds);
  act();
  state.lastTimestamp = lastTimestamp;
  state.batchesApplied = batches;
  state.failedIds.clear();
  for (const id of failedIds) state.failedIds.add(id);
  assert.ok(encodeState(state).equals(before), 'state unchanged');
}

describe('single-phase transfers', () => {
  it('moves money from debit to credit account', () => {
    const state = fundedLedger();
    assert.deepEqual(apply(state, [transfer(1n, 2n, 3n, 250n)]).results, ['ok']);
    assert.equal(balance(state, 2n), 750n);
    assert.equal(balance(state, 3n), 1250n);
  });

  it('refuses a debit beyond balance plus credit line with exceeds_credits and changes nothing', () => {
    const state = fundedLedger();
    unchanged(state, () => assert.deepEqual(apply(state, [transfer(1n, 2n, 3n, 1001n)]).results, ['exceeds_credits']));
    apply(state, [setCreditLine(2n, 1n)]);
    assert.deepEqual(apply(state, [transfer(2n, 2n, 3n, 1001n)]).results, ['ok']);
    assert.equal(balance(state, 2n), -1n);
  });

  it('gives bad input its own result code and changes nothing', () => {
    const state = fundedLedger();
    const cases: [ReturnType<typeof transfer>, string][] = [
      [transfer(0n, 2n, 3n, 1n), 'id_must_not_be_zero'],
      [transfer(u128Max, 2n, 3n, 1n), 'id_must_not_be_int_max'],
      [transfer(1n, 2n, 2n, 1n), 'accounts_must_be_different'],
      [transfer(1n, 9n, 3n, 1n), 'debit_account_not_found'],
      [transfer(2n, 2n, 9n, 1n), 'credit_account_not_found'],
      [transfer(3n, 2n, 3n, 0n), 'amount_must_not_be_zero'],
      [transfer(4n, 2n, 3n, 1n, { ledger: 978 }), 'transfer_must_have_the_same_ledger_as_accounts'],
      [transfer(5n, 2n, 3n, 1n, { code: 0 }), 'code_must_not_be_zero'],
      [transfer(6n, 2n, 3n, 1n, { flags: 1 << 9 }), 'reserved_flag'],
      [transfer(7n, 2n, 3n, 1n, { flags: pending | postPending }), 'flags_are_mutually_exclusive'],
      [transfer(8n, 2n, 3n, 1n, { timeoutMs: 5 }), 'timeout_reserved_for_pending_transfer'],
      [transfer(9n, 2n, 3n, 1n, { pendingId: 5n }), 'pending_id_must_be_zero'],
      [transfer(10n, 0n, 3n, 1n), 'debit_account_id_must_not_be_zero'],
      [transfer(11n, 2n, u128Max, 1n), 'credit_account_id_must_not_be_int_max'],
      [transfer(12n, 2n, 3n, 1n, { endToEndId: 'x'.repeat(36) }), 'end_to_end_id_too_long'],
    ];
    for (const [command, code] of cases) {
      unchanged(state, () => assert.deepEqual(apply(state, [command]).results, [code], code));
    }
  });

  it('refuses a transfer between two currency ledgers', () => {
    const state = fundedLedger();
    apply(state, [account(4n, { ledger: 978 })]);
    assert.deepEqual(apply(state, [transfer(1n, 2n, 4n, 1n)]).results, ['accounts_must_have_the_same_ledger']);
  });

  it('detects overflow of a balance beyond 2^128-1', () => {
    const state = createLedgerState();
    apply(state, [account(1n), account(2n)]);
    assert.deepEqual(apply(state, [transfer(1n, 1n, 2n, u128Max)]).results, ['ok']);
    assert.deepEqual(apply(state, [transfer(2n, 1n, 2n, 1n)]).results, ['overflows_debits_posted']);
    assert.deepEqual(apply(state, [transfer(3n, 1n, 2n, 1n, { flags: pending })]).results, ['overflows_debits']);
  });
});

describe('idempotency', () => {
  it('answers a retry with exists and applies it once', () => {
    const state = fundedLedger();
    apply(state, [transfer(1n, 2n, 3n, 10n)]);
    assert.deepEqual(apply(state, [transfer(1n, 2n, 3n, 10n)]).results, ['exists']);
    assert.equal(balance(state, 3n), 1010n);
  });

  it('names the first field that differs on a retry', () => {
    const state = fundedLedger();
    apply(state, [transfer(1n, 2n, 3n, 10n, { uetr: 7n, endToEndId: 'E2E' })]);
    const cases: [TransferFields, string][] = [
      [{ amount: 11n }, 'exists_with_different_amount'],
      [{ creditAccountId: id(1n) }, 'exists_with_different_credit_account_id'],
      [{ code: 2 }, 'exists_with_different_code'],
      [{ uetr: 8n }, 'exists_with_different_uetr'],
      [{ endToEndId: 'OTHER' }, 'exists_with_different_end_to_end_id'],
      [{ flags: pending }, 'exists_with_different_flags'],
    ];
    for (const [fields, code] of cases) {
      const retry = transfer(1n, 2n, 3n, 10n, { uetr: 7n, endToEndId: 'E2E', ...fields });
      assert.deepEqual(apply(state, [retry]).results, [code]);
    }
  });

  it('burns an id whose first attempt failed transiently', () => {
    const state = fundedLedger();
    assert.deepEqual(apply(state, [transfer(1n, 2n, 3n, 5000n)]).results, ['exceeds_credits']);
    apply(state, [transfer(2n, 1n, 2n, 10_000n)]);
    assert.deepEqual(apply(state, [transfer(1n, 2n, 3n, 5000n)]).results, ['id_already_failed']);
  });

  it('lets an id that failed for a fixable field be used again', () => {
    const state = fundedLedger();
    assert.deepEqual(apply(state, [transfer(1n, 2n, 3n, 1n, { code: 0 })]).results, ['code_must_not_be_zero']);
    assert.deepEqual(apply(state, [transfer(1n, 2n, 3n, 1n)]).results, ['ok']);
  });

  it('answers a retried account creation with exists, or the field that differs', () => {
    const state = fundedLedger();
    assert.deepEqual(apply(state, [settlementAccount(2n)]).results, ['exists']);
    assert.deepEqual(apply(state, [settlementAccount(2n, 5n)]).results, ['exists_with_different_credit_line']);
    assert.deepEqual(apply(state, [account(2n)]).results, ['exists_with_different_flags']);
  });
});

describe('two-phase transfers', () => {
  it('reserves, then posts the full amount', () => {
    const state = fundedLedger();
    assert.deepEqual(apply(state, [transfer(1n, 2n, 3n, 300n, { flags: pending })]).results, ['ok']);
    assert.equal(state.accounts.get(id(2n))!.debitsPending, 300n);
    assert.deepEqual(apply(state, [transfer(2n, 2n, 3n, 900n)]).results, ['exceeds_credits']);
    assert.deepEqual(apply(state, [transfer(3n, 0n, 0n, 0n, { flags: postPending, pendingId: 1n })]).results, ['ok']);
    assert.equal(state.accounts.get(id(2n))!.debitsPending, 0n);
    assert.equal(balance(state, 2n), 700n);
    assert.equal(state.pendingStatus.get(id(1n)), 'posted');
  });

  it('posts a smaller amount and releases the rest', () => {
    const state = fundedLedger();
    apply(state, [transfer(1n, 2n, 3n, 300n, { flags: pending })]);
    assert.deepEqual(apply(state, [transfer(2n, 0n, 0n, 301n, { flags: postPending, pendingId: 1n })]).results, ['exceeds_pending_transfer_amount']);
    assert.deepEqual(apply(state, [transfer(3n, 0n, 0n, 100n, { flags: postPending, pendingId: 1n })]).results, ['ok']);
    assert.equal(balance(state, 2n), 900n);
    assert.equal(state.accounts.get(id(2n))!.debitsPending, 0n);
  });

  it('voids a reservation and refuses to finish it twice', () => {
    const state = fundedLedger();
    apply(state, [transfer(1n, 2n, 3n, 300n, { flags: pending })]);
    assert.deepEqual(apply(state, [transfer(2n, 0n, 0n, 0n, { flags: voidPending, pendingId: 1n })]).results, ['ok']);
    assert.equal(balance(state, 2n), 1000n);
    assert.equal(state.accounts.get(id(2n))!.debitsPending, 0n);
    assert.deepEqual(apply(state, [transfer(3n, 0n, 0n, 0n, { flags: postPending, pendingId: 1n })]).results, ['pending_transfer_already_voided']);
    assert.deepEqual(apply(state, [transfer(4n, 0n, 0n, 0n, { flags: voidPending, pendingId: 9n })]).results, ['pending_transfer_not_found']);
    assert.deepEqual(apply(state, [transfer(5n, 0n, 0n, 0n, { flags: voidPending, pendingId: 100n })]).results, ['pending_transfer_not_pending']);
    assert.deepEqual(apply(state, [transfer(6n, 3n, 0n, 0n, { flags: voidPending, pendingId: 1n })]).results, ['pending_transfer_has_different_debit_account_id']);
  });

  it('expires a reservation by itself once its timeout passes', () => {
    const state = fundedLedger();
    const start = state.lastTimestamp + 1;
    apply(state, [transfer(1n, 2n, 3n, 300n, { flags: pending, timeoutMs: 10 })], start);
    apply(state, [], start + 9_000);
    assert.equal(state.pendingStatus.get(id(1n)), 'pending');
    const outcome = apply(state, [], start + 10_000);
    assert.deepEqual(outcome.expired, [id(1n)]);
    assert.equal(state.pendingStatus.get(id(1n)), 'expired');
    assert.equal(state.accounts.get(id(2n))!.debitsPending, 0n);
    assert.deepEqual(apply(state, [transfer(2n, 0n, 0n, 0n, { flags: postPending, pendingId: 1n })]).results, ['pending_transfer_expired']);
  });

  it('refuses to post a reservation whose timeout passed earlier in the same batch', () => {
    const state = fundedLedger();
    const start = state.lastTimestamp + 1;
    apply(state, [transfer(1n, 2n, 3n, 300n, { flags: pending, timeoutMs: 1 })], start);
    const filler = Array.from({ length: 1500 }, (_, i) => transfer(BigInt(1000 + i), 0n, 3n, 1n));
    const post = transfer(2n, 0n, 0n, 0n, { flags: postPending, pendingId: 1n });
    const outcome = apply(state, [...filler, post], start + 1);
    assert.equal(outcome.results.at(-1), 'pending_transfer_expired');
  });
});

describe('linked chains', () => {
  it('applies a chain all together', () => {
    const state = fundedLedger();
    const outcome = apply(state, [transfer(1n, 2n, 3n, 100n, { flags: linked }), transfer(2n, 3n, 2n, 50n)]);
    assert.deepEqual(outcome.results, ['ok', 'ok']);
    assert.equal(balance(state, 2n), 950n);
  });

  it('rolls back every command of a chain when one fails', () => {
    const state = fundedLedger();
    unchanged(state, () => {
      const outcome = apply(state, [
        transfer(1n, 2n, 3n, 600n, { flags: linked | pending }),
        account(50n, { flags: linked }),
        transfer(2n, 2n, 3n, 600n),
      ]);
      assert.deepEqual(outcome.results, ['linked_event_failed', 'linked_event_failed', 'exceeds_credits']);
    });
    assert.equal(state.transfers.has(id(1n)), false);
    assert.equal(state.accounts.has(id(50n)), false);
  });

  it('refuses a chain left open at the end of the batch', () => {
    const state = fundedLedger();
    const outcome = apply(state, [transfer(1n, 2n, 3n, 1n), transfer(2n, 2n, 3n, 1n, { flags: linked })]);
    assert.deepEqual(outcome.results, ['ok', 'linked_event_chain_open']);
  });

  it('answers a retried chain with exists for every command', () => {
    const state = fundedLedger();
    const chain = [transfer(1n, 2n, 3n, 100n, { flags: linked }), transfer(2n, 3n, 2n, 50n)];
    apply(state, chain);
    assert.deepEqual(apply(state, chain).results, ['exists', 'exists']);
    const mixed = [transfer(1n, 2n, 3n, 100n, { flags: linked }), transfer(3n, 3n, 2n, 50n)];
    assert.deepEqual(apply(state, mixed).results, ['exists', 'linked_event_failed']);
  });
});

describe('chains checked on their net effect (netLimits)', () => {
  /** Three banks with nothing on their settlement accounts. */
  function emptyBanks(): LedgerState {
    const state = createLedgerState();
    apply(state, [settlementAccount(2n), settlementAccount(3n), settlementAccount(4n)]);
    return state;
  }
  const cycle = (flags: number, firstId: bigint) => [
    transfer(firstId, 2n, 3n, 100n, { flags: flags | linked }),
    transfer(firstId + 1n, 3n, 4n, 100n, { flags: flags | linked }),
    transfer(firstId + 2n, 4n, 2n, 100n, { flags }),
  ];

  it('settles a cycle of payments between banks without free liquidity, as gridlock resolution needs', () => {
    const state = emptyBanks();
    assert.deepEqual(apply(state, cycle(0, 1n)).results, ['exceeds_credits', 'linked_event_failed', 'linked_event_failed']);
    assert.deepEqual(apply(state, cycle(netLimits, 11n)).results, ['ok', 'ok', 'ok']);
    for (const bank of [2n, 3n, 4n]) assert.equal(balance(state, bank), 0n);
  });

  it('refuses the whole chain when its net effect leaves a bank beyond its limit, charged to the last leg touching it', () => {
    const state = emptyBanks();
    unchanged(state, () => {
      const outcome = apply(state, [
        transfer(1n, 2n, 3n, 100n, { flags: netLimits | linked }),
        transfer(2n, 3n, 2n, 60n, { flags: netLimits | linked }),
        transfer(3n, 4n, 3n, 5n, { flags: netLimits }),
      ]);
      assert.deepEqual(outcome.results, ['linked_event_failed', 'exceeds_credits', 'linked_event_failed']);
    });
  });

  it('checks a lone netLimits transfer at once, like any other', () => {
    const state = emptyBanks();
    assert.deepEqual(apply(state, [transfer(1n, 2n, 3n, 1n, { flags: netLimits })]).results, ['exceeds_credits']);
  });
});

describe('queries', () => {
  it('pages an account transfers by time', () => {
    const state = fundedLedger();
    for (let i = 0; i < 5; i += 1) apply(state, [transfer(BigInt(i + 1), 2n, 3n, 1n)]);
    const first = accountTransfers(state, id(2n), { limit: 3 });
    assert.deepEqual(first.map((t) => t.id), [100n, 1n, 2n].map(id));
    const second = accountTransfers(state, id(2n), { limit: 3, afterTimestamp: first.at(-1)!.timestamp });
    assert.deepEqual(second.map((t) => t.id), [3n, 4n, 5n].map(id));
  });

  it('reads an account balance at any past moment', () => {
    const state = fundedLedger();
    const before = state.lastTimestamp;
    apply(state, [transfer(1n, 2n, 3n, 10n)]);
    const after = state.lastTimestamp;
    apply(state, [transfer(2n, 2n, 3n, 20n)]);
    const at = (t: number): bigint => {
      const r = accountBalanceAt(state, id(2n), t);
      assert.ok(r.ok);
      return r.balances.creditsPosted - r.balances.debitsPosted;
    };
    assert.equal(at(before), 1000n);
    assert.equal(at(after), 990n);
    assert.equal(at(state.lastTimestamp), 970n);
    assert.equal(at(0), 0n);
    assert.deepEqual(accountBalanceAt(state, id(1n), 0), { ok: false, error: 'account_history_not_enabled' });
  });
});

describe('result codes', () => {
  it('numbers every code once, so journals replay the same forever', () => {
    const numbers = resultCodes.map((c) => c.number);
    assert.deepEqual(numbers, [...numbers.keys()]);
    assert.equal(new Set(resultCodes.map((c) => c.code)).size, resultCodes.length);
  });
});
