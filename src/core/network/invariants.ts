import { suspendedParty } from './settlement-holds.js';
import { cancelledReason, holdIsOpen } from './hold-withdrawal.js';
import { assert } from '../assert.js';
import { settlementAccountKey, type NodeState } from './state.js';
import { fxReserveTransferId, transferCodes } from './ids.js';
import { fxSinkParticipant, isWaiting, waitingReservations } from './fx-wait.js';
import { transferFlags } from '../ledger/types.js';
import type { PaymentRecord } from './types.js';
import { assertSettlementInvariants, liveRecords, type SettlementState } from '../settlement/index.js';

/**
 * The network's records agree with the ledger. The cheap part (participants, accounts, inboxes,
 * the agents' issued totals) runs with the ledger's periodic scan; the deep part walks every
 * payment and runs at start-up and close.
 */
export function assertNetworkInvariants(state: NodeState, options: { deep: boolean }): void {
  const { ledger, network } = state;
  for (const participant of network.participants.values()) {
    for (const code of participant.currencies) {
      const currency = network.currencies.get(code);
      assert(currency !== undefined, `participant ${participant.bic} holds a registered currency`);
      if (participant.type === 'direct' && participant.roles.some((role) => role !== 'settlement_agent')) {
        const id = network.settlementAccounts.get(settlementAccountKey(participant.bic, code));
        const account = id === undefined ? undefined : ledger.accounts.get(id);
        assert(account !== undefined && account.ledger === currency.ledger && account.participant === participant.bic, `settlement account of ${participant.bic} in ${code} exists`);
      }
    }
    const inbox = network.inboxes.get(participant.bic) ?? [];
    assert(participant.webhookDeliveredUpTo <= inbox.length, `webhook cursor of ${participant.bic} within its inbox`);
  }
  // What each agent has issued, net, is exactly what funding moved in and out.
  const issued = new Map<string, bigint>();
  for (const funding of network.fundings.values()) {
    issued.set(funding.currency, (issued.get(funding.currency) ?? 0n) + (funding.direction === 'in' ? funding.amount : -funding.amount));
  }
  for (const currency of network.currencies.values()) {
    const agent = ledger.accounts.get(currency.agentAccountId);
    assert(agent !== undefined, `agent account of ${currency.code} exists`);
    assert(agent.debitsPosted - agent.creditsPosted === (issued.get(currency.code) ?? 0n), `agent account of ${currency.code} equals funding in minus out`);
  }
  // Each currency's settlement engine sees exactly the ledger's liquidity: its participants are
  // the settlement accounts of the currency, each with the account's balance and credit line.
  // A settlement account's only reservations are those of waiting FX payments (a pending credit to a payee).
  const reservations = waitingReservations(state);
  let sinks = 0;
  for (const cs of network.settlement.values()) {
    const currency = network.currencies.get(cs.currency);
    assert(currency !== undefined && currency.mode === cs.mode, `settlement of ${cs.currency} belongs to a registered currency of its mode`);
    for (const p of cs.engine.participants) {
      if (p.id === fxSinkParticipant) {
        // Between commands it holds nothing: what a waiting FX payer leg paid it went on to the providers' inventory.
        assert(p.balance === 0n && p.creditLine === 0n && p.urgent.live + p.normal.live === 0 && cs.mode !== 'dns', `the FX sink of ${cs.currency} holds nothing and sends nothing`);
        sinks += 1;
        continue;
      }
      const id = network.settlementAccounts.get(settlementAccountKey(p.id, cs.currency));
      const account = id === undefined ? undefined : ledger.accounts.get(id);
      assert(account !== undefined, `engine participant ${p.id} of ${cs.currency} has a settlement account`);
      assert(
        p.balance === account.creditsPosted - account.debitsPosted && account.debitsPending === (reservations.debits.get(account.id) ?? 0n) && account.creditsPending === (reservations.credits.get(account.id) ?? 0n),
        `engine balance of ${p.id} in ${cs.currency} equals its settlement account's`,
      );
      assert(p.creditLine === account.creditLine, `engine credit line of ${p.id} in ${cs.currency} equals its settlement account's`);
    }
    if (cs.clearingAccountId !== null) {
      const clearing = ledger.accounts.get(cs.clearingAccountId);
      assert(clearing !== undefined && clearing.debitsPosted === clearing.creditsPosted, `clearing account of ${cs.currency} is back to zero`);
    }
  }
  let accounts = 0;
  for (const key of network.settlementAccounts.keys()) {
    const cs = network.settlement.get(key.slice(key.indexOf(' ') + 1));
    assert(cs !== undefined && cs.engine.indexById.has(key.slice(0, key.indexOf(' '))), `settlement account ${key} is in its engine`);
    accounts += 1;
  }
  let engineParticipants = 0;
  for (const cs of network.settlement.values()) engineParticipants += cs.engine.participants.length;
  assert(accounts === engineParticipants - sinks, 'engines hold exactly the settlement accounts (and an FX sink where FX payments waited)');
  if (!options.deep) return;
  for (const cs of network.settlement.values()) {
    assertSettlementInvariants(cs.engine);
    assertQueuesInSubmissionOrder(cs.engine);
    for (const record of cs.engine.payments.values()) {
      const payment = network.payments.get(record.id);
      assert(payment !== undefined && payment.amount === record.amount && payment.currency === cs.currency, `engine payment ${record.id} is a network payment of ${cs.currency}`);
      if (record.status === 'queued' || record.status === 'accepted') assert(payment.status === record.status, `payment ${record.id} is ${record.status} in the engine and the network alike`);
      // A held payment is queued for the network; it is held exactly while a party to it is suspended.
      if (record.status === 'held') assert(payment.status === 'queued', `held payment ${record.id} is queued in the network`);
      if (record.status === 'held' || record.status === 'queued') assert((record.status === 'held') === suspendedParty(network, payment), `payment ${record.id} is held exactly while a party is suspended`);
    }
  }
  for (const [bic, inbox] of network.inboxes) {
    for (let i = 0; i < inbox.length; i += 1) assert(inbox[i]!.seq === i + 1, `inbox of ${bic} numbered without gaps`);
  }
  for (const payment of network.payments.values()) {
    if (payment.fx !== null) {
      assertFxPayment(state, payment);
      continue;
    }
    const transfer = ledger.transfers.get(payment.transferId);
    const cs = network.settlement.get(payment.currency)!;
    if (payment.status === 'queued' || payment.status === 'accepted') {
      const waiting = cs.engine.payments.get(payment.uetr)?.status;
      assert(waiting === payment.status || (payment.status === 'queued' && waiting === 'held'), `${payment.status} payment ${payment.uetr} waits in today's engine`);
    }
    if (cs.mode === 'dns') {
      // Its window's net instructions settled it: no transfer of its own.
      assert(transfer === undefined, `dns payment ${payment.uetr} has no transfer of its own`);
      const back = payment.returned === null ? undefined : ledger.transfers.get(payment.returned.transferId);
      assert((payment.status === 'returned') === (back !== undefined), `payment ${payment.uetr} is returned exactly when its return transfer exists`);
    } else if (payment.status === 'settled' || payment.status === 'returned') {
      assert(transfer !== undefined && transfer.amount === payment.amount && transfer.code === transferCodes.payment, `settled payment ${payment.uetr} has its transfer`);
      const back = payment.returned === null ? undefined : ledger.transfers.get(payment.returned.transferId);
      assert((payment.status === 'returned') === (back !== undefined), `payment ${payment.uetr} is returned exactly when its return transfer exists`);
      assert(back === undefined || (back.amount <= payment.amount && back.code === transferCodes.paymentReturn), `return of ${payment.uetr} at most its amount`);
    } else {
      assert(transfer === undefined, `unsettled payment ${payment.uetr} moved no money`);
    }
    assert(payment.history.at(-1)!.status === payment.status, `payment ${payment.uetr} status is the last of its history`);
    // Held exactly while its hold awaits a decision; a held payment is in no engine.
    const hold = network.screening.holds.get(payment.uetr);
    assert((payment.status === 'held') === (hold !== undefined && holdIsOpen(hold)), `payment ${payment.uetr} is held exactly while its hold is open`);
    assert(hold?.withdrawal === undefined || (hold.decision === null && payment.status === 'rejected' && payment.reason === cancelledReason), `withdrawn hold of ${payment.uetr}: undecided, the payment cancelled`);
    assert(payment.status !== 'held' || !cs.engine.payments.has(payment.uetr), `held payment ${payment.uetr} waits in no engine`);
  }
  for (const uetr of network.screening.holds.keys()) assert(network.payments.has(uetr), `hold ${uetr} is of a recorded payment`);
  for (const uetr of network.screening.waitingScreened.keys()) {
    const status = network.payments.get(uetr)?.status;
    assert(status === 'queued' || status === 'accepted', `screened fields kept of ${uetr} only while it waits in an engine`);
  }
  for (const uetr of network.screening.rescreen) assert(network.payments.has(uetr), `payment ${uetr} to screen again is recorded`);
}

/**
 * Each queue holds its payer's queued payments in submission order: what a snapshot rebuilds
 * them from (settlement-codec.ts), so a live node and a restored one settle alike.
 */
function assertQueuesInSubmissionOrder(engine: SettlementState): void {
  const expected = new Map<string, string[]>();
  for (const record of engine.payments.values()) {
    if (record.status !== 'queued') continue;
    const key = `${record.from} ${record.urgent}`;
    const ids = expected.get(key);
    if (ids === undefined) expected.set(key, [record.id]);
    else ids.push(record.id);
  }
  for (const p of engine.participants) {
    for (const [urgent, queue] of [[true, p.urgent], [false, p.normal]] as const) {
      const live = liveRecords(queue).map((r) => r.id);
      assert(live.join() === (expected.get(`${p.index} ${urgent}`) ?? []).join(), `${p.id}'s ${urgent ? 'urgent' : 'normal'} queue is in submission order`);
    }
  }
}

/**
 * Invariant 5: an FX payment is never half settled. Settled: every leg of its chain is posted,
 * with the route's amounts, and the payer's leg is the payment's own transfer; rejected or held by
 * screening: nothing posted, and any reservation voided; queued (waiting for its payer's liquidity
 * in an rtgs queue): its payer leg waits in the engine, every other leg is reserved (pending),
 * nothing is posted. Never anything in between between two commands.
 */
function assertFxPayment(state: NodeState, payment: PaymentRecord): void {
  const fx = payment.fx!;
  const ledger = state.ledger;
  const network = state.network;
  assert(payment.status === 'settled' || payment.status === 'rejected' || payment.status === 'held' || payment.status === 'queued', `fx payment ${payment.uetr} is settled, rejected, queued or held by screening, never elsewhere`);
  assert(payment.history.at(-1)!.status === payment.status, `payment ${payment.uetr} status is the last of its history`);
  const hold = network.screening.holds.get(payment.uetr);
  assert((payment.status === 'held') === (hold !== undefined && holdIsOpen(hold)), `fx payment ${payment.uetr} is held exactly while its hold is open`);
  const wait = fx.wait;
  assert((payment.status === 'queued') === (wait !== undefined && isWaiting(network, payment.uetr, payment.currency)), `fx payment ${payment.uetr} waits exactly while queued`);
  const reservations = (status: string) => wait === undefined || wait.reserved.every((id) => ledger.transfers.get(id)?.code === transferCodes.fxLeg && ledger.pendingStatus.get(id) === status);
  if (payment.status === 'queued') {
    const record = network.settlement.get(payment.currency)!.engine.payments.get(payment.uetr);
    assert(record !== undefined && (record.status === 'queued' || record.status === 'held') && record.amount === payment.amount, `waiting fx payment ${payment.uetr} waits in its engine`);
    assert(fx.transfers.length === 0 && !ledger.transfers.has(payment.transferId) && reservations('pending'), `waiting fx payment ${payment.uetr} has its legs reserved and nothing posted`);
    return;
  }
  // Held or rejected: no leg posted; a payment that waited has every reservation voided.
  if (payment.status === 'rejected' || payment.status === 'held') {
    assert(fx.transfers.length === 0 && !ledger.transfers.has(payment.transferId) && !ledger.transfers.has(fxReserveTransferId(payment.uetr, 0)), `${payment.status} fx payment ${payment.uetr} moved no money`);
    assert(reservations('voided'), `rejected fx payment ${payment.uetr} has every reservation voided`);
    return;
  }
  assert(reservations('posted'), `settled fx payment ${payment.uetr} posted every reservation`);
  assert(fx.transfers.length >= 2 && fx.transfers[0] === payment.transferId, `settled fx payment ${payment.uetr} has its chain, led by its own transfer`);
  fx.transfers.forEach((id, i) => {
    const posted = ledger.transfers.get(id);
    assert(posted !== undefined && posted.code === transferCodes.fxLeg && (posted.flags & transferFlags.pending) === 0, `leg ${i} of fx payment ${payment.uetr} is posted`);
    // Journals written before the single posted chain reserved each leg first: then the reservation is posted in full.
    if ((posted.flags & transferFlags.postPending) !== 0) {
      const reserved = ledger.transfers.get(fxReserveTransferId(payment.uetr, i));
      assert(reserved !== undefined && posted.pendingId === reserved.id && posted.amount === reserved.amount, `leg ${i} of fx payment ${payment.uetr} posts its reservation in full`);
    }
  });
  assert(ledger.transfers.get(fx.transfers[0])!.amount === payment.amount, `fx payment ${payment.uetr} debits what it sends`);
  assert(ledger.transfers.get(fx.transfers.at(-1)!)!.amount === fx.deliveredMinor, `fx payment ${payment.uetr} credits what it delivers`);
}
