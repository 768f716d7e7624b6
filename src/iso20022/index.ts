/** ISO 20022 edge: secure intake, XML Schema, business rules, to-json, outgoing messages. */
export { xmlBytesMax, xmlDepthMax, xmlElementsMax } from './limits.js';
export { type IsoFailure, type IsoFailureKind, type IsoReasonCode, isoReasonCodeOf } from './reasons.js';
export { type MessageId, parseMessageId } from './message-id.js';
export { type SchemaStore, createSchemaStore } from './schemas.js';
export { type IsoPart, type SchemaValidMessage, readIsoFile } from './intake.js';
export { type NetworkContext } from './network.js';
export { type IsoVerdict, type ValidateDeps, validateIsoFile } from './validate.js';
export { type MessageJson, type TransactionJson, messageToJson } from './to-json.js';
export { readIsoPath } from './read-file.js';
export * from './build/index.js';
