import type { NetworkContext } from './network.js';
import type { LocatedText, PaymentMessage } from './payments.js';
import { type IsoFailure, isoFailure } from './reasons.js';

/** Checks only the running network can answer; each runs only when its predicate is given. */
export function networkFailures(payment: PaymentMessage, network: NetworkContext): IsoFailure[] {
  return [...agentFailures(payment, network), ...currencyFailures(payment, network), ...duplicateFailures(payment, network)];
}

function agentFailures(payment: PaymentMessage, network: NetworkContext): IsoFailure[] {
  const isKnownBic = network.isKnownBic;
  if (!isKnownBic) return [];
  const agents: (LocatedText | null)[] = [payment.instructingAgent, payment.instructedAgent];
  for (const tx of payment.transactions) agents.push(tx.debtorAgent, tx.creditorAgent, tx.debtorBic, tx.creditorBic);
  return agents
    .filter((agent): agent is LocatedText => agent !== null && !isKnownBic(agent.text))
    .map((agent) => isoFailure('bic_unknown', `${agent.text} is not a participant of this network`, agent.line));
}

function currencyFailures(payment: PaymentMessage, network: NetworkContext): IsoFailure[] {
  const settles = network.settlesCurrency;
  if (!settles) return [];
  return payment.transactions.flatMap((tx) => {
    const amount = tx.interbankSettlementAmount;
    if (!amount || settles(amount.currency)) return [];
    return [isoFailure('currency_not_settled', `this network does not settle ${amount.currency}`, amount.line)];
  });
}

function duplicateFailures(payment: PaymentMessage, network: NetworkContext): IsoFailure[] {
  const failures: IsoFailure[] = [];
  const messageId = payment.messageId;
  if (messageId && network.isSeenMessageId?.(messageId.text, payment.instructingAgent?.text ?? null)) {
    failures.push(isoFailure('duplicate_message', `MsgId ${messageId.text} was already received`, messageId.line));
  }
  for (const tx of payment.transactions) {
    if (tx.uetr && network.isSeenUetr?.(tx.uetr.text)) {
      failures.push(isoFailure('duplicate_payment', `UETR ${tx.uetr.text} was already received`, tx.uetr.line));
    }
  }
  return failures;
}
