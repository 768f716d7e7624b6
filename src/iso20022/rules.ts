import { ruleFailuresMax } from './limits.js';
import type { SchemaValidMessage } from './intake.js';
import type { NetworkContext } from './network.js';
import { isCreditTransfer, readPaymentMessage } from './payments.js';
import type { IsoFailure } from './reasons.js';
import { amountFailures } from './rules-amounts.js';
import { bicFailures } from './rules-bic.js';
import { headerFailures } from './rules-header.js';
import { networkFailures } from './rules-network.js';
import { paymentFailures } from './rules-payments.js';

/**
 * Business rules after the schema: header/body agreement and BIC shape for every message,
 * amounts for every Document, the credit-transfer rules for pacs.008/pacs.009, and the
 * network checks when a context is given. Failures come back in file order.
 */
export function businessRuleFailures(message: SchemaValidMessage, network?: NetworkContext): IsoFailure[] {
  const parts = [message.header, message.document].filter((part) => part !== null);
  const failures = [...headerFailures(message), ...bicFailures(parts)];
  const document = message.document;
  const root = document?.root ?? null;
  if (document && root) {
    failures.push(...amountFailures(root));
    if (isCreditTransfer(document.id.message)) {
      const payment = readPaymentMessage(root);
      failures.push(...paymentFailures(document.id, payment));
      if (network) failures.push(...networkFailures(payment, network));
    }
  }
  return failures.sort(byLine).slice(0, ruleFailuresMax);
}

function byLine(a: IsoFailure, b: IsoFailure): number {
  return (a.line ?? Number.MAX_SAFE_INTEGER) - (b.line ?? Number.MAX_SAFE_INTEGER);
}
