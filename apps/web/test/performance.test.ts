import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { call, logIn, post } from './api.js';
import { launch } from './browser.js';
import { SHOTS } from './shots.js';
import { seriousViolations } from './axe.js';
import { amount, money, percent } from '../src/lib/format';

const base = inject('webUrl');
const STATUS: Record<string, string> = { on_pace: 'в плане', over: 'опережает', under: 'отстаёт', not_started: 'не начата', no_actuals: 'нет факта' };

type Spend = { cost: string };
type Figures = { plannedToDate: string; planned: Spend; actual: Spend & { impressions: number; cpm: string | null }; forecastAtEnd: string | null; pacing: { percent: string | null; status: string } };
type Group = Figures & { key: string; label: string; periods: Array<{ period: string; planned: Spend; actual: Spend | null }> };
type Performance = { asOf: string; vatPercent: string; agencyCommissionPercent: string; totals: Figures; groups: Group[] };

// Intl in Node and in Chromium may pick different spaces inside numbers; a reader sees a space.
const flat = (s: string | null) => (s ?? '').replace(/\s/g, ' ').trim();
const rub = (v: string | null) => flat(money(v, 'RUB', 'ru'));
// The table names the currency in its headers and writes bare amounts.
const num = (v: string | null) => flat(amount(v, 'ru'));
const kop = (v: string) => Math.round(Number(v) * 100);

/** What the table row of a group (or the total) must read, from the API's answer. */
async function expectRow(row: Locator, g: Figures) {
  const cells = (await row.locator('td').allTextContents()).map(flat);
  expect(cells[0]).toBe(num(g.plannedToDate));
  expect(cells[1]).toBe(num(g.actual.cost));
  expect(cells[2]).toBe(`${flat(percent(g.pacing.percent, 'ru'))} · ${STATUS[g.pacing.status]}`);
  expect(cells[3]).toBe(g.forecastAtEnd === null ? '—' : num(g.forecastAtEnd));
  expect(cells[4]).toBe(num(g.planned.cost));
  expect(cells[5].startsWith(flat(new Intl.NumberFormat('ru-RU').format(g.actual.impressions)))).toBe(true);
  expect(cells[8]).toBe(g.actual.cpm === null ? '—' : num(g.actual.cpm));
}

/** The chart's table (its text alternative): one row per period, planned and actual of the groups shown, added up. */
async function expectPeriods(page: Page, groups: Group[], asOf: string) {
  const sums = new Map<string, { planned: number; actual: number | null }>();
  for (const g of groups)
    for (const p of g.periods) {
      const s = sums.get(p.period) ?? { planned: 0, actual: null };
      s.planned += kop(p.planned.cost);
      if (p.actual) s.actual = (s.actual ?? 0) + kop(p.actual.cost);
      sums.set(p.period, s);
    }
  const want = [...sums].sort(([a], [b]) => a.localeCompare(b)).map(([period, s]) => [rub((s.planned / 100).toFixed(2)), s.actual === null && period > asOf ? '—' : rub(((s.actual ?? 0) / 100).toFixed(2))]);
  const rows = page.getByTestId('performance-periods').locator('tbody tr');
  await expect.poll(() => rows.count()).toBe(want.length);
  const got = await rows.evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].slice(0, 2).map((td) => td.textContent ?? '')));
  expect(got.map((r) => r.map(flat))).toEqual(want);
}

describe('delivery against plan on the plan page', () => {
  let browser: Browser;
  let token: string;
  let email: string;
  beforeAll(async () => {
    browser = await launch();
    email = `pacing-${randomBytes(4).toString('hex')}@example.test`;
    token = (await post('/api/v1/auth/register', { tenantName: 'Агентство «Темп»', name: 'Ира', email, password: 'a long passphrase' })).accessToken;
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('switches grain and breakdown, shows a line’s own chart, keeps the view in the link, with the API’s numbers', async () => {
    const c = await post('/api/v1/clients', { name: 'ООО «Ромашка»' }, token);
    const p = await post('/api/v1/projects', { clientId: c.id, name: 'Always-on' }, token);
    const plan = await post('/api/v1/media-plans', { projectId: p.id, name: 'Digital сейчас' }, token);
    const now = new Date();
    const day = (d: Date) => d.toISOString().slice(0, 10);
    const start = day(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1)));
    const end = day(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 2, 0)));
    // Two lines on VK sandbox campaigns, one TV line that no platform reports on.
    await post(`/api/v1/media-plans/${plan.id}/line-items`, { name: 'VK — охват, видео', channel: 'Digital', partner: 'VK', startDate: start, endDate: end, costTotal: '2000000', externalIds: ['12000001'] }, token);
    await post(`/api/v1/media-plans/${plan.id}/line-items`, { name: 'VK — трафик на сайт', channel: 'Digital', partner: 'VK', startDate: start, endDate: end, costTotal: '2400000', externalIds: ['12000011'] }, token);
    await post(`/api/v1/media-plans/${plan.id}/line-items`, { name: 'ТВ без кампании', channel: 'TV', partner: 'Первый канал', startDate: start, endDate: end, costTotal: '500000' }, token);
    const conn = await post('/api/v1/connections', { platform: 'vk_ads', name: 'VK', clientId: c.id, accounts: [{ id: '900001' }], credentials: { accessToken: 'sandbox-vk-token-1' } }, token);
    const run = await post(`/api/v1/connections/${conn.id}/sync`, {}, token);
    await expect
      .poll(async () => (await (await call('GET', `/api/v1/connections/${conn.id}/runs`, undefined, token)).json()).items.find((r: { id: string }) => r.id === run.id)?.status, { timeout: 30_000, interval: 300 })
      .toBe('succeeded');
    const perf = async (query: string): Promise<Performance> => (await call('GET', `/api/v1/media-plans/${plan.id}/performance?${query}`, undefined, token)).json();

    const page = await (await browser.newContext({ locale: 'ru-RU', viewport: { width: 1280, height: 900 } })).newPage();
    await logIn(page, email, 'a long passphrase');
    await page.goto(`${base}/plans/${plan.id}`);
    const section = page.locator('section#performance');
    const table = page.getByTestId('performance');
    await table.waitFor();

    // Opened plain: lines by month, the whole plan charted; net amounts, VAT and commission and the as-of date stated.
    let api = await perf('grain=month&by=line_item');
    expect(api.totals.actual.cost).not.toBe('0.00');
    const basis = flat(await page.getByTestId('performance-basis').textContent());
    expect(basis).toContain('Суммы нетто');
    expect(basis).toContain(`НДС (${flat(percent(api.vatPercent, 'ru'))})`);
    expect(basis).toContain(flat(new Intl.DateTimeFormat('ru-RU', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${api.asOf}T00:00:00Z`))));
    for (const g of api.groups) await expectRow(table.locator(`tr[data-key="${g.key}"]`), g);
    await expectRow(table.locator('tr.total'), api.totals);
    expect(flat(await table.getByRole('columnheader', { name: 'Факт, ₽' }).textContent())).toBe('Факт, ₽');
    expect(flat(await table.getByRole('row', { name: /ТВ без кампании/ }).textContent())).toContain('Нет ID кампаний');
    await expect.poll(() => section.locator('svg.recharts-surface').count()).toBeGreaterThanOrEqual(2);
    expect(await page.getByRole('heading', { name: 'Весь план: план и факт' }).count()).toBe(1);
    expect(flat(await page.getByTestId('fig-actual').textContent())).toContain(rub(api.totals.actual.cost));
    await expectPeriods(page, api.groups, api.asOf);

    // Weeks: the URL carries the grain, the chart's periods are the API's weeks.
    await page.getByRole('radio', { name: 'Недели' }).check();
    await page.waitForURL(/[?&]grain=week/);
    api = await perf('grain=week&by=line_item');
    await expectPeriods(page, api.groups, api.asOf);
    expect(flat(await page.getByTestId('performance-periods').locator('tbody th').first().textContent())).toMatch(/^неделя с \d\d\.\d\d\.\d{4}$/);

    // By channel: the table regroups, and the bars are the API's weeks for the whole plan.
    await page.getByRole('radio', { name: 'Каналы' }).check();
    await page.waitForURL(/[?&]by=channel/);
    api = await perf('grain=week&by=channel');
    await expect.poll(async () => (await table.locator('tbody th[scope=row] button').allTextContents()).map(flat)).toEqual(['Digital', 'TV']);
    expect(flat(await table.locator('tr[data-key="TV"] th').textContent())).toContain('Нет ID кампаний: только план.');
    for (const g of api.groups) await expectRow(table.locator(`tr[data-key="${g.key}"]`), g);
    await expectRow(table.locator('tr.total'), api.totals);
    await expectPeriods(page, api.groups, api.asOf);

    // One group's own chart: its figures and periods, and the link says which.
    await table.getByRole('button', { name: 'Digital' }).click();
    await page.waitForURL(/[?&]row=Digital/);
    await page.getByRole('heading', { name: 'Digital: план и факт' }).waitFor();
    const digital = api.groups.find((g) => g.key === 'Digital')!;
    expect(flat(await page.getByTestId('fig-actual').textContent())).toContain(rub(digital.actual.cost));
    expect(flat(await page.getByTestId('fig-planned').textContent())).toContain(rub(digital.planned.cost));
    await expectPeriods(page, [digital], api.asOf);
    expect(await table.getByRole('button', { name: 'Digital' }).getAttribute('aria-pressed')).toBe('true');

    await section.scrollIntoViewIfNeeded();
    await expect.poll(() => section.locator('svg.recharts-surface').count()).toBeGreaterThanOrEqual(2);
    // With the charts drawn and a row chosen: no serious accessibility finding (the charts are hidden from screen readers, the tables are the data).
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/plan-performance-charts.png`, fullPage: true });
    await section.screenshot({ path: `${SHOTS}/performance.png` });

    // The link alone reproduces the view: a fresh page at that address shows the same switches, group and numbers.
    const link = page.url();
    const other = await page.context().newPage();
    await other.goto(link);
    await other.getByRole('heading', { name: 'Digital: план и факт' }).waitFor();
    expect(await other.getByRole('radio', { name: 'Недели' }).isChecked()).toBe(true);
    expect(await other.getByRole('radio', { name: 'Каналы' }).isChecked()).toBe(true);
    expect(flat(await other.getByTestId('fig-actual').textContent())).toContain(rub(digital.actual.cost));
    await other.close();

    // Back steps to the previous view: the whole plan, by channel.
    await page.goBack();
    await page.getByRole('heading', { name: 'Весь план: план и факт' }).waitFor();
    expect(new URL(page.url()).searchParams.get('row')).toBeNull();

    // By platform: the platform's name as the connections page writes it; the TV line has no platform.
    await page.getByRole('radio', { name: 'Рекламные системы' }).check();
    await page.waitForURL(/[?&]by=platform/);
    await expect.poll(async () => (await table.locator('tbody th[scope=row] button').allTextContents()).map(flat)).toEqual(['VK Реклама', '(нет данных площадок)']);
    // A switch whose figures fail to load says so and offers to try again; once the server answers, the figures follow.
    const figures = /\/plans\/[^/]+\/performance\?/;
    await page.route(figures, (r) => r.fulfill({ status: 502, body: '' }));
    await page.getByRole('radio', { name: 'Месяцы' }).check();
    await page.getByRole('alert').filter({ hasText: 'Не удалось загрузить факт против плана.' }).waitFor();
    await page.unroute(figures);
    await page.getByRole('button', { name: 'Загрузить снова' }).click();
    api = await perf('grain=month&by=platform');
    await expectPeriods(page, api.groups, api.asOf);
    expect(await page.getByRole('alert').filter({ hasText: 'Не удалось загрузить' }).count()).toBe(0);

    // The page fits a laptop screen with everything on it, in Russian and in English (longer money: RUB 1,234.00).
    const sideways = () => page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
    expect(await sideways()).toBe(false);
    await page.context().addCookies([{ name: 'NEXT_LOCALE', value: 'en', url: base }]);
    await page.reload();
    await page.getByRole('heading', { name: 'Whole plan: planned vs actual' }).waitFor();
    expect(await page.getByRole('radio', { name: 'Platforms' }).isChecked()).toBe(true);
    expect(await page.getByRole('radio', { name: 'Months' }).isChecked()).toBe(true);
    await section.screenshot({ path: `${SHOTS}/performance-en.png` });
    expect(await sideways()).toBe(false);
  });

  it('says how to match lines to campaigns when none is matched', async () => {
    const c = await post('/api/v1/clients', { name: 'ООО «Лютик»' }, token);
    const p = await post('/api/v1/projects', { clientId: c.id, name: 'ТВ' }, token);
    const plan = await post('/api/v1/media-plans', { projectId: p.id, name: 'Только ТВ' }, token);
    await post(`/api/v1/media-plans/${plan.id}/line-items`, { name: 'Первый канал', channel: 'TV', startDate: '2027-01-01', endDate: '2027-01-31', costTotal: '100000' }, token);
    const page = await (await browser.newContext({ locale: 'ru-RU' })).newPage();
    await logIn(page, email, 'a long passphrase');
    await page.goto(`${base}/plans/${plan.id}`);
    const empty = page.getByTestId('performance-empty');
    await empty.waitFor();
    expect(flat(await empty.textContent())).toMatch(/не сопоставлена с кампаниями.*Подключения.*Сопоставить кампании.*externalIds/);
    expect(await page.getByTestId('performance').count()).toBe(0);
  });
});
