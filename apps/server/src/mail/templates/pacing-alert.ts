import type { Locale } from '@mrm/contracts';
import { optOutNote } from './common.js';
import { render, type Email } from './layout.js';

export interface PacingAlertVars {
  plan: string;
  line: string;
  /** Spend as a percentage of what the plan expected by now ("100" is on pace). */
  pacingPercent: string;
  thresholdPercent: string;
  plannedToDate: string;
  actualToDate: string;
  currency: string;
  asOf: string;
  url: string;
  settingsUrl: string;
}

const money = (locale: Locale, amount: string, currency: string) => {
  const n = Number(amount);
  if (!Number.isFinite(n)) return `${amount} ${currency}`;
  try {
    return new Intl.NumberFormat(locale === 'en' ? 'en-GB' : 'ru-RU', { style: 'currency', currency, maximumFractionDigits: 2 }).format(n);
  } catch {
    return `${amount} ${currency}`;
  }
};

export function pacingAlert(locale: Locale, v: PacingAlertVars): Email {
  const pacing = Number(v.pacingPercent);
  const over = pacing > 100;
  const off = Math.abs(Math.round((pacing - 100) * 10) / 10);
  const planned = money(locale, v.plannedToDate, v.currency);
  const actual = money(locale, v.actualToDate, v.currency);
  if (locale === 'en') {
    return render(locale, `Pacing: "${v.line}" is ${off}% ${over ? 'ahead of' : 'behind'} plan`, {
      heading: over ? 'A line is spending ahead of plan' : 'A line is spending behind plan',
      paragraphs: [
        `In the media plan "${v.plan}", the line "${v.line}" has spent ${actual} by ${v.asOf} against ${planned} planned: ${v.pacingPercent}% of plan, ${off}% ${over ? 'over' : 'under'}.`,
        `Alerts are raised when a line is more than ${v.thresholdPercent}% off pace.`,
      ],
      button: { label: 'Open the plan', url: v.url },
      notes: [optOutNote(locale, v.settingsUrl)],
    });
  }
  return render(locale, `Темп: «${v.line}» ${over ? 'опережает' : 'отстаёт от'} план${over ? '' : 'а'} на ${String(off).replace('.', ',')}%`, {
    heading: over ? 'Строка тратит быстрее плана' : 'Строка тратит медленнее плана',
    paragraphs: [
      `В медиаплане «${v.plan}» строка «${v.line}» к ${v.asOf} потратила ${actual} при плане ${planned}: ${v.pacingPercent.replace('.', ',')}% от плана, ${over ? 'перерасход' : 'недорасход'} ${String(off).replace('.', ',')}%.`,
      `Оповещение приходит, когда отклонение от плана больше ${v.thresholdPercent.replace('.', ',')}%.`,
    ],
    button: { label: 'Открыть план', url: v.url },
    notes: [optOutNote(locale, v.settingsUrl)],
  });
}
