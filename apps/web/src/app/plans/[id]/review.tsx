import { getLocale, getTranslations } from 'next-intl/server';
import { api } from '@/api/client';
import { moment } from '@/lib/format';
import { decidePlan } from '../../actions';
import { ShareLink } from './share-link';

/** The approval side of a plan: decide the version in review, versions with their diffs, client links. */
export async function Review({ planId, status }: { planId: string; status: string }) {
  const t = await getTranslations('review');
  const locale = await getLocale();
  const client = await api();
  const [{ data: versions }, { data: links }, { data: me }] = await Promise.all([
    client.GET('/api/v1/media-plans/{id}/versions', { params: { path: { id: planId } } }),
    client.GET('/api/v1/media-plans/{id}/shares', { params: { path: { id: planId } } }),
    client.GET('/api/v1/me'),
  ]);
  const canApprove = me?.permissions.includes('plans:approve') ?? false;
  const canShare = me?.permissions.includes('plans:share') ?? false;
  const when = (iso: string | null) => (iso ? moment(iso, locale) : '');
  const items = versions?.items ?? [];
  return (
    <section className="card" aria-labelledby="review">
      <h2 id="review">{t('title')}</h2>
      {status === 'in_review' && canApprove && (
        <div className="grid2">
          <form className="stack" action={decidePlan}>
            <input type="hidden" name="planId" value={planId} />
            <input type="hidden" name="decision" value="approve" />
            <label>{t('comment')}<input name="comment" /></label>
            <button type="submit">{t('approve')}</button>
          </form>
          <form className="stack" action={decidePlan}>
            <input type="hidden" name="planId" value={planId} />
            <input type="hidden" name="decision" value="reject" />
            <label>{t('commentRequired')}<input name="comment" required /></label>
            <button type="submit">{t('reject')}</button>
          </form>
        </div>
      )}
      {items.length > 0 && (
        <>
          <h3>{t('versions')}</h3>
          <table>
            <thead><tr><th>#</th><th>{t('decidedBy')}</th><th>{t('submittedBy')}</th><th>{t('comment')}</th><th>{t('diff')}</th></tr></thead>
            <tbody>
              {items.map((v) => (
                <tr key={v.number}>
                  <td>{v.number}</td>
                  <td><span className="badge">{t(`versionStatus.${v.status}`)}</span> {v.decidedBy ?? ''} {when(v.decidedAt)}</td>
                  <td>{v.submittedBy} {when(v.submittedAt)}</td>
                  <td>{v.comment ?? ''}</td>
                  <td>{v.number > 1 && <a href={`/plans/${planId}/diff?from=${v.number - 1}&to=${v.number}`}>{v.number - 1} → {v.number}</a>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {canShare && items.length > 0 && (
        <>
          <h3>{t('share')}</h3>
          <ShareLink planId={planId} labels={{ create: t('createLink'), created: t('linkCreated') }} />
        </>
      )}
      {(links?.items.length ?? 0) > 0 && (
        <>
          <h3>{t('links')}</h3>
          <ul>
            {links!.items.map((l) => (
              <li key={l.id}>
                #{l.versionNumber} · {t('expires')} {when(l.expiresAt)} ·{' '}
                {l.decision === 'approved' ? t('approvedBy', { name: l.decidedName ?? '' }) : l.decision === 'rejected' ? t('rejectedBy', { name: l.decidedName ?? '' }) : t('noDecision')}
                {l.decidedAt ? ` · ${when(l.decidedAt)}` : ''}
                {l.decidedComment ? ` · «${l.decidedComment}»` : ''}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
