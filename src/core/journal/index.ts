export { ByteReader, ByteWriter } from './bytes.js';
export { decodeBody, encodeBody, entryHash, genesisHash, hashBytes, sealEntry, type DecodedBody, type JournalEntry } from './batch-codec.js';
export { decodeState, encodeState, stateHash } from './state-codec.js';
