// Every queue and every job the platform runs, with the payload each carries. Payloads hold ids,
// never data: a handler reads the current state when it runs, so a retried or late job is right.
import { z } from 'zod';

export const QUEUES = ['sync', 'reports', 'email'] as const;
export type QueueName = (typeof QUEUES)[number];

const Uuid = z.uuid();

export interface JobSpec {
  queue: QueueName;
  payload: z.ZodType<{ tenantId: string }>;
  /** Tries in all, the first included; transient failures wait 2^n × backoffMs between them. */
  attempts: number;
  backoffMs: number;
}

export const JOBS = {
  /** A plan was submitted: tell the people who may approve it. */
  'plan.review-requested': {
    queue: 'email',
    payload: z.strictObject({ tenantId: Uuid, planId: Uuid, version: z.number().int().min(1) }),
    attempts: 6,
    backoffMs: 2000,
  },
  /** A plan version was approved or rejected by a member: tell its submitter and the plan's creator. */
  'plan.decided': {
    queue: 'email',
    payload: z.strictObject({ tenantId: Uuid, planId: Uuid, version: z.number().int().min(1) }),
    attempts: 6,
    backoffMs: 2000,
  },
  /** A client approved or rejected a version through a sign-off link: tell the submitter, creator and approvers. */
  'plan.client-signed-off': {
    queue: 'email',
    payload: z.strictObject({ tenantId: Uuid, planId: Uuid, version: z.number().int().min(1), shareLinkId: Uuid }),
    attempts: 6,
    backoffMs: 2000,
  },
  /** A line went off pace (one notification per line per day): tell who plans and approves for that client. */
  'pacing.alert': {
    queue: 'email',
    payload: z.strictObject({ tenantId: Uuid, notificationId: Uuid }),
    attempts: 6,
    backoffMs: 2000,
  },
  /** An invitation was created: mail its link (the token travels sealed in the invitation row). */
  'invitation.sent': {
    queue: 'email',
    payload: z.strictObject({ tenantId: Uuid, invitationId: Uuid }),
    attempts: 6,
    backoffMs: 2000,
  },
  /**
   * A password reset was asked for: mail its link (the token travels sealed in the reset row). The
   * tenant is only the outbox's: the person's first workspace.
   */
  'auth.password-reset': {
    queue: 'email',
    payload: z.strictObject({ tenantId: Uuid, userId: Uuid, resetId: Uuid }),
    attempts: 6,
    backoffMs: 2000,
  },
  /** Read a connection's accounts from its platform into the analytics store. */
  'connection.sync': {
    queue: 'sync',
    payload: z.strictObject({ tenantId: Uuid, connectionId: Uuid, runId: Uuid }),
    attempts: 5,
    backoffMs: 5000,
  },
  /** Read an uploaded actuals file, as mapped, into the analytics store. */
  'actuals.import': {
    queue: 'sync',
    payload: z.strictObject({ tenantId: Uuid, uploadId: Uuid }),
    attempts: 5,
    backoffMs: 5000,
  },
  /** Build a requested report, store its file, and tell whoever asked. */
  'report.generate': {
    queue: 'reports',
    payload: z.strictObject({ tenantId: Uuid, runId: Uuid }),
    attempts: 3,
    backoffMs: 5000,
  },
  /** A report is ready: mail its requester (and a schedule's recipients) the links. */
  'report.ready': {
    queue: 'email',
    payload: z.strictObject({ tenantId: Uuid, runId: Uuid }),
    attempts: 6,
    backoffMs: 2000,
  },
} as const satisfies Record<string, JobSpec>;

export type JobName = keyof typeof JOBS;
export type PayloadOf<N extends JobName> = z.infer<(typeof JOBS)[N]['payload']>;
export const isJobName = (name: string): name is JobName => Object.hasOwn(JOBS, name);
