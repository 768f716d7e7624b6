import { assert } from '../../core/assert.js';
import { signatureHeaderName, signWebhook } from './signature.js';

export const deliveryIdHeaderName = 'Corridor-Delivery-Id';
export const webhookUserAgent = 'Corridor-Webhooks/1';

export interface WebhookPost {
  readonly bic: string;
  readonly url: string;
  readonly secret: string;
  /** Consecutive inbox events, at least one. */
  readonly events: readonly { seq: number }[];
  readonly timeoutMs: number;
  /** Aborts the request when the dispatcher stops for good. */
  readonly stopSignal: AbortSignal;
  readonly nowMs: () => number;
}

export type WebhookPostOutcome =
  | { readonly ok: true; readonly status: number }
  | { readonly ok: false; readonly status: number | null; readonly error: string };

/** Same events, same id: a receiver can deduplicate a retried batch by this header alone. */
export function deliveryId(bic: string, firstSeq: number, lastSeq: number): string {
  return `${bic}-${firstSeq}-${lastSeq}`;
}

/**
 * One signed POST of `{"events":[...]}`. Any 2xx is success; everything else, including a
 * redirect (a webhook that moved must be reconfigured, not followed: following could carry
 * the events to a host the participant never named), a network error or the timeout, is a
 * failure returned as a value.
 */
export async function postWebhookEvents(post: WebhookPost): Promise<WebhookPostOutcome> {
  const first = post.events[0];
  const last = post.events[post.events.length - 1];
  assert(first !== undefined && last !== undefined, 'a webhook post carries at least one event');
  const body = JSON.stringify({ events: post.events });
  const signal = AbortSignal.any([AbortSignal.timeout(post.timeoutMs), post.stopSignal]);
  try {
    const response = await fetch(post.url, {
      method: 'POST',
      body,
      redirect: 'manual',
      signal,
      headers: {
        'content-type': 'application/json',
        'user-agent': webhookUserAgent,
        [signatureHeaderName]: signWebhook(post.secret, body, Math.floor(post.nowMs() / 1000)),
        [deliveryIdHeaderName]: deliveryId(post.bic, first.seq, last.seq),
      },
    });
    // The answer's body means nothing to us; cancelling it frees the connection for reuse.
    await response.body?.cancel().catch(() => undefined);
    if (response.status >= 200 && response.status <= 299) return { ok: true, status: response.status };
    return { ok: false, status: response.status, error: `receiver answered ${response.status}` };
  } catch (error) {
    return { ok: false, status: null, error: describeFailure(error, post) };
  }
}

function describeFailure(error: unknown, post: WebhookPost): string {
  if (post.stopSignal.aborted) return 'dispatcher stopped';
  if (error instanceof Error) {
    if (error.name === 'TimeoutError') return `no answer within ${post.timeoutMs} ms`;
    // fetch reports network errors as "fetch failed" with the system error as the cause.
    const cause: unknown = error.cause;
    if (cause instanceof Error) {
      const code = (cause as NodeJS.ErrnoException).code;
      return `${error.message}: ${code ?? cause.message}`;
    }
    return error.message;
  }
  return String(error);
}
