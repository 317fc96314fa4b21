import { z } from 'zod';

export const Uuid = z.uuid();
export const IsoDate = z.iso.date();
/** Money travels as a decimal string so no binary floating point ever touches it. */
export const Money = z
  .string()
  .regex(/^\d{1,16}(\.\d{1,2})?$/, 'a decimal amount with at most 2 decimals, e.g. "150000.00"');
export const CurrencyCode = z
  .string()
  .regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as RUB, USD, EUR');

export const PageQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
});

export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });

/** RFC 9457 problem details, with the fields that failed. */
export const Problem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  instance: z.string().optional(),
  errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
});
export type Problem = z.infer<typeof Problem>;
