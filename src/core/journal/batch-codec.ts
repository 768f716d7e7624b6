import { createHash } from 'node:crypto';
import { ByteReader, ByteWriter } from './bytes.js';
import { readCommand, writeCommand } from './command-codec.js';
import { resultCodeFromNumber, resultCodeNumber } from '../ledger/result-codes.js';
import type { Id } from '../ledger/types.js';
import type { NodeCommand, NodeResult } from '../network/apply.js';
import { isNetworkResult, networkResultFromNumber, networkResultNumber } from '../network/results.js';
import { batchCommandsMax, expiriesPerBatchMax } from '../ledger/limits.js';

export const hashBytes = 32;
export const genesisHash: Buffer = Buffer.alloc(hashBytes);

/** One journal entry: a batch of commands with the outcomes they had, chained to the previous entry. */
export interface JournalEntry {
  readonly seq: number;
  readonly timestamp: number;
  readonly prevHash: Buffer;
  readonly hash: Buffer;
  readonly body: Buffer;
}

export interface DecodedBody {
  readonly commands: NodeCommand[];
  readonly results: NodeResult[];
  readonly expired: Id[];
}

/** Canonical bytes of a batch: its commands, one result number per command, and the reservations it expired. */
export function encodeBody(commands: readonly NodeCommand[], results: readonly NodeResult[], expired: readonly Id[]): Buffer {
  const w = new ByteWriter(256 + commands.length * 160 + expired.length * 16);
  w.u32(commands.length);
  for (const command of commands) writeCommand(w, command);
  for (const result of results) w.u8(isNetworkResult(result) ? networkResultNumber(result) : resultCodeNumber(result));
  w.u32(expired.length);
  for (const id of expired) w.id(id);
  return Buffer.from(w.bytes());
}

/** Throws on malformed bytes: a body that does not decode is corruption. */
export function decodeBody(body: Buffer): DecodedBody {
  const r = new ByteReader(body);
  const count = r.u32();
  if (count > batchCommandsMax) throw new RangeError(`batch of ${count} commands`);
  const commands: NodeCommand[] = [];
  for (let i = 0; i < count; i += 1) commands.push(readCommand(r));
  const results: NodeResult[] = [];
  for (let i = 0; i < count; i += 1) {
    const number = r.u8();
    const code = number >= 128 ? networkResultFromNumber(number) : resultCodeFromNumber(number);
    if (code === undefined) throw new RangeError('unknown result code number');
    results.push(code);
  }
  const expiredCount = r.u32();
  if (expiredCount > expiriesPerBatchMax) throw new RangeError(`batch expired ${expiredCount} transfers`);
  const expired: Id[] = [];
  for (let i = 0; i < expiredCount; i += 1) expired.push(r.id());
  if (r.remaining !== 0) throw new RangeError('trailing bytes after the batch');
  return { commands, results, expired };
}

/** SHA-256 over the previous hash and this entry's sequence number, timestamp and body. */
export function entryHash(prevHash: Buffer, seq: number, timestamp: number, body: Buffer): Buffer {
  const header = new ByteWriter(16);
  header.u53(seq);
  header.u53(timestamp);
  return createHash('sha256').update(prevHash).update(header.bytes()).update(body).digest();
}

export function sealEntry(prevHash: Buffer, seq: number, timestamp: number, body: Buffer): JournalEntry {
  return { seq, timestamp, prevHash, hash: entryHash(prevHash, seq, timestamp, body), body };
}
