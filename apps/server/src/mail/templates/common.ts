import type { Locale } from '@mrm/contracts';

/** The line under an email a person may turn off, pointing at where they turn it off. */
export const optOutNote = (locale: Locale, settingsUrl: string) =>
  locale === 'en'
    ? `You get this email because of your notification settings; change them at ${settingsUrl}`
    : `Вы получили это письмо по своим настройкам уведомлений; изменить их можно здесь: ${settingsUrl}`;
