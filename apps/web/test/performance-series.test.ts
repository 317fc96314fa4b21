import { describe, expect, it } from 'vitest';
import { cumulative, planPeriods, slim, type PlanPerformance } from '../src/app/plans/[id]/performance/series';
import { readView, withView } from '../src/app/plans/[id]/performance/query';

const spend = (cost: string) => ({ cost, impressions: 0, clicks: 0, conversions: 0, cpm: null, cpc: null, cpa: null });
const group = (key: string, periods: Array<[string, string, string | null]>) =>
  ({ key, label: key, periods: periods.map(([period, planned, actual]) => ({ period, planned: { cost: planned, impressions: 0, clicks: 0, conversions: 0 }, actual: actual === null ? null : spend(actual) })) }) as unknown as PlanPerformance['groups'][number];

describe('the numbers behind the performance charts', () => {
  it('adds the groups up period by period in kopecks, with no actual for periods after the as-of date', () => {
    const data = { asOf: '2027-03-15', groups: [group('VK', [['2027-03-01', '0.10', '0.20'], ['2027-04-01', '100.00', null]]), group('TV', [['2027-03-01', '0.20', null], ['2027-04-01', '50.00', null]])] } as unknown as PlanPerformance;
    expect(planPeriods(data)).toEqual([
      { period: '2027-03-01', planned: '0.30', actual: '0.20' },
      { period: '2027-04-01', planned: '150.00', actual: null },
    ]);
  });

  it('sends the browser the plan’s periods and the chosen row’s, not every group’s', () => {
    const data = { asOf: '2027-03-15', groups: [group('VK', [['2027-03-01', '1.00', '2.00']]), group('TV', [['2027-03-01', '3.00', null]])] } as unknown as PlanPerformance;
    const s = slim(data, 'VK');
    expect(s.groups.every((g) => !('periods' in g))).toBe(true);
    expect(s.planPeriods).toEqual([{ period: '2027-03-01', planned: '4.00', actual: '2.00' }]);
    expect(s.rowPeriods).toEqual([{ period: '2027-03-01', planned: '1.00', actual: '2.00' }]);
    expect(slim(data, 'nobody').rowPeriods).toBeNull();
  });

  it('puts a point at the end of the as-of day with the planned-to-date and actual, and draws the forecast from there to the end', () => {
    const periods = [
      { period: '2027-03-01', planned: '3100.00', actual: '1500.00' },
      { period: '2027-04-01', planned: '3000.00', actual: null },
    ];
    const points = cumulative(periods, 'month', '2027-03-15', { plannedToDate: '1500.00', actual: spend('1500.00'), forecastAtEnd: '6000.00' });
    const at = (d: string) => Date.parse(`${d}T00:00:00Z`);
    expect(points).toEqual([
      { at: at('2027-03-01'), planned: 0, actual: 0 },
      { at: at('2027-03-16'), planned: 1500, actual: 1500, forecast: 1500 },
      { at: at('2027-04-01'), planned: 3100 },
      { at: at('2027-05-01'), planned: 6100, forecast: 6000 },
    ]);
  });

  it('keeps the view in the link: defaults left out, other parameters kept, nonsense read as the default', () => {
    expect(withView('?error=x', { grain: 'week', by: 'channel', row: 'Digital' })).toBe('?error=x&grain=week&by=channel&row=Digital');
    expect(withView('?grain=week&row=a', { grain: 'month', by: 'line_item', row: null })).toBe('');
    const q = new URLSearchParams('grain=year&by=channel');
    expect(readView((k) => q.get(k))).toEqual({ grain: 'month', by: 'channel', row: null });
  });
});
