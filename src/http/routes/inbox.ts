import { Type } from '@sinclair/typebox';
import { ProblemError } from '../problems.js';
import type { RouteSpec } from '../route.js';
import { Cursor, InboxPage, Limit } from '../schemas.js';
import { inboxEventView } from '../views.js';
import { pageLimit } from './common.js';

const inboxPageDefault = 100;
const inboxPageMax = 1000;

const readInbox: RouteSpec = {
  method: 'GET',
  path: '/v1/inbox',
  operationId: 'readInbox',
  summary: 'Incoming payments and status changes, after a cursor',
  description:
    'Events are numbered 1, 2, 3… per participant without gaps and never change: read with after=<last seq seen> and nothing is lost or seen twice. With waitMs, an empty read waits up to that long for the next event (long polling).',
  tag: 'inbox',
  access: 'participant',
  query: Type.Object(
    { after: Type.Optional(Cursor), limit: Type.Optional(Limit), waitMs: Type.Optional(Type.String({ pattern: '^[0-9]{1,6}$' })) },
    { additionalProperties: false },
  ),
  responses: { 200: InboxPage },
  async handler({ principal, query, services }) {
    if (principal.kind !== 'participant') throw new ProblemError('forbidden', 'the inbox belongs to a participant');
    const after = query.after === undefined ? 0 : Number(query.after);
    const limit = pageLimit(query.limit, inboxPageDefault, inboxPageMax);
    const waitMs = Math.min(query.waitMs === undefined ? 0 : Number(query.waitMs), services.limits.inboxWaitMsMax);
    let deadline = Date.now() + waitMs;
    for (;;) {
      await services.node.readBarrier();
      const inbox = services.node.network.inboxes.get(principal.bic) ?? [];
      if (inbox.length > after || Date.now() >= deadline) {
        const events = inbox.slice(after, after + limit).map((event) => inboxEventView(services.node.network, event));
        return { status: 200, body: { events, next: events.length === 0 ? after : events.at(-1)!.seq } };
      }
      if (!(await services.waitForInbox(principal.bic, deadline - Date.now()))) deadline = 0;
    }
  },
};

export const inboxRoutes: readonly RouteSpec[] = [readInbox];
