import { z } from 'zod';
import { PERMISSIONS } from './permissions.js';
import { Uuid } from './common.js';

export const CreateOAuthClientRequest = z.strictObject({
  name: z.string().trim().min(1).max(120),
  scopes: z.array(z.enum(PERMISSIONS)).min(1).max(PERMISSIONS.length),
});
export const OAuthClient = z.object({
  id: Uuid,
  clientId: z.string(),
  name: z.string(),
  scopes: z.array(z.string()),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
  clientSecret: z.string().optional().describe('shown once, at creation'),
});
export const OAuthClientList = z.object({ items: z.array(OAuthClient) });

/** RFC 6749 §4.4: form-encoded (or JSON) body; the client may authenticate with HTTP Basic instead. */
export const ClientCredentialsRequest = z.object({
  grant_type: z.string().min(1),
  client_id: z.string().max(200).optional(),
  client_secret: z.string().max(200).optional(),
  scope: z.string().max(1000).optional(),
});
export const OAuthTokenResponse = z.object({
  access_token: z.string(),
  token_type: z.literal('Bearer'),
  expires_in: z.number().int(),
  scope: z.string(),
});
