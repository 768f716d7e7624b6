/**
 * The screening part of the network state: the watch lists (versions, the active one, scope),
 * imports in progress, compliance officers' keys, holds and their decisions. The name index is
 * derived: built from the active lists, never journaled nor snapshotted, so replay and snapshot
 * load rebuild exactly the same one (buildScreeningIndex is pure). The node's shell builds it
 * ahead, in slices between other work (prepareScreeningIndex); a payment that needs it before
 * then finishes that build, or builds it, on the spot.
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
import { startIndexBuild, type IndexBuild, type IndexedLists, type IndexSlices } from '../screening/name-index.js';
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

/**
 * The index of the active lists: the one the shell built ahead when it is for these lists (the rest
 * of its slices done now if it is not finished), otherwise built now (a second or more for 100,000
 * entries). Either way the same index, so the same decisions.
 */
export function screeningIndexOf(screening: ScreeningState): ScreeningIndex {
  if (screening.index !== null) return screening.index;
  const lists = activeLists(screening.lists);
  const ahead = buildsAhead.get(screening);
  buildsAhead.delete(screening);
  screening.index = ahead !== undefined && sameLists(ahead.lists, lists) ? ahead.finish() : buildScreeningIndex(lists);
  return screening.index;
}

/**
 * Builds started ahead, by the screening state they are for. Derived data like the index itself:
 * not part of the state's bytes, and a build for lists no longer active is simply not taken.
 */
const buildsAhead = new WeakMap<ScreeningState, IndexBuild>();

/**
 * The shell's side: the build of the index the active lists need, started if none is (null when
 * the index is there already or no list is active). The shell calls step() on it between other work
 * and adoptScreeningIndex once it is done; nothing else changes.
 */
export function prepareScreeningIndex(screening: ScreeningState, sizes?: IndexSlices): IndexBuild | null {
  if (screening.index !== null || !hasActiveLists(screening)) return null;
  const lists = activeLists(screening.lists);
  const ahead = buildsAhead.get(screening);
  if (ahead !== undefined && sameLists(ahead.lists, lists)) return ahead;
  const build = startIndexBuild(lists, sizes);
  buildsAhead.set(screening, build);
  return build;
}

/** Installs a finished build when its lists are still the active ones; false when it came too late (the index exists) or is stale. */
export function adoptScreeningIndex(screening: ScreeningState, build: IndexBuild): boolean {
  if (!build.done || screening.index !== null || buildsAhead.get(screening) !== build || !sameLists(build.lists, activeLists(screening.lists))) return false;
  screening.index = build.finish();
  buildsAhead.delete(screening);
  return true;
}

/** The same versions of the same lists, in the same order: list versions are immutable objects, so identity is enough. */
function sameLists(a: IndexedLists, b: IndexedLists): boolean {
  return a.length === b.length && a.every((x, i) => x.version === b[i]?.version && x.list === b[i]?.list);
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
