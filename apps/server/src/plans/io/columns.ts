import { FIELD_KINDS, LINE_FIELDS, toSnake, type LineField } from './fields.js';

export type Locale = 'ru' | 'en';

/** A spreadsheet column is a line field, or the API id of the line (so an import can update it). */
export type ColumnField = LineField | 'lineId';
export const LINE_ID = 'lineId';

export interface VisibleColumn {
  field: LineField;
  ru: string;
  en: string;
  width: number;
  /** Added up in the totals row (reach is not: the same people are reached by several lines). */
  sum?: boolean;
}

export const VISIBLE_COLUMNS: readonly VisibleColumn[] = [
  { field: 'name', ru: 'Название', en: 'Name', width: 40 },
  { field: 'channel', ru: 'Канал', en: 'Channel', width: 16 },
  { field: 'partner', ru: 'Партнёр', en: 'Partner', width: 20 },
  { field: 'vehicle', ru: 'Площадка', en: 'Vehicle', width: 20 },
  { field: 'mediaProduct', ru: 'Медиапродукт', en: 'Media product', width: 20 },
  { field: 'adformat', ru: 'Формат', en: 'Ad format', width: 16 },
  { field: 'startDate', ru: 'Начало', en: 'Start', width: 12 },
  { field: 'endDate', ru: 'Окончание', en: 'End', width: 12 },
  { field: 'pricingModel', ru: 'Модель закупки', en: 'Pricing model', width: 12 },
  { field: 'rate', ru: 'Ставка', en: 'Rate', width: 14 },
  { field: 'plannedUnits', ru: 'Объём закупки', en: 'Planned units', width: 14 },
  { field: 'costTotal', ru: 'Бюджет', en: 'Cost', width: 18, sum: true },
  { field: 'costMedia', ru: 'Стоимость медиа', en: 'Media cost', width: 16, sum: true },
  { field: 'costBuying', ru: 'Стоимость закупки', en: 'Buying cost', width: 16, sum: true },
  { field: 'costPlatform', ru: 'Стоимость платформы', en: 'Platform cost', width: 16, sum: true },
  { field: 'costData', ru: 'Стоимость данных', en: 'Data cost', width: 16, sum: true },
  { field: 'costCreative', ru: 'Стоимость креатива', en: 'Creative cost', width: 16, sum: true },
  { field: 'metricImpressions', ru: 'Показы', en: 'Impressions', width: 14, sum: true },
  { field: 'metricClicks', ru: 'Клики', en: 'Clicks', width: 12, sum: true },
  { field: 'metricReach', ru: 'Охват', en: 'Reach', width: 12 },
  { field: 'metricConversions', ru: 'Конверсии', en: 'Conversions', width: 12, sum: true },
  { field: 'erid', ru: 'erid', en: 'erid', width: 14 },
];

const VISIBLE_FIELDS = new Set<string>(VISIBLE_COLUMNS.map((c) => c.field));
/** Fields without a visible column; they travel in hidden columns headed by the field's own name. */
export const HIDDEN_FIELDS: readonly LineField[] = LINE_FIELDS.filter((f) => !VISIBLE_FIELDS.has(f));

// Other spellings planners use. Besides these, every field answers to its own name in camelCase or
// snake_case (costCustom1, cost_custom1), the open standard's spelling included.
const SYNONYMS: Partial<Record<ColumnField, string[]>> = {
  name: ['Наименование', 'Размещение', 'Позиция', 'Line item', 'Line name', 'Placement', 'Line item name'],
  channel: ['Медиаканал', 'Тип медиа', 'Media channel', 'Media type'],
  partner: ['Партнер', 'Подрядчик', 'Поставщик', 'Селлер', 'Vendor', 'Seller'],
  vehicle: ['Сайт', 'Ресурс', 'Platform', 'Site'],
  mediaProduct: ['Медиа продукт', 'Инструмент', 'Рекламный продукт', 'Ad product'],
  adformat: ['Формат рекламы', 'Рекламный формат', 'Формат размещения', 'Format', 'Creative format'],
  startDate: ['Дата начала', 'Старт', 'Start date', 'Flight start', 'Date from'],
  endDate: ['Дата окончания', 'Конец', 'Дата завершения', 'End date', 'Flight end', 'Date to'],
  pricingModel: ['Модель', 'Модель оплаты', 'Модель покупки', 'Тип закупки', 'Buy model', 'Cost model', 'Pricing'],
  rate: ['Цена', 'Цена за единицу', 'Стоимость единицы', 'Unit cost', 'Unit price', 'Price'],
  plannedUnits: ['Объем', 'Объём', 'Объем закупки', 'Количество', 'Кол-во', 'Единицы', 'Units', 'Quantity', 'Qty', 'Volume'],
  costTotal: ['Стоимость', 'Сумма', 'Бюджет нетто', 'Стоимость нетто', 'Budget', 'Total cost', 'Cost total', 'Spend', 'Net cost', 'Amount'],
  // Bare words such as «Медиа», «Платформа» or "Creative" usually head a text column, so only
  // spellings that say "cost" count.
  costMedia: ['Медиабюджет', 'Working media', 'Media spend'],
  costBuying: ['Стоимость баинга', 'Trading cost'],
  costPlatform: ['Platform fee'],
  costCreative: ['Стоимость производства', 'Production cost'],
  metricImpressions: ['Показов', 'Impr', 'Imps'],
  metricClicks: ['Кликов', 'Переходы'],
  metricReach: ['Охват, чел'],
  metricConversions: ['Конверсий'],
  metricViews: ['Просмотры', 'Views'],
  metricViewCompletions: ['Досмотры', 'Completed views'],
  erid: ['Ерид', 'Токен', 'Токен ЕРИР', 'Ad token'],
  costCurrency: ['Валюта', 'Currency'],
  code: ['Код', 'Code', 'Line code'],
  [LINE_ID]: ['line_id'],
};

// Units and tax wording planners tack on to a header; a gross ("с НДС") header is left unmatched,
// because the line cost is net.
const SUFFIXES = ['руб', 'rub', 'rur', 'usd', 'eur', 'безндс', 'нетто', 'net', 'exvat', 'шт', 'pcs'];

/** Lower case, ё as е, bracketed remarks and everything but letters and digits dropped. */
export function normaliseHeader(header: string): string {
  return header
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/\([^)]*\)|\[[^\]]*\]/g, '')
    .replace(/[^\p{L}\p{N}]/gu, '');
}

const ALIASES = new Map<string, ColumnField>();
function alias(spelling: string, field: ColumnField) {
  const key = normaliseHeader(spelling);
  if (key && !ALIASES.has(key)) ALIASES.set(key, field);
}
for (const c of VISIBLE_COLUMNS) {
  alias(c.ru, c.field);
  alias(c.en, c.field);
}
for (const field of [...LINE_FIELDS, LINE_ID] as ColumnField[]) {
  alias(field, field);
  alias(toSnake(field), field);
}
for (const [field, spellings] of Object.entries(SYNONYMS)) for (const s of spellings ?? []) alias(s, field as ColumnField);

/**
 * What a header names among `aliases` (keyed by normaliseHeader's spelling), units and tax wording
 * at its end («Расход, руб», "Cost (net)") set aside.
 */
export function matchHeader<T>(aliases: ReadonlyMap<string, T>, header: string): T | undefined {
  let key = normaliseHeader(header);
  for (;;) {
    const hit = aliases.get(key);
    if (hit !== undefined) return hit;
    const suffix = SUFFIXES.find((s) => key.length > s.length && key.endsWith(s));
    if (!suffix) return undefined;
    key = key.slice(0, -suffix.length);
  }
}

/** The field a header names, or undefined. */
export function guessField(header: string): ColumnField | undefined {
  return matchHeader(ALIASES, header);
}

export function isColumnField(name: string): name is ColumnField {
  return name === LINE_ID || Object.hasOwn(FIELD_KINDS, name);
}

/** Every spelling recognised, by field, for documentation and error messages. */
export function recognisedHeaders(): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [key, field] of ALIASES) (out[field] ??= []).push(key);
  return out;
}

export const PRICING_LABELS: Record<string, { ru: string; en: string }> = {
  cpm: { ru: 'CPM', en: 'CPM' },
  cpc: { ru: 'CPC', en: 'CPC' },
  cpcv: { ru: 'CPCV', en: 'CPCV' },
  cpv: { ru: 'CPV', en: 'CPV' },
  cpa: { ru: 'CPA', en: 'CPA' },
  cpl: { ru: 'CPL', en: 'CPL' },
  cpp: { ru: 'CPP', en: 'CPP' },
  flat_rate: { ru: 'Фикс', en: 'Flat rate' },
};
