import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { actorOf, audit } from '../audit/audit.service.js';
import type { RequestContext } from '../common/context.js';
import { requireIfMatch } from '../common/http.js';
import { notFound } from '../common/problem.js';
import { Tenancy, type Access } from '../tenancy/tenancy.service.js';
import { clientsRepository as repo, type ClientRow } from './clients.repository.js';
import { toClient, type ClientListQueryDto, type CreateClientDto, type UpdateClientDto } from './clients.schema.js';

@Injectable()
export class ClientsService {
  constructor(private readonly tenancy: Tenancy) {}

  async list(ctx: RequestContext, query: ClientListQueryDto) {
    const list = repo.listQuery(ctx.tenantId, query);
    const result = list.page(await this.tenancy.read(ctx, list.query, { replica: true }));
    return { items: result.items.map(toClient), nextCursor: result.nextCursor };
  }

  get(ctx: RequestContext, id: string) {
    return this.tenancy.run(ctx, async (tx, access) => toClient(await this.mustGet(tx, access, id)));
  }

  create(ctx: RequestContext, body: CreateClientDto) {
    return this.tenancy.run(ctx, async (tx, access) => {
      const row = await repo.insert(tx, { id: randomUUID(), tenantId: access.tenantId, ...body });
      const out = toClient(row);
      await audit(tx, actorOf(access), { action: 'client.create', entityType: 'client', entityId: row.id, after: out });
      return out;
    });
  }

  update(ctx: RequestContext, id: string, ifMatch: string | undefined, body: UpdateClientDto) {
    return this.changeStatusOrFields(ctx, id, 'client.update', body, ifMatch);
  }

  setStatus(ctx: RequestContext, id: string, status: 'active' | 'archived') {
    return this.changeStatusOrFields(ctx, id, status === 'archived' ? 'client.archive' : 'client.restore', { status }, null);
  }

  /** ifMatch null = the change is idempotent (archive/restore) and needs no precondition. */
  private changeStatusOrFields(ctx: RequestContext, id: string, action: string, patch: Partial<ClientRow>, ifMatch: string | undefined | null) {
    return this.tenancy.run(ctx, async (tx, access) => {
      const current = await this.mustGet(tx, access, id);
      if (ifMatch !== null) requireIfMatch(ifMatch, current.version);
      const row = (await repo.update(tx, access.tenantId, id, current.version, patch)) ?? current;
      const before = toClient(current);
      const after = toClient(row);
      await audit(tx, actorOf(access), { action, entityType: 'client', entityId: id, before, after });
      return after;
    });
  }

  private async mustGet(tx: Parameters<typeof repo.get>[0], access: Access, id: string): Promise<ClientRow> {
    const row = await repo.get(tx, access.tenantId, id);
    if (!row) throw notFound('Client');
    return row;
  }
}
