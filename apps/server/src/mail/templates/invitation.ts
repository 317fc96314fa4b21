import type { Locale } from '@mrm/contracts';
import { formatDateTime, render, type Email } from './layout.js';

export interface InvitationVars {
  agency: string;
  /** Who invited, when a person did (not an API client). */
  inviter: string | null;
  role: string;
  url: string;
  expiresAt: string;
}

const ROLE_RU: Record<string, string> = { owner: 'владелец', admin: 'администратор', planner: 'планировщик', buyer: 'байер', analyst: 'аналитик', viewer: 'наблюдатель' };

export function invitation(locale: Locale, v: InvitationVars): Email {
  const until = formatDateTime(locale, v.expiresAt);
  if (locale === 'en') {
    return render(locale, `Invitation to ${v.agency} on MRM AI Platform`, {
      heading: `Join ${v.agency}`,
      paragraphs: [`${v.inviter ? `${v.inviter} invited you` : 'You are invited'} to the workspace "${v.agency}" as ${v.role}.`],
      button: { label: 'Accept the invitation', url: v.url },
      notes: [`The invitation works until ${until}. If you did not expect it, ignore this email.`],
    });
  }
  return render(locale, `Приглашение в «${v.agency}» на MRM AI Platform`, {
    heading: `Присоединяйтесь к «${v.agency}»`,
    paragraphs: [`${v.inviter ? `${v.inviter} приглашает вас` : 'Вас приглашают'} в рабочее пространство «${v.agency}», роль — ${ROLE_RU[v.role] ?? v.role}.`],
    button: { label: 'Принять приглашение', url: v.url },
    notes: [`Приглашение действует до ${until}. Если вы его не ждали, просто не отвечайте на письмо.`],
  });
}
