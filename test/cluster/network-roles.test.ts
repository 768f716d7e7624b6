/**
 * Roles of a PostgreSQL network node, in process (startNode): the standby's follower holds the
 * same state as the leader (same state hash), long polls on a standby wake on the leader's
 * commits, writes are refused with not-leader when forwarding is off, and a clean close of the leader hands over at the
 * standby's next lease poll without restarting its HTTP server. The standby's operator dashboard
 * stream is live too, and restarts at the takeover (resync), announcing each payment once.
 */
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { pino } from 'pino';
import { JournalFollower } from '../../src/cluster/follower.js';
import { LedgerNode } from '../../src/sequencer/ledger-node.js';
import { startNode, type RunningNode } from '../../src/node/start-node.js';
import { dropSchema, postgresAvailable, testPostgresUrl, uniqueSchema } from '../../src/store/postgres/test-support.js';
import { call, expectProblem, fingerprint, onboardSmallNetwork, openStream, sendPayment, waitFor } from '../http/support.js';

const available = await postgresAvailable();
const running: RunningNode[] = [];
const schemas: string[] = [];
after(async () => {
  for (const node of running) await node.close().catch(() => undefined);
  for (const schema of schemas) await dropSchema(schema);
});

async function start(location: string, nodeId: string, operatorKey?: string): Promise<RunningNode> {
  const node = await startNode({
    // Refusing, not forwarding (test/cluster/forward-writes.test.ts covers forwarding).
    forwardWrites: false,
    db: location,
    port: 0,
    configCommands: [],
    logger: pino({ level: process.env.TEST_LOG ?? 'silent' }),
    webhooks: false,
    nodeId,
    ...(operatorKey === undefined ? {} : { operatorKey }),
  });
  running.push(node);
  return node;
}

if (!available) {
  describe('PostgreSQL network node roles', () => {
    it('SKIPPED: PostgreSQL is not reachable at ' + testPostgresUrl, { skip: true }, () => undefined);
  });
} else {
  describe('PostgreSQL network node roles', () => {
    it('a standby follows the leader’s state exactly, refuses writes, and takes over on a clean close without restarting its server', { timeout: 30_000 }, async () => {
      const schema = uniqueSchema('netroles');
      schemas.push(schema);
      const location = `${testPostgresUrl}?schema=${schema}`;
      const leader = await start(location, 'roles-a');
      assert.equal(leader.role, 'leader');
      assert.ok(leader.node instanceof LedgerNode);
      const net = await onboardSmallNetwork(leader);
      const standby = await start(location, 'roles-b', leader.operatorKey);
      assert.equal(standby.role, 'standby');
      assert.ok(standby.node instanceof JournalFollower);
      assert.deepEqual((await call(standby, 'GET', '/healthz')).body, { status: 'ok', role: 'standby', journalSeq: leader.node.headSeq });

      // The operator dashboard on the standby: its stream follows the journal too.
      const stream = await openStream(standby, leader.operatorKey);
      await waitFor('hello', () => stream.events.some((e) => e.name === 'hello'));
      const announced = (id: string) => stream.events.filter((e) => e.name === 'changes').flatMap((e) => e.data.payments!).filter((p) => p.uetr === id);

      // A long poll on the standby wakes when the leader commits a payment to HDFC.
      const inbox = await call<{ next: number }>(standby, 'GET', '/v1/inbox', { key: net.keys.HDFCINBB! });
      const polling = call<{ events: unknown[] }>(standby, 'GET', `/v1/inbox?after=${inbox.body.next}&waitMs=5000`, { key: net.keys.HDFCINBB! });
      const uetr = randomUUID();
      const started = performance.now();
      assert.equal((await sendPayment(leader, net.keys.SBININBB!, { uetr, endToEndId: 'ROLES-1', amount: { value: '10.00', currency: 'INR' }, creditorAgent: 'HDFCINBB' })).status, 201);
      const woken = await polling;
      assert.equal(woken.status, 200);
      assert.ok(woken.body.events.length >= 1, 'the long poll returned the new event');
      assert.ok(performance.now() - started < 1_000, 'within a poll or so');

      // The follower's replayed state is the leader's, byte for byte.
      await waitFor('the standby to catch up', () => standby.node.headSeq === leader.node.headSeq, 2_000);
      assert.equal(await fingerprint(standby), await fingerprint(leader));

      // Writes: 503 not-leader with where to go; nothing changes.
      const refused = await sendPayment(standby, net.keys.SBININBB!, { uetr: randomUUID(), endToEndId: 'ROLES-2', amount: { value: '1.00', currency: 'INR' }, creditorAgent: 'HDFCINBB' });
      expectProblem(refused, 503, 'not-leader');
      assert.equal(refused.headers.get('location'), `${leader.url}/v1/payments`);
      assert.equal(refused.headers.get('retry-after'), '1');
      await assert.rejects(standby.node.submit({ type: 'fund', direction: 'in', bic: 'SBININBB', currency: 'INR', amount: 1n, reference: 'x' }), { name: 'NotLeaderError' });

      // A clean close releases the lease: the standby takes over at its next poll, same server, same URL.
      const standbyUrl = standby.url;
      const closedAt = performance.now();
      await leader.close();
      await waitFor('the standby to lead', () => standby.role === 'leader', 5_000);
      const tookMs = Math.round(performance.now() - closedAt);
      process.stdout.write(`# clean handover: standby led ${tookMs} ms after the leader closed\n`);
      assert.ok(tookMs < 2_000, `handover after a clean close took ${tookMs} ms`);
      assert.ok(standby.node instanceof LedgerNode);
      assert.equal(standby.url, standbyUrl);
      assert.equal((await call<{ role: string }>(standby, 'GET', '/healthz')).body.role, 'leader');
      const paid = await sendPayment(standby, net.keys.SBININBB!, { uetr: randomUUID(), endToEndId: 'ROLES-3', amount: { value: '2.00', currency: 'INR' }, creditorAgent: 'HDFCINBB' });
      assert.equal(paid.status, 201, JSON.stringify(paid.body));
      const tracked = await call<{ status: string }>(standby, 'GET', `/v1/payments/${uetr}`, { key: net.keys.SBININBB! });
      assert.equal(tracked.body.status, 'settled');

      // The dashboard stream saw the first payment on the standby, was told to resync when the
      // node it reads changed, and announces each payment once: the new leader's, not the old again.
      const later = (paid.body as { uetr: string }).uetr;
      await waitFor('the new leader’s payment on the stream', () => announced(later).length > 0, 3_000);
      assert.deepEqual(announced(uetr).map((p) => p.status), ['settled'], 'the standby announced the leader’s payment once');
      assert.ok(stream.events.some((e) => e.name === 'resync' && e.data.restarted === true), 'resync at the takeover');
      assert.deepEqual(announced(later).map((p) => p.status), ['settled']);
      stream.close();
      await stream.ended;
    });
  });
}
