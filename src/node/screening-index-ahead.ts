import { setImmediate as nextTurn } from 'node:timers/promises';
import { adoptScreeningIndex, prepareScreeningIndex, type ScreeningState } from '../core/network/screening-state.js';
import type { IndexBuild, IndexSlices } from '../core/screening/name-index.js';
import type { NodeHandle } from '../http/services.js';

export interface ScreeningIndexAheadOptions {
  /** The node answering now (its state's screening lists are read, never changed except for the derived index). */
  readonly node: () => NodeHandle;
  /** Awaited between two slices of a build, so requests are served meanwhile (default: the next turn of the event loop). */
  readonly betweenSlices?: () => Promise<void>;
  readonly slices?: IndexSlices;
  /** A build ended: adopted (the index is in place before a payment needs it) or not (a payment needed it first, or the lists changed). */
  readonly onBuilt?: (report: { readonly adopted: boolean; readonly slices: number; readonly ms: number }) => void;
  readonly onError?: (error: unknown) => void;
}

/**
 * Builds the screening index of newly active lists ahead, in slices of tens of milliseconds with
 * a turn of the event loop between them, so the node keeps answering while 100,000 entries are
 * indexed, and the first payment after a list change finds the index ready instead of building
 * it inside the sequencer. The index is a pure function of the active lists (screening-state.ts):
 * building it here changes no decision, only when the work is done. A payment that arrives before
 * the build ends finishes it on the spot.
 */
export class ScreeningIndexAhead {
  private running: Promise<void> | null = null;
  private stopped = false;

  constructor(private readonly options: ScreeningIndexAheadOptions) {}

  /** Called after every committed or followed batch and at start: starts a build if the active lists need one and none runs. */
  kick(): void {
    if (this.stopped || this.running !== null) return;
    const screening = this.options.node().network.screening;
    const build = prepareScreeningIndex(screening, this.options.slices);
    if (build === null) return;
    this.running = this.run(screening, build)
      .catch((error: unknown) => this.options.onError?.(error))
      .finally(() => {
        this.running = null;
        this.kick();
      });
  }

  /** Whether a build is under way. */
  get building(): boolean {
    return this.running !== null;
  }

  /** Resolves once no build runs. */
  async idle(): Promise<void> {
    while (this.running !== null) await this.running;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.idle();
  }

  private async run(screening: ScreeningState, build: IndexBuild): Promise<void> {
    const started = performance.now();
    let slices = 1;
    while (!build.step()) {
      await (this.options.betweenSlices ?? nextTurn)();
      slices += 1;
      // Stopped, taken by a payment (finished there), or the lists changed: this build is no longer wanted.
      if (this.stopped) return;
      if (screening.index !== null || prepareScreeningIndex(screening, this.options.slices) !== build) {
        this.options.onBuilt?.({ adopted: false, slices, ms: performance.now() - started });
        return;
      }
    }
    const adopted = adoptScreeningIndex(screening, build);
    this.options.onBuilt?.({ adopted, slices, ms: performance.now() - started });
  }
}
