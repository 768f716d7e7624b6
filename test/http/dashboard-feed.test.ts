/**
 * The dashboard feed when the node answering changes (a cluster node's change of role): the
 * feed restarts on the new node's state and streams get `resync`, so across the change no status
 * change is announced twice and none is lost (it is announced, or in the state the page refetches).
 * Real network states (the core's test nodes) stand for the nodes: one that leads, a follower that
 * lags behind it, one ahead; the stream is a real Writable.
 */
import { afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import type { ServerResponse } from 'node:http';
import { DashboardFeed } from '../../src/http/dashboard/feed.js';
import { dashboardLimitsDefault } from '../../src/http/dashboard/limits.js';
import type { NodeHandle } from '../../src/http/services.js';
import type { NodeCommand } from '../../src/core/network/apply.js';
import { bank, fundIn, payment, standardNode, type TestNode } from '../../src/core/network/test-support/commands.js';
import { waitFor } from './support.js';

const { A, B } = bank;

/** A node of the cluster: a state that applies the shared journal's commands, one batch each, up to some point. */
class JournalNode {
  readonly test: TestNode = standardNode();
  applied = 0;
  readonly handle: NodeHandle;

  constructor(private readonly journal: readonly NodeCommand[]) {
    const test = this.test;
    const headSeq = () => this.applied;
    this.handle = {
      network: test.state.network,
      state: test.state.ledger,
      get headSeq() {
        return headSeq();
      },
      // Every state here is durable: nothing to wait for.
      readBarrier: () => Promise.resolve(),
    } as unknown as NodeHandle;
  }

  /** Applies the journal up to `count` entries. */
  upTo(count: number): this {
    for (; this.applied < count; this.applied += 1) this.test.apply([this.journal[this.applied]!]);
    return this;
  }
}

interface Sent {
  readonly name: string;
  readonly data: { payments?: { uetr: string; status: string }[]; restarted?: boolean };
}

/** A stream's response: a real Writable that reads everything, recording the events. */
function recordingResponse(): { response: ServerResponse; events: Sent[] } {
  const events: Sent[] = [];
  const writable = new Writable({
    write(chunk: Buffer, _encoding, done) {
      const text = chunk.toString();
      const name = /^event: (.*)$/m.exec(text)?.[1];
      const data = /^data: (.*)$/m.exec(text)?.[1];
      if (name !== undefined && data !== undefined) events.push({ name, data: JSON.parse(data) as Sent['data'] });
      done();
    },
  });
  Object.assign(writable, { writeHead: () => writable });
  return { response: writable as unknown as ServerResponse, events };
}

/** Payments A → B, each its own journal entry after the funding. */
function journalOf(payments: number): NodeCommand[] {
  const commands: NodeCommand[] = [fundIn(A, 'EUR', 1_000_000n, 'F-A')];
  for (let i = 0; i < payments; i += 1) commands.push(payment({ seed: `feed-${i}`, from: A, to: B, amount: 10n }));
  return commands;
}

const uetrOf = (c: NodeCommand) => (c as { uetr: string }).uetr;

function announced(events: readonly Sent[]): string[] {
  return events.filter((e) => e.name === 'changes').flatMap((e) => e.data.payments!.map((p) => `${p.uetr} ${p.status}`));
}

describe('dashboard feed across a change of the node answering', () => {
  const limits = { ...dashboardLimitsDefault, coalesceMs: 1 };
  const feeds: DashboardFeed[] = [];
  /** A feed closed after its test, pass or fail (its heartbeat timer would keep the process alive). */
  const feedOf = (node: () => NodeHandle) => {
    const feed = new DashboardFeed(node, limits);
    feeds.push(feed);
    return feed;
  };
  afterEach(() => {
    for (const feed of feeds.splice(0)) feed.close();
  });

  it('a follower that lags: resync, nothing announced twice while it catches up, then live again', async () => {
    const journal = journalOf(10);
    const leader = new JournalNode(journal).upTo(6);
    let answering = leader.handle;
    const feed = feedOf(() => answering);
    const { response, events } = recordingResponse();
    feed.open(response);
    leader.upTo(8);
    feed.onBatch();
    await waitFor('the leader’s payments announced', () => announced(events).length === 2);
    assert.deepEqual(announced(events), journal.slice(6, 8).map((c) => `${uetrOf(c)} settled`));

    // The leader steps down; a fresh follower, four entries behind, answers now.
    const follower = new JournalNode(journal).upTo(4);
    answering = follower.handle;
    await feed.restart();
    assert.deepEqual(events.filter((e) => e.name === 'resync').map((e) => e.data.restarted), [true]);
    assert.deepEqual(feed.recent.newest(3), journal.slice(5, 8).reverse().map(uetrOf), 'the recent list keeps what was listed while the follower lags');

    follower.upTo(8);
    feed.onBatch();
    follower.upTo(10);
    feed.onBatch();
    await waitFor('the new payments announced', () => announced(events).length === 4);
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.deepEqual(announced(events), journal.slice(6, 10).map((c) => `${uetrOf(c)} settled`), 'each status change once: the catch-up is not announced again');
    assert.deepEqual(feed.recent.newest(2), journal.slice(8, 10).reverse().map(uetrOf));
  });

  it('a node ahead (a standby that read further, now leading): resync, its state seeds the list, and only what follows is announced', async () => {
    const journal = journalOf(10);
    const old = new JournalNode(journal).upTo(4);
    let answering = old.handle;
    const feed = feedOf(() => answering);
    const { response, events } = recordingResponse();
    feed.open(response);
    const ahead = new JournalNode(journal).upTo(8);
    answering = ahead.handle;
    // No explicit restart: the next flush finds another node answering and restarts by itself.
    feed.onBatch();
    await waitFor('resync', () => events.some((e) => e.name === 'resync'));
    assert.deepEqual(announced(events), [], 'no difference computed across two states');
    assert.equal(feed.recent.newest(1)[0], uetrOf(journal[7]!), 'the list is the new state’s (the page refetches it)');
    ahead.upTo(10);
    feed.onBatch();
    await waitFor('the next payments announced', () => announced(events).length === 2);
    assert.deepEqual(announced(events), journal.slice(8, 10).map((c) => `${uetrOf(c)} settled`));
  });
});
