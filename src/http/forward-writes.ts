import http from 'node:http';
import https from 'node:https';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ProblemError } from './problems.js';

export interface ForwardLimits {
  /** Longest a forwarded write waits for the leader's answer (its status line and headers, then its body). */
  readonly timeoutMs: number;
  /** Writes forwarded at once by this node; one more is refused 503 at once. */
  readonly inFlightMax: number;
  /** Largest answer taken from the leader (its answers are bounded by its own limits far below this). */
  readonly answerBytesMax: number;
}

export const forwardLimitsDefault: ForwardLimits = { timeoutMs: 10_000, inFlightMax: 256, answerBytesMax: 16 * 1024 * 1024 };

/**
 * Set on a forwarded write (the forwarding node's id). A node that is not the leader either
 * refuses such a write with 503 not-leader instead of forwarding it again, so two standbys that
 * both believe the other leads can never bounce a request between them.
 */
export const forwardedByHeader = 'corridor-forwarded-by';

/** Connection-level headers (RFC 9110 §7.6.1): they describe one hop and are never passed on. */
const hopByHop = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'te', 'trailer', 'upgrade', 'proxy-authenticate', 'proxy-authorization', 'host', 'content-length']);

/** The leader did not answer within timeoutMs: whether it applied the write is unknown. */
class ForwardTimeoutError extends Error {
  override readonly name = 'ForwardTimeoutError';
}

/**
 * A standby's answer to a write: it sends the request as it came (method, path and query, body,
 * `Authorization`, `Idempotency-Key` and every other end-to-end header) to the leader's
 * advertised URL and returns the leader's answer verbatim (status, headers, body), adding only
 * `Via`. The leader judges the key and the body and applies the write; the standby applies
 * nothing. Bounded: the body by the route's own limit, the wait by `timeoutMs`, the number of
 * forwards by `inFlightMax`.
 */
export class WriteForwarder {
  private inFlight = 0;
  private readonly httpAgent: http.Agent;
  private readonly httpsAgent: https.Agent;
  private readonly via: string;

  constructor(
    private readonly nodeId: string,
    private readonly limits: ForwardLimits = forwardLimitsDefault,
  ) {
    if (!(limits.timeoutMs > 0 && limits.inFlightMax > 0 && limits.answerBytesMax > 0)) throw new Error('forwarding limits must be positive');
    // Kept-alive connections to the leader: a forward costs no handshake under load.
    this.httpAgent = new http.Agent({ keepAlive: true, maxSockets: limits.inFlightMax });
    this.httpsAgent = new https.Agent({ keepAlive: true, maxSockets: limits.inFlightMax });
    this.via = `1.1 corridor-${nodeId}`;
  }

  /** Writes being forwarded now. */
  get inFlightCount(): number {
    return this.inFlight;
  }

  /**
   * Forwards the request to `leaderUrl` and sends the leader's answer on `reply`. Rejects with a
   * ProblemError (nothing sent yet) when it cannot: too many forwards, a body over
   * `bodyBytesMax`, the leader unreachable (503) or too slow (504).
   */
  async forward(request: FastifyRequest, reply: FastifyReply, leaderUrl: string, bodyBytesMax: number): Promise<void> {
    if (this.inFlight >= this.limits.inFlightMax) {
      throw new ProblemError('unavailable', `this standby is forwarding ${this.limits.inFlightMax} writes to the leader already; retry, or send writes to the leader at ${leaderUrl}`);
    }
    this.inFlight += 1;
    try {
      const body = await readBody(request, bodyBytesMax);
      await this.send(request, reply, leaderUrl, body);
    } finally {
      this.inFlight -= 1;
    }
  }

  /** Closes the idle connections to the leader. */
  close(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }

  private send(request: FastifyRequest, reply: FastifyReply, leaderUrl: string, body: Buffer): Promise<void> {
    const target = new URL(leaderUrl.replace(/\/$/, '') + request.url);
    const headers: http.OutgoingHttpHeaders = {};
    for (const [name, value] of Object.entries(request.headers)) if (value !== undefined && !hopByHop.has(name)) headers[name] = value;
    headers['content-length'] = String(body.length);
    headers[forwardedByHeader] = this.nodeId;
    headers.via = appendHeader(request.headers.via, this.via);
    headers['x-forwarded-for'] = appendHeader(request.headers['x-forwarded-for'], request.ip);
    const transport = target.protocol === 'https:' ? https : http;
    return new Promise<void>((resolve, reject) => {
      let answered = false;
      const outgoing = transport.request(target, { method: request.method, headers, agent: target.protocol === 'https:' ? this.httpsAgent : this.httpAgent });
      const timer = setTimeout(() => outgoing.destroy(new ForwardTimeoutError(`no answer within ${this.limits.timeoutMs} ms`)), this.limits.timeoutMs);
      const fail = (error: Error): void => {
        clearTimeout(timer);
        if (answered) return reject(error);
        answered = true;
        reject(forwardProblem(error, leaderUrl, this.limits.timeoutMs));
      };
      outgoing.on('error', fail);
      outgoing.on('response', (answer) => {
        const chunks: Buffer[] = [];
        let length = 0;
        answer.on('data', (chunk: Buffer) => {
          length += chunk.length;
          if (length > this.limits.answerBytesMax) outgoing.destroy(new Error(`answer larger than ${this.limits.answerBytesMax} bytes`));
          else chunks.push(chunk);
        });
        answer.on('error', fail);
        answer.on('close', () => {
          if (!answered) fail(new Error('the answer was cut short'));
        });
        answer.on('end', () => {
          clearTimeout(timer);
          if (answered) return;
          answered = true;
          const payload = Buffer.concat(chunks);
          for (const [name, value] of Object.entries(answer.headers)) if (value !== undefined && !hopByHop.has(name)) void reply.header(name, value);
          void reply.header('via', appendHeader(answer.headers.via, this.via));
          void reply.code(answer.statusCode ?? 502).send(payload);
          resolve();
        });
      });
      outgoing.end(body);
    });
  }
}

/** Reads the request body, refusing it (413, nothing forwarded) beyond `bytesMax`. */
async function readBody(request: FastifyRequest, bytesMax: number): Promise<Buffer> {
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > bytesMax) throw new ProblemError('body-too-large', `at most ${bytesMax} bytes`);
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of request.raw as AsyncIterable<Buffer>) {
    length += chunk.length;
    if (length > bytesMax) throw new ProblemError('body-too-large', `at most ${bytesMax} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, length);
}

function appendHeader(existing: string | string[] | undefined, value: string): string {
  const before = Array.isArray(existing) ? existing.join(', ') : existing;
  return before === undefined || before === '' ? value : `${before}, ${value}`;
}

/** What the client is told when the leader did not answer. The same Idempotency-Key makes a retry safe either way. */
function forwardProblem(error: Error, leaderUrl: string, timeoutMs: number): ProblemError {
  if (error instanceof ForwardTimeoutError) {
    return new ProblemError('leader-timeout', `the leader at ${leaderUrl} did not answer within ${timeoutMs} ms; it may or may not have applied the request: retry it with the same Idempotency-Key`);
  }
  const code = (error as NodeJS.ErrnoException).code ?? error.message;
  const refused = code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EHOSTUNREACH' || code === 'ENETUNREACH';
  return new ProblemError(
    'leader-unreachable',
    refused
      ? `could not reach the leader, ${leaderUrl}: ${code}; nothing was applied: retry shortly`
      : `the connection to the leader at ${leaderUrl} failed (${code}); it may or may not have applied the request: retry it with the same Idempotency-Key`,
  );
}
