// Who an email goes to: people by id or by what their role allows, minus those who turned that kind
// of email off, each person once. Used by every mail job.
import { can, ROLES, type Permission } from '@mrm/contracts';
import type { OPTIONAL_EMAILS } from '@mrm/contracts';
import { and, eq, inArray, isNull, or } from 'drizzle-orm';
import type { Config } from '../config/config.js';
import type { Tx } from '../db/database.js';
import { emailPreferences, memberships, users } from '../db/schema.js';
import type { Email } from './templates/index.js';
import { localeOf } from './templates/index.js';
import type { Mailer } from './mailer.js';
import type { Locale } from '@mrm/contracts';

export type OptionalEmail = (typeof OPTIONAL_EMAILS)[number];

export interface Person {
  id: string;
  email: string;
  name: string;
  locale: string | null;
}

const PERSON = { id: users.id, email: users.email, name: users.name, locale: users.locale };

/** The people with these ids who are still members of the tenant, in the order given. */
export async function membersByIds(tx: Tx, tenantId: string, ids: ReadonlyArray<string | null | undefined>): Promise<Person[]> {
  const wanted = [...new Set(ids.filter((id): id is string => typeof id === 'string'))];
  if (!wanted.length) return [];
  const rows = await tx
    .select(PERSON)
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.tenantId, tenantId), inArray(memberships.userId, wanted)));
  return wanted.map((id) => rows.find((r) => r.id === id)).filter((p): p is Person => Boolean(p));
}

/**
 * Members whose role holds any of the permissions; when a client is given, a membership limited
 * to another client is left out (it may not see that client's plans).
 */
export async function membersWhoCan(tx: Tx, tenantId: string, permissions: Permission[], clientId?: string): Promise<Person[]> {
  const roles = ROLES.filter((r) => permissions.some((p) => can(r, p)));
  return tx
    .select(PERSON)
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(
      and(
        eq(memberships.tenantId, tenantId),
        inArray(memberships.role, roles),
        clientId ? or(isNull(memberships.clientId), eq(memberships.clientId, clientId)) : undefined,
      ),
    )
    .orderBy(memberships.createdAt);
}

/** Each person once (first occurrence kept), without the excluded ids, without those who opted out of `kind`. */
export async function recipients(tx: Tx, people: Person[], kind: OptionalEmail | null, exclude: ReadonlyArray<string | null | undefined> = []): Promise<Person[]> {
  const seen = new Set(exclude.filter(Boolean) as string[]);
  const unique = people.filter((p) => (seen.has(p.id) ? false : (seen.add(p.id), true)));
  if (!kind || !unique.length) return unique;
  const prefs = await tx.select().from(emailPreferences).where(inArray(emailPreferences.userId, unique.map((p) => p.id)));
  const out = new Set(prefs.filter((p) => p.optedOut.includes(kind)).map((p) => p.userId));
  return unique.filter((p) => !out.has(p.id));
}

/**
 * Sends one message per person, in their language. The id is the job's and the person's, so a
 * retried job resends the same message (same Message-ID, same outbox file) rather than a new one.
 */
export async function sendEach(mailer: Mailer, config: Config, jobId: string, people: Person[], compose: (locale: Locale, person: Person) => Email): Promise<void> {
  for (const p of people) {
    const mail = compose(localeOf(p.locale), p);
    await mailer.send({ id: `${jobId}.${p.id}`, from: config.MAIL_FROM, to: `${quoteName(p.name)} <${p.email}>`, ...mail });
  }
}

/** A display name safe to put before an address (quotes and backslashes escaped when needed). */
export function quoteName(name: string): string {
  const flat = name.replace(/[\r\n]+/g, ' ');
  return /^[\p{L}\p{N} .'-]*$/u.test(flat) ? flat : `"${flat.replace(/["\\]/g, '\\$&')}"`;
}

/** Links into the web app. */
export const webLink = (config: Config, path: string) => `${config.WEB_ORIGIN[0].replace(/\/+$/, '')}${path}`;
export const settingsLink = (config: Config) => webLink(config, '/settings/notifications');
