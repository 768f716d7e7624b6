import type { Camt029Input } from '../camt029.js';
import type { Camt053Input } from '../camt053.js';
import type { Camt054Input } from '../camt054.js';
import type { Pacs002Input } from '../pacs002.js';
import type { Pacs004Input } from '../pacs004.js';
import type { Pacs008Input } from '../pacs008.js';
import type { OriginalPayment } from '../types.js';

/** Fixed example inputs, one per builder; the property tests vary them. */
export const createdAt = '2024-05-02T09:30:00+00:00';

export const originalPayment: OriginalPayment = {
  message: { messageId: 'BANKDEFF-20240502-0001', messageNameId: 'pacs.008.001.08', creationDateTime: '2024-05-02T09:29:58+02:00' },
  uetr: 'eb6305c9-1f7f-49de-aed0-16487c27b42d',
  endToEndId: 'E2E-2024-0001',
  instructionId: 'INSTR-0001',
  transactionId: 'TX-0001',
};

export const pacs008Sample: Pacs008Input = {
  messageId: 'CORRIDOR-FWD-0001',
  creationDateTime: createdAt,
  clearingSystem: 'CORRIDOR',
  instructingAgent: 'CORRXXYY',
  instructedAgent: 'BANKJPJT',
  transactions: [
    {
      uetr: originalPayment.uetr,
      endToEndId: originalPayment.endToEndId,
      instructionId: 'CORRIDOR-0001',
      transactionId: 'TX-0001',
      settlementAmount: { value: '1523000', currency: 'JPY' },
      settlementDate: '2024-05-02',
      fx: { instructedAmount: { value: '9000.00', currency: 'EUR' }, exchangeRate: '169.22222222' },
      debtor: { name: 'Müller & Söhne <GmbH>', postalAddress: { townName: 'Köln', country: 'DE' } },
      debtorAccount: { iban: 'DE89370400440532013000' },
      debtorAgent: 'BANKDEFFXXX',
      creditorAgent: 'BANKJPJT',
      creditor: { name: '株式会社 "山田" \'商店\'' },
      creditorAccount: { other: '1234567' },
      remittanceInformation: ['Invoice 42 & 43'],
    },
  ],
};

export const pacs002Rejected: Pacs002Input = {
  messageId: 'CORRIDOR-STS-0001',
  creationDateTime: createdAt,
  instructingAgent: 'CORRXXYY',
  instructedAgent: 'BANKDEFF',
  transactions: [{ original: originalPayment, status: 'RJCT', reasons: [{ code: 'AM04', additionalInfo: ['Liquidity < amount & credit line'] }] }],
};

export const pacs002SettledFx: Pacs002Input = {
  messageId: 'CORRIDOR-STS-0002',
  creationDateTime: createdAt,
  transactions: [
    {
      original: originalPayment,
      status: 'ACSC',
      acceptanceDateTime: '2024-05-02T09:29:59+00:00',
      settlementDate: '2024-05-02',
      settlementAmount: { value: '1523000', currency: 'JPY' },
      fx: { instructedAmount: { value: '9000.00', currency: 'EUR' }, exchangeRate: '169.22222222' },
      debtorAgent: 'BANKDEFF',
      creditorAgent: 'BANKJPJT',
    },
  ],
};

export const pacs004Sample: Pacs004Input = {
  messageId: 'CORRIDOR-RTR-0001',
  creationDateTime: createdAt,
  instructingAgent: 'CORRXXYY',
  instructedAgent: 'BANKDEFF',
  transactions: [
    {
      returnId: 'RTR-0001',
      original: originalPayment,
      originalSettlementAmount: { value: '1523000', currency: 'JPY' },
      originalSettlementDate: '2024-05-02',
      returnedAmount: { value: '1523000', currency: 'JPY' },
      settlementDate: '2024-05-03',
      fx: { instructedAmount: { value: '9000.00', currency: 'EUR' }, exchangeRate: '169.22222222' },
      chargeBearer: 'SHAR',
      returnChain: { debtor: { name: '株式会社 山田商店' }, debtorAgent: 'BANKJPJT', creditorAgent: 'BANKDEFF', creditor: { name: 'Müller & Söhne' } },
      reason: 'FOCR',
      additionalInfo: ['Cancelled at the debtor\'s request'],
    },
  ],
};

export const camt029Rejected: Camt029Input = {
  assignmentId: 'CORRIDOR-RSL-0001',
  creationDateTime: createdAt,
  assigner: 'BANKJPJT',
  assignee: 'BANKDEFF',
  resolvedCase: { id: 'CASE-0001', creator: 'BANKDEFF' },
  answers: [{ original: originalPayment, status: 'RJCR', rejectionReason: 'ARDT', originalSettlementAmount: { value: '1523000', currency: 'JPY' } }],
};

export const camt054Sample: Camt054Input = {
  messageId: 'CORRIDOR-NTF-0001',
  creationDateTime: createdAt,
  notificationId: 'NTF-0001',
  account: { id: { other: 'JPY-SETTLEMENT-BANKJPJT' }, currency: 'JPY', owner: 'BANKJPJT', servicer: 'CORRXXYY' },
  entry: {
    reference: '0000000000000000000000000000002a',
    amount: { value: '1523000', currency: 'JPY' },
    side: 'CRDT',
    bookingDateTime: '2024-05-02T09:29:59+00:00',
    valueDate: '2024-05-02',
    payment: {
      messageId: 'BANKDEFF-20240502-0001',
      endToEndId: originalPayment.endToEndId,
      uetr: originalPayment.uetr,
      fx: { instructedAmount: { value: '9000.00', currency: 'EUR' }, exchangeRate: '169.22222222' },
      debtor: { name: 'Müller & Söhne' },
      creditor: { name: '株式会社 山田商店' },
      debtorAgent: 'BANKDEFF',
      creditorAgent: 'BANKJPJT',
    },
  },
};

export const camt053Sample: Camt053Input = {
  messageId: 'CORRIDOR-STM-0001',
  creationDateTime: '2024-05-03T00:00:05+00:00',
  statementId: 'STM-BANKKWKW-2024-05-02',
  sequenceNumber: 123n,
  from: '2024-05-02T00:00:00+00:00',
  to: '2024-05-02T23:59:59+00:00',
  account: { id: { other: 'KWD-SETTLEMENT-BANKKWKW' }, currency: 'KWD', owner: 'BANKKWKW' },
  openingBalance: { amount: { value: '100.000', currency: 'KWD' }, side: 'CRDT', date: '2024-05-02' },
  closingBalance: { amount: { value: '12.345', currency: 'KWD' }, side: 'DBIT', date: '2024-05-02' },
  entries: [
    { amount: { value: '112.345', currency: 'KWD' }, side: 'DBIT', bookingDateTime: '2024-05-02T11:00:00+00:00', valueDate: '2024-05-02' },
  ],
};
