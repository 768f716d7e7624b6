/**
 * Network commands and state in the journal, as JSON text. The ledger's hot path keeps its
 * fixed binary layout; network records are few and varied, and JSON lets them grow fields
 * without a new binary format. Amounts (bigint) are written as decimal strings under known
 * field names and read back as bigint; anything else that does not fit is corruption.
 */
import { decodeSettlementHeader, decodeSettlementPayment, decodeSettlementWindow, encodeSettlement, finishSettlement } from './settlement-codec.js';
import { decodeFxLine, encodeFxState } from './fx-codec.js';
import { createNetworkState, type NetworkState } from './state.js';
import { decodeScreeningLine, encodeScreening } from './screening-codec.js';
import { networkCommandTypes, type NetworkCommand } from './types.js';

const bigintFields = new Set(['amount', 'creditLine', 'netDebitCap', 'sizeMinMinor', 'sizeMaxMinor', 'amountInMinor', 'amountOutMinor', 'sentMinor', 'deliveredMinor', 'instructedMinor', 'sendMaxMinor']);

function replacer(this: unknown, key: string, value: unknown): unknown {
  if (typeof value === 'bigint') {
    if (!bigintFields.has(key)) throw new TypeError(`bigint in field ${key} has no codec`);
    return value.toString();
  }
  return value;
}

function reviver(key: string, value: unknown): unknown {
  if (bigintFields.has(key) && typeof value === 'string') {
    if (!/^-?[0-9]{1,40}$/.test(value)) throw new RangeError(`field ${key} is not an integer`);
    return BigInt(value);
  }
  return value;
}

export function encodeNetworkCommand(command: NetworkCommand): string {
  // The hot path: a payment's one bigint is its amount. Swapping it for its decimal text gives
  // the very bytes the replacer would (same keys, same order), without a call per field; any
  // other bigint still throws, as JSON.stringify refuses bigints.
  if (command.type === 'submit_payment') return JSON.stringify({ ...command, amount: command.amount.toString() });
  return JSON.stringify(command, replacer);
}

export function decodeNetworkCommand(text: string): NetworkCommand {
  const value = JSON.parse(text, reviver) as { type?: unknown };
  if (typeof value !== 'object' || value === null || !networkCommandTypes.includes(value.type as NetworkCommand['type'])) {
    throw new RangeError('not a network command');
  }
  return value as NetworkCommand;
}

/**
 * 2: settlement engines per currency (settlement-codec.ts). A version-1 state has none and cannot be run on.
 * 3: each payment carries its priority, and an engine payment may be held (a suspended party);
 * screening (screening-codec.ts): watch lists, imports, officers' keys, holds; FX policy, quote
 * book and held routes (fx-codec.ts). A version-2 state is read as all payments normal and
 * same-currency, none held, no screening and no FX, which is what it was.
 */
const stateFormatVersion = 3;
const stateFormatVersionsRead: ReadonlySet<unknown> = new Set([2, 3]);

/**
 * The network state as JSON lines: a header, then one line per record, so no single string
 * grows with the number of payments. Map order is replay order, so equal states give equal text.
 */
export function encodeNetworkState(network: NetworkState): string[] {
  const lines: string[] = [];
  const put = (kind: string, value: unknown): void => {
    lines.push(JSON.stringify([kind, value], replacer));
  };
  put('version', stateFormatVersion);
  for (const record of network.currencies.values()) put('currency', record);
  for (const record of network.participants.values()) put('participant', record);
  for (const [key, id] of network.settlementAccounts) put('settlementAccount', [key, id]);
  for (const [id, netDebitCap] of network.netDebitCaps) put('netDebitCap', { id, netDebitCap });
  for (const record of network.apiKeys.values()) put('apiKey', record);
  for (const record of network.payments.values()) put('payment', record);
  for (const [key, record] of network.idempotencyKeys) put('idempotencyKey', [key, record]);
  for (const [key, record] of network.fundings) put('funding', [key, record]);
  for (const [bic, events] of network.inboxes) put('inbox', [bic, events]);
  for (const [key, record] of network.messages) put('message', [key, record]);
  for (const cs of network.settlement.values()) encodeSettlement(cs, put);
  encodeScreening(network.screening, put);
  encodeFxState(network.fx, put);
  return lines;
}

export function decodeNetworkState(lines: readonly string[]): NetworkState {
  const network = createNetworkState();
  const mutable = network as unknown as Record<string, Map<unknown, unknown>>;
  for (const [index, line] of lines.entries()) {
    const [kind, value] = JSON.parse(line, reviver) as [string, never];
    if (index === 0) {
      if (kind !== 'version' || !stateFormatVersionsRead.has(value)) throw new RangeError(`network state format ${String(value)} is not ${stateFormatVersion} (or 2)`);
      continue;
    }
    const v = value as Record<string, unknown> & unknown[];
    switch (kind) {
      case 'currency':
        network.currencies.set(v.code as string, value);
        break;
      case 'participant':
        // A snapshot from before ISO version overrides: none set.
        v.isoVersions ??= {};
        network.participants.set(v.bic as string, value);
        break;
      case 'settlementAccount':
        network.settlementAccounts.set(v[0] as string, v[1] as string);
        break;
      case 'netDebitCap':
        network.netDebitCaps.set(v.id as string, v.netDebitCap as bigint);
        break;
      case 'apiKey':
        network.apiKeys.set(v.keyId as string, value);
        break;
      case 'payment':
        // A snapshot from before messages, cancellations and returns: a payment had none of them
        // (appended in the order a new record has them, so re-encoding gives the replay's bytes).
        v.iso ??= null;
        v.cancellation ??= null;
        v.returned ??= null;
        // Format 2: before priorities reached the network's records, every payment was normal.
        v.priority ??= 'normal';
        v.fx ??= null;
        network.payments.set(v.uetr as string, value);
        break;
      case 'idempotencyKey':
        mutable.idempotencyKeys!.set(v[0], v[1]);
        break;
      case 'funding':
        mutable.fundings!.set(v[0], v[1]);
        break;
      case 'inbox':
        mutable.inboxes!.set(v[0], v[1]);
        break;
      case 'message':
        mutable.messages!.set(v[0], v[1]);
        break;
      case 'settlement': {
        const cs = decodeSettlementHeader(value);
        network.settlement.set(cs.currency, cs);
        break;
      }
      case 'settlementPayment':
        decodeSettlementPayment(settlementOfLine(network, v[0]), value);
        break;
      case 'settlementWindow':
        decodeSettlementWindow(settlementOfLine(network, v[0]), v[1]);
        break;
      default:
        if (!decodeScreeningLine(network.screening, kind, value) && !decodeFxLine(network.fx, kind, value)) throw new RangeError(`unknown network state record ${kind}`);
    }
  }
  for (const cs of network.settlement.values()) finishSettlement(cs);
  return network;
}

function settlementOfLine(network: NetworkState, currency: unknown) {
  const cs = network.settlement.get(currency as string);
  if (cs === undefined) throw new RangeError(`settlement record of ${String(currency)} before its header`);
  return cs;
}
