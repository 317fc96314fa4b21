import { PERFORMANCE_GROUPINGS, REPORT_FORMATS, REPORT_LOCALES, REPORT_TYPES, CreateReport } from '@mrm/contracts';
import { describe, expect, it } from 'vitest';
import { fieldOf, FORM_FIELDS, GROUPINGS, reportOf, REPORT_FORMATS as FORMATS, REPORT_LOCALES as LOCALES, REPORT_TYPES as TYPES } from '../src/app/reports/options';
import { cronOf, frequencyOf } from '../src/app/reports/schedules/frequency';

describe('the report forms’ model', () => {
  it('offers exactly the contract’s types, formats, languages and groupings', () => {
    expect([...TYPES]).toEqual([...REPORT_TYPES]);
    expect([...FORMATS]).toEqual([...REPORT_FORMATS]);
    expect([...LOCALES]).toEqual([...REPORT_LOCALES]);
    expect([...GROUPINGS]).toEqual([...PERFORMANCE_GROUPINGS]);
  });

  it('makes a request the contract accepts from the form’s fields, leaving out what was not given and what the type does not take', () => {
    const form = (fields: Record<string, string>) => (k: string) => fields[k] ?? '';
    const planId = '0d6f2b8e-8f7e-4c1e-9a59-2d1f5e0b7c11';
    const io = reportOf(form({ type: 'insertion-order', format: 'xlsx', locale: 'en', planId, partner: 'VK', vatRate: '20,5', paymentDays: '45', asOf: '2027-03-01' }));
    expect(io).toEqual({ type: 'insertion-order', format: 'xlsx', locale: 'en', params: { planId, partner: 'VK', vatRate: 20.5, paymentDays: 45 } });
    expect(CreateReport.safeParse(io).success).toBe(true);
    const pva = reportOf(form({ type: 'plan-vs-actual', format: 'pdf', locale: 'ru', planId, groupBy: 'channel', version: '2' }));
    expect(pva.params).toEqual({ planId, groupBy: 'channel' });
    expect(CreateReport.safeParse(pva).success).toBe(true);
    // Not a number: sent as null, so the API names the field.
    expect(reportOf(form({ type: 'insertion-order', planId, partner: 'VK', vatRate: 'twenty' })).params).toMatchObject({ vatRate: null });
  });

  it('puts a problem next to the field it names, in a report or in a schedule', () => {
    expect(fieldOf('params.partner', FORM_FIELDS)).toBe('partner');
    expect(fieldOf('report.params.version', FORM_FIELDS)).toBe('version');
    expect(fieldOf('recipients.2', FORM_FIELDS)).toBe('recipients');
    expect(fieldOf('cron', FORM_FIELDS)).toBe('cron');
    expect(fieldOf('(body)', FORM_FIELDS)).toBeNull();
  });

  it('writes the cron for each frequency and reads the simple ones back', () => {
    expect(cronOf({ kind: 'daily', time: '07:30' })).toBe('30 7 * * *');
    expect(cronOf({ kind: 'weekly', weekday: 'mon', time: '09:00' })).toBe('0 9 * * 1');
    expect(cronOf({ kind: 'weekly', weekday: 'sun', time: '18:05' })).toBe('5 18 * * 0');
    expect(cronOf({ kind: 'monthly', day: 1, time: '10:00' })).toBe('0 10 1 * *');
    expect(cronOf({ kind: 'custom', cron: ' 0  9 * *  1-5 ' })).toBe('0 9 * * 1-5');
    expect(frequencyOf('0 9 * * 1')).toEqual({ kind: 'weekly', weekday: 'mon', time: '09:00' });
    expect(frequencyOf('0 9 * * 7')).toEqual({ kind: 'weekly', weekday: 'sun', time: '09:00' });
    expect(frequencyOf('30 7 * * *')).toEqual({ kind: 'daily', time: '07:30' });
    expect(frequencyOf('0 10 15 * *')).toEqual({ kind: 'monthly', day: 15, time: '10:00' });
    expect(frequencyOf('0 9 * * 1-5').kind).toBe('custom');
    expect(frequencyOf('*/15 * * * *').kind).toBe('custom');
  });
});
