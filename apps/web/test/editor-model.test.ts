import { describe, expect, it } from 'vitest';
import { parseDate, parseModel, parseNumber } from '../src/app/plans/[id]/editor/parse';
import { blankRow, costOf, forEditor, fromLine, problemsOf, ratesOf, toBulk, type LineItem } from '../src/app/plans/[id]/editor/rows';
import { applyCells, History } from '../src/app/plans/[id]/editor/history';
import { buildView, monthSpan } from '../src/app/plans/[id]/editor/view';

const line = (over: Partial<Record<string, unknown>> = {}) => {
  const row = blankRow('2027-03-01', '2027-03-31');
  Object.assign(row.v, { name: 'Поиск', ...over });
  return row;
};

describe('what planners paste, read as they meant it', () => {
  it('reads Russian and English amounts, with grouping spaces, commas and points', () => {
    expect(['1 234 567,50', '1,234,567.50', '1.234.567,50', '1234567.5', '1\u00a0500 000', '38,5', '1,234', '₽ 100'].map((s) => parseNumber(s).value)).toEqual(['1234567.50', '1234567.50', '1234567.50', '1234567.5', '1500000', '38.5', '1234', '100']);
    expect(parseNumber('много').ok).toBe(false);
    expect(parseNumber('-5').ok).toBe(false);
  });

  it('reads day-first dates and ISO dates, and refuses days that do not exist', () => {
    expect(['01.03.2027', '1/3/2027', '2027-3-1', '01.03.27'].map((s) => parseDate(s).value)).toEqual(['2027-03-01', '2027-03-01', '2027-03-01', '2027-03-01']);
    expect(parseDate('31.02.2027').ok).toBe(false);
    expect(parseDate('2027-13-01').ok).toBe(false);
  });

  it('knows the pricing models in either case and the words for a flat rate', () => {
    expect(['CPM', 'cpc', 'Flat rate', 'фикс'].map((s) => parseModel(s).value)).toEqual(['cpm', 'cpc', 'flat_rate', 'flat_rate']);
    expect(parseModel('cpx').ok).toBe(false);
  });
});

describe('a line in the editor', () => {
  it('costs rate × units once both are there, and otherwise what was typed', () => {
    expect(costOf(line({ pricingModel: 'cpm', rate: '210', plannedUnits: '2000000', costTotal: '1' }).v)).toBe('420000.00');
    expect(costOf(line({ pricingModel: 'flat_rate', rate: '450000' }).v)).toBe('450000.00');
    expect(costOf(line({ pricingModel: 'cpc', rate: '38.5', costTotal: '5000' }).v)).toBe('5000');
    expect(ratesOf(line({ pricingModel: 'cpm', rate: '210', plannedUnits: '2000000', metricClicks: '4200' }).v)).toEqual({ cpm: '210.0000', cpc: '100.0000' });
  });

  it('names each cell that stops it from being saved', () => {
    expect(problemsOf(line({ costTotal: '100' }).v)).toEqual({});
    expect(problemsOf(line({ name: '', costTotal: '1.005', endDate: '2027-02-28' }).v)).toEqual({ name: 'required', costTotal: 'decimals', endDate: 'dateOrder' });
    expect(problemsOf(line({ costTotal: '', pricingModel: 'cpm', rate: '10', plannedUnits: '1.5' }).v)).toEqual({ plannedUnits: 'whole' });
    expect(problemsOf(line({ costTotal: '1', erid: 'не токен' }).v)).toEqual({ erid: 'erid' });
  });

  it('goes to the API as its edited cells and flighting (the server keeps the rest), version included only when asked', () => {
    const stored = { id: 'a1', planId: 'p', position: 0, version: 3, createdAt: '', updatedAt: '', name: 'Old', startDate: '2027-03-01', endDate: '2027-03-31', costTotal: '100.00', rate: '38.5000', plannedUnits: '1000.00', vehicle: 'Яндекс Директ', flighting: { type: 'even' }, externalIds: [] } as unknown as LineItem;
    const row = fromLine(forEditor(stored));
    expect(row.v.rate).toBe('38.5');
    row.v.name = 'New';
    const out = toBulk(row, true) as Record<string, unknown>;
    expect(out).toMatchObject({ id: 'a1', version: 3, name: 'New', costTotal: '100', rate: '38.5', flighting: { type: 'even' } });
    expect(out).not.toHaveProperty('vehicle');
    expect(out).not.toHaveProperty('updatedAt');
    expect(toBulk(row, false)).not.toHaveProperty('version');
  });
});

describe('history, subtotals and months', () => {
  it('undoes and redoes a batch of cell changes', () => {
    const rows = [line({ channel: 'TV' })];
    const h = new History();
    h.push({ type: 'cells', changes: [{ key: rows[0].key, field: 'channel', before: 'TV', after: 'Digital' }] });
    const step = h.undo()!;
    expect(step.type === 'cells' && applyCells(rows, step.changes, 'before')[0].v.channel).toBe('TV');
    expect(h.canRedo).toBe(true);
    h.redo();
    expect(h.canUndo && !h.canRedo).toBe(true);
  });

  it('groups lines by channel with a subtotal after each group and the total last', () => {
    const rows = [line({ channel: 'TV', costTotal: '100' }), line({ channel: 'Digital', costTotal: '50.5' }), line({ channel: 'TV', costTotal: '1' })];
    const view = buildView(rows, 'channel', true, '—');
    expect(view.map((e) => (e.t === 'line' ? e.n : e.t === 'sub' ? `${e.label}:${e.cost}` : `total:${e.cost}`))).toEqual([1, 3, 'TV:10100', 2, 'Digital:5050', 'total:15150']);
    expect(monthSpan([line({ startDate: '2027-01-15', endDate: '2027-03-02', costTotal: '1' })])).toEqual(['2027-01', '2027-02', '2027-03']);
  });
});
