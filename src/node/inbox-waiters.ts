/** Long-polling inbox readers, woken when a batch commits (they re-read and may wait again). */
export class InboxWaiters {
  private readonly waiting = new Set<() => void>();
  private closed = false;

  /** Resolves true when woken or timed out, false once the node is closing (answer now). */
  wait(_bic: string, timeoutMs: number): Promise<boolean> {
    if (this.closed) return Promise.resolve(false);
    return new Promise<boolean>((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.waiting.delete(done);
        resolve(!this.closed);
      };
      const timer = setTimeout(done, Math.max(0, timeoutMs));
      timer.unref();
      this.waiting.add(done);
    });
  }

  /** Wakes every reader for good: the node is closing, long polls answer with what they have. */
  close(): void {
    this.closed = true;
    this.wakeAll();
  }

  wakeAll(): void {
    if (this.waiting.size === 0) return;
    for (const done of [...this.waiting]) done();
  }
}
