/**
 * A credit transfer's settlement priority from its ISO 20022 fields (docs/network.md, "Payment
 * priority"). The transaction's own fields win over the group header's; the first one present
 * decides:
 *  1. CdtTrfTxInf/SttlmPrty (Priority3Code): URGT or HIGH → urgent, NORM → normal;
 *  2. CdtTrfTxInf/PmtTpInf/InstrPrty (Priority2Code): HIGH → urgent, NORM → normal;
 *  3. GrpHdr/PmtTpInf/InstrPrty (pacs.008/009 versions that have it), the same;
 *  4. otherwise normal.
 * The XSD has already restricted the codes; anything else would read as normal.
 */
import type { PaymentPriority } from '../../core/network/types.js';
import { type XmlElement, textAt } from '../../iso20022/dom.js';

const urgentCodes: ReadonlySet<string> = new Set(['URGT', 'HIGH']);

function priorityOfCode(code: string | null): PaymentPriority | null {
  if (code === null) return null;
  return urgentCodes.has(code) ? 'urgent' : 'normal';
}

export function transactionPriority(transaction: XmlElement | null, groupHeader: XmlElement | null): PaymentPriority {
  return (
    priorityOfCode(textAt(transaction, 'SttlmPrty')) ??
    priorityOfCode(textAt(transaction, 'PmtTpInf', 'InstrPrty')) ??
    priorityOfCode(textAt(groupHeader, 'PmtTpInf', 'InstrPrty')) ??
    'normal'
  );
}
