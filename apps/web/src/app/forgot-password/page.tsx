import { getTranslations } from 'next-intl/server';
import { requestPasswordReset } from './actions';

/** Asking for a reset link. The answer is the same whatever the address: it never says whether an account exists. */
export default async function ForgotPasswordPage({ searchParams }: { searchParams: Promise<{ sent?: string }> }) {
  const t = await getTranslations('reset');
  const { sent } = await searchParams;
  return (
    <section className="card auth">
      <h1>{t('forgotTitle')}</h1>
      {sent ? (
        <p role="status" data-testid="reset-sent">{t('sent')}</p>
      ) : (
        <>
          <p className="muted">{t('forgotIntro')}</p>
          <form className="stack" action={requestPasswordReset}>
            <label>{t('email')}<input name="email" type="email" autoComplete="email" required /></label>
            <button type="submit">{t('send')}</button>
          </form>
        </>
      )}
      <p><a href="/login">{t('backToLogin')}</a></p>
    </section>
  );
}
