import type { ByteReader, ByteWriter } from './bytes.js';
import { accountKinds, type AccountKind } from '../ledger/types.js';
import { isNetworkCommand, type NodeCommand } from '../network/apply.js';
import { decodeNetworkCommand, encodeNetworkCommand } from '../network/codec.js';

const tagCreateAccount = 1;
const tagCreateTransfer = 2;
const tagSetCreditLine = 3;
/** A network command: its JSON text (see network/codec.ts), length-prefixed. */
const tagNetwork = 16;
/** A network command in the journal is at most this long; the edges bound their inputs well below. */
export const networkCommandBytesMax = 1024 * 1024;

/** Canonical bytes of one command. The layout is part of the journal format: change it only with a new format version. */
export function writeCommand(w: ByteWriter, c: NodeCommand): void {
  if (isNetworkCommand(c)) {
    w.u8(tagNetwork);
    w.longText(encodeNetworkCommand(c), networkCommandBytesMax, 'network command');
    return;
  }
  switch (c.type) {
    case 'create_transfer':
      w.u8(tagCreateTransfer);
      w.u16(c.flags);
      w.u32(c.ledger);
      w.u16(c.code);
      w.u32(c.timeoutMs);
      w.id(c.id);
      w.id(c.debitAccountId);
      w.id(c.creditAccountId);
      w.u128(c.amount);
      w.id(c.pendingId);
      w.id(c.uetr);
      w.text(c.endToEndId);
      return;
    case 'create_account':
      w.u8(tagCreateAccount);
      w.u16(c.flags);
      w.u32(c.ledger);
      w.u16(c.code);
      w.u8(accountKinds.indexOf(c.kind));
      w.id(c.id);
      w.u128(c.creditLine);
      w.text(c.participant);
      return;
    case 'set_credit_line':
      w.u8(tagSetCreditLine);
      w.u16(c.flags);
      w.id(c.accountId);
      w.u128(c.creditLine);
      return;
  }
}

export function readCommand(r: ByteReader): NodeCommand {
  const tag = r.u8();
  if (tag === tagNetwork) {
    const length = r.u32();
    if (length > networkCommandBytesMax) throw new RangeError(`network command of ${length} bytes`);
    return decodeNetworkCommand(r.raw(length).toString('utf8'));
  }
  if (tag === tagCreateTransfer) {
    const flags = r.u16();
    const ledger = r.u32();
    const code = r.u16();
    const timeoutMs = r.u32();
    const id = r.id();
    const debitAccountId = r.id();
    const creditAccountId = r.id();
    const amount = r.u128();
    const pendingId = r.id();
    const uetr = r.id();
    const endToEndId = r.text();
    return { type: 'create_transfer', id, debitAccountId, creditAccountId, amount, pendingId, ledger, code, flags, timeoutMs, uetr, endToEndId };
  }
  if (tag === tagCreateAccount) {
    const flags = r.u16();
    const ledger = r.u32();
    const code = r.u16();
    const kind = readKind(r.u8());
    const id = r.id();
    const creditLine = r.u128();
    const participant = r.text();
    return { type: 'create_account', id, ledger, code, kind, participant, flags, creditLine };
  }
  if (tag === tagSetCreditLine) {
    const flags = r.u16();
    const accountId = r.id();
    const creditLine = r.u128();
    return { type: 'set_credit_line', accountId, creditLine, flags };
  }
  throw new RangeError(`unknown command tag ${tag}`);
}

export function readKind(index: number): AccountKind {
  const kind = accountKinds[index];
  if (kind === undefined) throw new RangeError(`unknown account kind ${index}`);
  return kind;
}
