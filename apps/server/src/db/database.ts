import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type * as schema from './schema.js';

export type Tx = PgDatabase<PgQueryResultHKT, typeof schema>;
export const APP_ROLE = 'mrm_app';

/** Who a transaction acts for. Every value here ends up in a set_config() the RLS policies read. */
export interface TxScope {
  tenantId: string | null;
  userId?: string | null;
  /** A presented secret (invitation token hash, OAuth client id) that unlocks the one row it names. */
  lookup?: string | null;
  /** Load the membership of userId in tenantId in the same round trip and scope the transaction to its client. */
  membership?: boolean;
  /** Lists may read from a replica; anything read-after-write stays on the primary. */
  replica?: boolean;
  /** The outbox relay: sees the outbox rows of every tenant (and nothing else more than a tenantless scope). */
  relay?: boolean;
}

export interface MembershipRow {
  role: string;
  clientId: string | null;
}

export type TxWork<T> = (tx: Tx, membership: MembershipRow | null) => Promise<T>;

/** A built query: SQL with $n placeholders and its parameters. */
export interface Statement {
  sql: string;
  params: unknown[];
}

export interface ReadResult {
  membership: MembershipRow | null;
  /** Raw rows keyed by column name. */
  rows: Array<Record<string, unknown>>;
}

export interface Database {
  readonly kind: 'postgres' | 'pglite';
  /** Runs fn in one transaction as the application role with the scope's settings applied. */
  run<T>(scope: TxScope, fn: TxWork<T>): Promise<T>;
  /**
   * One read-only query with its scope and membership check in a single round trip: the hot path
   * of list pages. Nothing is written, so nothing needs the result before the transaction ends.
   */
  readOnce(scope: TxScope, statement: Statement): Promise<ReadResult>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const LOOKUP = /^[A-Za-z0-9_.-]{1,200}$/;

/** Settings are inlined as literals so the whole preamble is one round trip; only vetted shapes pass. */
export function literal(value: string | null | undefined, shape: 'uuid' | 'lookup'): string {
  if (value == null) return "''";
  const ok = shape === 'uuid' ? UUID.test(value) : LOOKUP.test(value);
  if (!ok) throw new Error(`refusing to scope a transaction by a malformed ${shape}`);
  return `'${value}'`;
}

export interface Preamble {
  /** Role and settings; with membership the tenant stays unset here. */
  settings: string;
  /** Opens the tenant only if the user is a member of it: without a membership row RLS shows nothing. */
  membership?: string;
}

export function preamble(scope: TxScope): Preamble {
  const tenant = literal(scope.tenantId, 'uuid');
  const settings =
    `select set_config('role', '${APP_ROLE}', true), set_config('app.tenant_id', ${scope.membership ? "''" : tenant}, true), ` +
    `set_config('app.user_id', ${literal(scope.userId, 'uuid')}, true), set_config('app.lookup', ${literal(scope.lookup, 'lookup')}, true), ` +
    `set_config('app.client_scope', '', true), set_config('app.relay', '${scope.relay ? 'on' : ''}', true)`;
  if (!scope.membership) return { settings };
  const membership =
    `select role, client_id::text as client_id, set_config('app.tenant_id', tenant_id::text, true), ` +
    `set_config('app.client_scope', coalesce(client_id::text, ''), true) ` +
    `from memberships where tenant_id = ${tenant} and user_id = ${literal(scope.userId, 'uuid')}`;
  return { settings, membership };
}

export function membershipFrom(rows: Array<Record<string, unknown>> | undefined): MembershipRow | null {
  const row = rows?.[0];
  if (!row) return null;
  return { role: String(row.role), clientId: (row.client_id as string | null) ?? null };
}
