'use client';
import { startTransition, useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslations } from 'next-intl';
import { GROUPINGS, OPTIONS_OF, REPORT_FORMATS, REPORT_LOCALES, REPORT_TYPES } from './options';

/** A plan the form offers, with what its options depend on. */
export interface PlanChoice {
  id: string;
  name: string;
  client: string;
  latestVersion: number | null;
  approvedVersion: number | null;
  vatRate: string;
}

type Errors = Record<string, string>;

/** The props that tie an input to the problem shown under it. */
export const described = (name: string, errors: Errors) => (errors[name] ? { 'aria-invalid': true as const, 'aria-describedby': `${name}-error` } : {});

/**
 * Sends the form to its action without the reset React does after a form action: a reset puts the
 * selects back on the options the server rendered, so a form refused by the API would no longer
 * show what was chosen. (Without script the form still posts to the action.)
 */
export function keepValues(action: (form: FormData) => void) {
  return (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    startTransition(() => action(form));
  };
}

/** The id of a field's input: its label points at it, so the input is named by the label alone. */
export const idOf = (name: string) => `field-${name}`;

/** A labelled input with the API's message about it right below. */
export function Field({ name, label, errors, children }: { name: string; label: string; errors: Errors; children: ReactNode }) {
  return (
    <div className="field" data-field={name}>
      <label htmlFor={idOf(name)}>{label}</label>
      {children}
      {errors[name] && <span id={`${name}-error`} className="error small" role="alert">{errors[name]}</span>}
    </div>
  );
}

/**
 * What report, of which plan, in which format and language, with the options its type takes. Every
 * field is held here, so a problem from the API leaves what was chosen in place.
 */
export function ReportFields({ plans, planId, locale, errors }: { plans: PlanChoice[]; planId?: string; locale: string; errors: Errors }) {
  const t = useTranslations('reports');
  const [type, setType] = useState<string>('plan-vs-actual');
  const [plan, setPlan] = useState(planId && plans.some((p) => p.id === planId) ? planId : (plans[0]?.id ?? ''));
  const [format, setFormat] = useState<string>('pdf');
  const [language, setLanguage] = useState(locale === 'en' ? 'en' : 'ru');
  const [asOf, setAsOf] = useState('');
  const [groupBy, setGroupBy] = useState<string>('line_item');
  const [version, setVersion] = useState('');
  const [partner, setPartner] = useState('');
  const [vatRate, setVatRate] = useState('');
  const [paymentDays, setPaymentDays] = useState('30');
  const [partners, setPartners] = useState<string[] | null>(null);
  const chosen = plans.find((p) => p.id === plan);
  const options = OPTIONS_OF[type as keyof typeof OPTIONS_OF];

  // The partner choice lists the partners the chosen plan's lines name.
  useEffect(() => {
    if (!plan) return;
    let live = true;
    setPartners(null);
    fetch(`/reports/partners?planId=${encodeURIComponent(plan)}`)
      .then((r) => r.json() as Promise<{ partners: string[] }>)
      .then((b) => {
        if (!live) return;
        setPartners(b.partners);
        setPartner((p) => (b.partners.includes(p) ? p : (b.partners[0] ?? '')));
      })
      .catch(() => live && setPartners([]));
    return () => {
      live = false;
    };
  }, [plan]);

  const clients = [...new Set(plans.map((p) => p.client))];
  return (
    <>
      <div className="row">
        <Field name="type" label={t('type')} errors={errors}>
          <select id={idOf('type')} name="type" value={type} onChange={(e) => setType(e.target.value)} {...described('type', errors)}>
            {REPORT_TYPES.map((x) => <option key={x} value={x}>{t(`types.${x}`)}</option>)}
          </select>
        </Field>
        <Field name="planId" label={t('plan')} errors={errors}>
          <select id={idOf('planId')} name="planId" value={plan} onChange={(e) => setPlan(e.target.value)} required {...described('planId', errors)}>
            {clients.map((c) => (
              <optgroup key={c} label={c}>
                {plans.filter((p) => p.client === c).map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
              </optgroup>
            ))}
          </select>
        </Field>
        <Field name="format" label={t('format')} errors={errors}>
          <select id={idOf('format')} name="format" value={format} onChange={(e) => setFormat(e.target.value)} {...described('format', errors)}>
            {REPORT_FORMATS.map((x) => <option key={x} value={x}>{t(`formats.${x}`)}</option>)}
          </select>
        </Field>
        <Field name="locale" label={t('language')} errors={errors}>
          <select id={idOf('locale')} name="locale" value={language} onChange={(e) => setLanguage(e.target.value)} {...described('locale', errors)}>
            {REPORT_LOCALES.map((x) => <option key={x} value={x}>{t(`languages.${x}`)}</option>)}
          </select>
        </Field>
      </div>
      <p className="muted small" data-testid="type-note">{t(`typeNotes.${type as 'pacing'}`)}</p>
      <div className="row" data-testid="report-options">
        {options.includes('partner') && (
          <Field name="partner" label={t('partner')} errors={errors}>
            {partners && partners.length > 0 ? (
              <select id={idOf('partner')} name="partner" value={partner} onChange={(e) => setPartner(e.target.value)} required {...described('partner', errors)}>
                {partners.map((p) => <option key={p} value={p}>{p}</option>)}
              </select>
            ) : (
              <input id={idOf('partner')} name="partner" value={partner} onChange={(e) => setPartner(e.target.value)} required maxLength={200} placeholder={partners ? t('noPartners') : t('loading')} {...described('partner', errors)} />
            )}
          </Field>
        )}
        {options.includes('version') && (
          <Field name="version" label={t('version')} errors={errors}>
            <select id={idOf('version')} name="version" value={version} onChange={(e) => setVersion(e.target.value)} {...described('version', errors)}>
              <option value="">{chosen?.approvedVersion ? t('approvedVersion', { n: chosen.approvedVersion }) : t('noApprovedVersion')}</option>
              {Array.from({ length: chosen?.latestVersion ?? 0 }, (_, i) => i + 1).reverse().map((n) => <option key={n} value={n}>{t('versionN', { n })}</option>)}
            </select>
          </Field>
        )}
        {options.includes('asOf') && (
          <Field name="asOf" label={t('asOf')} errors={errors}>
            <input type="date" id={idOf('asOf')} name="asOf" value={asOf} onChange={(e) => setAsOf(e.target.value)} aria-describedby={errors.asOf ? 'asOf-error' : 'asOf-hint'} aria-invalid={errors.asOf ? true : undefined} />
          </Field>
        )}
        {options.includes('groupBy') && (
          <Field name="groupBy" label={t('groupBy')} errors={errors}>
            <select id={idOf('groupBy')} name="groupBy" value={groupBy} onChange={(e) => setGroupBy(e.target.value)} {...described('groupBy', errors)}>
              {GROUPINGS.map((g) => <option key={g} value={g}>{t(`groupings.${g}`)}</option>)}
            </select>
          </Field>
        )}
        {options.includes('vatRate') && (
          <Field name="vatRate" label={t('vatRate')} errors={errors}>
            <input id={idOf('vatRate')} name="vatRate" inputMode="decimal" size={6} value={vatRate} onChange={(e) => setVatRate(e.target.value)} placeholder={chosen?.vatRate ?? ''} {...described('vatRate', errors)} />
          </Field>
        )}
        {options.includes('paymentDays') && (
          <Field name="paymentDays" label={t('paymentDays')} errors={errors}>
            <input id={idOf('paymentDays')} name="paymentDays" type="number" min={0} max={365} value={paymentDays} onChange={(e) => setPaymentDays(e.target.value)} {...described('paymentDays', errors)} />
          </Field>
        )}
      </div>
      {options.includes('asOf') && <p id="asOf-hint" className="muted small">{t('asOfHint')}</p>}
    </>
  );
}
