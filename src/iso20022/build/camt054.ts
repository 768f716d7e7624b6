import { type IsoPartBuilt, isoDocument } from './document.js';
import { isoDateTime, text } from './fields.js';
import { type StatementAccount, type StatementEntry, accountElement39, entryElement } from './report-entry.js';
import type { IsoDateTimeText } from './types.js';
import { checkedVersion, defaultVersions } from './versions.js';
import { element, leaf } from './xml.js';

export interface Camt054Input {
  readonly messageId: string;
  readonly creationDateTime: IsoDateTimeText;
  /** Ntfctn/Id: unique per notification. */
  readonly notificationId: string;
  readonly account: StatementAccount;
  readonly entry: StatementEntry;
}

/** camt.054 debit/credit notification: one settled entry, sent to the account owner when it books. */
export function buildCamt054(input: Camt054Input, version: string = defaultVersions['camt.054']): IsoPartBuilt {
  const id = checkedVersion('camt.054', version);
  const body = element('BkToCstmrDbtCdtNtfctn', [
    element('GrpHdr', [leaf('MsgId', text(input.messageId, 35, 'messageId')), leaf('CreDtTm', isoDateTime(input.creationDateTime, 'creationDateTime'))]),
    element('Ntfctn', [
      leaf('Id', text(input.notificationId, 35, 'notificationId')),
      leaf('CreDtTm', input.creationDateTime),
      accountElement39(input.account, 'account'),
      entryElement(input.entry, 'entry'),
    ]),
  ]);
  return isoDocument(id, body);
}
