import { z } from 'zod';
import { ROLES } from './permissions.js';
import { Uuid } from './common.js';

export const Member = z.object({
  userId: Uuid,
  email: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  clientId: Uuid.nullable(),
  createdAt: z.string(),
});
export const MemberList = z.object({ items: z.array(Member) });

export const InviteRequest = z.strictObject({
  email: z.email().max(254).transform((e) => e.toLowerCase()),
  role: z.enum(ROLES),
  clientId: Uuid.nullable().optional().describe('limit a viewer to one client'),
});
export const Invitation = z.object({
  id: Uuid,
  email: z.string(),
  role: z.enum(ROLES),
  clientId: Uuid.nullable(),
  expiresAt: z.string(),
  acceptedAt: z.string().nullable(),
  createdAt: z.string(),
  token: z
    .string()
    .optional()
    .describe('returned once, to the inviter, until invitation emails are sent by the platform'),
});
export const InvitationList = z.object({ items: z.array(Invitation) });

export const AcceptInvitationRequest = z.strictObject({
  token: z.string().min(20).max(300),
  name: z.string().trim().min(1).max(120).optional().describe('required when the email has no account yet'),
  password: z.string().min(1).max(200).describe('the new password, or the existing account password'),
});

export const UpdateMemberRequest = z.strictObject({
  role: z.enum(ROLES).optional(),
  clientId: Uuid.nullable().optional(),
});
