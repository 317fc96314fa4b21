import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { assignableRoles, type Role } from '@mrm/contracts';
import { and, asc, desc, eq, isNull } from 'drizzle-orm';
import { actorOf, audit } from '../audit/audit.service.js';
import { clientsRepository } from '../clients/clients.repository.js';
import { CONFIG, type Config } from '../config/config.js';
import type { RequestContext } from '../common/context.js';
import { iso, isoReq } from '../common/http.js';
import { conflict, forbidden, invalid, notFound } from '../common/problem.js';
import type { Tx } from '../db/database.js';
import { invitations, memberships, users } from '../db/schema.js';
import { newSecret, sha256 } from '../auth/secrets.js';
import { CredentialsCipher } from '../connections/credentials-cipher.js';
import { enqueue } from '../jobs/outbox.js';
import { sealToken } from '../mail/sealed-token.js';
import { invitationSealContext } from './invitation-sent.job.js';
import { Tenancy, type Access } from '../tenancy/tenancy.service.js';
import type { InviteDto, UpdateMemberDto } from './members.schema.js';

type MemberRow = { userId: string; email: string; name: string; role: string; clientId: string | null; createdAt: string };
const toMember = (m: MemberRow) => ({ ...m, role: m.role as Role, createdAt: isoReq(m.createdAt) });
const toInvitation = (i: typeof invitations.$inferSelect, token?: string) => ({
  id: i.id,
  email: i.email,
  role: i.role as Role,
  clientId: i.clientId,
  expiresAt: isoReq(i.expiresAt),
  acceptedAt: iso(i.acceptedAt),
  createdAt: isoReq(i.createdAt),
  ...(token ? { token } : {}),
});

/** Checks a role/client pair an actor wants to hand out. */
async function checkGrant(tx: Tx, access: Access, role: Role, clientId: string | null | undefined): Promise<void> {
  if (!assignableRoles(access.role ?? 'viewer').includes(role)) throw forbidden(`Your role may not grant the role ${role}.`);
  if (clientId) {
    if (role !== 'viewer') throw invalid('clientId', 'only a viewer can be limited to one client');
    if (!(await clientsRepository.get(tx, access.tenantId, clientId))) throw invalid('clientId', 'no such client in this workspace');
  }
}

@Injectable()
export class MembersService {
  private readonly cipher: CredentialsCipher;

  constructor(
    private readonly tenancy: Tenancy,
    @Inject(CONFIG) private readonly config: Config,
  ) {
    this.cipher = CredentialsCipher.fromConfig(config);
  }

  list(ctx: RequestContext) {
    return this.tenancy.run(ctx, async (tx, access) => {
      const rows = await this.rows(tx, access.tenantId);
      return { items: rows.map(toMember) };
    });
  }

  private rows(tx: Tx, tenantId: string, userId?: string) {
    return tx
      .select({ userId: memberships.userId, email: users.email, name: users.name, role: memberships.role, clientId: memberships.clientId, createdAt: memberships.createdAt })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.tenantId, tenantId), userId ? eq(memberships.userId, userId) : undefined))
      .orderBy(asc(memberships.createdAt));
  }

  update(ctx: RequestContext, userId: string, body: UpdateMemberDto) {
    return this.tenancy.run(ctx, async (tx, access) => {
      const [current] = await this.rows(tx, access.tenantId, userId);
      if (!current) throw notFound('Member');
      const role = (body.role ?? current.role) as Role;
      if (current.role === 'owner' && access.role !== 'owner') throw forbidden('Only an owner may change another owner.');
      const clientId = body.clientId === undefined ? (role === 'viewer' ? current.clientId : null) : body.clientId;
      await checkGrant(tx, access, role, clientId);
      if (current.role === 'owner' && role !== 'owner') await this.keepAnOwner(tx, access.tenantId);
      await tx.update(memberships).set({ role, clientId }).where(and(eq(memberships.tenantId, access.tenantId), eq(memberships.userId, userId)));
      const after = { ...current, role, clientId };
      await audit(tx, actorOf(access), { action: 'member.update', entityType: 'member', entityId: userId, before: toMember(current), after: toMember(after) });
      return toMember(after);
    });
  }

  remove(ctx: RequestContext, userId: string) {
    return this.tenancy.run(ctx, async (tx, access) => {
      const [current] = await this.rows(tx, access.tenantId, userId);
      if (!current) throw notFound('Member');
      if (current.role === 'owner') {
        if (access.role !== 'owner') throw forbidden('Only an owner may remove an owner.');
        await this.keepAnOwner(tx, access.tenantId);
      }
      await tx.delete(memberships).where(and(eq(memberships.tenantId, access.tenantId), eq(memberships.userId, userId)));
      await audit(tx, actorOf(access), { action: 'member.remove', entityType: 'member', entityId: userId, before: toMember(current) });
    });
  }

  private async keepAnOwner(tx: Tx, tenantId: string): Promise<void> {
    const owners = await tx.select({ userId: memberships.userId }).from(memberships).where(and(eq(memberships.tenantId, tenantId), eq(memberships.role, 'owner')));
    if (owners.length <= 1) throw conflict('role', 'A workspace must keep at least one owner.');
  }

  invite(ctx: RequestContext, body: InviteDto) {
    return this.tenancy.run(ctx, async (tx, access) => {
      await checkGrant(tx, access, body.role, body.clientId);
      const already = await tx
        .select({ userId: memberships.userId })
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId))
        .where(and(eq(memberships.tenantId, access.tenantId), eq(users.email, body.email)));
      if (already.length > 0) throw conflict('email', 'This person is already a member of the workspace.');
      const token = newSecret('inv');
      const expiresAt = new Date(Date.now() + this.config.INVITATION_TTL_DAYS * 86_400_000).toISOString();
      const id = randomUUID();
      // The mail job runs later, maybe in another pod: it gets the token sealed to this row.
      const sealedToken = sealToken(this.cipher, token, invitationSealContext(access.tenantId, id));
      const [row] = await tx
        .insert(invitations)
        .values({ id, tenantId: access.tenantId, email: body.email, role: body.role, clientId: body.clientId ?? null, tokenHash: sha256(token), sealedToken, invitedBy: access.actorType === 'user' ? access.actorId : null, expiresAt })
        .returning();
      await enqueue(tx, 'invitation.sent', { tenantId: access.tenantId, invitationId: id }, id);
      await audit(tx, actorOf(access), { action: 'invitation.create', entityType: 'invitation', entityId: row.id, after: toInvitation(row) });
      return toInvitation(row, token);
    });
  }

  listInvitations(ctx: RequestContext) {
    return this.tenancy.run(ctx, async (tx, access) => {
      const rows = await tx.select().from(invitations).where(eq(invitations.tenantId, access.tenantId)).orderBy(desc(invitations.createdAt));
      return { items: rows.map((r) => toInvitation(r)) };
    });
  }

  revokeInvitation(ctx: RequestContext, id: string) {
    return this.tenancy.run(ctx, async (tx, access) => {
      const [row] = await tx.delete(invitations).where(and(eq(invitations.tenantId, access.tenantId), eq(invitations.id, id), isNull(invitations.acceptedAt))).returning();
      if (!row) throw notFound('Invitation');
      await audit(tx, actorOf(access), { action: 'invitation.revoke', entityType: 'invitation', entityId: id, before: toInvitation(row) });
    });
  }
}
