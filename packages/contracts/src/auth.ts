import { z } from 'zod';
import { ROLES } from './permissions.js';
import { Uuid } from './common.js';

const Email = z.email().max(254).transform((e) => e.toLowerCase());
const Password = z.string().min(10, 'at least 10 characters').max(200);

export const RegisterRequest = z.strictObject({
  tenantName: z.string().trim().min(2).max(120),
  name: z.string().trim().min(1).max(120),
  email: Email,
  password: Password,
});
export const LoginRequest = z.strictObject({ email: Email, password: z.string().min(1).max(200) });
export const RefreshRequest = z.strictObject({ refreshToken: z.string().min(20).max(200).optional() });
export const LogoutRequest = RefreshRequest;

export const TokenResponse = z.object({
  accessToken: z.string(),
  refreshToken: z.string(),
  expiresIn: z.number().int().describe('seconds until the access token expires'),
  tokenType: z.literal('Bearer'),
});

export const Membership = z.object({
  tenantId: Uuid,
  tenantName: z.string(),
  role: z.enum(ROLES),
  clientId: Uuid.nullable().describe('set when the membership is limited to one client'),
});
/** The languages the product speaks. */
export const LOCALES = ['ru', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

export const MeResponse = z.object({
  user: z.object({
    id: Uuid,
    email: z.string(),
    name: z.string(),
    locale: z.enum(LOCALES).nullable().describe('the language the person chose; null until they choose one'),
  }),
  tenantId: Uuid.describe('the tenant this request acts in'),
  role: z.enum(ROLES),
  permissions: z.array(z.string()),
  memberships: z.array(Membership),
});

/** What a person may change about themselves; every field is optional. */
export const UpdateMeRequest = z.strictObject({
  locale: z.enum(LOCALES).optional().describe('the interface language, remembered across browsers'),
});

/** Asking for a password-reset link; answered the same whether or not the address has an account. */
export const PasswordResetRequest = z.strictObject({ email: Email });
export const PasswordResetAccepted = z.object({
  status: z.literal('accepted'),
  message: z.string().describe('the same text for every address: a link is mailed if an account exists'),
});
/** Setting a new password with the token from the reset email (single use, one hour). */
export const PasswordResetConfirm = z.strictObject({
  token: z.string().min(20).max(200),
  password: Password,
});
