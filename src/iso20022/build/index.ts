/** Outgoing ISO 20022 messages: pure builders (no I/O, no clock) and their rendering. */
export { IsoBuildError } from './errors.js';
export { type IsoPartBuilt, type Wrapper, renderBusinessMessage, renderPart, swiftEnvelope } from './document.js';
export { textProblem, isoDateTimeOfMs } from './fields.js';
export { isoAmount } from './amount.js';
export type * from './types.js';
export { type OutgoingMessage, type VersionSet, defaultVersions, supportedVersions, versionSet } from './versions.js';
export { type AppHdrInput, buildAppHdr } from './head001.js';
export { type GroupStatus, type Pacs002Input, type PaymentStatus, type TransactionStatus, buildPacs002 } from './pacs002.js';
export { type StatusReason, type StatusReasonCode, statusReasonOfFailure } from './status-reason.js';
export { corridorFxNamespace } from './fx-supplement.js';
export { type CreditTransfer, type Pacs008Input, buildPacs008 } from './pacs008.js';
export { type PaymentReturn, type Pacs004Input, type ReturnChain, type ReturnReasonCode, buildPacs004 } from './pacs004.js';
export { type CancellationAnswer, type CancellationRejectionCode, type CancellationStatus, type Camt029Input, buildCamt029 } from './camt029.js';
export { type BankTransactionCode, type EntryPayment, type StatementAccount, type StatementEntry } from './report-entry.js';
export { type Camt054Input, buildCamt054 } from './camt054.js';
export { type BookedBalance, type Camt053Input, bookedBalance, buildCamt053, statementEntriesMax } from './camt053.js';
