import { assert } from '../assert.js';
import { settlementAccountKey, type NodeState } from './state.js';
import { transferCodes } from './ids.js';

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
  if (!options.deep) return;
  for (const [bic, inbox] of network.inboxes) {
    for (let i = 0; i < inbox.length; i += 1) assert(inbox[i]!.seq === i + 1, `inbox of ${bic} numbered without gaps`);
  }
  for (const payment of network.payments.values()) {
    const transfer = ledger.transfers.get(payment.transferId);
    if (payment.status === 'settled') {
      assert(transfer !== undefined && transfer.amount === payment.amount && transfer.code === transferCodes.payment, `settled payment ${payment.uetr} has its transfer`);
    } else {
      assert(transfer === undefined, `unsettled payment ${payment.uetr} moved no money`);
    }
    assert(payment.history.at(-1)!.status === payment.status, `payment ${payment.uetr} status is the last of its history`);
  }
}
