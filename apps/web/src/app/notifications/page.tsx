import { getLocale, getTranslations } from 'next-intl/server';
import { api } from '@/api/client';
import { money, moment, percent } from '@/lib/format';
import { markAllRead, markRead } from './actions';

type ReportReady = { runId: string; title: string; fileName: string; format: 'pdf' | 'xlsx' | 'csv'; type: 'media-plan' | 'plan-vs-actual' | 'pacing' | 'insertion-order' };
type Pacing = { planId: string; planName: string; lineName: string; pacingPercent: string; direction: 'over' | 'under'; thresholdPercent: string; plannedToDate: string; actualToDate: string; currency: string; asOf: string };

/** The member's notifications, newest first; unread ones stand out and can be marked read. */
export default async function NotificationsPage() {
  const t = await getTranslations('notifications');
  const tr = await getTranslations('reports');
  const locale = await getLocale();
  const { data } = await (await api()).GET('/api/v1/notifications', { params: { query: { limit: 100 } } });
  const items = data?.items ?? [];
  return (
    <>
      <h1>{t('title')}</h1>
      <p className="muted" data-testid="unread-summary">{t('unread', { n: data?.unreadCount ?? 0 })}</p>
      {(data?.unreadCount ?? 0) > 0 && <form action={markAllRead}><button type="submit">{t('readAll')}</button></form>}
      {items.length === 0 ? <p>{t('empty')}</p> : (
        <ul className="notices">
          {items.map((n) => {
            const p = n.payload as unknown as Pacing;
            return (
              <li key={n.id} className={n.readAt ? 'read' : 'unread'} data-testid="notice">
                {n.kind === 'pacing' ? (
                  <p>
                    <strong>{t(p.direction === 'over' ? 'pacingOver' : 'pacingUnder', { line: p.lineName, pacing: percent(p.pacingPercent, locale), threshold: p.thresholdPercent })}</strong>{' '}
                    <a href={`/plans/${p.planId}`}>{p.planName}</a>
                    <br />
                    <span className="muted small">{t('pacingFigures', { actual: money(p.actualToDate, p.currency, locale), planned: money(p.plannedToDate, p.currency, locale), asOf: p.asOf })}</span>
                  </p>
                ) : n.kind === 'report-ready' ? (
                  <p>
                    <strong>{t('reportReady', { title: (n.payload as unknown as ReportReady).title })}</strong>{' '}
                    <a href={`/reports/${(n.payload as unknown as ReportReady).runId}`}>{tr('open')}</a>
                    <br />
                    <span className="muted small">{t('reportFile', { type: tr(`types.${(n.payload as unknown as ReportReady).type}`), format: tr(`formats.${(n.payload as unknown as ReportReady).format}`) })}</span>
                  </p>
                ) : <p>{n.kind}</p>}
                <span className="muted small">{moment(n.createdAt, locale)}</span>
                {!n.readAt && (
                  <form action={markRead} className="inline">
                    <input type="hidden" name="id" value={n.id} />
                    <button type="submit" className="link">{t('markRead')}</button>
                  </form>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}
