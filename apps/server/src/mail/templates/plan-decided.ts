import type { Locale } from '@mrm/contracts';
import { optOutNote } from './common.js';
import { render, type Email } from './layout.js';

export interface PlanDecidedVars {
  plan: string;
  version: number;
  decision: 'approved' | 'rejected';
  /** The name of whoever decided. */
  by: string;
  comment: string | null;
  url: string;
  settingsUrl: string;
}

export function planDecided(locale: Locale, v: PlanDecidedVars): Email {
  const ok = v.decision === 'approved';
  if (locale === 'en') {
    return render(locale, `${ok ? 'Approved' : 'Rejected'}: "${v.plan}", version ${v.version}`, {
      heading: ok ? 'Your media plan was approved' : 'Your media plan was rejected',
      paragraphs: [`${v.by} ${ok ? 'approved' : 'rejected'} the media plan "${v.plan}" (version ${v.version}).`],
      ...(v.comment ? { quote: { label: 'Comment:', text: v.comment } } : {}),
      button: { label: 'Open the plan', url: v.url },
      notes: [optOutNote(locale, v.settingsUrl)],
    });
  }
  return render(locale, `${ok ? 'Согласовано' : 'Отклонено'}: «${v.plan}», версия ${v.version}`, {
    heading: ok ? 'Медиаплан согласован' : 'Медиаплан отклонён',
    paragraphs: [`${v.by} ${ok ? 'согласовал(а)' : 'отклонил(а)'} медиаплан «${v.plan}» (версия ${v.version}).`],
    ...(v.comment ? { quote: { label: 'Комментарий:', text: v.comment } } : {}),
    button: { label: 'Открыть план', url: v.url },
    notes: [optOutNote(locale, v.settingsUrl)],
  });
}
