import { z } from 'zod';
import { CurrencyCode, IsoDate, Money, PageQuery, Uuid } from './common.js';

export const PROJECT_STATUSES = ['planned', 'active', 'paused', 'completed', 'archived'] as const;
export const PROJECT_OBJECTIVES = ['awareness', 'consideration', 'conversion', 'retention', 'other'] as const;

export const Project = z.object({
  id: Uuid,
  clientId: Uuid,
  name: z.string(),
  objective: z.enum(PROJECT_OBJECTIVES).nullable(),
  budget: Money.nullable(),
  currency: CurrencyCode,
  startDate: IsoDate.nullable(),
  endDate: IsoDate.nullable(),
  status: z.enum(PROJECT_STATUSES),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export const ProjectList = z.object({ items: z.array(Project), nextCursor: z.string().nullable() });

const fields = {
  name: z.string().trim().min(1).max(200),
  objective: z.enum(PROJECT_OBJECTIVES).nullable().optional(),
  budget: Money.nullable().optional(),
  currency: CurrencyCode.optional(),
  startDate: IsoDate.nullable().optional(),
  endDate: IsoDate.nullable().optional(),
  status: z.enum(PROJECT_STATUSES.filter((s) => s !== 'archived') as ['planned', 'active', 'paused', 'completed']).optional(),
};
const datesInOrder = (v: { startDate?: string | null; endDate?: string | null }) =>
  !v.startDate || !v.endDate || v.startDate <= v.endDate;
const dateOrder = { message: 'must not be before startDate', path: ['endDate'] };

export const CreateProjectRequest = z.strictObject({ clientId: Uuid, ...fields }).refine(datesInOrder, dateOrder);
export const UpdateProjectRequest = z
  .strictObject({ ...fields, name: fields.name.optional() })
  .refine(datesInOrder, dateOrder);

export const PROJECT_SORTS = ['name', '-name', 'createdAt', '-createdAt', 'startDate', '-startDate'] as const;
export const ProjectListQuery = PageQuery.extend({
  status: z.enum(PROJECT_STATUSES).optional(),
  clientId: Uuid.optional(),
  q: z.string().trim().min(1).max(100).optional(),
  sort: z.enum(PROJECT_SORTS).default('-createdAt'),
});
