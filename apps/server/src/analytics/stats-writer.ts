import { clickhouseTime, DAILY_STATS_TABLE, DailyStatsColumns, invalidReason, type DailyStatRow } from './daily-stats.js';
import { batchRows, type AnalyticsStore } from './store.js';

export interface StatsWriterOptions {
  /** A batch is sent once this many rows wait (default 50,000). */
  flushRows?: number;
  /** …or this long after the first row began waiting (default 2 s). */
  flushMs?: number;
  /** Beyond this many waiting rows (the store is down) write() refuses new rows (default max(1M, 10 batches)). */
  maxBufferedRows?: number;
  /** Backoff between retries of a failed batch: doubles from min to max (default 200 ms … 30 s). */
  retryMinMs?: number;
  retryMaxMs?: number;
  /** close() keeps retrying a failing store this long before giving up (default 10 s). */
  closeTimeoutMs?: number;
  table?: string;
  onFlush?: (info: { rows: number; ms: number }) => void;
  onError?: (err: Error, rowsWaiting: number) => void;
}

export interface StatsWriterStats {
  rowsWritten: number;
  rowsWaiting: number;
  flushes: number;
  failedFlushes: number;
  lastError?: string;
}

export class InvalidStatRowError extends Error {
  constructor(
    readonly index: number,
    readonly reason: string,
  ) {
    super(`row ${index}: ${reason}`);
  }
}

export class WriterUnavailableError extends Error {}

/**
 * Batches daily stats rows into large inserts, as ClickHouse wants them. Rows are sent when enough
 * wait or after a short time; one batch is in flight while the next fills, and a producer that
 * outruns the store waits. A failed batch goes back to the head of the queue and is retried with
 * backoff — accepted rows are never dropped; when too many wait, new rows are refused with an error
 * their producer can retry. `flush()` resolves once everything accepted so far is stored (or
 * rejects, rows kept); `close()` flushes for a graceful shutdown.
 */
export class StatsWriter {
  private buffer = DailyStatsColumns.empty();
  private inFlight: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  private failuresInRow = 0;
  private lastStamp = 0;
  private closed = false;
  private readonly counters: StatsWriterStats = { rowsWritten: 0, rowsWaiting: 0, flushes: 0, failedFlushes: 0 };
  private readonly flushRows: number;
  private readonly flushMs: number;
  private readonly maxBufferedRows: number;
  private readonly retryMinMs: number;
  private readonly retryMaxMs: number;
  private readonly closeTimeoutMs: number;
  private readonly table: string;

  constructor(
    private readonly store: AnalyticsStore,
    private readonly opts: StatsWriterOptions = {},
  ) {
    this.flushRows = opts.flushRows ?? 50_000;
    this.flushMs = opts.flushMs ?? 2_000;
    this.maxBufferedRows = opts.maxBufferedRows ?? Math.max(1_000_000, this.flushRows * 10);
    this.retryMinMs = opts.retryMinMs ?? 200;
    this.retryMaxMs = opts.retryMaxMs ?? 30_000;
    this.closeTimeoutMs = opts.closeTimeoutMs ?? 10_000;
    this.table = opts.table ?? DAILY_STATS_TABLE;
  }

  get stats(): StatsWriterStats {
    return { ...this.counters, rowsWaiting: this.buffer.rows };
  }

  /**
   * Accepts rows for writing. Rejects — accepting none of them — when a row is invalid
   * (InvalidStatRowError), when too many rows already wait for a failing store, or after close()
   * (WriterUnavailableError). Rows of one call share one ingested_at, later than any earlier call's.
   */
  async write(rows: readonly DailyStatRow[]): Promise<void> {
    if (this.closed) throw new WriterUnavailableError('the stats writer is closed');
    for (let i = 0; i < rows.length; i++) {
      const reason = invalidReason(rows[i]);
      if (reason) throw new InvalidStatRowError(i, reason);
    }
    if (this.buffer.rows + rows.length > this.maxBufferedRows) {
      throw new WriterUnavailableError(`${this.buffer.rows} rows already wait for the analytics store (${this.counters.lastError ?? 'busy'}); try again later`);
    }
    this.lastStamp = Math.max(Date.now(), this.lastStamp + 1);
    const stamp = clickhouseTime(new Date(this.lastStamp));
    this.buffer.append(rows, stamp);
    if (this.buffer.rows === 0) return;
    if (this.buffer.rows >= this.flushRows) {
      // One batch in flight and one filling: a producer faster than the store waits here.
      if (this.inFlight) await this.inFlight.catch(() => undefined);
      if (this.buffer.rows >= this.flushRows && !this.inFlight && !this.retryTimer) this.background();
    } else if (!this.timer && !this.retryTimer) {
      this.timer = setTimeout(() => {
        this.timer = null;
        if (!this.inFlight && !this.retryTimer) this.background();
      }, this.flushMs);
      this.timer.unref();
    }
  }

  /** Stores everything accepted so far; rejects with the store's error if a batch fails (the rows stay queued). */
  async flush(): Promise<void> {
    this.clearTimer();
    if (this.retryTimer) {
      clearTimeout(this.retryTimer);
      this.retryTimer = null;
    }
    while (this.inFlight || this.buffer.rows) {
      if (this.inFlight) await this.inFlight;
      else await this.sendBatch();
    }
  }

  /** Refuses new rows, then flushes, retrying a failing store for up to closeTimeoutMs. */
  async close(): Promise<void> {
    this.closed = true;
    const deadline = Date.now() + this.closeTimeoutMs;
    for (;;) {
      try {
        await this.flush();
        return;
      } catch (err) {
        if (Date.now() + this.backoff() > deadline) {
          throw new Error(`${this.buffer.rows} analytics rows could not be written before shutdown: ${(err as Error).message}`);
        }
        this.clearRetry();
        await new Promise((r) => setTimeout(r, this.backoff()));
      }
    }
  }

  private background(): void {
    this.clearTimer();
    void this.sendBatch()
      .then(() => {
        if (this.buffer.rows >= this.flushRows && !this.inFlight && !this.retryTimer) this.background();
        else if (this.buffer.rows && !this.timer && !this.inFlight && !this.retryTimer) {
          this.timer = setTimeout(() => {
            this.timer = null;
            if (!this.inFlight && !this.retryTimer) this.background();
          }, this.flushMs);
          this.timer.unref();
        }
      })
      .catch(() => undefined);
  }

  /** Sends the head of the queue as one insert; on failure puts it back in front and schedules a retry. */
  private sendBatch(): Promise<void> {
    const batch = this.buffer.takeHead(this.flushRows);
    const started = Date.now();
    const attempt = this.insert(batch)
      .then(() => {
        this.counters.rowsWritten += batch.rows;
        this.counters.flushes++;
        this.failuresInRow = 0;
        this.opts.onFlush?.({ rows: batch.rows, ms: Date.now() - started });
      })
      .catch((err: Error) => {
        this.buffer.putBack(batch);
        this.counters.failedFlushes++;
        this.counters.lastError = err.message;
        this.failuresInRow++;
        this.opts.onError?.(err, this.buffer.rows);
        if (!this.retryTimer && !this.closed) {
          this.retryTimer = setTimeout(() => {
            this.retryTimer = null;
            if (!this.inFlight) this.background();
          }, this.backoff());
          this.retryTimer.unref();
        }
        throw err;
      })
      .finally(() => {
        this.inFlight = null;
      });
    this.inFlight = attempt;
    return attempt;
  }

  private async insert(batch: DailyStatsColumns): Promise<void> {
    if (this.store.insertColumns) await this.store.insertColumns(this.table, batch);
    else await this.store.insert(this.table, batchRows(batch));
  }

  private backoff(): number {
    return Math.min(this.retryMaxMs, this.retryMinMs * 2 ** Math.max(0, this.failuresInRow - 1));
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private clearRetry(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }
}
