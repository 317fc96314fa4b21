import type { Locale } from '@mrm/contracts';
import { optOutNote } from './common.js';
import { render, type Email } from './layout.js';

export interface ClientSignedOffVars {
  plan: string;
  version: number;
  client: string;
  decision: 'approved' | 'rejected';
  /** The name the client's representative gave on the sign-off page. */
  name: string;
  comment: string | null;
  url: string;
  settingsUrl: string;
}

export function clientSignedOff(locale: Locale, v: ClientSignedOffVars): Email {
  const ok = v.decision === 'approved';
  if (locale === 'en') {
    return render(locale, `Client ${ok ? 'approved' : 'rejected'} "${v.plan}", version ${v.version}`, {
      heading: ok ? 'The client approved the media plan' : 'The client rejected the media plan',
      paragraphs: [`${v.name} (${v.client}) ${ok ? 'approved' : 'rejected'} the media plan "${v.plan}" (version ${v.version}) through the sign-off link.`],
      ...(v.comment ? { quote: { label: 'Comment:', text: v.comment } } : {}),
      button: { label: 'Open the plan', url: v.url },
      notes: [optOutNote(locale, v.settingsUrl)],
    });
  }
  return render(locale, `Клиент ${ok ? 'согласовал' : 'отклонил'} «${v.plan}», версия ${v.version}`, {
    heading: ok ? 'Клиент согласовал медиаплан' : 'Клиент отклонил медиаплан',
    paragraphs: [`${v.name} («${v.client}») ${ok ? 'согласовал(а)' : 'отклонил(а)'} медиаплан «${v.plan}» (версия ${v.version}) по ссылке на согласование.`],
    ...(v.comment ? { quote: { label: 'Комментарий:', text: v.comment } } : {}),
    button: { label: 'Открыть план', url: v.url },
    notes: [optOutNote(locale, v.settingsUrl)],
  });
}
