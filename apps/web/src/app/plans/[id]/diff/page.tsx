import { getTranslations } from 'next-intl/server';
import { notFound } from 'next/navigation';
import { api } from '@/api/client';

const show = (v: unknown) => (v === null || v === undefined ? '—' : typeof v === 'object' ? JSON.stringify(v) : String(v));

export default async function DiffPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ from?: string; to?: string }> }) {
  const t = await getTranslations('review');
  const { id } = await params;
  const { from = '1', to = '2' } = await searchParams;
  const { data } = await (await api()).GET('/api/v1/media-plans/{id}/diff', { params: { path: { id }, query: { from: Number(from), to: Number(to) } } });
  if (!data) notFound();
  return (
    <>
      <p><a href={`/plans/${id}`}>←</a></p>
      <h1>{t('diff')}: {data.from} → {data.to}</h1>
      {data.added.length > 0 && (<><h2>{t('added')}</h2><ul>{data.added.map((l) => <li key={l.id}>{l.name}</li>)}</ul></>)}
      {data.removed.length > 0 && (<><h2>{t('removed')}</h2><ul>{data.removed.map((l) => <li key={l.id}>{l.name}</li>)}</ul></>)}
      {data.changed.length > 0 && (
        <>
          <h2>{t('changed')}</h2>
          <table>
            <thead><tr><th>{t('field')}</th><th>{t('before')}</th><th>{t('after')}</th></tr></thead>
            <tbody>
              {data.changed.flatMap((l) => [
                <tr key={l.id}><th colSpan={3}>{l.name}</th></tr>,
                ...l.changes.map((c) => <tr key={`${l.id}-${c.field}`}><td>{c.field}</td><td>{show(c.before)}</td><td>{show(c.after)}</td></tr>),
              ])}
            </tbody>
          </table>
        </>
      )}
    </>
  );
}
