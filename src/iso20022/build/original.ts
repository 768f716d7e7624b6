import { isoDateTime, text, uetr } from './fields.js';
import type { OriginalMessage, OriginalPayment } from './types.js';
import { type XmlChild, type XmlElement, element, leaf } from './xml.js';

/** OrgnlMsgId, OrgnlMsgNmId, OrgnlCreDtTm: the start of every OriginalGroup* type. */
export function originalMessageIds(original: OriginalMessage, field: string): XmlElement[] {
  return [
    leaf('OrgnlMsgId', text(original.messageId, 35, `${field}.messageId`)),
    leaf('OrgnlMsgNmId', text(original.messageNameId, 35, `${field}.messageNameId`)),
    ...(original.creationDateTime === undefined ? [] : [leaf('OrgnlCreDtTm', isoDateTime(original.creationDateTime, `${field}.creationDateTime`))]),
  ];
}

export function originalGroupElement(name: string, original: OriginalMessage, field: string, rest: readonly XmlChild[] = []): XmlElement {
  return element(name, [...originalMessageIds(original, field), ...rest]);
}

/**
 * OrgnlGrpInf, OrgnlInstrId, OrgnlEndToEndId, OrgnlTxId, OrgnlUETR: how pacs.002, pacs.004
 * and camt.029 name one original payment, in that order in all three.
 */
export function originalPaymentIds(original: OriginalPayment, field: string): XmlElement[] {
  return [
    originalGroupElement('OrgnlGrpInf', original.message, `${field}.message`),
    original.instructionId !== undefined && leaf('OrgnlInstrId', text(original.instructionId, 35, `${field}.instructionId`)),
    leaf('OrgnlEndToEndId', text(original.endToEndId, 35, `${field}.endToEndId`)),
    original.transactionId !== undefined && leaf('OrgnlTxId', text(original.transactionId, 35, `${field}.transactionId`)),
    leaf('OrgnlUETR', uetr(original.uetr, `${field}.uetr`)),
  ].filter((child): child is XmlElement => child !== false);
}
