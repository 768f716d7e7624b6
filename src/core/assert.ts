/**
 * Invariant checks kept on in production: a broken invariant means corrupted state,
 * and continuing would move money wrongly, so we stop loudly instead.
 */
export class InvariantError extends Error {
  override readonly name = 'InvariantError';
}

export function assert(condition: unknown, what: string): asserts condition {
  if (!condition) throw new InvariantError(`invariant broken: ${what}`);
}
