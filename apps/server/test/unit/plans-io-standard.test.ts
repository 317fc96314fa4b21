import { readFileSync } from 'node:fs';
import { LineItemInput } from '@mrm/contracts';
import { describe, expect, it } from 'vitest';
import { fromStandardDocument, toStandardDocument, validateStandardDocument } from '../../src/plans/io/standard.js';
import { asInput, lines, plan } from './io-fixtures.js';

const example = () => JSON.parse(readFileSync(new URL('../../standards/mediaplanschema-3.0/example_mediaplan_v3.0.json', import.meta.url), 'utf8'));
const meta = { documentId: 'mp-export-1', createdByName: 'Анна Планова', createdAt: '2025-02-01T12:30:00.000Z' };
const drop = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined));

describe('the open standard v3.0', () => {
  it("imports the publisher's example with no validation errors and sensible values", () => {
    const doc = example();
    expect(validateStandardDocument(doc)).toEqual([]);
    const { plan: p, lineItems } = fromStandardDocument(doc);
    expect(p).toEqual({
      name: 'GlobalTech Q3 2025 Lead Generation Campaign',
      currency: 'USD',
      budget: '950000.00',
      startDate: '2025-10-01',
      endDate: '2025-12-31',
      notes: doc.meta.comments,
    });
    expect(lineItems).toHaveLength(4);
    const [linkedin, , youtube, display] = lineItems as Array<Record<string, unknown>>;
    expect(linkedin).toMatchObject({
      code: 'li_linkedin_sponsored_001',
      name: 'LinkedIn Sponsored Content - IT Decision Makers',
      startDate: '2025-10-01',
      endDate: '2025-12-31',
      channel: 'Digital',
      vehicle: 'LinkedIn',
      partner: 'LinkedIn Marketing Solutions',
      mediaProduct: 'Sponsored Content',
      adformat: 'Single Image Ad',
      buyCommitment: 'Committed',
      dimCustom2: 'Professional',
      costCurrency: 'USD',
      costTotal: '400000.00',
      costMedia: '360000.00',
      costMinimum: '370000.00',
      kpiValue: 700,
      metricImpressions: 12000000,
      metricMaxDailyImpressions: 130000,
      metricFormulas: { metric_leads: { formula_type: 'power_function', base_metric: 'cost_total', coefficient: 10.5, parameter1: 0.82 } },
      customProperties: { targeting: { job_titles: ['CTO', 'CIO', 'VP Technology'], company_size: '1000+' } },
    });
    expect(youtube).toMatchObject({ costCurrency: 'EUR', costCurrencyExchangeRate: '1.08', costTotal: '160000.00' });
    expect(display).toMatchObject({ vehicleCustom: 'Premium Tech Publisher Network' });
    expect(Object.keys(linkedin).every((k) => /^[a-z][A-Za-z0-9]*$/.test(k))).toBe(true);
    for (const line of lineItems) expect(LineItemInput.safeParse(line).error).toBeUndefined();
  });

  it('exports a document that validates and imports back to the same plan and lines', () => {
    const doc = toStandardDocument(plan, lines, meta);
    expect(validateStandardDocument(doc)).toEqual([]);
    expect(doc).toMatchObject({ meta: { id: 'mp-export-1', schema_version: '3.0', comments: plan.notes }, campaign: { budget_total: 5000000, budget_currency: 'RUB' } });
    const li = (doc.lineitems as Array<Record<string, unknown>>)[0];
    expect(li).toMatchObject({ id: 'OLV-01', cost_total: 1234567.5, cost_media: 1100000, metric_view_completions: 3200000, dim_custom1: 'Бренд', adformat: 'Видео 15 сек' });
    expect((li.custom_properties as Record<string, unknown>).mrm).toEqual({ pricingModel: 'cpm', rate: '245.5000', plannedUnits: '5028.79', erid: 'Kra23abcXYZ', externalIds: ['ya-123456', 'direct 77'], flighting: { type: 'monthly', weights: ['2', '1'] } });

    const back = fromStandardDocument(JSON.parse(JSON.stringify(doc)));
    expect(back.plan).toEqual({ name: plan.name, currency: 'RUB', budget: '5000000.00', startDate: '2025-03-01', endDate: '2025-05-31', notes: plan.notes, vatRate: '20.00', agencyCommission: '12.50' });
    // A line without a code travels under its API id, which comes back as its code.
    const expected = lines.map((l) => asInput(l, { code: l.code ?? l.id }));
    expect(back.lineItems.map((l) => drop(l))).toEqual(expected);
    for (const line of back.lineItems) expect(LineItemInput.safeParse(line).error).toBeUndefined();
  });

  it('gives back a plan without budget, dates or notes as it was, and keeps notes apart from comments', () => {
    const bare = { ...plan, budget: null, startDate: null, endDate: null, notes: null };
    const doc = toStandardDocument(bare, lines, meta);
    expect(validateStandardDocument(doc)).toEqual([]);
    expect(doc.campaign).toMatchObject({ start_date: '2025-03-01', end_date: '2025-05-20', budget_total: 2484567.6 });
    expect(fromStandardDocument(doc).plan).toMatchObject({ budget: null, startDate: null, endDate: null, notes: null });

    const commented = toStandardDocument(plan, [], { ...meta, comments: 'Выгрузка для клиента' });
    expect(validateStandardDocument(commented)).toEqual([]);
    expect((commented.meta as Record<string, unknown>).comments).toBe('Выгрузка для клиента');
    expect(fromStandardDocument(commented).plan.notes).toBe(plan.notes);
  });

  it('reports every error of a broken document with its JSON path', () => {
    const doc = example();
    delete doc.lineitems[3].cost_total;
    doc.lineitems[1].cost_media = '258 000';
    doc.lineitems[0].location_type = 'City';
    doc.campaign.start_date = '2025-13-01';
    delete doc.meta.created_at;
    doc.dictionary.custom_costs.cost_custom1 = { status: 'enabled' };
    const issues = validateStandardDocument(doc);
    expect(issues).toEqual(
      expect.arrayContaining([
        { path: '/lineitems/3/cost_total', message: 'is required' },
        { path: '/lineitems/1/cost_media', message: 'must be number' },
        { path: '/lineitems/0/location_type', message: 'must be equal to one of the allowed values: Country, State' },
        { path: '/campaign/start_date', message: 'must match format "date"' },
        { path: '/meta/created_at', message: 'is required' },
        { path: '/dictionary/custom_costs/cost_custom1/caption', message: 'is required' },
      ]),
    );
    expect(issues).toHaveLength(6);
    expect(validateStandardDocument('not a plan')).toEqual([{ path: '/', message: 'must be object' }]);
  });

  it('keeps fields the standard may add later instead of dropping them', () => {
    const doc = example();
    doc.lineitems[0].cost_tax = 1200;
    const { lineItems } = fromStandardDocument(doc);
    expect((lineItems[0] as Record<string, unknown>).customProperties).toMatchObject({ unmappedFields: { cost_tax: 1200 } });
    expect(LineItemInput.safeParse(lineItems[0]).error).toBeUndefined();
  });
});
