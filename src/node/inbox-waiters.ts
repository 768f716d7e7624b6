/** Long-polling inbox readers, woken when a batch commits (they re-read and may wait again). */
export class InboxWaiters {
  private readonly waiting = new Set<() => void>();

  wait(_bic: string, timeoutMs: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.waiting.delete(done);
        resolve();
      };
      const timer = setTimeout(done, Math.max(0, timeoutMs));
      timer.unref();
      this.waiting.add(done);
    });
  }

  wakeAll(): void {
    if (this.waiting.size === 0) return;
    for (const done of [...this.waiting]) done();
  }
}
