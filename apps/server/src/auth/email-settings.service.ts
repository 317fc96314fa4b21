import { Inject, Injectable } from '@nestjs/common';
import { OPTIONAL_EMAILS } from '@mrm/contracts';
import { eq } from 'drizzle-orm';
import type { RequestContext } from '../common/context.js';
import { notFound } from '../common/problem.js';
import type { Database } from '../db/database.js';
import { emailPreferences } from '../db/schema.js';
import { DATABASE } from '../tenancy/tenancy.service.js';

type OptionalEmail = (typeof OPTIONAL_EMAILS)[number];

/** Which optional emails a person turned off. They are the person's, the same in every workspace. */
@Injectable()
export class EmailSettingsService {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  private userOf(ctx: RequestContext): string {
    if (ctx.principal.kind !== 'user') throw notFound('User');
    return ctx.principal.userId;
  }

  async get(ctx: RequestContext): Promise<{ optedOut: OptionalEmail[] }> {
    const userId = this.userOf(ctx);
    const [row] = await this.db.run({ tenantId: null, userId }, (tx) => tx.select().from(emailPreferences).where(eq(emailPreferences.userId, userId)));
    return { optedOut: known(row?.optedOut ?? []) };
  }

  async update(ctx: RequestContext, optedOut: OptionalEmail[]): Promise<{ optedOut: OptionalEmail[] }> {
    const userId = this.userOf(ctx);
    const value = known(optedOut);
    const updatedAt = new Date().toISOString();
    await this.db.run({ tenantId: null, userId }, (tx) =>
      tx.insert(emailPreferences).values({ userId, optedOut: value, updatedAt }).onConflictDoUpdate({ target: emailPreferences.userId, set: { optedOut: value, updatedAt } }),
    );
    return { optedOut: value };
  }
}

/** Sorted in the catalogue's order, without repeats or kinds no longer offered. */
const known = (kinds: readonly string[]): OptionalEmail[] => OPTIONAL_EMAILS.filter((k) => kinds.includes(k));
