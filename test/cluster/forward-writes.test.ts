/**
 * Writes sent to a standby of a PostgreSQL cluster are forwarded to the leader (two real nodes
 * in process, real HTTP servers, one schema): the answer is the leader's, verbatim; the key,
 * the body and the Idempotency-Key reach the leader unchanged; the standby applies nothing
 * itself. Bounded: the body by the route's limit, the wait by a timeout, forwards in flight by a
 * count; a leader that cannot be reached, or a write forwarded once already, gets a clear 503.
 */
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { forwardedByHeader } from '../../src/http/forward-writes.js';
import { startNode, type RunningNode, type StartNodeOptions } from '../../src/node/start-node.js';
import { dropSchema, postgresAvailable, testPostgresUrl, uniqueSchema } from '../../src/store/postgres/test-support.js';
import { call, expectProblem, fingerprint, onboardSmallNetwork, sendPayment, waitFor } from '../http/support.js';
import { withPg } from './cluster-support.js';

const available = await postgresAvailable();
const running: RunningNode[] = [];
const servers: http.Server[] = [];
const schemas: string[] = [];
after(async () => {
  for (const node of running) await node.close().catch(() => undefined);
  for (const server of servers) server.closeAllConnections();
  for (const server of servers) await new Promise((resolve) => server.close(resolve));
  for (const schema of schemas) await dropSchema(schema);
});

async function start(location: string, nodeId: string, extra: Partial<StartNodeOptions> = {}): Promise<RunningNode> {
  const node = await startNode({ db: location, port: 0, configCommands: [], logger: pino({ level: process.env.TEST_LOG ?? 'silent' }), webhooks: false, nodeId, ...extra });
  running.push(node);
  return node;
}

function freshLocation(): { location: string; schema: string } {
  const schema = uniqueSchema('fwd');
  schemas.push(schema);
  return { location: `${testPostgresUrl}?schema=${schema}`, schema };
}

/** Makes standbys believe the leader is at `url` (the real leader keeps its epoch and renews unaware). */
async function advertiseLeaderAt(schema: string, url: string): Promise<void> {
  await withPg((client) => client.query(`UPDATE ${schema}.sequencer_lease SET holder = $1 WHERE id = 1`, [`elsewhere ${url}`]));
}

/** An HTTP server that reads requests and never answers them. */
async function silentServer(): Promise<string> {
  const server = http.createServer((request) => request.resume());
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** A URL on which nothing listens. */
async function closedUrl(): Promise<string> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}`;
}

const payment = (uetr: string, value = '10.00') => ({ uetr, endToEndId: `FWD-${uetr.slice(0, 8)}`, amount: { value, currency: 'INR' }, creditorAgent: 'HDFCINBB' });

if (!available) {
  describe('PostgreSQL cluster: writes forwarded to the leader', () => {
    it('SKIPPED: PostgreSQL is not reachable at ' + testPostgresUrl, { skip: true }, () => undefined);
  });
} else {
  describe('PostgreSQL cluster: writes forwarded to the leader', () => {
    it('a standby forwards a write with its key and Idempotency-Key and answers with the leader’s answer', { timeout: 30_000 }, async () => {
      const { location } = freshLocation();
      const leader = await start(location, 'fwd-a');
      const net = await onboardSmallNetwork(leader);
      const standby = await start(location, 'fwd-b', { operatorKey: leader.operatorKey });
      assert.equal(standby.role, 'standby');
      await waitFor('the standby to know the leader', () => standby.cluster!.status().leaderUrl === leader.url, 10_000);

      // A payment sent to the standby is made by the leader, once, and answered as the leader answers.
      const uetr = randomUUID();
      const key = `fwd-${uetr}`;
      const viaStandby = await sendPayment(standby, net.keys.SBININBB!, payment(uetr), key);
      assert.equal(viaStandby.status, 201, JSON.stringify(viaStandby.body));
      assert.equal((viaStandby.body as { uetr: string }).uetr, uetr);
      assert.match(viaStandby.headers.get('via') ?? '', /corridor-fwd-b/);
      assert.equal((await call(leader, 'GET', `/v1/payments/${uetr}`, { key: net.keys.SBININBB! })).status, 200, 'the leader made it');
      // The same key again, on the leader and on the standby: the leader's first answer, nothing new.
      const before = await fingerprint(leader);
      const againOnLeader = await sendPayment(leader, net.keys.SBININBB!, payment(uetr), key);
      const againOnStandby = await sendPayment(standby, net.keys.SBININBB!, payment(uetr), key);
      assert.equal(againOnLeader.status, 200, 'a replay');
      assert.equal(againOnStandby.status, againOnLeader.status);
      assert.deepEqual(againOnStandby.body, againOnLeader.body);
      assert.deepEqual(againOnStandby.body, viaStandby.body);
      assert.equal(await fingerprint(leader), before, 'a replayed key changes nothing');
      // The same key with another body: the leader's refusal, verbatim.
      const reused = await sendPayment(standby, net.keys.SBININBB!, payment(uetr, '11.00'), key);
      expectProblem(reused, 409, 'idempotency-key-reused');

      // The leader judges the key: none, or a wrong one, gets the leader's 401.
      expectProblem(await call(standby, 'POST', '/v1/payments', { body: payment(randomUUID()), headers: { 'idempotency-key': randomUUID() } }), 401, 'unauthorized');
      expectProblem(await sendPayment(standby, `${net.keys.SBININBB!.split('.')[0]}.wrong`, payment(randomUUID())), 401, 'unauthorized');
      // ...and the body: a schema error is the leader's 400, with its errors list.
      const invalid = await sendPayment(standby, net.keys.SBININBB!, { ...payment(randomUUID()), amount: { value: 'ten', currency: 'INR' } });
      const onLeader = await sendPayment(leader, net.keys.SBININBB!, { ...payment(randomUUID()), amount: { value: 'ten', currency: 'INR' } });
      assert.equal(invalid.status, onLeader.status);
      assert.equal((invalid.body as { type: string }).type, (onLeader.body as { type: string }).type);

      // An operator write, forwarded too.
      const funded = await call(standby, 'POST', '/v1/funding', { key: net.operatorKey, body: { direction: 'in', participant: 'HDFCINBB', amount: { value: '5.00', currency: 'INR' }, reference: 'via-standby' } });
      assert.equal(funded.status, 201, JSON.stringify(funded.body));

      // The standby follows what it forwarded: its state becomes the leader's.
      await waitFor('the standby to catch up', () => standby.node.headSeq === leader.node.headSeq, 10_000);
      assert.equal(await fingerprint(standby), await fingerprint(leader));
    });

    it('refuses what it must not forward: a body over the limit (413), a write forwarded once already (503 not-leader), and forwarding when it is off', { timeout: 30_000 }, async () => {
      const { location } = freshLocation();
      const leader = await start(location, 'fwd-c');
      const net = await onboardSmallNetwork(leader);
      const standby = await start(location, 'fwd-d', { operatorKey: leader.operatorKey, limits: { bodyBytesMax: 2_048 } });
      const refusing = await start(location, 'fwd-e', { operatorKey: leader.operatorKey, forwardWrites: false });
      await waitFor('the standbys to know the leader', () => standby.cluster!.status().leaderUrl === leader.url && refusing.cluster!.status().leaderUrl === leader.url, 10_000);
      const before = await fingerprint(leader);

      const big = { ...payment(randomUUID()), remittanceInformation: 'x'.repeat(4_096) };
      expectProblem(await sendPayment(standby, net.keys.SBININBB!, big), 413, 'body-too-large');

      const looped = await call(standby, 'POST', '/v1/payments', { key: net.keys.SBININBB!, body: payment(randomUUID()), headers: { 'idempotency-key': randomUUID(), [forwardedByHeader]: 'another-standby' } });
      expectProblem(looped, 503, 'not-leader');
      assert.equal(looped.headers.get('location'), `${leader.url}/v1/payments`);

      const refused = await sendPayment(refusing, net.keys.SBININBB!, payment(randomUUID()));
      expectProblem(refused, 503, 'not-leader');
      assert.equal(refused.headers.get('location'), `${leader.url}/v1/payments`);
      assert.equal(refused.headers.get('retry-after'), '1');

      assert.equal(await fingerprint(leader), before, 'nothing was applied');
    });

    it('answers 503 leader-unreachable, 504 leader-timeout and 503 when too many writes are in flight, applying nothing', { timeout: 30_000 }, async () => {
      const { location, schema } = freshLocation();
      const leader = await start(location, 'fwd-f');
      const net = await onboardSmallNetwork(leader);
      const standby = await start(location, 'fwd-g', { operatorKey: leader.operatorKey, forwardWrites: { timeoutMs: 3_000, inFlightMax: 2 } });
      const before = await fingerprint(leader);

      const nowhere = await closedUrl();
      await advertiseLeaderAt(schema, nowhere);
      await waitFor('the standby to read the new holder', () => standby.cluster!.status().leaderUrl === nowhere, 10_000);
      const unreachable = await sendPayment(standby, net.keys.SBININBB!, payment(randomUUID()));
      const problem = expectProblem(unreachable, 503, 'leader-unreachable');
      assert.match(problem.detail, /ECONNREFUSED/);
      assert.equal(unreachable.headers.get('retry-after'), '1');

      const silent = await silentServer();
      await advertiseLeaderAt(schema, silent);
      await waitFor('the standby to read the new holder', () => standby.cluster!.status().leaderUrl === silent, 10_000);
      const answers = await Promise.all([0, 1, 2].map(async (i) => {
        // The third starts while the first two wait for the silent "leader".
        if (i === 2) await waitFor('two forwards in flight', () => standby.forwarder?.inFlightCount === 2, 10_000, 5);
        return sendPayment(standby, net.keys.SBININBB!, payment(randomUUID()));
      }));
      expectProblem(answers[0]!, 504, 'leader-timeout');
      expectProblem(answers[1]!, 504, 'leader-timeout');
      const busy = expectProblem(answers[2]!, 503, 'unavailable');
      assert.match(busy.detail, /forwarding 2 writes/);
      assert.equal(await fingerprint(leader), before, 'nothing was applied');
    });
  });
}
