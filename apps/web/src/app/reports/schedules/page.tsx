import { NextIntlClientProvider } from 'next-intl';
import { getLocale, getMessages, getTranslations } from 'next-intl/server';
import { api } from '@/api/client';
import { can } from '@/lib/me';
import { moment } from '@/lib/format';
import { deleteSchedule, setScheduleEnabled } from '../actions';
import { planChoices } from '../plans';
import { ScheduleForm } from './schedule-form';
import { frequencyOf, TIME_ZONES, zoneLabel } from './frequency';

/** Report schedules: each makes its report by cron in its time zone and emails it to its recipients. */
export default async function SchedulesPage({ searchParams }: { searchParams: Promise<{ error?: string }> }) {
  const t = await getTranslations('reports');
  const locale = await getLocale();
  const { error } = await searchParams;
  const [{ data }, plans, mayWrite] = await Promise.all([(await api()).GET('/api/v1/report-schedules'), planChoices(), can('reports:write')]);
  const items = data?.items ?? [];
  const planName = new Map(plans.map((p) => [p.id, p.name]));
  const messages = (await getMessages()) as { reports: Record<string, unknown> };
  const zones = Object.fromEntries(TIME_ZONES.map((z) => [z, zoneLabel(z, locale)]));
  /** The cron in words when the picker could have made it. */
  const words = (cron: string) => {
    const f = frequencyOf(cron);
    if (f.kind === 'daily') return t('schedules.every.daily', { time: f.time });
    if (f.kind === 'weekly') return t('schedules.every.weekly', { weekday: f.weekday, time: f.time });
    if (f.kind === 'monthly') return t('schedules.every.monthly', { day: f.day, time: f.time });
    return null;
  };
  return (
    <>
      <h1>{t('title')}</h1>
      <ul className="tabs">
        <li><a href="/reports">{t('history')}</a></li>
        <li><a href="/reports/schedules" aria-current="page">{t('schedules.title')}</a></li>
      </ul>
      <p className="muted">{t('schedules.intro')}</p>
      {error && <p className="error" role="alert">{error}</p>}
      {items.length === 0 ? <p>{t('schedules.empty')}</p> : (
        <div className="scroll">
          <table data-testid="schedules">
            <thead>
              <tr><th>{t('schedules.name')}</th><th>{t('report')}</th><th>{t('schedules.when')}</th><th>{t('schedules.next')}</th><th>{t('schedules.recipients')}</th><th>{t('schedules.state')}</th><th><span className="sr-only">{t('schedules.actions')}</span></th></tr>
            </thead>
            <tbody>
              {items.map((s) => {
                const planId = typeof s.report.params.planId === 'string' ? s.report.params.planId : '';
                const said = words(s.cron);
                return (
                  <tr key={s.id} data-testid="schedule-row">
                    <td><strong>{s.name}</strong><div className="small"><a href={`/reports?scheduleId=${s.id}`}>{t('schedules.runs')}</a></div></td>
                    <td>{t(`types.${s.report.type}`)} · {t(`formats.${s.report.format}`)} · {s.report.locale.toUpperCase()}<div className="muted small">{planName.get(planId) ?? '—'}</div></td>
                    <td>{said && <div>{said}</div>}<code data-testid="schedule-cron">{s.cron}</code><div className="muted small">{s.timezone}</div></td>
                    <td>{s.enabled ? moment(s.nextRunAt, locale, s.timezone) : '—'}{s.lastRunAt && <div className="muted small">{t('schedules.last', { when: moment(s.lastRunAt, locale, s.timezone) })}</div>}</td>
                    <td className="small">{s.recipients.map((r) => <div key={r}>{r}</div>)}</td>
                    <td><span className={`badge ${s.enabled ? 'run-done' : ''}`} data-testid="schedule-state">{s.enabled ? t('schedules.enabled') : t('schedules.paused')}</span></td>
                    <td>
                      {mayWrite && (
                        <div className="actions">
                          <form action={setScheduleEnabled}>
                            <input type="hidden" name="id" value={s.id} />
                            <input type="hidden" name="enabled" value={String(!s.enabled)} />
                            <button type="submit" className="link" aria-label={`${s.enabled ? t('schedules.pause') : t('schedules.resume')}: ${s.name}`}>{s.enabled ? t('schedules.pause') : t('schedules.resume')}</button>
                          </form>
                          <details className="danger confirm">
                            <summary aria-label={`${t('schedules.delete')}: ${s.name}`}>{t('schedules.delete')}</summary>
                            <form action={deleteSchedule}>
                              <input type="hidden" name="id" value={s.id} />
                              <span className="small">{t('schedules.deleteNote')}</span>
                              <button type="submit" className="danger">{t('schedules.deleteConfirm')}</button>
                            </form>
                          </details>
                        </div>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {mayWrite && (
        <NextIntlClientProvider locale={locale} messages={{ reports: messages.reports }}>
          <ScheduleForm plans={plans} locale={locale} zones={zones} />
        </NextIntlClientProvider>
      )}
    </>
  );
}
