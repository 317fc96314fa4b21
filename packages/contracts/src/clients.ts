import { z } from 'zod';
import { PageQuery, Uuid } from './common.js';

export const CLIENT_STATUSES = ['active', 'archived'] as const;

export const Client = z.object({
  id: Uuid,
  name: z.string(),
  legalName: z.string().nullable(),
  taxId: z.string().nullable().describe('ИНН or another tax id'),
  industry: z.string().nullable(),
  status: z.enum(CLIENT_STATUSES),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export const ClientList = z.object({ items: z.array(Client), nextCursor: z.string().nullable() });

const fields = {
  name: z.string().trim().min(1).max(200),
  legalName: z.string().trim().max(300).nullable().optional(),
  taxId: z
    .string()
    .regex(/^[0-9A-Za-z-]{5,20}$/, '5 to 20 letters, digits or dashes')
    .nullable()
    .optional(),
  industry: z.string().trim().max(100).nullable().optional(),
};
export const CreateClientRequest = z.strictObject(fields);
export const UpdateClientRequest = z.strictObject({ ...fields, name: fields.name.optional() });

export const CLIENT_SORTS = ['name', '-name', 'createdAt', '-createdAt', 'updatedAt', '-updatedAt'] as const;
export const ClientListQuery = PageQuery.extend({
  status: z.enum(CLIENT_STATUSES).optional(),
  q: z.string().trim().min(1).max(100).optional(),
  sort: z.enum(CLIENT_SORTS).default('name'),
});
