import { getLocale, getTranslations } from 'next-intl/server';
import { assignableRoles, ROLES, type Role } from '@mrm/contracts';
import { api } from '@/api/client';
import { moment } from '@/lib/format';
import { me } from '@/lib/me';
import { removeMember, revokeInvitation, updateMember } from '../../actions';
import { AdminNav, allowed } from '../admin-nav';
import { InviteForm } from './invite-form';

export default async function MembersPage({ searchParams }: { searchParams: Promise<{ error?: string; saved?: string }> }) {
  const t = await getTranslations('admin');
  const locale = await getLocale();
  const { error, saved } = await searchParams;
  if (!(await allowed('members'))) return <p className="error" role="alert">{t('forbidden')}</p>;
  const client = await api();
  const [self, { data: members }, { data: invitations }, { data: clients }] = await Promise.all([
    me(),
    client.GET('/api/v1/members'),
    client.GET('/api/v1/invitations'),
    client.GET('/api/v1/clients', { params: { query: { limit: 200, sort: 'name' } } }),
  ]);
  const grantable = assignableRoles((self?.role ?? 'viewer') as Role);
  const clientName = new Map((clients?.items ?? []).map((c) => [c.id, c.name]));
  const open = (invitations?.items ?? []).filter((i) => !(i.acceptedAt));
  const now = Date.now();
  // Rows are remounted on every render so their selects show the stored roles after each round trip,
  // a refused change included (a select keeps whatever was picked otherwise).
  const render = crypto.randomUUID();
  return (
    <>
      <h1>{t('members.title')}</h1>
      <AdminNav current="members" />
      {error && <p className="error" role="alert">{error}</p>}
      {saved && !error && <p className="notice" role="status">{t('members.saved')}</p>}
      <table>
        <thead>
          <tr><th>{t('members.name')}</th><th>{t('members.email')}</th><th>{t('members.role')}</th><th>{t('members.clientLimit')}</th><th>{t('members.actions')}</th></tr>
        </thead>
        <tbody>
          {(members?.items ?? []).map((m) => {
            const formId = `member-${m.userId}`;
            // Only roles the signed-in person may grant can be chosen; someone holding a role above
            // theirs (an owner, for an admin) is shown but cannot be changed from here.
            const editable = grantable.includes(m.role);
            const choices = ROLES.filter((r) => r === m.role || grantable.includes(r));
            return (
              <tr key={`${m.userId}:${render}`} data-testid={`member-${m.email}`}>
                <td>{m.name}{m.userId === self?.user.id && <> <span className="badge">{t('members.you')}</span></>}</td>
                <td>{m.email}</td>
                <td>
                  <select name="role" form={formId} defaultValue={m.role} disabled={!editable} aria-label={t('members.roleOf', { name: m.name })}>
                    {choices.map((r) => <option key={r} value={r}>{t(`roles.${r}`)}</option>)}
                  </select>
                </td>
                <td>{m.clientId ? (clientName.get(m.clientId) ?? m.clientId) : t('members.allClients')}</td>
                <td>
                  {editable && (
                    <div className="actions">
                      <form id={formId} action={updateMember}>
                        <input type="hidden" name="userId" value={m.userId} />
                        <button type="submit">{t('members.save')}</button>
                      </form>
                      <form action={removeMember}>
                        <input type="hidden" name="userId" value={m.userId} />
                        <button type="submit" className="danger" aria-label={t('members.removeOf', { name: m.name })}>{t('members.remove')}</button>
                      </form>
                    </div>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>

      <section className="card" aria-labelledby="invite">
        <h2 id="invite">{t('members.invite')}</h2>
        <InviteForm
          roles={grantable.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
          clients={(clients?.items ?? []).map((c) => ({ id: c.id, name: c.name }))}
          labels={{ email: t('members.email'), role: t('members.role'), client: t('members.client'), allClients: t('members.allClients'), send: t('members.send'), tokenCreated: t('members.tokenCreated') }}
        />
      </section>

      <section aria-labelledby="pending">
        <h2 id="pending">{t('members.pending')}</h2>
        {open.length === 0 ? <p>{t('members.noPending')}</p> : (
          <table>
            <thead>
              <tr><th>{t('members.email')}</th><th>{t('members.role')}</th><th>{t('members.clientLimit')}</th><th>{t('members.expires')}</th><th>{t('members.actions')}</th></tr>
            </thead>
            <tbody>
              {open.map((i) => (
                <tr key={i.id} data-testid={`invitation-${i.email}`}>
                  <td>{i.email}</td>
                  <td>{t(`roles.${i.role}`)}</td>
                  <td>{i.clientId ? (clientName.get(i.clientId) ?? i.clientId) : t('members.allClients')}</td>
                  <td>{Date.parse(i.expiresAt) < now ? <span className="badge">{t('members.expired')}</span> : moment(i.expiresAt, locale)}</td>
                  <td>
                    <form action={revokeInvitation}>
                      <input type="hidden" name="id" value={i.id} />
                      <button type="submit" aria-label={t('members.revokeOf', { email: i.email })}>{t('members.revoke')}</button>
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
