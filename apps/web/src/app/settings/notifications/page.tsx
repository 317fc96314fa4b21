import { OPTIONAL_EMAILS } from '@mrm/contracts';
import { getTranslations } from 'next-intl/server';
import { api } from '@/api/client';
import { saveEmailSettings } from './actions';

/** Which optional emails the signed-in person receives; invitations and password resets always go. */
export default async function NotificationSettingsPage({ searchParams }: { searchParams: Promise<{ saved?: string; error?: string }> }) {
  const t = await getTranslations('emailSettings');
  const { saved, error } = await searchParams;
  const { data } = await (await api()).GET('/api/v1/me/email-settings');
  const off = new Set<string>(data?.optedOut ?? []);
  return (
    <section className="card">
      <h1>{t('title')}</h1>
      <p className="muted">{t('intro')}</p>
      {saved && <p role="status" data-testid="settings-saved">{t('saved')}</p>}
      {(error || !data) && <p className="error" role="alert">{t('failed')}</p>}
      {data && (
        <form className="stack" action={saveEmailSettings}>
          <fieldset className="stack">
            <legend>{t('legend')}</legend>
            {OPTIONAL_EMAILS.map((kind) => (
              <label key={kind} style={{ display: 'flex', gap: '.5rem', alignItems: 'flex-start' }}>
                <input type="checkbox" name="send" value={kind} defaultChecked={!off.has(kind)} />
                <span>{t(`kinds.${kind}`)}</span>
              </label>
            ))}
          </fieldset>
          <p className="muted small">{t('always')}</p>
          <button type="submit">{t('save')}</button>
        </form>
      )}
    </section>
  );
}
