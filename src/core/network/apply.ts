import { assert } from '../assert.js';
import { batchCommandsMax } from '../ledger/limits.js';
import { LedgerBatch } from '../ledger/apply-batch.js';
import type { ResultCode } from '../ledger/result-codes.js';
import type { Id, LedgerCommand } from '../ledger/types.js';
import { applyAdminCommand } from './apply-admin.js';
import { applyFund } from './apply-fund.js';
import { applySubmitPayment } from './apply-payment.js';
import { applyMoveFxInventory, applyPostFxQuote, applySetFxPolicy, applyWithdrawFxQuote } from './apply-fx-quotes.js';
import { applyHoldFxRoute, applySubmitFxPayment } from './apply-fx-payment.js';
import { applyRejectCancellation, applyRequestCancellation, applyReturnPayment } from './apply-cancellation.js';
import { applySubmitMessage } from './apply-message.js';
import { applyCancelPayment, applyEndOfDay, applySetQueueOrder, applySetUrgentReserve, applySetWindowSchedule, applySettlementTick, applySettlementWindow } from './apply-settlement.js';
import { expireFxWaits } from './settlement-driver.js';
import { messageTransactionsMax } from './text-rules.js';
import { applyAddOfficerKey, applyDecideHold, applyRevokeOfficerKey } from './apply-holds.js';
import {
  applyAbortListImport,
  applyBeginListImport,
  applyChangeWatchList,
  applyCommitListImport,
  applyListImportChunk,
  applySetScreeningThresholds,
} from './apply-screening-lists.js';
import { rescreensPerBatchMax, rescreenWaitingPayments } from './rescreen.js';
import type { NetworkResult } from './results.js';
import type { NodeState } from './state.js';
import { networkCommandTypes, type NetworkCommand } from './types.js';

export type NodeCommand = LedgerCommand | NetworkCommand;
export type NodeResult = ResultCode | NetworkResult;

export interface NodeBatch {
  /** Timestamp of the batch's first event, in µs; every later event gets the next one. */
  readonly timestamp: number;
  readonly commands: readonly NodeCommand[];
}

export interface NodeBatchOutcome {
  readonly results: NodeResult[];
  /** The timestamp each command was judged at. */
  readonly timestamps: number[];
  /** Pending transfers released by timeout at the start of this batch. */
  readonly expired: Id[];
}

/**
 * A network command uses about this many event timestamps: a payment three or four (received,
 * validated, settled or queued, and what it let settle), a message four per transaction, a
 * registration one plus one per currency (the API allows 64). A settlement decision takes one
 * per payment it settles, queues or rejects, so a gridlock run or an end of day may take many
 * more (bounded by the queued payments); µs timestamps stay far below 2^53 either way. Only
 * used to check the batch's first timestamp leaves room.
 */
export const eventsPerCommandMax = Math.max(80, 4 * messageTransactionsMax);

const networkTypes = new Set<string>(networkCommandTypes);

export function isNetworkCommand(command: NodeCommand): command is NetworkCommand {
  return networkTypes.has(command.type);
}

/**
 * Applies one batch of ledger and network commands in order. Runs of ledger commands go to the
 * ledger as they are (a linked chain must not be cut by a network command, or it stays open);
 * a network command may move money through the same batch's ledger cursor. Deterministic.
 */
export function applyNodeBatch(state: NodeState, batch: NodeBatch): NodeBatchOutcome {
  const { commands } = batch;
  const count = commands.length;
  assert(count <= batchCommandsMax, `batch of ${count} commands within batchCommandsMax`);
  const cursor = new LedgerBatch(state.ledger, batch.timestamp, Math.max(1, count * eventsPerCommandMax) + rescreensPerBatchMax * eventsPerCommandMax);
  const results = new Array<NodeResult>(count);
  const timestamps = new Array<number>(count);
  let index = 0;
  while (index < count) {
    const command = commands[index]!;
    if (isNetworkCommand(command)) {
      timestamps[index] = cursor.now;
      results[index] = applyNetworkCommand(state, cursor, command);
      index += 1;
      continue;
    }
    let end = index + 1;
    while (end < count && !isNetworkCommand(commands[end]!)) end += 1;
    const first = cursor.now;
    const run = index === 0 && end === count ? (commands as readonly LedgerCommand[]) : (commands.slice(index, end) as LedgerCommand[]);
    const runResults = cursor.apply(run);
    for (let i = 0; i < runResults.length; i += 1) {
      results[index + i] = runResults[i]!;
      timestamps[index + i] = first + i;
    }
    index = end;
  }
  // Payments waiting in engines when the lists changed: the next few screened again (rescreen.ts).
  rescreenWaitingPayments(state, cursor);
  const expired = cursor.finish();
  return { results, timestamps, expired };
}

function applyNetworkCommand(state: NodeState, cursor: LedgerBatch, command: NetworkCommand): NetworkResult {
  // Time first: a waiting FX payment whose moment has come ends before anything could settle it.
  expireFxWaits(state, cursor);
  switch (command.type) {
    case 'submit_payment':
      return applySubmitPayment(state, cursor, command);
    case 'fund':
      return applyFund(state, cursor, command);
    case 'submit_message':
      return applySubmitMessage(state, cursor, command);
    case 'request_cancellation':
      return applyRequestCancellation(state, cursor, command);
    case 'reject_cancellation':
      return applyRejectCancellation(state, cursor, command);
    case 'return_payment':
      return applyReturnPayment(state, cursor, command);
    case 'settlement_tick':
      return applySettlementTick(state, cursor, command);
    case 'cancel_payment':
      return applyCancelPayment(state, cursor, command);
    case 'settlement_window':
      return applySettlementWindow(state, cursor, command);
    case 'end_of_day':
      return applyEndOfDay(state, cursor, command);
    case 'set_window_schedule':
      return applySetWindowSchedule(state, cursor, command);
    case 'set_urgent_reserve':
      return applySetUrgentReserve(state, cursor, command);
    case 'set_queue_order':
      return applySetQueueOrder(state, cursor, command);
    case 'begin_list_import':
      return applyBeginListImport(state, cursor, command);
    case 'list_import_chunk':
      return applyListImportChunk(state, cursor, command);
    case 'commit_list_import':
      return applyCommitListImport(state, cursor, command);
    case 'abort_list_import':
      return applyAbortListImport(state, cursor, command);
    case 'change_watch_list':
      return applyChangeWatchList(state, cursor, command);
    case 'set_screening_thresholds':
      return applySetScreeningThresholds(state, cursor, command);
    case 'add_officer_key':
      return applyAddOfficerKey(state, cursor, command);
    case 'revoke_officer_key':
      return applyRevokeOfficerKey(state, cursor, command);
    case 'decide_hold':
      return applyDecideHold(state, cursor, command);
    case 'post_fx_quote':
      return applyPostFxQuote(state, cursor, command);
    case 'withdraw_fx_quote':
      return applyWithdrawFxQuote(state, cursor, command);
    case 'set_fx_policy':
      return applySetFxPolicy(state, cursor, command);
    case 'move_fx_inventory':
      return applyMoveFxInventory(state, cursor, command);
    case 'hold_fx_route':
      return applyHoldFxRoute(state, cursor, command);
    case 'submit_fx_payment':
      return applySubmitFxPayment(state, cursor, command);
    default:
      return applyAdminCommand(state, cursor, command);
  }
}
