import type pg from 'pg';

/** What the store, the lease and the fenced writes need of a connection. */
export interface Queryable {
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values?: unknown[]): Promise<pg.QueryResult<R>>;
}

/**
 * One query at a time on the connection, in the order they were issued. The sequencer
 * pipelines appends and the lease renews between them; pg queues overlapping queries itself
 * only with a deprecation warning (removed in pg 9), so the order is kept here instead.
 */
export function serialQueries(client: pg.Client): Queryable {
  let tail: Promise<unknown> = Promise.resolve();
  return {
    query<R extends pg.QueryResultRow>(text: string, values?: unknown[]): Promise<pg.QueryResult<R>> {
      const result = tail.then(() => client.query<R>(text, values));
      tail = result.catch(() => undefined);
      return result;
    },
  };
}
