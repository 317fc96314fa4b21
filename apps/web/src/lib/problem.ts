import 'server-only';
import { getTranslations } from 'next-intl/server';
import type { Problem } from '@/api/client';

// The kinds of problem the API names in `type` (urn:mrm:problem:<kind>), each with a sentence in both languages.
const KINDS = ['validation', 'not-found', 'conflict', 'forbidden', 'unauthorized', 'rate-limited', 'stale-etag', 'precondition-required', 'invalid-transition', 'version-superseded', 'empty-plan', 'plan-archived', 'client-archived', 'project-archived', 'invalid-reset-token', 'import-invalid', 'unsupported-media-type', 'request', 'internal'] as const;

/**
 * A problem from the API as the reader should see it: what happened, in their language, then the
 * API's own words about which field and why (kept as the exact reference support will ask for).
 */
export async function problemMessage(problem: unknown): Promise<string> {
  const t = await getTranslations('problems');
  const p = (problem ?? {}) as Problem & { type?: string };
  const kind = p.type?.split(':').pop() ?? '';
  const lead = t((KINDS as readonly string[]).includes(kind) ? (kind as (typeof KINDS)[number]) : 'request');
  const first = p.errors?.[0];
  const detail = first ? `${first.field}: ${first.message}` : p.detail;
  return detail ? `${lead} (${detail})` : lead;
}
