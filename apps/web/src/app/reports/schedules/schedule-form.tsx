'use client';
import { useActionState, useState } from 'react';
import { useTranslations } from 'next-intl';
import { createSchedule, type FormState } from '../actions';
import { Field, idOf, keepValues, ReportFields, type PlanChoice } from '../report-fields';
import { cronOf, KINDS, TIME_ZONES, WEEKDAYS, type Frequency, type Weekday } from './frequency';

/** A new schedule: the report, how often (a picker that writes the cron), the time zone it is read in, and who gets it. */
export function ScheduleForm({ plans, locale, zones }: { plans: PlanChoice[]; locale: string; zones: Record<string, string> }) {
  const t = useTranslations('reports');
  const [state, action, pending] = useActionState<FormState, FormData>(createSchedule, {});
  const [name, setName] = useState('');
  const [kind, setKind] = useState<Frequency['kind']>('weekly');
  const [time, setTime] = useState('09:00');
  const [weekday, setWeekday] = useState<Weekday>('mon');
  const [day, setDay] = useState('1');
  const [custom, setCustom] = useState('0 9 * * 1-5');
  const [zone, setZone] = useState('Europe/Moscow');
  const [recipients, setRecipients] = useState('');
  const errors = state.fields ?? {};
  const frequency: Frequency =
    kind === 'daily' ? { kind, time } : kind === 'weekly' ? { kind, time, weekday } : kind === 'monthly' ? { kind, time, day: Number(day) } : { kind, cron: custom };
  const cron = cronOf(frequency);
  const invalid = (f: string, hint?: string) => ({ 'aria-invalid': errors[f] ? (true as const) : undefined, 'aria-describedby': [errors[f] ? `${f}-error` : '', hint ?? ''].filter(Boolean).join(' ') || undefined });
  const problem = (f: string) => errors[f] && <span id={`${f}-error`} className="error small" role="alert">{errors[f]}</span>;
  if (plans.length === 0) return <section className="card"><h2>{t('schedules.new')}</h2><p>{t('noPlans')}</p></section>;
  return (
    <form action={action} onSubmit={keepValues(action)} className="stack card" aria-labelledby="new-schedule" data-testid="schedule-form">
      <h2 id="new-schedule">{t('schedules.new')}</h2>
      {state.error && <p className="error" role="alert">{state.error}</p>}
      {state.saved && <p className="notice" role="status">{t('schedules.saved')}</p>}
      <Field name="name" label={t('schedules.name')} errors={errors}>
        <input id={idOf('name')} name="name" value={name} onChange={(e) => setName(e.target.value)} required maxLength={200} {...invalid('name')} />
      </Field>
      <ReportFields plans={plans} locale={locale} errors={errors} />
      <fieldset>
        <legend>{t('schedules.frequency')}</legend>
        <div className="row">
          <Field name="repeat" label={t('schedules.repeat')} errors={errors}>
            <select id={idOf('repeat')} value={kind} onChange={(e) => setKind(e.target.value as Frequency['kind'])}>
              {KINDS.map((k) => <option key={k} value={k}>{t(`schedules.kinds.${k}`)}</option>)}
            </select>
          </Field>
          {kind === 'weekly' && (
            <Field name="weekday" label={t('schedules.weekday')} errors={errors}>
              <select id={idOf('weekday')} value={weekday} onChange={(e) => setWeekday(e.target.value as Weekday)}>
                {[...WEEKDAYS.slice(1), WEEKDAYS[0]].map((d) => <option key={d} value={d}>{t(`schedules.weekdays.${d}`)}</option>)}
              </select>
            </Field>
          )}
          {kind === 'monthly' && (
            <Field name="day" label={t('schedules.day')} errors={errors}>
              <input id={idOf('day')} type="number" min={1} max={31} value={day} onChange={(e) => setDay(e.target.value)} aria-describedby="day-hint" />
            </Field>
          )}
          {kind !== 'custom' && (
            <Field name="time" label={t('schedules.time')} errors={errors}>
              <input id={idOf('time')} type="time" value={time} onChange={(e) => setTime(e.target.value)} required />
            </Field>
          )}
          {kind === 'custom' && (
            <Field name="cron" label={t('schedules.cron')} errors={errors}>
              <input id={idOf('cron')} value={custom} onChange={(e) => setCustom(e.target.value)} required maxLength={100} spellCheck={false} {...invalid('cron', 'cron-hint')} />
            </Field>
          )}
          <Field name="timezone" label={t('schedules.timezone')} errors={errors}>
            <select id={idOf('timezone')} name="timezone" value={zone} onChange={(e) => setZone(e.target.value)} {...invalid('timezone')}>
              {TIME_ZONES.map((z) => <option key={z} value={z}>{zones[z] ?? z}</option>)}
            </select>
          </Field>
        </div>
        <input type="hidden" name="cron" value={cron} />
        {kind !== 'custom' && problem('cron')}
        {kind === 'monthly' && <p id="day-hint" className="muted small">{t('schedules.dayHint')}</p>}
        {kind === 'custom' && <p id="cron-hint" className="muted small">{t('schedules.cronHint')}</p>}
        <p className="muted small">{t('schedules.cronIs')} <code data-testid="cron-preview">{cron}</code></p>
      </fieldset>
      <Field name="recipients" label={t('schedules.recipients')} errors={errors}>
        <textarea id={idOf('recipients')} name="recipients" rows={3} cols={50} value={recipients} onChange={(e) => setRecipients(e.target.value)} required {...invalid('recipients', 'recipients-hint')} />
        <span id="recipients-hint" className="muted small">{t('schedules.recipientsHint')}</span>
      </Field>
      <div><button type="submit" disabled={pending}>{t('schedules.create')}</button></div>
    </form>
  );
}
