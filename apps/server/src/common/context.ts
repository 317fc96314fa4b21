import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { Permission } from '@mrm/contracts';
import type { FastifyRequest } from 'fastify';

export type Principal =
  | { kind: 'user'; userId: string }
  | { kind: 'client'; oauthClientId: string; scopes: Permission[] };

/** What the auth guard learned about a request; services take it instead of the raw request. */
export interface RequestContext {
  requestId: string;
  tenantId: string;
  principal: Principal;
  permission: Permission | null;
  /** Set when the token's tenant was used because no X-Tenant-Id header was sent. */
  tenantFromToken: boolean;
}


export type AuthedRequest = FastifyRequest & { ctx?: RequestContext; userId?: string; tenantId?: string };

export const PUBLIC_ROUTE = 'mrm:public';
export const PERMISSION = 'mrm:permission';
export const USER_ONLY = 'mrm:user-only';

/** No token needed (login, register, health …). */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);
/** The permission a route needs; checked against the membership inside the request's transaction. */
export const RequirePermission = (permission: Permission) => SetMetadata(PERMISSION, permission);
/** Any signed-in person, whatever their role (e.g. /me). Machine clients are refused. */
export const UserOnly = () => SetMetadata(USER_ONLY, true);

export const Ctx = createParamDecorator((_: unknown, host: ExecutionContext): RequestContext => {
  const ctx = host.switchToHttp().getRequest<AuthedRequest>().ctx;
  if (!ctx) throw new Error('route reads the request context but has no permission declared');
  return ctx;
});
