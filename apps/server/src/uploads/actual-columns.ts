// How the columns of an actuals file are recognised: the header names ad platforms and planners
// use in their exports, in Russian and English. normaliseHeader makes case, ё, punctuation and
// bracketed remarks irrelevant, and matchHeader sets units at the end aside («Расход, руб.»).
import { ACTUAL_FIELDS, type ActualField } from '@mrm/contracts';
import { matchHeader, normaliseHeader } from '../plans/io/columns.js';

const SYNONYMS: Record<ActualField, string[]> = {
  date: ['Дата', 'Date', 'День', 'Day', 'Дата показа', 'Reporting date', 'Reporting starts', 'Начало отчетного периода', 'Период', 'Period'],
  campaignId: ['ID кампании', 'Campaign ID', 'Идентификатор кампании', 'Номер кампании', '№ кампании', 'Кампания ID', 'campaign_id', 'campaignId', 'Campaign Id', 'ID РК', 'Номер РК'],
  campaignName: ['Кампания', 'Campaign', 'Название кампании', 'Имя кампании', 'Campaign name', 'Рекламная кампания', 'РК', 'campaign_name'],
  accountId: ['Аккаунт', 'Account', 'ID аккаунта', 'Account ID', 'Кабинет', 'Рекламный кабинет', 'Логин', 'Клиент', 'Client login', 'Ad account', 'Customer ID', 'account_id'],
  adGroupId: ['Группа', 'ID группы', 'Группа объявлений', 'ID группы объявлений', 'Ad group', 'Ad group ID', 'Ad set', 'Ad set ID', 'Группа объявлений ID', 'ad_group_id'],
  impressions: ['Показы', 'Показов', 'Impressions', 'Impr', 'Imps', 'Shows', 'Просмотры объявлений'],
  clicks: ['Клики', 'Кликов', 'Clicks', 'Переходы', 'Link clicks', 'Клики по ссылке'],
  cost: ['Расход', 'Расходы', 'Затраты', 'Стоимость', 'Списано', 'Потрачено', 'Сумма', 'Cost', 'Spend', 'Spent', 'Amount spent', 'Amount', 'Media cost'],
  conversions: ['Конверсии', 'Конверсий', 'Цели', 'Достижения целей', 'Результаты', 'Лиды', 'Conversions', 'Results', 'Goals', 'Leads', 'Conv'],
  videoViews: ['Просмотры', 'Просмотры видео', 'Views', 'Video views', 'ThruPlays'],
  revenue: ['Доход', 'Выручка', 'Revenue', 'Conversion value', 'Ценность конверсий', 'Purchase value'],
  currency: ['Валюта', 'Currency', 'Currency code', 'Код валюты'],
};

const ALIASES = new Map<string, ActualField>();
for (const field of ACTUAL_FIELDS) {
  for (const spelling of [field, ...SYNONYMS[field]]) {
    const key = normaliseHeader(spelling);
    if (key && !ALIASES.has(key)) ALIASES.set(key, field);
  }
}

/** The field a header names, or undefined. */
export const guessActualField = (header: string): ActualField | undefined => matchHeader(ALIASES, header);

/** Header → field for every column; a field goes to the first column naming it, the others get ''. */
export function suggestMapping(columns: readonly string[]): Record<string, ActualField | ''> {
  const taken = new Set<ActualField>();
  const out: Record<string, ActualField | ''> = {};
  for (const header of columns) {
    const field = guessActualField(header);
    out[header] = field && !taken.has(field) ? field : '';
    if (field) taken.add(field);
  }
  return out;
}

const CURRENCY_IN_HEADER: Array<[RegExp, string]> = [
  [/(руб|₽|\brub\b|\brur\b)/iu, 'RUB'],
  [/(\busd\b|\$|долл)/iu, 'USD'],
  [/(\beur\b|€|евро)/iu, 'EUR'],
  [/(\bkzt\b|₸|тенге)/iu, 'KZT'],
  [/(\bbyn\b|бел\.?\s*руб)/iu, 'BYN'],
];

/** A currency the cost column's header names («Расход, руб.», "Cost (USD)"), or null. */
export function currencyInHeader(header: string | undefined): string | null {
  if (!header) return null;
  // Belarusian roubles say «руб» too: the more specific spelling wins.
  if (CURRENCY_IN_HEADER[4][0].test(header)) return 'BYN';
  return CURRENCY_IN_HEADER.find(([re]) => re.test(header))?.[1] ?? null;
}

/** A summary row's label: totals under the daily rows, skipped rather than refused. */
export const SUMMARY_LABEL = /^(итого|всего|total|grandtotal|subtotal|сумма)/;
