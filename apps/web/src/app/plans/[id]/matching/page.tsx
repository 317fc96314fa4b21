import { getLocale, getTranslations } from 'next-intl/server';
import { notFound } from 'next/navigation';
import { api } from '@/api/client';
import { percent } from '@/lib/format';
import { confirmAll, setCampaigns } from './actions';

type Campaign = { platform: string; accountId: string; campaignId: string; name: string; firstDate: string; lastDate: string };

/**
 * Which platform campaigns each line's actuals come from. Suggestions are only offered, never
 * applied: the planner confirms each (or all of them at once).
 */
export default async function MatchingPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ error?: string }> }) {
  const t = await getTranslations('matching');
  const tp = await getTranslations('connections.platforms');
  const tn = await getTranslations('nav');
  const locale = await getLocale();
  const { id } = await params;
  const { error } = await searchParams;
  const client = await api();
  const [{ data: plan }, { data }] = await Promise.all([
    client.GET('/api/v1/media-plans/{id}', { params: { path: { id } } }),
    client.GET('/api/v1/media-plans/{id}/matching', { params: { path: { id } } }),
  ]);
  if (!plan || !data) notFound();
  const platform = (p: string) => (['google_ads', 'meta', 'yandex_direct', 'vk_ads'].includes(p) ? tp(p as 'meta') : p);
  const label = (c: Campaign) => `${platform(c.platform)} · ${c.name || t('unnamed')} (${c.campaignId})`;
  const suggested = data.lines.filter((l) => l.suggestions.length > 0).length;
  const matched = data.lines.filter((l) => l.campaignIds.length > 0).length;
  const readOnly = plan.status === 'archived';
  const hidden = (lineId: string, version: number, ids: string[]) => (
    <>
      <input type="hidden" name="planId" value={id} />
      <input type="hidden" name="lineId" value={lineId} />
      <input type="hidden" name="version" value={version} />
      <input type="hidden" name="campaignIds" value={JSON.stringify(ids)} />
    </>
  );
  return (
    <>
      <nav aria-label={tn('breadcrumbs')}>
        <ol className="crumbs"><li><a href="/clients">{tn('clients')}</a></li><li><a href={`/plans/${id}`}>{plan.name}</a></li><li>{t('title')}</li></ol>
      </nav>
      <h1>{t('title')}</h1>
      <p className="muted">{t('intro')}</p>
      {error && <p className="error" role="alert">{error}</p>}
      <p data-testid="matching-summary">{t('summary', { matched, total: data.lines.length, campaigns: data.unmatchedCampaigns.length })}</p>
      {suggested > 0 && !readOnly && (
        <form action={confirmAll}>
          <input type="hidden" name="planId" value={id} />
          <button type="submit">{t('confirmAll', { n: suggested })}</button>
        </form>
      )}
      <table data-testid="matching">
        <thead><tr><th>{t('line')}</th><th>{t('campaigns')}</th><th>{t('suggestions')}</th><th>{t('add')}</th></tr></thead>
        <tbody>
          {data.lines.map((l) => (
            <tr key={l.lineItemId} id={`line-${l.lineItemId}`} data-testid={`match-${l.name}`}>
              <th scope="row">
                {l.name}
                <div className="muted small">{[l.channel, l.partner].filter(Boolean).join(' · ')} {l.startDate} — {l.endDate}</div>
              </th>
              <td>
                {l.campaignIds.length === 0 && <span className="muted">{t('none')}</span>}
                <ul className="plain">
                  {l.campaigns.map((c) => (
                    <li key={`${c.platform}-${c.campaignId}`}>
                      {label(c)}
                      {!readOnly && (
                        <form action={setCampaigns} className="inline">
                          {hidden(l.lineItemId, l.version, l.campaignIds.filter((x) => x !== c.campaignId))}
                          <button type="submit" className="link" aria-label={t('removeNamed', { name: c.name || c.campaignId })}>{t('remove')}</button>
                        </form>
                      )}
                    </li>
                  ))}
                  {l.unknownCampaignIds.map((cid) => (
                    <li key={cid}>
                      <span className="badge pace-under">{cid} · {t('unknown')}</span>
                      {!readOnly && (
                        <form action={setCampaigns} className="inline">
                          {hidden(l.lineItemId, l.version, l.campaignIds.filter((x) => x !== cid))}
                          <button type="submit" className="link" aria-label={t('removeNamed', { name: cid })}>{t('remove')}</button>
                        </form>
                      )}
                    </li>
                  ))}
                </ul>
              </td>
              <td>
                <ul className="plain">
                  {l.suggestions.map((s) => (
                    <li key={`${s.platform}-${s.campaignId}`}>
                      {label(s)} <span className="muted small">{t('score', { score: percent(String(s.score * 100), locale) })}</span>
                      {!readOnly && (
                        <form action={setCampaigns} className="inline">
                          {hidden(l.lineItemId, l.version, [...l.campaignIds, s.campaignId])}
                          <button type="submit" aria-label={t('confirmNamed', { name: s.name || s.campaignId })}>{t('confirm')}</button>
                        </form>
                      )}
                    </li>
                  ))}
                </ul>
              </td>
              <td>
                {!readOnly && data.unmatchedCampaigns.length > 0 && (
                  <form action={setCampaigns} className="inline">
                    {hidden(l.lineItemId, l.version, l.campaignIds)}
                    <select name="add" required defaultValue="" aria-label={t('addTo', { line: l.name })}>
                      <option value="" disabled>{t('choose')}</option>
                      {data.unmatchedCampaigns.map((c) => <option key={`${c.platform}-${c.campaignId}`} value={c.campaignId}>{label(c)}</option>)}
                    </select>
                    <button type="submit">{t('addButton')}</button>
                  </form>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {data.unmatchedCampaigns.length === 0 && data.lines.every((l) => l.campaignIds.length === 0) && <p className="muted">{t('noCampaigns')}</p>}
    </>
  );
}
