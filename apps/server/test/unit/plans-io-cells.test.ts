import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCell, parseDate } from '../../src/plans/io/cells.js';
import { VISIBLE_COLUMNS, guessField, normaliseHeader } from '../../src/plans/io/columns.js';
import { detectSeparator, parseCsv } from '../../src/plans/io/csv.js';
import { FIELD_KINDS, toCamel, toSnake } from '../../src/plans/io/fields.js';
import { numberToDecimal, parseLocaleNumber, roundDecimal } from '../../src/plans/io/numbers.js';

describe('numbers as planners type them', () => {
  it.each([
    ['1 234 567,50', '1234567.50'],
    ['1\u00a0234\u00a0567,5', '1234567.5'],
    ['1\u202f000', '1000'],
    ['1,234,567.50', '1234567.50'],
    ['1.234.567,50', '1234567.50'],
    ['12,5', '12.5'],
    ['0,125', '0.125'],
    ['1,234', '1234'],
    ['1234,567', '1234.567'],
    [',5', '0.5'],
    ['1 500 ₽', '1500'],
    ['1 500 руб.', '1500'],
    ['$1,500.25', '1500.25'],
    ['(1 000)', '-1000'],
    ['−5', '-5'],
    ['много', null],
    ['1,2,3', null],
    ['1.2.3,4,5', null],
    ['', null],
    ['12e5', null],
  ])('%j → %j', (text, expected) => expect(parseLocaleNumber(text)).toBe(expected));

  it('rounds half away from zero on the decimal text and expands exponents', () => {
    expect(roundDecimal('1.005', 2)).toBe('1.01');
    expect(roundDecimal('-2.345', 2)).toBe('-2.35');
    expect(roundDecimal('7', 4)).toBe('7.0000');
    expect(numberToDecimal(0.1 + 0.2, 2)).toBe('0.30');
    expect(numberToDecimal(1e-7, 2)).toBe('0.00');
    expect(numberToDecimal(1.5e20, 2)).toBe('150000000000000000000.00');
  });
});

describe('cells', () => {
  it('reads dates from date cells, Excel serials, ISO and dd.mm.yyyy', () => {
    expect(parseDate(new Date(Date.UTC(2025, 2, 1)))).toBe('2025-03-01');
    expect(parseDate(45717)).toBe('2025-03-01');
    expect(parseDate(45717.75)).toBe('2025-03-01');
    expect(parseDate('45717')).toBe('2025-03-01');
    expect(parseDate('2025-03-01')).toBe('2025-03-01');
    expect(parseDate('2025-03-01T00:00:00Z')).toBe('2025-03-01');
    expect(parseDate('1.3.2025')).toBe('2025-03-01');
    expect(parseDate('01.03.25')).toBe('2025-03-01');
    expect(parseDate('01.03.2025 г.')).toBe('2025-03-01');
    expect(parseDate('29.02.2025')).toBeNull();
    expect(parseDate('03/01/2025')).toBeNull();
    expect(parseDate(12)).toBeNull();
  });

  it('reads pricing models, currencies, yes/no and lists in the ways they are written', () => {
    expect(parseCell('pricing', 'Фикс')).toEqual({ ok: true, value: 'flat_rate' });
    expect(parseCell('pricing', 'Flat rate')).toEqual({ ok: true, value: 'flat_rate' });
    expect(parseCell('pricing', ' cpcv ')).toEqual({ ok: true, value: 'cpcv' });
    expect(parseCell('currency', '₽')).toEqual({ ok: true, value: 'RUB' });
    expect(parseCell('currency', 'usd')).toEqual({ ok: true, value: 'USD' });
    expect(parseCell('currency', 'рубли РФ').ok).toBe(false);
    expect(parseCell('bool', 'да')).toEqual({ ok: true, value: true });
    expect(parseCell('bool', false)).toEqual({ ok: true, value: false });
    expect(parseCell('list', 'a; b;\nc')).toEqual({ ok: true, value: ['a', 'b', 'c'] });
    expect(parseCell('list', '["a;b"]')).toEqual({ ok: true, value: ['a;b'] });
    expect(parseCell('json', '[1]').ok).toBe(false);
    expect(parseCell('text', 2025)).toEqual({ ok: true, value: '2025' });
    expect(parseCell('rate', '245,123456')).toEqual({ ok: true, value: '245.1235' });
    expect(parseCell('exchange', 92.45)).toEqual({ ok: true, value: '92.45' });
    expect(parseCell('metric', '1 000,5')).toEqual({ ok: true, value: 1000.5 });
  });

  it('splits CSV records with quotes, escaped quotes, separators and line breaks inside fields', () => {
    expect(detectSeparator('a;b;c\n1;"2,5";3')).toBe(';');
    expect(detectSeparator('a,b,c\n1,"2;5",3')).toBe(',');
    expect(parseCsv('a;"b;""c""\nd";e\r\n1;2;3', ';')).toEqual([['a', 'b;"c"\nd', 'e'], ['1', '2', '3']]);
  });
});

describe('headers and field names', () => {
  it('recognises Russian and English headers whatever their case and punctuation', () => {
    const cases: Array<[string, string]> = [
      ['Название', 'name'], ['НАЗВАНИЕ:', 'name'], ['Name', 'name'], ['Канал', 'channel'], ['Площадка', 'vehicle'],
      ['Партнёр', 'partner'], ['Партнер', 'partner'], ['Начало', 'startDate'], ['Окончание', 'endDate'], ['Start', 'startDate'],
      ['End', 'endDate'], ['Бюджет', 'costTotal'], ['Стоимость', 'costTotal'], ['Бюджет, ₽', 'costTotal'], ['Стоимость (руб., без НДС)', 'costTotal'],
      ['Cost', 'costTotal'], ['Budget, RUB', 'costTotal'], ['Показы', 'metricImpressions'], ['Impressions', 'metricImpressions'],
      ['Клики', 'metricClicks'], ['Clicks', 'metricClicks'], ['Модель закупки', 'pricingModel'], ['Pricing model', 'pricingModel'],
      ['pricing_model', 'pricingModel'], ['Ставка', 'rate'], ['Rate', 'rate'], ['cost_custom1', 'costCustom1'], ['metricViewCompletions', 'metricViewCompletions'],
    ];
    for (const [header, field] of cases) expect([header, guessField(header)]).toEqual([header, field]);
    expect(guessField('Бюджет с НДС')).toBeUndefined();
    expect(guessField('Мар 2025')).toBeUndefined();
    expect(guessField('№')).toBeUndefined();
    expect(normaliseHeader('  Объём (шт.)  ')).toBe('объем');
  });

  it('reads back every exported header as its own field', () => {
    for (const c of VISIBLE_COLUMNS) {
      expect(guessField(c.ru)).toBe(c.field);
      expect(guessField(c.en)).toBe(c.field);
    }
  });

  it('knows every field of the v3.0 line item under its camelCase name', () => {
    const schema = JSON.parse(readFileSync(new URL('../../standards/mediaplanschema-3.0/lineitem.schema.json', import.meta.url), 'utf8'));
    for (const name of Object.keys(schema.properties).filter((n) => n !== 'id')) {
      expect(Object.hasOwn(FIELD_KINDS, toCamel(name)), name).toBe(true);
      expect(toSnake(toCamel(name))).toBe(name);
    }
    expect(toCamel('metric_view_completions')).toBe('metricViewCompletions');
    expect(toCamel('dim_custom1')).toBe('dimCustom1');
    expect(toCamel('cost_currency_exchange_rate')).toBe('costCurrencyExchangeRate');
  });
});
