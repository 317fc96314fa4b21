import type { Locale } from './columns.js';

export const LABELS = {
  ru: {
    sheet: 'Медиаплан',
    title: 'Медиаплан',
    client: 'Клиент',
    plan: 'План',
    currency: 'Валюта',
    period: 'Период',
    version: 'Версия',
    approved: 'утверждена',
    status: 'Статус',
    vat: 'НДС, %',
    commission: 'Агентская комиссия, %',
    budget: 'Бюджет плана',
    none: '—',
    total: 'Итого',
    commissionRow: 'Агентская комиссия',
    grossExVat: 'Итого без НДС',
    vatRow: 'НДС',
    grossIncVat: 'Итого с НДС',
    months: ['Янв', 'Фев', 'Мар', 'Апр', 'Май', 'Июн', 'Июл', 'Авг', 'Сен', 'Окт', 'Ноя', 'Дек'],
    statuses: { draft: 'Черновик', in_review: 'На согласовании', approved: 'Утверждён', active: 'Активен', completed: 'Завершён', archived: 'В архиве' } as Record<string, string>,
  },
  en: {
    sheet: 'Media plan',
    title: 'Media plan',
    client: 'Client',
    plan: 'Plan',
    currency: 'Currency',
    period: 'Period',
    version: 'Version',
    approved: 'approved',
    status: 'Status',
    vat: 'VAT, %',
    commission: 'Agency commission, %',
    budget: 'Plan budget',
    none: '—',
    total: 'Total',
    commissionRow: 'Agency commission',
    grossExVat: 'Total ex VAT',
    vatRow: 'VAT',
    grossIncVat: 'Total inc VAT',
    months: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
    statuses: { draft: 'Draft', in_review: 'In review', approved: 'Approved', active: 'Active', completed: 'Completed', archived: 'Archived' } as Record<string, string>,
  },
} satisfies Record<Locale, unknown>;

export const monthLabel = (month: string, locale: Locale) => `${LABELS[locale].months[Number(month.slice(5, 7)) - 1]} ${month.slice(0, 4)}`;

const SYMBOL_AFTER: Record<string, string> = { RUB: '₽', EUR: '€', KZT: '₸', BYN: 'Br', UAH: '₴' };
const SYMBOL_BEFORE: Record<string, string> = { USD: '$', GBP: '£', CNY: '¥' };

/** An Excel number format for amounts in the currency; the locale's Excel draws the separators. */
export function moneyFormat(currency: string): string {
  if (SYMBOL_BEFORE[currency]) return `"${SYMBOL_BEFORE[currency]}"#,##0.00`;
  return `#,##0.00 "${SYMBOL_AFTER[currency] ?? currency}"`;
}
