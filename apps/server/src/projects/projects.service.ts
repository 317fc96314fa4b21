import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { normalizeAmount } from '@mrm/planning';
import { actorOf, audit } from '../audit/audit.service.js';
import { clientsRepository } from '../clients/clients.repository.js';
import type { RequestContext } from '../common/context.js';
import { requireIfMatch } from '../common/http.js';
import { invalid, notFound, ProblemException } from '../common/problem.js';
import type { Tx } from '../db/database.js';
import { METRICS, type Metrics } from '../ops/metrics.js';
import { Tenancy, type Access } from '../tenancy/tenancy.service.js';
import { projectsRepository as repo, type ProjectRow } from './projects.repository.js';
import { toProject, type CreateProjectDto, type ProjectListQueryDto, type UpdateProjectDto } from './projects.schema.js';

const withBudget = <T extends { budget?: string | null }>(body: T): T =>
  body.budget == null ? body : { ...body, budget: normalizeAmount(body.budget) };

@Injectable()
export class ProjectsService {
  constructor(
    private readonly tenancy: Tenancy,
    @Inject(METRICS) private readonly metrics: Metrics,
  ) {}

  async list(ctx: RequestContext, query: ProjectListQueryDto) {
    const list = repo.listQuery(ctx.tenantId, query);
    const result = list.page(await this.tenancy.read(ctx, list.query, { replica: true }));
    return { items: result.items.map(toProject), nextCursor: result.nextCursor };
  }

  get(ctx: RequestContext, id: string) {
    return this.tenancy.run(ctx, async (tx, access) => toProject(await this.mustGet(tx, access, id)));
  }

  async create(ctx: RequestContext, body: CreateProjectDto) {
    const out = await this.tenancy.run(ctx, async (tx, access) => {
      const client = await clientsRepository.get(tx, access.tenantId, body.clientId);
      if (!client) throw invalid('clientId', 'no such client in this workspace');
      if (client.status === 'archived') throw new ProblemException(409, 'client-archived', 'The client is archived; restore it before adding projects.', [{ field: 'clientId', message: 'client is archived' }]);
      const row = await repo.insert(tx, { id: randomUUID(), tenantId: access.tenantId, ...withBudget(body) });
      const created = toProject(row);
      await audit(tx, actorOf(access), { action: 'project.create', entityType: 'project', entityId: row.id, after: created });
      return created;
    });
    this.metrics.projectsCreated.inc();
    return out;
  }

  update(ctx: RequestContext, id: string, ifMatch: string | undefined, body: UpdateProjectDto) {
    return this.tenancy.run(ctx, async (tx, access) => {
      const current = await this.mustGet(tx, access, id);
      requireIfMatch(ifMatch, current.version);
      const merged = { startDate: current.startDate, endDate: current.endDate, ...body };
      if (merged.startDate && merged.endDate && merged.endDate < merged.startDate) throw invalid('endDate', 'must not be before startDate');
      return this.apply(tx, access, current, 'project.update', withBudget(body));
    });
  }

  setStatus(ctx: RequestContext, id: string, status: 'archived' | 'planned') {
    return this.tenancy.run(ctx, async (tx, access) => {
      const current = await this.mustGet(tx, access, id);
      if (status === 'planned' && current.status !== 'archived') return toProject(current);
      return this.apply(tx, access, current, status === 'archived' ? 'project.archive' : 'project.restore', { status });
    });
  }

  private async apply(tx: Tx, access: Access, current: ProjectRow, action: string, patch: Partial<ProjectRow>) {
    const row = (await repo.update(tx, access.tenantId, current.id, current.version, patch)) ?? current;
    const before = toProject(current);
    const after = toProject(row);
    await audit(tx, actorOf(access), { action, entityType: 'project', entityId: current.id, before, after });
    return after;
  }

  private async mustGet(tx: Tx, access: Access, id: string): Promise<ProjectRow> {
    const row = await repo.get(tx, access.tenantId, id);
    if (!row) throw notFound('Project');
    return row;
  }
}
