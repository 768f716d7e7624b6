import { type IsoPartBuilt } from './document.js';
import { bic, isoDateTime, text } from './fields.js';
import { agentElement } from './parties.js';
import type { Bic, IsoDateTimeText } from './types.js';
import { checkedVersion, defaultVersions, isoNamespace } from './versions.js';
import { element, leaf } from './xml.js';

export interface AppHdrInput {
  readonly from: Bic;
  readonly to: Bic;
  /** BizMsgIdr; CBPR+ sets it to the Document's message identification. */
  readonly businessMessageId: string;
  readonly creationDateTime: IsoDateTimeText;
  /** BizSvc, e.g. "swift.cbprplus.02", when the receiver's usage guideline wants one. */
  readonly businessService?: string;
  /** PssblDplct: set when the same message is sent again. */
  readonly possibleDuplicate?: boolean;
}

/**
 * head.001 business application header for `document`. MsgDefIdr is taken from the document,
 * so a header can never name another message than the one it travels with.
 */
export function buildAppHdr(input: AppHdrInput, document: IsoPartBuilt, version: string = defaultVersions['head.001']): IsoPartBuilt {
  const id = checkedVersion('head.001', version);
  const root = element(
    'AppHdr',
    [
      element('Fr', [agentElement('FIId', bic(input.from, 'from'), 'from')]),
      element('To', [agentElement('FIId', bic(input.to, 'to'), 'to')]),
      leaf('BizMsgIdr', text(input.businessMessageId, 35, 'businessMessageId')),
      leaf('MsgDefIdr', document.messageDefinitionId),
      input.businessService !== undefined && leaf('BizSvc', text(input.businessService, 35, 'businessService')),
      leaf('CreDt', isoDateTime(input.creationDateTime, 'creationDateTime')),
      input.possibleDuplicate === true && leaf('PssblDplct', 'true'),
    ],
    { xmlns: isoNamespace(id) },
  );
  return { messageDefinitionId: id, root };
}
