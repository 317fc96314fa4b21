import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { PERMISSIONS, type Permission } from '@mrm/contracts';
import { PERMISSION, PUBLIC_ROUTE, USER_ONLY, type AuthedRequest } from '../common/context.js';
import { isUuid } from '../common/http.js';
import { forbidden, invalid, notFound, unauthorized } from '../common/problem.js';
import { METRICS, type Metrics } from '../ops/metrics.js';
import { JwtService } from './jwt.js';

/** Authenticates every non-public route and fixes the tenant the request acts in. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
    @Inject(METRICS) private readonly metrics: Metrics,
  ) {}

  async canActivate(host: ExecutionContext): Promise<boolean> {
    const targets = [host.getHandler(), host.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const permission = this.reflector.getAllAndOverride<Permission | undefined>(PERMISSION, targets) ?? null;
    const userOnly = this.reflector.getAllAndOverride<boolean>(USER_ONLY, targets) ?? false;
    const req = host.switchToHttp().getRequest<AuthedRequest>();

    const header = req.headers.authorization;
    const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : null;
    if (!token) throw unauthorized();
    const claims = await this.jwt.verify(token);
    if (!claims) throw unauthorized('The access token is invalid or has expired; refresh it or log in again.');

    const rawTenant = req.headers['x-tenant-id'];
    const requested = Array.isArray(rawTenant) ? rawTenant[0] : rawTenant;
    if (requested !== undefined && !isUuid(requested)) throw invalid('X-Tenant-Id', 'must be a workspace id (UUID)');

    if (claims.typ === 'client') {
      if (userOnly) throw forbidden('This endpoint is for people, not machine clients.');
      if (requested && requested.toLowerCase() !== claims.tid) throw notFound('Workspace');
      const scopes = claims.scope.split(' ').filter((s): s is Permission => (PERMISSIONS as readonly string[]).includes(s));
      if (permission && !scopes.includes(permission)) throw forbidden(`This client's token lacks the scope ${permission}.`);
      req.ctx = { requestId: String(req.id), tenantId: claims.tid, principal: { kind: 'client', oauthClientId: claims.sub, scopes }, permission, tenantFromToken: !requested };
      req.tenantId = claims.tid;
      return true;
    }

    const tenantId = requested?.toLowerCase() ?? claims.tid;
    if (!tenantId) throw notFound('Workspace');
    this.metrics.seen(claims.sub);
    req.ctx = { requestId: String(req.id), tenantId, principal: { kind: 'user', userId: claims.sub }, permission, tenantFromToken: !requested };
    req.userId = claims.sub;
    req.tenantId = tenantId;
    return true;
  }
}
