import type { Locale } from '@mrm/contracts';
import { optOutNote } from './common.js';
import { render, type Email } from './layout.js';

export interface ApprovalRequestedVars {
  plan: string;
  version: number;
  url: string;
  settingsUrl: string;
}

export function approvalRequested(locale: Locale, v: ApprovalRequestedVars): Email {
  if (locale === 'en') {
    return render(locale, `For approval: "${v.plan}", version ${v.version}`, {
      heading: 'A media plan awaits your approval',
      paragraphs: [`The media plan "${v.plan}" (version ${v.version}) was submitted for approval.`],
      button: { label: 'Open the plan', url: v.url },
      notes: [optOutNote(locale, v.settingsUrl)],
    });
  }
  return render(locale, `На согласование: «${v.plan}», версия ${v.version}`, {
    heading: 'Медиаплан ждёт согласования',
    paragraphs: [`Медиаплан «${v.plan}» (версия ${v.version}) отправлен на согласование.`],
    button: { label: 'Открыть план', url: v.url },
    notes: [optOutNote(locale, v.settingsUrl)],
  });
}
