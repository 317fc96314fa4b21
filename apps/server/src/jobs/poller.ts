import type { Logger } from 'pino';

/**
 * Runs `pass` now and again after each pause until stopped; a pass that says more is waiting
 * (`again`) is followed at once. A failed pass is logged and retried after the pause. `stop`
 * waits for the pass in progress, so shutdown never cuts one in half.
 */
export class Poller {
  private timer?: ReturnType<typeof setTimeout>;
  private running?: Promise<unknown>;
  private stopped = false;

  constructor(
    private readonly pass: () => Promise<number>,
    private readonly opts: { everyMs: number; logger: Logger; what: string; again?: (done: number) => boolean },
  ) {}

  start(): void {
    const loop = async () => {
      if (this.stopped) return;
      let done = 0;
      this.running = this.pass().then(
        (n) => { done = n; },
        (err: Error) => this.opts.logger.warn({ err: err.message }, `${this.opts.what} failed; will try again`),
      );
      await this.running;
      if (!this.stopped) this.timer = setTimeout(() => void loop(), this.opts.again?.(done) ? 0 : this.opts.everyMs);
    };
    void loop();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }
}
