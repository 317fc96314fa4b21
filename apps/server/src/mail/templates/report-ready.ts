import type { Locale } from '@mrm/contracts';
import { optOutNote } from './common.js';
import { formatDateTime, render, type Email } from './layout.js';

export interface ReportReadyVars {
  reportTitle: string;
  /** The report's page in the web app. */
  pageUrl: string;
  /** A direct download link, expiring. */
  fileUrl: string;
  /** When the download link (or the file) stops working; null when it does not. */
  expiresAt: string | null;
  /** Where the reader turns this email off; omitted for people outside the workspace (schedule recipients). */
  settingsUrl?: string;
}

export function reportReady(locale: Locale, v: ReportReadyVars): Email {
  const en = locale === 'en';
  const notes: string[] = [];
  if (v.expiresAt) notes.push(en ? `The download link works until ${formatDateTime(locale, v.expiresAt)}.` : `Ссылка на файл действует до ${formatDateTime(locale, v.expiresAt)}.`);
  if (v.settingsUrl) notes.push(optOutNote(locale, v.settingsUrl));
  if (en) {
    return render(locale, `Report ready: ${v.reportTitle}`, {
      heading: 'Your report is ready',
      paragraphs: [`The report "${v.reportTitle}" is ready.`, `Its page: ${v.pageUrl}`],
      button: { label: 'Download the report', url: v.fileUrl },
      notes,
    });
  }
  return render(locale, `Отчёт готов: ${v.reportTitle}`, {
    heading: 'Отчёт готов',
    paragraphs: [`Отчёт «${v.reportTitle}» готов.`, `Страница отчёта: ${v.pageUrl}`],
    button: { label: 'Скачать отчёт', url: v.fileUrl },
    notes,
  });
}
