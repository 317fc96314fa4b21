// What a report request is made of, shared by the request form, the schedule form and their server
// actions: the choices the API offers, how the form's fields become the request's body, and which
// field of the form a problem from the API belongs to.
// The lists repeat the contract's (a test keeps them equal): the forms run in the browser, which
// should not load the contracts' schemas.
import type { CreateReport } from '@mrm/contracts';

export const REPORT_TYPES = ['media-plan', 'plan-vs-actual', 'pacing', 'insertion-order'] as const;
export const REPORT_FORMATS = ['pdf', 'xlsx', 'csv'] as const;
export const REPORT_LOCALES = ['ru', 'en'] as const;
export const GROUPINGS = ['line_item', 'channel', 'partner', 'platform'] as const;

/** Statuses with work still under way: pages showing one refresh themselves until it ends. */
export const RUNNING: readonly string[] = ['queued', 'running'];

/** The options each report type takes besides its plan, in the order the form shows them. */
export const OPTIONS_OF: Record<CreateReport['type'], readonly string[]> = {
  'media-plan': ['version'],
  'plan-vs-actual': ['asOf', 'groupBy'],
  pacing: ['asOf'],
  'insertion-order': ['partner', 'version', 'vatRate', 'paymentDays'],
};

const pick = <T extends string>(value: string, allowed: readonly T[], fallback: T): T => ((allowed as readonly string[]).includes(value) ? (value as T) : fallback);

/** A number as typed (a decimal comma is fine); what is not a number goes to the API as null, which names the field. */
const num = (v: string) => {
  const n = Number(v.replace(',', '.').replace(/\s/g, ''));
  return Number.isFinite(n) ? n : (null as unknown as number);
};

/** The request body from the form's fields (`get` reads one by name; empty means "not given"). */
export function reportOf(get: (name: string) => string): CreateReport {
  const type = pick(get('type'), REPORT_TYPES, 'plan-vs-actual');
  const format = pick(get('format'), REPORT_FORMATS, 'pdf');
  const locale = pick(get('locale'), REPORT_LOCALES, 'ru');
  const planId = get('planId');
  const given = (name: string) => OPTIONS_OF[type].includes(name) && get(name) !== '';
  const params: Record<string, unknown> = { planId };
  if (given('asOf')) params.asOf = get('asOf');
  if (given('groupBy')) params.groupBy = get('groupBy');
  if (given('version')) params.version = num(get('version'));
  if (type === 'insertion-order') params.partner = get('partner');
  if (given('vatRate')) params.vatRate = num(get('vatRate'));
  if (given('paymentDays')) params.paymentDays = num(get('paymentDays'));
  return { type, format, locale, params } as CreateReport;
}

/**
 * The form field a problem's `errors[].field` is about: `params.partner` and
 * `report.params.partner` are the partner field, `recipients.2` the recipients; null when the
 * form has no such field (the problem is then shown above the form).
 */
export function fieldOf(apiField: string, known: readonly string[]): string | null {
  const name = apiField.replace(/^report\./, '').replace(/^params\./, '').split('.')[0];
  return known.includes(name) ? name : null;
}

/** Every field either form may show a problem next to. */
export const FORM_FIELDS = ['type', 'format', 'locale', 'planId', 'asOf', 'groupBy', 'version', 'partner', 'vatRate', 'paymentDays', 'name', 'cron', 'timezone', 'recipients'] as const;
