/**
 * What the four simulators share: the HTTP server on loopback, the request log and per-account
 * counters, the fault queue, an optional sliding-window rate limit, and the control API under
 * `/__sim/` (faults, revision, clock, catalogue, expected numbers, reset).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { Dataset, sumRows, type DataOptions, type DailyRow, type Platform } from './data.js';
import { isIsoDate } from './dates.js';

export interface FaultSpec {
  /** One of the simulator's fault kinds (see each simulator's `FAULT_KINDS`). */
  kind: string;
  /** How many requests it answers before it clears. Default 1. */
  count?: number;
  /** Only requests for this account (customer id, ad account id without `act_`, client login, VK account id). */
  account?: string;
  /** Yandex: seconds in the `retryIn` header. */
  retryIn?: number;
  /** Override the HTTP status of the error. */
  status?: number;
}

export interface ActiveFault extends Required<Pick<FaultSpec, 'kind' | 'count'>> {
  id: number;
  account?: string;
  retryIn?: number;
  status?: number;
}

export interface RequestRecord {
  /** Milliseconds since the epoch when the request arrived. */
  at: number;
  method: string;
  path: string;
  account?: string;
  status: number;
}

export interface RateLimit {
  /** Requests allowed per window and account. */
  limit: number;
  windowMs: number;
}

export interface SimulatorOptions extends DataOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0: a free port from the kernel. */
  port?: number;
  /** Faults queued before the first request. */
  faults?: FaultSpec[];
  /** Per-account throttling; `false` turns it off. Yandex defaults to 20 requests per 10 s, the others to off. */
  rateLimit?: RateLimit | false;
}

export interface Ctx {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  body: Buffer;
  requestId: string;
  record: RequestRecord;
}

export class HttpError extends Error {
  constructor(readonly status: number, readonly payload: unknown, readonly headers: Record<string, string> = {}) {
    super(`HTTP ${status}`);
  }
}

export function sendJson(res: ServerResponse, status: number, payload: unknown, headers: Record<string, string> = {}): void {
  const body = JSON.stringify(payload);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body), ...headers });
  res.end(body);
}

export function bearer(req: IncomingMessage): string | undefined {
  const h = req.headers.authorization;
  if (!h) return undefined;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(h);
  return m ? m[1] : undefined;
}

/** Parses an urlencoded or JSON body into a flat string map. */
export function formBody(ctx: Ctx): Record<string, string> {
  const text = ctx.body.toString('utf8');
  const type = ctx.req.headers['content-type'] ?? '';
  if (type.includes('application/json')) {
    try {
      const parsed = JSON.parse(text) as Record<string, unknown>;
      return Object.fromEntries(Object.entries(parsed).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]));
    } catch {
      return {};
    }
  }
  return Object.fromEntries(new URLSearchParams(text));
}

export abstract class Simulator {
  abstract readonly platform: Platform;
  /** Fault kinds this simulator understands. */
  abstract readonly faultKinds: readonly string[];

  readonly data: Dataset;
  readonly requests: RequestRecord[] = [];
  protected rateLimit: RateLimit | false;
  private faults: ActiveFault[] = [];
  private nextFaultId = 1;
  private server?: Server;
  private baseUrl = '';
  private portNo = 0;

  constructor(platform: Platform, protected readonly opts: SimulatorOptions, defaultRateLimit: RateLimit | false) {
    this.data = new Dataset(platform, opts);
    this.rateLimit = opts.rateLimit ?? defaultRateLimit;
  }

  get url(): string {
    return this.baseUrl;
  }

  get port(): number {
    return this.portNo;
  }

  async listen(): Promise<this> {
    for (const f of this.opts.faults ?? []) this.inject(f);
    const server = createServer((req, res) => void this.dispatch(req, res));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.opts.port ?? 0, this.opts.host ?? '127.0.0.1', () => resolve());
    });
    this.server = server;
    const addr = server.address() as AddressInfo;
    this.portNo = addr.port;
    const host = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
    this.baseUrl = `http://${host}:${addr.port}`;
    return this;
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  // ---- control ------------------------------------------------------------------------------

  inject(spec: FaultSpec): ActiveFault {
    if (!this.faultKinds.includes(spec.kind)) {
      throw new Error(`unknown fault kind '${spec.kind}' for ${this.platform}; known: ${this.faultKinds.join(', ')}`);
    }
    const fault: ActiveFault = { id: this.nextFaultId++, kind: spec.kind, count: Math.max(1, Math.floor(spec.count ?? 1)) };
    if (spec.account !== undefined) fault.account = String(spec.account);
    if (spec.retryIn !== undefined) fault.retryIn = spec.retryIn;
    if (spec.status !== undefined) fault.status = spec.status;
    this.faults.push(fault);
    return fault;
  }

  activeFaults(): ActiveFault[] {
    return this.faults.map((f) => ({ ...f }));
  }

  clearFaults(): void {
    this.faults = [];
  }

  /** Publishes a new revision of the provisional window: its numbers change, older dates do not. */
  revise(): number {
    return ++this.data.revision;
  }

  setToday(date: string): void {
    if (!isIsoDate(date)) throw new Error(`not a date: ${date}`);
    this.data.today = date;
  }

  setRateLimit(limit: RateLimit | false): void {
    this.rateLimit = limit;
  }

  /** Requests served (control API excluded), for one account or all. */
  requestCount(account?: string): number {
    return account === undefined ? this.requests.length : this.requests.filter((r) => r.account === account).length;
  }

  /** Largest number of requests for `account` inside any window of `windowMs`. */
  peakRate(account: string, windowMs: number): number {
    const times = this.requests.filter((r) => r.account === account).map((r) => r.at);
    let best = 0;
    for (let i = 0, j = 0; i < times.length; i++) {
      while (times[i] - times[j] >= windowMs) j++;
      best = Math.max(best, i - j + 1);
    }
    return best;
  }

  /** What the simulator currently serves for `account` and the range: ad-group daily rows. */
  expectedDaily(account: string, from: string, to: string): DailyRow[] {
    return this.data.rows(account, from, to);
  }

  reset(): void {
    this.clearFaults();
    this.requests.length = 0;
    this.data.revision = 0;
    this.onReset();
  }

  protected onReset(): void {}

  // ---- for subclasses -------------------------------------------------------------------------

  /** Takes one use of the first active fault of one of `kinds` that applies to `account`. */
  protected takeFault(kinds: readonly string[], account?: string): ActiveFault | undefined {
    const i = this.faults.findIndex((f) => kinds.includes(f.kind) && (f.account === undefined || f.account === account));
    if (i < 0) return undefined;
    const f = this.faults[i];
    f.count -= 1;
    if (f.count <= 0) this.faults.splice(i, 1);
    return { ...f, count: f.count + 1 };
  }

  /** Takes the whole fault (all its remaining count) at once. */
  protected takeWholeFault(kinds: readonly string[], account?: string): ActiveFault | undefined {
    const i = this.faults.findIndex((f) => kinds.includes(f.kind) && (f.account === undefined || f.account === account));
    if (i < 0) return undefined;
    return this.faults.splice(i, 1)[0];
  }

  /** True when this request goes over the account's rate limit (the request itself is already logged). */
  protected overRateLimit(account: string, now: number): boolean {
    if (!this.rateLimit) return false;
    const { limit, windowMs } = this.rateLimit;
    let n = 0;
    for (let i = this.requests.length - 1; i >= 0; i--) {
      const r = this.requests[i];
      if (now - r.at >= windowMs) break;
      if (r.account === account) n++;
    }
    return n > limit;
  }

  protected abstract handle(ctx: Ctx): Promise<void> | void;

  /** The platform's answer to an error thrown as a plain Error (a bug or a malformed request). */
  protected internalError(ctx: Ctx, err: unknown): HttpError {
    return new HttpError(500, { error: { message: String(err), requestId: ctx.requestId } });
  }

  // ---- plumbing -------------------------------------------------------------------------------

  private async dispatch(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://sim.local');
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    if (url.pathname.startsWith('/__sim/') || url.pathname === '/__sim') {
      this.control(req, res, url, body);
      return;
    }
    const record: RequestRecord = { at: Date.now(), method: req.method ?? 'GET', path: url.pathname, status: 0 };
    this.requests.push(record);
    const ctx: Ctx = { req, res, url, body, requestId: randomBytes(8).toString('hex'), record };
    res.on('finish', () => {
      record.status = res.statusCode;
    });
    try {
      await this.handle(ctx);
    } catch (err) {
      const e = err instanceof HttpError ? err : this.internalError(ctx, err);
      if (!res.headersSent) sendJson(res, e.status, e.payload, e.headers);
      else res.destroy();
    }
  }

  private control(req: IncomingMessage, res: ServerResponse, url: URL, body: Buffer): void {
    const path = url.pathname.replace(/\/+$/, '');
    const method = req.method ?? 'GET';
    let input: Record<string, unknown> = {};
    if (body.length) {
      try {
        input = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
      } catch {
        sendJson(res, 400, { error: 'body must be JSON' });
        return;
      }
    }
    try {
      if (path === '/__sim/state' && method === 'GET') {
        const byAccount: Record<string, number> = {};
        for (const r of this.requests) if (r.account) byAccount[r.account] = (byAccount[r.account] ?? 0) + 1;
        sendJson(res, 200, {
          platform: this.platform,
          today: this.data.today,
          revision: this.data.revision,
          provisionalDays: this.data.provisionalDays,
          provisionalFrom: this.data.provisionalFrom,
          dataStart: this.data.dataStart,
          rateLimit: this.rateLimit,
          faultKinds: this.faultKinds,
          faults: this.activeFaults(),
          requests: { total: this.requests.length, byAccount },
        });
      } else if (path === '/__sim/requests' && method === 'GET') {
        sendJson(res, 200, { requests: this.requests });
      } else if (path === '/__sim/faults' && method === 'GET') {
        sendJson(res, 200, { faults: this.activeFaults() });
      } else if (path === '/__sim/faults' && method === 'POST') {
        const specs = Array.isArray(input) ? (input as FaultSpec[]) : [input as unknown as FaultSpec];
        sendJson(res, 201, { faults: specs.map((s) => this.inject(s)) });
      } else if (path === '/__sim/faults' && method === 'DELETE') {
        this.clearFaults();
        sendJson(res, 200, { faults: [] });
      } else if (path === '/__sim/revise' && method === 'POST') {
        sendJson(res, 200, { revision: this.revise(), provisionalFrom: this.data.provisionalFrom, today: this.data.today });
      } else if (path === '/__sim/clock' && method === 'POST') {
        this.setToday(String(input.today));
        sendJson(res, 200, { today: this.data.today, provisionalFrom: this.data.provisionalFrom });
      } else if (path === '/__sim/rate-limit' && method === 'POST') {
        this.setRateLimit(input.limit ? { limit: Number(input.limit), windowMs: Number(input.windowMs ?? 10_000) } : false);
        sendJson(res, 200, { rateLimit: this.rateLimit });
      } else if (path === '/__sim/reset' && method === 'POST') {
        this.reset();
        sendJson(res, 200, { ok: true });
      } else if (path === '/__sim/accounts' && method === 'GET') {
        sendJson(res, 200, { accounts: this.data.accounts, credentials: this.credentials() });
      } else if (path === '/__sim/expected' && method === 'GET') {
        const account = url.searchParams.get('account') ?? '';
        const from = url.searchParams.get('from') ?? '';
        const to = url.searchParams.get('to') ?? '';
        if (!isIsoDate(from) || !isIsoDate(to)) throw new Error('from and to must be YYYY-MM-DD');
        const rows = this.expectedDaily(account, from, to);
        sendJson(res, 200, { account, from, to, revision: this.data.revision, totals: sumRows(rows), rows });
      } else {
        sendJson(res, 404, { error: `no control endpoint ${method} ${path}` });
      }
    } catch (err) {
      sendJson(res, 400, { error: err instanceof Error ? err.message : String(err) });
    }
  }

  /** Sandbox credentials a connector can use against this simulator. */
  abstract credentials(): Record<string, unknown>;
}
