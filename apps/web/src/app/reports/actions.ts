'use server';
// Reports: request one, and keep schedules. A problem from the API comes back to the form with each
// field's own message placed next to that field, and the lead sentence in the reader's language.
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { api } from '@/api/client';
import type { Problem } from '@/api/client';
import { problemMessage } from '@/lib/problem';
import { FORM_FIELDS, fieldOf, reportOf } from './options';

export interface FormState {
  /** What went wrong, for the top of the form. */
  error?: string;
  /** The API's message per form field. */
  fields?: Record<string, string>;
  /** A schedule was saved. */
  saved?: boolean;
}

const text = (form: FormData, key: string) => String(form.get(key) ?? '').trim();

async function stateOf(problem: unknown): Promise<FormState> {
  const fields: Record<string, string> = {};
  for (const e of (problem as Problem | undefined)?.errors ?? []) {
    const f = fieldOf(e.field, FORM_FIELDS);
    if (f && !fields[f]) fields[f] = e.message;
  }
  return { error: await problemMessage(problem), fields };
}

/** Queues the report and opens its page, which follows the progress. */
export async function requestReport(_state: FormState, form: FormData): Promise<FormState> {
  const { data, error } = await (await api()).POST('/api/v1/reports', { body: reportOf((k) => text(form, k)) });
  if (!data) return stateOf(error);
  revalidatePath('/reports');
  redirect(`/reports/${data.id}`);
}

export async function createSchedule(_state: FormState, form: FormData): Promise<FormState> {
  const recipients = text(form, 'recipients').split(/[\s,;]+/).filter(Boolean);
  const body = { name: text(form, 'name'), report: reportOf((k) => text(form, k)), cron: text(form, 'cron'), timezone: text(form, 'timezone') || 'Europe/Moscow', recipients, enabled: true };
  const { error } = await (await api()).POST('/api/v1/report-schedules', { body });
  if (error) return stateOf(error);
  revalidatePath('/reports/schedules');
  return { saved: true };
}

const back = async (problem: unknown) => redirect(`/reports/schedules?error=${encodeURIComponent(await problemMessage(problem))}`);

/** Pauses or resumes a schedule: a paused one makes no reports until resumed. */
export async function setScheduleEnabled(form: FormData): Promise<void> {
  const id = text(form, 'id');
  const body = { enabled: text(form, 'enabled') === 'true' };
  const { error } = await (await api()).PATCH('/api/v1/report-schedules/{id}', { params: { path: { id } }, body });
  if (error) return back(error);
  revalidatePath('/reports/schedules');
}

/** Removes a schedule; the reports it made stay in the history. */
export async function deleteSchedule(form: FormData): Promise<void> {
  const { error } = await (await api()).DELETE('/api/v1/report-schedules/{id}', { params: { path: { id: text(form, 'id') } } });
  if (error) return back(error);
  revalidatePath('/reports/schedules');
  redirect('/reports/schedules');
}
