/**
 * The screening part of the network state: the watch lists (versions, the active one, scope),
 * imports in progress, compliance officers' keys, holds and their decisions. The name index is
 * derived: built from the active lists when first needed after they change, never journaled nor
 * snapshotted, so replay and snapshot load rebuild exactly the same one (buildScreeningIndex is pure).
 */
import {
  activeLists,
  buildScreeningIndex,
  defaultScreeningOptions,
  emptyListSet,
  type ListScope,
  type ListSet,
  type PaymentToScreen,
  type ScreeningIndex,
} from '../screening/index.js';
import type { HoldRecord, ListEvent, ListImport, ListScopeInput, OfficerKeyRecord } from './screening-types.js';

export interface ScreeningThresholds {
  readonly nameThreshold: number;
  readonly tokenThreshold: number;
}

export interface ScreeningState {
  lists: ListSet;
  readonly imports: Map<string, ListImport>;
  readonly officerKeys: Map<string, OfficerKeyRecord>;
  /** By UETR: every payment ever held, with its decision once made (kept for audit). */
  readonly holds: Map<string, HoldRecord>;
  readonly listEvents: ListEvent[];
  thresholds: ScreeningThresholds;
  /** Derived from `lists`; reset whenever the active lists change. Not part of the state's bytes. */
  index: ScreeningIndex | null;
  /** Payments waiting in an engine still to be screened against the lists as they changed, oldest first (rescreen.ts). */
  rescreen: string[];
  /** What was screened of a payment waiting in an engine, when it had fields its record does not keep (addresses, ultimate parties, intermediaries). */
  readonly waitingScreened: Map<string, PaymentToScreen>;
}

/** Imports open at once: each holds its entries in memory until commit or abort. */
export const listImportsOpenMax = 4;
/** List changes kept for audit (oldest dropped first). */
export const listEventsKeptMax = 4096;

export function createScreeningState(): ScreeningState {
  return {
    lists: emptyListSet,
    imports: new Map(),
    officerKeys: new Map(),
    holds: new Map(),
    listEvents: [],
    thresholds: { nameThreshold: defaultScreeningOptions.nameThreshold, tokenThreshold: defaultScreeningOptions.tokenThreshold },
    index: null,
    rescreen: [],
    waitingScreened: new Map(),
  };
}

/** The index of the active lists, built on first use after they changed (seconds for 100,000 entries). */
export function screeningIndexOf(screening: ScreeningState): ScreeningIndex {
  screening.index ??= buildScreeningIndex(activeLists(screening.lists));
  return screening.index;
}

export function hasActiveLists(screening: ScreeningState): boolean {
  for (const slot of screening.lists.lists.values()) if (slot.active !== null) return true;
  return false;
}

export function scopeOf(input: ListScopeInput): ListScope {
  return input === 'all' ? { kind: 'all' } : { kind: 'jurisdictions', jurisdictions: new Set(input) };
}

export function scopeInputOf(scope: ListScope): ListScopeInput {
  return scope.kind === 'all' ? 'all' : [...scope.jurisdictions].sort();
}

export function recordListEvent(screening: ScreeningState, event: ListEvent): void {
  screening.listEvents.push(event);
  if (screening.listEvents.length > listEventsKeptMax) screening.listEvents.shift();
}
