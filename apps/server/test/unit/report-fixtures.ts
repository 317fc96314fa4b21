// Sample reports as the builders will make them: a plan-vs-actual with kopecks, percentages and
// dates, and an insertion order with parties, terms and signatures.
import type { ReportDocument, ReportLocale, ReportTable } from '../../src/reports/document.js';

const PARTNERS = ['Яндекс Директ', 'VK Реклама', 'Первый канал', 'Европа Плюс', 'Ozon', 'Gallery; наружка', 'Ёлка «Медиа»', 'Avito "Premium"'];
const CHANNELS = ['Digital', 'TV', 'Radio', 'OOH'];

/** Kopecks to a decimal string: 15000000 → "150000.00". */
export const rub = (kopecks: bigint): string => {
  const sign = kopecks < 0n ? '-' : '';
  const abs = kopecks < 0n ? -kopecks : kopecks;
  return `${sign}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
};

export interface PlanLine {
  plan: bigint;
  fact: bigint;
  impressions: number;
}

export function planLines(count: number): PlanLine[] {
  return Array.from({ length: count }, (_, i) => {
    const plan = BigInt(150_000_00 + ((i * 7_919_37) % 9_000_000_00)) + BigInt(i % 100);
    const fact = (plan * BigInt(80 + ((i * 13) % 35))) / 100n + BigInt(i % 7);
    return { plan, fact, impressions: 1_000_000 + i * 12_345 };
  });
}

const TEXT: Record<ReportLocale, Record<string, string>> = {
  ru: { n: '№', channel: 'Канал', partner: 'Площадка', start: 'Начало', end: 'Окончание', plan: 'План', fact: 'Факт', delta: 'Отклонение', rate: 'Исполнение', imps: 'Показы', total: 'Итого' },
  en: { n: 'No.', channel: 'Channel', partner: 'Placement', start: 'Start', end: 'End', plan: 'Plan', fact: 'Actual', delta: 'Variance', rate: 'Delivery', imps: 'Impressions', total: 'Total' },
};

export function planFactTable(count: number, locale: ReportLocale = 'ru'): ReportTable {
  const t = TEXT[locale];
  const lines = planLines(count);
  const sum = (f: (l: PlanLine) => bigint) => lines.reduce((a, l) => a + f(l), 0n);
  const [plan, fact] = [sum((l) => l.plan), sum((l) => l.fact)];
  return {
    kind: 'table',
    title: locale === 'ru' ? 'План-факт по размещениям' : 'Plan vs actual by placement',
    columns: [
      { key: 'n', label: t.n, kind: 'integer', width: 0.5 },
      { key: 'channel', label: t.channel, kind: 'text', width: 1 },
      { key: 'partner', label: t.partner, kind: 'text', width: 2.2 },
      { key: 'start', label: t.start, kind: 'date', width: 1 },
      { key: 'end', label: t.end, kind: 'date', width: 1 },
      { key: 'plan', label: t.plan, kind: 'money', currency: 'RUB', width: 1.4 },
      { key: 'fact', label: t.fact, kind: 'money', currency: 'RUB', width: 1.4 },
      { key: 'delta', label: t.delta, kind: 'money', currency: 'RUB', width: 1.4 },
      { key: 'rate', label: t.rate, kind: 'percent', width: 0.9 },
      { key: 'imps', label: t.imps, kind: 'integer', width: 1.2 },
    ],
    rows: lines.map((l, i) => ({
      n: i + 1,
      channel: CHANNELS[i % CHANNELS.length],
      partner: i === 3 ? 'Очень длинное название площадки, которое не помещается в одну строку таблицы и должно быть перенесено или обрезано аккуратно, без наезда на соседние ячейки и строки' : `${PARTNERS[i % PARTNERS.length]} — размещение ${i + 1}`,
      start: `2026-${String((i % 9) + 1).padStart(2, '0')}-01`,
      end: `2026-${String((i % 9) + 1).padStart(2, '0')}-28`,
      plan: rub(l.plan),
      fact: rub(l.fact),
      delta: rub(l.fact - l.plan),
      rate: Number(l.fact) / Number(l.plan),
      imps: l.impressions,
    })),
    totals: { n: null, channel: t.total, plan: rub(plan), fact: rub(fact), delta: rub(fact - plan), rate: Number(fact) / Number(plan), imps: lines.reduce((a, l) => a + l.impressions, 0) },
  };
}

export function planFactReport(count = 30, locale: ReportLocale = 'ru'): ReportDocument {
  const ru = locale === 'ru';
  return {
    locale,
    title: ru ? 'План-факт № 7 — «Весна 2026», ёлочные игрушки' : 'Plan vs actual No. 7 — “Spring 2026”',
    subtitle: ru ? 'Клиент: АО «Ёлка и Ко» · период 01.01.2026–30.09.2026' : 'Client: Fir & Co · 2026-01-01 to 2026-09-30',
    generatedAt: new Date('2026-11-26T09:15:00Z'),
    fileStem: ru ? 'План-факт — Весна 2026' : 'Plan vs actual — Spring 2026',
    orientation: 'landscape',
    sections: [
      {
        kind: 'facts',
        items: [
          { label: ru ? 'Клиент' : 'Client', value: ru ? 'АО «Ёлка и Ко»' : 'Fir & Co' },
          { label: ru ? 'Медиаплан' : 'Media plan', value: ru ? 'Весна 2026 (версия 3, утверждена)' : 'Spring 2026 (version 3, approved)' },
          { label: ru ? 'Бюджет' : 'Budget', value: ru ? '15 000 000,00 ₽' : '₽15,000,000.00' },
        ],
      },
      planFactTable(count, locale),
    ],
  };
}

export function insertionOrder(locale: ReportLocale = 'ru'): ReportDocument {
  const ru = locale === 'ru';
  return {
    locale,
    title: ru ? 'Заказ-наряд № 15/2026' : 'Insertion order No. 15/2026',
    subtitle: ru ? 'к договору № 42-МР от 01.02.2026' : 'under agreement No. 42-MR of 2026-02-01',
    generatedAt: new Date('2026-11-26T09:15:00Z'),
    fileStem: ru ? 'Заказ-наряд 15-2026' : 'Insertion order 15-2026',
    sections: [
      {
        kind: 'facts',
        title: ru ? 'Стороны' : 'Parties',
        items: [
          { label: ru ? 'Заказчик' : 'Client', value: ru ? 'ООО «Ромашка», ИНН 7701234567' : 'Daisy LLC' },
          { label: ru ? 'Исполнитель' : 'Agency', value: ru ? 'ООО «Медиа Ёлка», ИНН 7709876543' : 'Fir Media LLC' },
          { label: ru ? 'Телефон' : 'Phone', value: '+7 495 123-45-67' },
        ],
      },
      { ...planFactTable(4, locale), title: ru ? 'Размещения' : 'Placements' },
      {
        kind: 'text',
        title: ru ? 'Условия' : 'Terms',
        paragraphs: ru
          ? ['Оплата производится в течение 10 (десяти) банковских дней с даты выставления счёта. Стоимость указана без НДС.', 'Отчёт о размещении с подтверждающими материалами предоставляется не позднее 5-го числа месяца, следующего за отчётным.']
          : ['Payment is due within 10 (ten) banking days of the invoice date. Prices exclude VAT.'],
      },
      {
        kind: 'signatures',
        parties: [
          { role: ru ? 'Заказчик' : 'Client', name: ru ? 'Генеральный директор ООО «Ромашка» И. И. Иванов' : 'Daisy LLC, CEO J. Smith' },
          { role: ru ? 'Исполнитель' : 'Agency', name: ru ? 'Генеральный директор ООО «Медиа Ёлка» П. П. Петров' : 'Fir Media LLC, CEO P. Brown' },
        ],
      },
    ],
  };
}
