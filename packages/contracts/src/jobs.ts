import { z } from 'zod';

export const JOB_QUEUES = ['sync', 'reports', 'email'] as const;
export const JOB_STATES = ['failed', 'waiting', 'delayed', 'active', 'completed'] as const;

export const JobListQuery = z.strictObject({
  state: z.enum(JOB_STATES).default('failed'),
  queue: z.enum(JOB_QUEUES).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const JobInfo = z.object({
  id: z.string(),
  queue: z.enum(JOB_QUEUES),
  name: z.string(),
  state: z.enum(JOB_STATES),
  attemptsMade: z.number().int(),
  attempts: z.number().int(),
  failedReason: z.string().nullable(),
  payload: z.record(z.string(), z.unknown()),
  queuedAt: z.string(),
  finishedAt: z.string().nullable(),
});
export const JobList = z.object({ items: z.array(JobInfo) });
