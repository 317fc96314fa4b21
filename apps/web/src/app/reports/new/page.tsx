import { NextIntlClientProvider } from 'next-intl';
import { getLocale, getMessages, getTranslations } from 'next-intl/server';
import { can } from '@/lib/me';
import { ReportForm } from '../report-form';
import { planChoices } from '../plans';

/** The request form on its own, with a plan already chosen when the address names one (the plan page links here). */
export default async function NewReportPage({ searchParams }: { searchParams: Promise<{ planId?: string }> }) {
  const t = await getTranslations('reports');
  const tn = await getTranslations('nav');
  const locale = await getLocale();
  const { planId: raw } = await searchParams;
  const planId = raw && /^[0-9a-f-]{36}$/i.test(raw) ? raw : undefined;
  const messages = (await getMessages()) as { reports: Record<string, unknown> };
  return (
    <>
      <nav aria-label={tn('breadcrumbs')}>
        <ol className="crumbs"><li><a href="/reports">{t('title')}</a></li><li>{t('new')}</li></ol>
      </nav>
      <h1>{t('new')}</h1>
      {(await can('reports:write')) ? (
        <NextIntlClientProvider locale={locale} messages={{ reports: messages.reports }}>
          <ReportForm plans={await planChoices(planId)} planId={planId} locale={locale} />
        </NextIntlClientProvider>
      ) : <p>{t('readOnly')}</p>}
      {planId && <p><a href={`/reports?planId=${planId}`}>{t('planReports')}</a></p>}
    </>
  );
}
