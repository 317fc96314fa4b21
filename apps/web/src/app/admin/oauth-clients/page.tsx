import { getLocale, getTranslations } from 'next-intl/server';
import { PERMISSIONS } from '@mrm/contracts';
import { api } from '@/api/client';
import { moment } from '@/lib/format';
import { me } from '@/lib/me';
import { revokeOAuthClient } from '../../actions';
import { AdminNav, allowed } from '../admin-nav';
import { CreateOAuthClient } from './create-form';

export default async function OAuthClientsPage({ searchParams }: { searchParams: Promise<{ error?: string }> }) {
  const t = await getTranslations('admin');
  const locale = await getLocale();
  const { error } = await searchParams;
  if (!(await allowed('oauth'))) return <p className="error" role="alert">{t('forbidden')}</p>;
  const [self, { data }] = await Promise.all([me(), (await api()).GET('/api/v1/oauth-clients')]);
  const items = data?.items ?? [];
  // Nobody hands a machine more than they hold themselves (the API refuses it too).
  const grantable = PERMISSIONS.filter((p) => self?.permissions.includes(p));
  return (
    <>
      <h1>{t('oauth.title')}</h1>
      <AdminNav current="oauth" />
      <p>{t('oauth.intro')}</p>
      {error && <p className="error" role="alert">{error}</p>}
      {items.length === 0 ? <p>{t('oauth.empty')}</p> : (
        <table>
          <thead>
            <tr><th>{t('oauth.name')}</th><th>{t('oauth.clientId')}</th><th>{t('oauth.scopes')}</th><th>{t('oauth.created')}</th><th>{t('oauth.revoked')}</th><th>{t('oauth.actions')}</th></tr>
          </thead>
          <tbody>
            {items.map((c) => {
              const revokedAt = c.revokedAt;
              return (
                <tr key={c.id} data-testid={`oauth-${c.clientId}`}>
                  <td>{c.name}</td>
                  <td><code>{c.clientId}</code></td>
                  <td>{c.scopes.join(', ')}</td>
                  <td>{moment(c.createdAt, locale)}</td>
                  <td>{revokedAt ? moment(revokedAt, locale) : <span className="badge">{t('oauth.active')}</span>}</td>
                  <td>
                    {!revokedAt && (
                      <form action={revokeOAuthClient}>
                        <input type="hidden" name="id" value={c.id} />
                        <button type="submit" className="danger" aria-label={t('oauth.revokeOf', { name: c.name })}>{t('oauth.revoke')}</button>
                      </form>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <section className="card" aria-labelledby="new-client">
        <h2 id="new-client">{t('oauth.new')}</h2>
        <CreateOAuthClient
          scopes={grantable.map((p) => ({ value: p, label: t(`permissions.${p}`) }))}
          labels={{ name: t('oauth.name'), scopes: t('oauth.scopes'), create: t('oauth.create'), created: t('oauth.createdNote'), clientId: t('oauth.clientId'), secret: t('oauth.secret') }}
        />
      </section>
    </>
  );
}
