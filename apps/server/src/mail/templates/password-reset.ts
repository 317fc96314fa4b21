import type { Locale } from '@mrm/contracts';
import { formatDateTime, render, type Email } from './layout.js';

export interface PasswordResetVars {
  name: string;
  url: string;
  expiresAt: string;
}

export function passwordReset(locale: Locale, v: PasswordResetVars): Email {
  const until = formatDateTime(locale, v.expiresAt);
  if (locale === 'en') {
    return render(locale, 'Reset your MRM AI Platform password', {
      heading: 'Reset your password',
      paragraphs: [`Hello, ${v.name}. Someone (we hope you) asked to reset the password of your account. Choose a new password with the button below.`],
      button: { label: 'Choose a new password', url: v.url },
      notes: [`The link works once, until ${until}.`, 'If you did not ask for this, ignore this email: your password stays as it is.'],
    });
  }
  return render(locale, 'Сброс пароля MRM AI Platform', {
    heading: 'Сброс пароля',
    paragraphs: [`Здравствуйте, ${v.name}! Для вашей учётной записи запросили сброс пароля. Задайте новый пароль по кнопке ниже.`],
    button: { label: 'Задать новый пароль', url: v.url },
    notes: [`Ссылка сработает один раз, до ${until}.`, 'Если вы не запрашивали сброс, просто не отвечайте на письмо: пароль останется прежним.'],
  });
}
