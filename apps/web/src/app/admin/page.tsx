import { getLocale, getTranslations } from 'next-intl/server';
import { redirect } from 'next/navigation';
import { api } from '@/api/client';
import { ChartFigure } from '@/components/chart-figure';
import { count, day } from '@/lib/format';
import { AdminNav, allowed, firstSection } from './admin-nav';

/** The administration overview: the workspace's business metrics (owners and admins). */
export default async function AdminPage() {
  if (!(await allowed('metrics'))) {
    const section = await firstSection();
    if (section) redirect(section);
  }
  const t = await getTranslations('admin');
  const tc = await getTranslations('charts');
  const locale = await getLocale();
  const { data, error } = await (await api()).GET('/api/v1/admin/metrics');
  if (!data) {
    const problem = error as { detail?: string } | undefined;
    return <p className="error" role="alert">{problem?.detail ?? t('forbidden')}</p>;
  }
  const { activeUsers, projectsCreated, apiCalls, reportsGenerated, daily } = data;
  const figures: Array<{ key: string; label: string; value: number | null; note?: string }> = [
    { key: 'active24h', label: t('metrics.active24h'), value: activeUsers.last24h, note: t('metrics.ofMembers', { count: activeUsers.members }) },
    { key: 'active7d', label: t('metrics.active7d'), value: activeUsers.last7d, note: t('metrics.ofMembers', { count: activeUsers.members }) },
    { key: 'projects7d', label: t('metrics.projects7d'), value: projectsCreated.last7d },
    { key: 'projects30d', label: t('metrics.projects30d'), value: projectsCreated.last30d },
    { key: 'callsToday', label: t('metrics.callsToday'), value: apiCalls?.today ?? null },
    { key: 'calls7d', label: t('metrics.calls7d'), value: apiCalls?.last7d ?? null },
    { key: 'calls30d', label: t('metrics.calls30d'), value: apiCalls?.last30d ?? null },
    { key: 'reportsHour', label: t('metrics.reportsHour'), value: reportsGenerated.lastHour },
    { key: 'reports24h', label: t('metrics.reports24h'), value: reportsGenerated.last24h },
  ];
  return (
    <>
      <h1>{t('metrics.title')}</h1>
      <AdminNav current="metrics" />
      <p>{t('metrics.intro')}</p>
      <dl className="figures">
        {figures.map((f) => (
          <div key={f.key}>
            <dt>{f.label}</dt>
            <dd data-testid={`metric-${f.key}`}>
              {count(f.value, locale)}
              {f.note && <small>{f.note}</small>}
            </dd>
          </div>
        ))}
      </dl>
      {!apiCalls && <p className="error" role="status">{t('metrics.unavailable')}</p>}
      <section className="card" style={{ marginTop: '1rem' }}>
        <ChartFigure
          id="api-calls-daily"
          testId="api-calls-daily"
          title={t('metrics.daily')}
          tableLabel={tc('asTable')}
          columns={[t('metrics.day'), t('metrics.calls'), t('metrics.projects')]}
          rows={daily.map((d) => ({
            datum: { label: day(d.date, locale), value: d.apiCalls ?? 0, text: count(d.apiCalls, locale) },
            extra: [count(d.projectsCreated, locale)],
          }))}
          locale={locale}
        />
      </section>
      <p>{t('metrics.activeNote')}</p>
      <p>{t('metrics.callsNote')}</p>
    </>
  );
}
