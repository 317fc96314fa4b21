/**
 * What the four connectors share: per-account request budgets, retries with exponential backoff
 * and jitter, exact money parsing, date arithmetic and the trailing re-read window.
 */
import { ConnectorError } from './errors.js';
import type { DateRange, Platform } from './types.js';

// ---- settings ---------------------------------------------------------------------------------

/** At most `limit` requests per account in any window of `windowMs`. */
export interface RateLimitSettings {
  limit: number;
  windowMs: number;
}

export interface RetrySettings {
  /** Tries of one request in all (the first included). */
  attempts: number;
  /** First backoff delay; doubles on every further try, with jitter. */
  baseDelayMs: number;
  /** Ceiling of one backoff delay. */
  maxDelayMs: number;
  /**
   * The longest wait the platform may ask for (Meta's estimated_time_to_regain_access, Yandex
   * retryIn) that is slept in-process; a longer one ends the fetch with a transient error
   * carrying `retryAfterMs`, so the job is rescheduled instead of holding a worker.
   */
  maxServerWaitMs: number;
}

export interface CommonSettings {
  /** API origin, e.g. https://googleads.googleapis.com or a simulator's URL. */
  baseUrl: string;
  /** Per-account request budget; `false` turns it off. */
  rateLimit: RateLimitSettings | false;
  retry: RetrySettings;
  /** Timeout of one HTTP request. */
  timeoutMs: number;
  /** How waits are slept (tests pass a fast one); default real timers. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export const DEFAULT_RETRY: RetrySettings = { attempts: 6, baseDelayMs: 1_000, maxDelayMs: 60_000, maxServerWaitMs: 5 * 60_000 };

// ---- waiting ----------------------------------------------------------------------------------

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (ms <= 0 && !signal?.aborted) return Promise.resolve();
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(signal!.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * A token bucket of `limit` tokens per account where a spent token comes back `windowMs` after
 * its request *finished*. The server saw the request arrive before it finished, so no window of
 * `windowMs` on the server's clock ever holds more than `limit` of our requests — the guarantee a
 * plain refill-rate bucket (which allows a burst plus the refill) does not give.
 */
export class AccountBucket {
  private readonly returns: number[] = [];
  private inFlight = 0;
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly limit: RateLimitSettings) {}

  /** Waits for a token; call the returned function when the request has finished. */
  async acquire(signal?: AbortSignal): Promise<() => void> {
    const turn = this.queue.then(() => this.waitForToken(signal));
    this.queue = turn.catch(() => undefined);
    await turn;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.inFlight -= 1;
      this.returns.push(Date.now() + this.limit.windowMs);
    };
  }

  private async waitForToken(signal?: AbortSignal): Promise<void> {
    for (;;) {
      const now = Date.now();
      while (this.returns.length && this.returns[0] <= now) this.returns.shift();
      if (this.inFlight + this.returns.length < this.limit.limit) {
        this.inFlight += 1;
        return;
      }
      const wait = this.returns.length ? this.returns[0] - now : 5;
      await sleep(Math.max(1, wait), signal);
    }
  }
}

export class Buckets {
  private readonly map = new Map<string, AccountBucket>();
  constructor(private readonly limit: RateLimitSettings | false) {}

  async acquire(account: string, signal?: AbortSignal): Promise<() => void> {
    if (!this.limit) return () => undefined;
    let b = this.map.get(account);
    if (!b) this.map.set(account, (b = new AccountBucket(this.limit)));
    return b.acquire(signal);
  }
}

// ---- retries ----------------------------------------------------------------------------------

/** Exponential backoff with "equal jitter": half the step fixed, half random. */
export function backoffDelay(attempt: number, retry: RetrySettings, random = Math.random): number {
  const step = Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(step / 2 + random() * (step / 2));
}

/**
 * Runs `fn` until it succeeds, a permanent error is thrown, or the tries run out. A transient
 * ConnectorError is retried after the platform's own wait when it gave one, else after the
 * backoff; a non-ConnectorError is a bug and is thrown at once.
 */
export async function withRetries<T>(settings: CommonSettings, signal: AbortSignal | undefined, fn: (attempt: number) => Promise<T>): Promise<T> {
  const wait = settings.sleep ?? sleep;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (e) {
      if (!(e instanceof ConnectorError) || e.permanent || attempt >= settings.retry.attempts) throw e;
      const server = e.retryAfterMs;
      if (server !== undefined && server > settings.retry.maxServerWaitMs) throw e;
      await wait(Math.max(server ?? 0, backoffDelay(attempt, settings.retry)), signal);
    }
  }
}

// ---- HTTP -------------------------------------------------------------------------------------

export interface HttpAnswer {
  status: number;
  headers: Headers;
  text: string;
}

/**
 * One HTTP exchange inside the account's budget: the token is held until the whole body has
 * arrived. Network failures and timeouts become transient ConnectorErrors.
 */
export async function send(
  platform: Platform,
  settings: CommonSettings,
  buckets: Buckets,
  account: string,
  url: string,
  init: RequestInit,
  signal?: AbortSignal,
): Promise<HttpAnswer> {
  const release = await buckets.acquire(account, signal);
  const timeout = AbortSignal.timeout(settings.timeoutMs);
  try {
    const res = await fetch(url, { ...init, signal: signal ? AbortSignal.any([signal, timeout]) : timeout });
    const text = await res.text();
    return { status: res.status, headers: res.headers, text };
  } catch (e) {
    if (signal?.aborted) throw e;
    if (timeout.aborted) throw new ConnectorError(platform, 'timeout', `no answer from ${new URL(url).host} within ${settings.timeoutMs} ms`);
    throw new ConnectorError(platform, 'network', `${init.method ?? 'GET'} ${new URL(url).pathname} failed: ${(e as Error).cause ?? (e as Error).message}`);
  } finally {
    release();
  }
}

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Joins a configurable origin (with or without a trailing slash or path prefix) and a path. */
export function joinUrl(base: string, path: string): string {
  return base.replace(/\/+$/, '') + path;
}

// ---- numbers ----------------------------------------------------------------------------------

/**
 * A decimal amount in currency units ("12.3", "1234.56", "-0.5") as exact micros. More than six
 * decimals are rounded half away from zero. Empty, "--" and null are zero.
 */
export function decimalToMicros(value: string | number | null | undefined): bigint {
  if (value === null || value === undefined) return 0n;
  const s = String(value).trim();
  if (s === '' || s === '--') return 0n;
  const m = /^([+-])?(\d*)(?:\.(\d*))?$/.exec(s);
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) throw new Error(`not a decimal amount: ${s}`);
  const sign = m[1] === '-' ? -1n : 1n;
  const frac = (m[3] ?? '').padEnd(7, '0');
  let micros = BigInt(m[2] || '0') * 1_000_000n + BigInt(frac.slice(0, 6));
  if (Number(frac[6]) >= 5) micros += 1n;
  return sign * micros;
}

/** An integer count that may come as a string ("123"), a number or the platform's empty marker. */
export function count(value: unknown): number {
  if (value === null || value === undefined || value === '' || value === '--') return 0;
  const n = Number(value);
  if (!Number.isFinite(n)) throw new Error(`not a number: ${String(value)}`);
  return n;
}

// ---- dates ------------------------------------------------------------------------------------

const DAY_MS = 86_400_000;
const ISO = /^\d{4}-\d{2}-\d{2}$/;

export function isIsoDate(s: unknown): s is string {
  return typeof s === 'string' && ISO.test(s) && new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s;
}

export function addDays(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

export function todayUtc(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** Splits an inclusive range into consecutive ranges of at most `days` days. */
export function chunkRange(range: DateRange, days: number): DateRange[] {
  const out: DateRange[] = [];
  for (let from = range.from; from <= range.to; from = addDays(from, days)) {
    const end = addDays(from, days - 1);
    out.push({ from, to: end < range.to ? end : range.to });
  }
  return out;
}

export function checkRange(platform: Platform, range: DateRange): void {
  if (!isIsoDate(range.from) || !isIsoDate(range.to) || range.from > range.to) {
    throw new ConnectorError(platform, 'bad_request', `bad date range ${range.from}..${range.to}`);
  }
}

// ---- trailing re-read window --------------------------------------------------------------------

/**
 * Days each platform may still revise after the fact: Google about 30, Meta 28 (its attribution
 * window); Yandex and VK settle within days, default 7, configurable.
 */
export const DEFAULT_REREAD_DAYS: Record<Platform, number> = { google_ads: 30, meta: 28, yandex_direct: 7, vk_ads: 7 };

export interface RereadOptions {
  /** Overrides the platform's default window length. */
  windowDays?: number;
  /** First day to read when nothing was synced yet. Default: the window alone. */
  initialFrom?: string;
  /** The platform's "today" in the account's zone. Default: the UTC date. */
  today?: string;
}

/**
 * The range to request when the connection has data up to `syncedTo` (null: never synced):
 * everything after `syncedTo`, widened back to cover the trailing re-read window, up to today.
 * Rows of the range replace what was stored for it, so re-reading is idempotent.
 */
export function rereadRange(platform: Platform, syncedTo: string | null | undefined, opts: RereadOptions = {}): DateRange {
  const today = opts.today ?? todayUtc();
  const windowDays = opts.windowDays ?? DEFAULT_REREAD_DAYS[platform];
  const windowFrom = addDays(today, -(windowDays - 1));
  let from: string;
  if (syncedTo) from = addDays(syncedTo, 1) < windowFrom ? addDays(syncedTo, 1) : windowFrom;
  else from = opts.initialFrom && opts.initialFrom < windowFrom ? opts.initialFrom : windowFrom;
  return { from, to: today };
}
