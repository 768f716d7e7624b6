import type { FastifyInstance, FastifyReply, FastifyRequest, preParsingHookHandler, RouteOptions } from 'fastify';
import { ProblemError } from './problems.js';

/**
 * Requests per key in fixed windows: a key's window opens with its first request and lasts
 * `timeWindowMs`; beyond `max` in one window the request is refused with 429 rate-limited and
 * Retry-After. The rule, the headers and the per-route `config.rateLimit` (false: not limited;
 * { max, timeWindow }: a rule of its own) are those of @fastify/rate-limit's local store, which
 * this replaces: its hook is asynchronous (several promises and microtask turns a request,
 * about 5 % of the main thread per payment under load); this one is a synchronous map lookup.
 */
export interface RateLimitRule {
  readonly max: number;
  readonly timeWindowMs: number;
}

interface Window {
  count: number;
  startedMs: number;
}

/** Keys remembered at once (per rule), like the plugin's LRU of 5,000: a flood of keys cannot grow memory without bound. */
export const rateLimitKeysMax = 5000;

export class FixedWindows {
  private readonly windows = new Map<string, Window>();

  constructor(readonly rule: RateLimitRule) {}

  /** Counts one request of `key` at `nowMs`: its number in the window, and the ms until the window ends. */
  take(key: string, nowMs: number): { count: number; resetMs: number } {
    let window = this.windows.get(key);
    if (window === undefined || window.startedMs + this.rule.timeWindowMs <= nowMs) {
      if (window === undefined && this.windows.size >= rateLimitKeysMax) this.forgetExpired(nowMs);
      window = { count: 0, startedMs: nowMs };
      this.windows.set(key, window);
    }
    window.count += 1;
    return { count: window.count, resetMs: window.startedMs + this.rule.timeWindowMs - nowMs };
  }

  /** Drops the windows that ended; when all are live, the oldest-opened (a key forgotten starts afresh). */
  private forgetExpired(nowMs: number): void {
    for (const [key, window] of this.windows) if (window.startedMs + this.rule.timeWindowMs <= nowMs) this.windows.delete(key);
    if (this.windows.size < rateLimitKeysMax) return;
    const oldest = this.windows.keys().next();
    if (oldest.done !== true) this.windows.delete(oldest.value);
  }
}

/**
 * Limits every route registered from now on, at preParsing (after the onRequest hooks that
 * establish who is calling, so `keyOf` can count per API key).
 */
export function registerRateLimit(app: FastifyInstance, rule: RateLimitRule, keyOf: (request: FastifyRequest) => string): void {
  const shared = new FixedWindows(rule);
  app.addHook('onRoute', (routeOptions: RouteOptions) => {
    const config: { rateLimit?: false | { max: number; timeWindow: number } } | undefined = routeOptions.config;
    const own = config?.rateLimit;
    if (own === false) return;
    const windows = own === undefined ? shared : new FixedWindows({ max: own.max, timeWindowMs: own.timeWindow });
    const hook: preParsingHookHandler = (request: FastifyRequest, reply: FastifyReply, payload, done): void => {
      const { count, resetMs } = windows.take(keyOf(request), Date.now());
      const max = windows.rule.max;
      const resetSeconds = Math.ceil(resetMs / 1000);
      void reply.header('x-ratelimit-limit', max);
      void reply.header('x-ratelimit-remaining', Math.max(0, max - count));
      void reply.header('x-ratelimit-reset', resetSeconds);
      if (count <= max) return done(null, payload);
      void reply.header('retry-after', resetSeconds);
      done(new ProblemError('rate-limited', `at most ${max} requests per second per key; retry after ${resetSeconds} second${resetSeconds === 1 ? '' : 's'}`));
    };
    const existing = routeOptions.preParsing;
    routeOptions.preParsing = existing === undefined ? [hook] : Array.isArray(existing) ? [...existing, hook] : [existing, hook];
  });
}
