'use client';
import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
import { requestReport, type FormState } from './actions';
import { keepValues, ReportFields, type PlanChoice } from './report-fields';

/** The "New report" form: on success the report's own page opens and follows its progress. */
export function ReportForm({ plans, planId, locale }: { plans: PlanChoice[]; planId?: string; locale: string }) {
  const t = useTranslations('reports');
  const [state, action, pending] = useActionState<FormState, FormData>(requestReport, {});
  return (
    <form action={action} onSubmit={keepValues(action)} className="stack card" aria-labelledby="new-report" data-testid="report-form">
      <h2 id="new-report">{t('new')}</h2>
      {plans.length === 0 ? <p>{t('noPlans')}</p> : (
        <>
          {state.error && <p className="error" role="alert">{state.error}</p>}
          <ReportFields plans={plans} planId={planId} locale={locale} errors={state.fields ?? {}} />
          <div><button type="submit" disabled={pending}>{pending ? t('requesting') : t('request')}</button></div>
        </>
      )}
    </form>
  );
}
