import { createHash } from 'node:crypto';
import { ByteReader, ByteWriter } from './bytes.js';
import { readKind } from './command-codec.js';
import { BalanceHistory } from '../ledger/balance-history.js';
import { createLedgerState, type LedgerState } from '../ledger/state.js';
import { accountKinds, type Account, type PendingStatus, type Transfer } from '../ledger/types.js';
import { decodeNetworkState, encodeNetworkState } from '../network/codec.js';
import { createNetworkState, type NodeState } from '../network/state.js';

/** 2: the network state follows the ledger's. */
const snapshotFormatVersion = 2;
const pendingStatuses: readonly PendingStatus[] = ['pending', 'posted', 'voided', 'expired'];

/**
 * Canonical bytes of the whole ledger state. Maps keep insertion order, and replay inserts in
 * the same order, so equal states give equal bytes: replay-equals-live compares these hashes.
 * Indexes that follow from the rest (per-account transfer lists, the expiry heap) are rebuilt.
 */
export function encodeState(state: NodeState | LedgerState): Buffer {
  const node = asNodeState(state);
  const w = new ByteWriter(1024 + node.ledger.transfers.size * 140 + node.ledger.accounts.size * 160 + node.network.payments.size * 400);
  writeLedgerState(w, node.ledger);
  // The network part: a count of JSON lines, each length-prefixed (see network/codec.ts).
  const lines = encodeNetworkState(node.network);
  w.u32(lines.length);
  for (const line of lines) {
    const bytes = Buffer.from(line, 'utf8');
    w.u32(bytes.length);
    w.raw(bytes);
  }
  return Buffer.from(w.bytes());
}

/** A bare ledger state (ledger-only tools and tests) is a node state with an empty network. */
function asNodeState(state: NodeState | LedgerState): NodeState {
  return 'ledger' in state ? state : { ledger: state, network: createNetworkState() };
}

function writeLedgerState(w: ByteWriter, state: LedgerState): void {
  w.u32(snapshotFormatVersion);
  w.u53(state.lastTimestamp);
  w.u53(state.batchesApplied);
  w.u32(state.accounts.size);
  for (const account of state.accounts.values()) writeAccount(w, account);
  w.u32(state.transfers.size);
  for (const transfer of state.transfers.values()) writeTransfer(w, transfer);
  w.u32(state.pendingStatus.size);
  for (const [id, status] of state.pendingStatus) {
    w.id(id);
    w.u8(pendingStatuses.indexOf(status));
  }
  w.u32(state.failedIds.size);
  for (const id of state.failedIds) w.id(id);
  w.u32(state.history.size);
  for (const [accountId, entries] of state.history) {
    w.id(accountId);
    w.u32(entries.length);
    for (let i = 0; i < entries.length; i += 1) {
      const e = entries.at(i);
      w.u53(e.timestamp);
      w.id(e.transferId);
      w.u128(e.debitsPending);
      w.u128(e.debitsPosted);
      w.u128(e.creditsPending);
      w.u128(e.creditsPosted);
    }
  }
}

export function stateHash(state: NodeState | LedgerState): Buffer {
  return createHash('sha256').update(encodeState(state)).digest();
}

/** Throws on malformed bytes. */
export function decodeState(bytes: Buffer): NodeState {
  const r = new ByteReader(bytes);
  const ledger = readLedgerState(r);
  const lines: string[] = [];
  for (let n = r.u32(); n > 0; n -= 1) lines.push(r.raw(r.u32()).toString('utf8'));
  if (r.remaining !== 0) throw new RangeError('trailing bytes after the snapshot');
  return { ledger, network: decodeNetworkState(lines) };
}

function readLedgerState(r: ByteReader): LedgerState {
  const version = r.u32();
  if (version !== snapshotFormatVersion) throw new RangeError(`snapshot format ${version} is not ${snapshotFormatVersion}`);
  const state = createLedgerState();
  state.lastTimestamp = r.u53();
  state.batchesApplied = r.u53();
  for (let n = r.u32(); n > 0; n -= 1) {
    const account = readAccount(r);
    state.accounts.set(account.id, account);
  }
  for (let n = r.u32(); n > 0; n -= 1) {
    const transfer = readTransfer(r);
    state.transfers.set(transfer.id, transfer);
    state.accounts.get(transfer.debitAccountId)?.transfers.push(transfer);
    state.accounts.get(transfer.creditAccountId)?.transfers.push(transfer);
  }
  for (let n = r.u32(); n > 0; n -= 1) {
    const id = r.id();
    const status = pendingStatuses[r.u8()];
    if (status === undefined) throw new RangeError('unknown pending status');
    state.pendingStatus.set(id, status);
  }
  for (let n = r.u32(); n > 0; n -= 1) state.failedIds.add(r.id());
  for (let n = r.u32(); n > 0; n -= 1) {
    const accountId = r.id();
    const entries = new BalanceHistory();
    for (let m = r.u32(); m > 0; m -= 1) {
      const timestamp = r.u53();
      const transferId = r.id();
      entries.push({ timestamp, transferId, debitsPending: r.u128(), debitsPosted: r.u128(), creditsPending: r.u128(), creditsPosted: r.u128() });
    }
    state.history.set(accountId, entries);
  }
  rebuildExpiries(state);
  return state;
}

function rebuildExpiries(state: LedgerState): void {
  for (const [id, status] of state.pendingStatus) {
    if (status !== 'pending') continue;
    const transfer = state.transfers.get(id);
    if (transfer !== undefined && transfer.timeoutMs > 0) {
      state.expiries.push({ expiresAt: transfer.timestamp + transfer.timeoutMs * 1000, transferId: id });
    }
  }
}

function writeAccount(w: ByteWriter, a: Account): void {
  w.id(a.id);
  w.u32(a.ledger);
  w.u16(a.code);
  w.u8(accountKinds.indexOf(a.kind));
  w.text(a.participant);
  w.u16(a.flags);
  w.u128(a.creditLine);
  w.u128(a.creditLineAtCreation);
  w.u128(a.debitsPending);
  w.u128(a.debitsPosted);
  w.u128(a.creditsPending);
  w.u128(a.creditsPosted);
  w.u53(a.timestamp);
}

function readAccount(r: ByteReader): Account {
  return {
    id: r.id(),
    ledger: r.u32(),
    code: r.u16(),
    kind: readKind(r.u8()),
    participant: r.text(),
    flags: r.u16(),
    creditLine: r.u128(),
    creditLineAtCreation: r.u128(),
    debitsPending: r.u128(),
    debitsPosted: r.u128(),
    creditsPending: r.u128(),
    creditsPosted: r.u128(),
    timestamp: r.u53(),
    transfers: [],
  };
}

function writeTransfer(w: ByteWriter, t: Transfer): void {
  w.id(t.id);
  w.id(t.debitAccountId);
  w.id(t.creditAccountId);
  w.u128(t.amount);
  w.id(t.pendingId);
  w.u32(t.ledger);
  w.u16(t.code);
  w.u16(t.flags);
  w.u32(t.timeoutMs);
  w.id(t.uetr);
  w.text(t.endToEndId);
  w.u53(t.timestamp);
}

function readTransfer(r: ByteReader): Transfer {
  return {
    id: r.id(),
    debitAccountId: r.id(),
    creditAccountId: r.id(),
    amount: r.u128(),
    pendingId: r.id(),
    ledger: r.u32(),
    code: r.u16(),
    flags: r.u16(),
    timeoutMs: r.u32(),
    uetr: r.id(),
    endToEndId: r.text(),
    timestamp: r.u53(),
  };
}
