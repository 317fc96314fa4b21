import { getLocale, getTranslations } from 'next-intl/server';
import type { components } from '@/api/schema';
import { moment } from '@/lib/format';

export type Run = components['schemas']['ReportRunDto'];

/** A report's state as words: a progress bar with the percentage while it is made, then done, failed (with why) or deleted. */
export async function RunStatus({ run, big = false }: { run: Run; big?: boolean }) {
  const t = await getTranslations('reports');
  const locale = await getLocale();
  const label = t('progressOf', { title: run.title ?? t(`types.${run.type}`) });
  return (
    <div className="run-status" data-testid="run-status" data-status={run.status}>
      <span className={`badge run-${run.status}`}>{t(`status.${run.status}`)}</span>
      {(run.status === 'queued' || run.status === 'running') && (
        <span className={big ? 'progress big' : 'progress'}>
          <progress max={100} value={run.progress} aria-label={label} />
          <span data-testid="run-percent">{run.progress} %</span>
        </span>
      )}
      {run.status === 'failed' && run.error && <span className="error small" data-testid="run-error">{run.error}</span>}
      {run.status === 'expired' && <span className="muted small">{t('expiredNote', { when: moment(run.expiresAt, locale) })}</span>}
    </div>
  );
}

/** 1,2 МБ / 1.2 MB: a file size as this locale writes it. */
export function size(bytes: number | null, locale: string): string {
  if (bytes == null) return '—';
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'];
  let n = bytes;
  let u = 0;
  while (n >= 1024 && u < units.length - 1) {
    n /= 1024;
    u++;
  }
  return new Intl.NumberFormat(locale === 'en' ? 'en-GB' : 'ru-RU', { style: 'unit', unit: units[u], maximumFractionDigits: u === 0 ? 0 : 1 }).format(n);
}
