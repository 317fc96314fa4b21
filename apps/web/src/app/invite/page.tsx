import { getTranslations } from 'next-intl/server';
import { acceptInvitation } from '../actions';

/** Joining an agency with the code an admin passed on: a new person gives a name, a member their password. */
export default async function InvitePage({ searchParams }: { searchParams: Promise<{ error?: string; token?: string }> }) {
  const t = await getTranslations('invite');
  const { error, token } = await searchParams;
  return (
    <section className="card auth">
      <h1>{t('title')}</h1>
      {error && <p className="error" role="alert">{error}</p>}
      <form className="stack" action={acceptInvitation}>
        <label>{t('token')}<input name="token" required defaultValue={token ?? ''} /></label>
        <label>{t('name')}<input name="name" autoComplete="name" /></label>
        <label>{t('password')}<input name="password" type="password" autoComplete="current-password" required /></label>
        <button type="submit">{t('accept')}</button>
      </form>
    </section>
  );
}
