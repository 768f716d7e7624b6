/**
 * One server-sent events connection (text/event-stream), with a bounded send buffer: when the
 * client reads slower than events come, the socket's buffer passes `bufferedBytesMax`, events
 * are skipped, and once the buffer drains the client gets `resync` (refetch everything) instead
 * of what it missed. Memory per connection is therefore bounded whatever the traffic.
 */
import type { ServerResponse } from 'node:http';

export class EventStream {
  private lagging = false;
  private closed = false;
  private lastWriteMs = Date.now();
  /** Events skipped since the stream lagged. */
  skipped = 0;

  constructor(
    private readonly response: ServerResponse,
    private readonly bufferedBytesMax: number,
    private readonly onClose: (stream: EventStream) => void,
  ) {
    response.on('close', () => this.end());
    response.on('drain', () => {
      if (!this.lagging || this.closed) return;
      this.lagging = false;
      this.write('resync', { skipped: this.skipped });
      this.skipped = 0;
    });
  }

  get isClosed(): boolean {
    return this.closed;
  }

  get idleMs(): number {
    return Date.now() - this.lastWriteMs;
  }

  /** Sends one event unless the client is behind (then it is counted and skipped). */
  send(event: string, data: unknown): void {
    if (this.closed) return;
    if (this.lagging || this.response.writableLength > this.bufferedBytesMax) {
      this.lagging = true;
      this.skipped += 1;
      return;
    }
    this.write(event, data);
  }

  /** A comment line the client ignores: keeps proxies from timing the stream out. */
  heartbeat(data: unknown): void {
    if (this.closed || this.lagging) return;
    this.write('heartbeat', data);
  }

  end(): void {
    if (this.closed) return;
    this.closed = true;
    if (!this.response.writableEnded) this.response.end();
    this.onClose(this);
  }

  private write(event: string, data: unknown): void {
    this.lastWriteMs = Date.now();
    this.response.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  }
}
