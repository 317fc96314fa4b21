import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { call, logIn, post } from './api.js';
import { launch } from './browser.js';
import { mailTo } from './mail.js';
import { liveFlight, syncVkSandbox } from './sandbox.js';
import { SHOTS } from './shots.js';

const base = inject('webUrl');
const PASSWORD = 'another long passphrase';
const PLAN = 'Весна 2027: VK и Яндекс';

/**
 * An agency whose owner has an approved plan with actuals from the VK Ads sandbox, and a planner
 * who makes the reports. The plan was reopened after approval and given a line for a partner the
 * approved version does not have (the partner choice offers it; the API refuses it).
 */
async function agency(): Promise<{ owner: string; planner: { email: string; name: string }; planId: string }> {
  const email = `owner-${randomBytes(4).toString('hex')}@example.test`;
  const { accessToken: owner } = await post('/api/v1/auth/register', { tenantName: 'Агентство «Отчёт»', name: 'Ольга', email, password: 'a long passphrase' });
  const c = await post('/api/v1/clients', { name: 'ООО «Ромашка»' }, owner);
  const p = await post('/api/v1/projects', { clientId: c.id, name: 'Весна' }, owner);
  const plan = await post('/api/v1/media-plans', { projectId: p.id, name: PLAN }, owner);
  const { start, end } = liveFlight();
  await post(`/api/v1/media-plans/${plan.id}/line-items`, { name: 'VK — охват', channel: 'Digital', partner: 'VK', startDate: start, endDate: end, costTotal: '300000', externalIds: ['12000001'] }, owner);
  await post(`/api/v1/media-plans/${plan.id}/line-items`, { name: 'Поиск', channel: 'Search', partner: 'Яндекс', startDate: start, endDate: end, costTotal: '200000' }, owner);
  await syncVkSandbox(owner, c.id);
  expect((await call('POST', `/api/v1/media-plans/${plan.id}/submit`, {}, owner)).status).toBe(200);
  expect((await call('POST', `/api/v1/media-plans/${plan.id}/approve`, {}, owner)).status).toBe(200);
  const planner = { email: `planner-${randomBytes(4).toString('hex')}@example.test`, name: 'Пётр Планов' };
  const invitation = await post('/api/v1/invitations', { email: planner.email, role: 'planner' }, owner);
  expect((await call('POST', '/api/v1/invitations/accept', { token: invitation.token, name: planner.name, password: PASSWORD })).status).toBeLessThan(300);
  return { owner, planner, planId: plan.id };
}

/** The report's id from its page's address. */
const runId = (page: Page) => new URL(page.url()).pathname.split('/')[2];

describe('reports in the browser', () => {
  let browser: Browser;
  let setup: Awaited<ReturnType<typeof agency>>;
  beforeAll(async () => {
    browser = await launch();
    setup = await agency();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('lets a planner request a PDF plan-vs-actual report, follow its progress, download it and get the email', async () => {
    const page = await (await browser.newContext({ locale: 'ru-RU', viewport: { width: 1280, height: 900 }, acceptDownloads: true })).newPage();
    await logIn(page, setup.planner.email, PASSWORD);
    await page.getByRole('navigation', { name: 'Основное меню' }).getByRole('link', { name: 'Отчёты' }).click();
    await page.getByRole('heading', { name: 'Отчёты', level: 1 }).waitFor();
    const form = page.getByTestId('report-form');
    await form.getByLabel('Отчёт', { exact: true }).selectOption({ label: 'План/факт' });
    await form.getByLabel('Медиаплан').selectOption({ label: PLAN });
    await form.getByLabel('Формат').selectOption({ label: 'PDF' });
    await form.getByLabel('Группировка').selectOption({ label: 'Канал' });
    await form.getByRole('button', { name: 'Сформировать отчёт' }).click();
    await page.waitForURL(/\/reports\/[0-9a-f-]{36}$/);
    const id = runId(page);

    // Progress first (unless the worker was quicker than the page), then the Download button.
    const status = page.getByTestId('run-status');
    const first = await status.getAttribute('data-status');
    expect(['queued', 'running', 'done']).toContain(first);
    if (first !== 'done') {
      expect(await page.getByRole('progressbar', { name: /^Готовность/ }).count()).toBe(1);
      expect(await page.getByTestId('run-percent').textContent()).toMatch(/^\d{1,3} %$/);
    }
    const download = page.getByTestId('download');
    await download.waitFor({ timeout: 45_000 });
    expect(await status.getAttribute('data-status')).toBe('done');
    expect(await page.getByRole('progressbar').count()).toBe(0);

    const [file] = await Promise.all([page.waitForEvent('download'), download.click()]);
    const saved = join(tmpdir(), `report-${id}.pdf`);
    await file.saveAs(saved);
    const bytes = readFileSync(saved);
    expect(bytes.subarray(0, 4).toString('latin1')).toBe('%PDF');
    if (existsSync('/usr/bin/pdftotext')) {
      const text = execFileSync('/usr/bin/pdftotext', ['-enc', 'UTF-8', saved, '-'], { encoding: 'utf8' });
      expect(text).toContain(PLAN);
    }

    // The "report ready" email to the requester links to the report's page.
    const sent = await mailTo((m) => m.to.includes(setup.planner.email) && m.text.includes(`/reports/${id}`));
    expect(sent).toHaveLength(1);
    expect(sent[0].text).toContain(`${base}/reports/${id}`);
    // Opened signed out (another browser), the link goes through the sign-in and back to the report.
    const fresh = await (await browser.newContext({ locale: 'ru-RU' })).newPage();
    await fresh.goto(`${base}/reports/${id}`);
    await fresh.waitForURL(/\/login\?next=/);
    await fresh.getByLabel('Эл. почта').fill(setup.planner.email);
    await fresh.getByLabel('Пароль').fill(PASSWORD);
    await fresh.getByRole('button', { name: 'Войти' }).click();
    await fresh.waitForURL(`${base}/reports/${id}`);
    await fresh.getByTestId('download').waitFor();
    await fresh.context().close();

    // The history shows it done with its size and a Download link; the notification links to it.
    await page.goto(`${base}/reports`);
    const row = page.getByTestId('report-row').filter({ has: page.locator(`a[href="/reports/${id}"]`) }).first();
    expect(await row.getByTestId('run-status').getAttribute('data-status')).toBe('done');
    expect(await row.getByRole('link', { name: /^Скачать/ }).getAttribute('href')).toBe(`/reports/${id}/download`);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await page.screenshot({ path: `${SHOTS}/reports.png`, fullPage: true });
    await page.goto(`${base}/notifications`);
    expect(await page.getByTestId('notice').first().getByRole('link', { name: 'Открыть отчёт' }).getAttribute('href')).toBe(`/reports/${id}`);

    // The plan's own reports, from the plan page.
    await page.goto(`${base}/plans/${setup.planId}`);
    expect(await page.getByTestId('plan-report').getAttribute('href')).toBe(`/reports/new?planId=${setup.planId}`);
  });

  it('shows the API’s message next to the partner when the approved version has no lines for it', async () => {
    // Reopen the approved plan with a line for a partner version 1 does not have.
    const { start, end } = liveFlight();
    await post(`/api/v1/media-plans/${setup.planId}/line-items`, { name: 'Наружка', channel: 'OOH', partner: 'Gallery', startDate: start, endDate: end, costTotal: '50000' }, setup.owner);
    const page = await (await browser.newContext({ locale: 'ru-RU', viewport: { width: 1280, height: 900 } })).newPage();
    await logIn(page, setup.planner.email, PASSWORD);
    await page.goto(`${base}/reports/new?planId=${setup.planId}`);
    const form = page.getByTestId('report-form');
    await form.getByLabel('Отчёт', { exact: true }).selectOption({ label: 'Заказ партнёру' });
    const partner = form.getByLabel('Партнёр');
    await form.locator('select[name="partner"] option[value="Gallery"]').waitFor({ state: 'attached' });
    await partner.selectOption('Gallery');
    await form.getByRole('button', { name: 'Сформировать отчёт' }).click();
    const message = form.locator('[data-field="partner"] #partner-error');
    await message.waitFor();
    expect(await message.textContent()).toContain('partners: VK, Яндекс');
    expect(await partner.getAttribute('aria-describedby')).toBe('partner-error');
    expect(await partner.getAttribute('aria-invalid')).toBe('true');
    expect(await partner.inputValue()).toBe('Gallery');
    expect(page.url()).toBe(`${base}/reports/new?planId=${setup.planId}`);
  });

  it('creates a weekly schedule with the picker, pauses, resumes and deletes it', async () => {
    const page = await (await browser.newContext({ locale: 'ru-RU', viewport: { width: 1280, height: 900 } })).newPage();
    await logIn(page, setup.planner.email, PASSWORD);
    await page.goto(`${base}/reports`);
    await page.getByRole('link', { name: 'Расписания' }).click();
    await page.getByRole('heading', { name: 'Новое расписание' }).waitFor();
    const form = page.getByTestId('schedule-form');
    await form.getByLabel('Название').fill('Понедельничный план/факт');
    await form.getByLabel('Медиаплан').selectOption({ label: PLAN });
    await form.getByLabel('Повторять').selectOption({ label: 'Каждую неделю' });
    await form.getByLabel('День недели').selectOption({ label: 'Понедельник' });
    await form.getByLabel('Время').fill('09:00');
    await form.getByLabel('Часовой пояс').selectOption('Asia/Yekaterinburg');
    expect(await form.getByTestId('cron-preview').textContent()).toBe('0 9 * * 1');
    await form.getByLabel('Получатели').fill('cfo@example.test, brand@example.test');
    await form.getByRole('button', { name: 'Создать расписание' }).click();
    const row = page.getByTestId('schedule-row').filter({ hasText: 'Понедельничный план/факт' });
    await row.waitFor();
    expect(await row.getByTestId('schedule-cron').textContent()).toBe('0 9 * * 1');
    // The form still shows what was chosen.
    expect(await form.getByLabel('Часовой пояс').inputValue()).toBe('Asia/Yekaterinburg');
    expect(await row.textContent()).toContain('По понедельникам в 09:00');
    expect(await row.textContent()).toContain('Asia/Yekaterinburg');
    expect(await row.textContent()).toContain('GMT+5');
    expect(await row.getByTestId('schedule-state').textContent()).toBe('Включено');
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await page.screenshot({ path: `${SHOTS}/report-schedules.png`, fullPage: true });

    await row.getByRole('button', { name: /^Приостановить/ }).click();
    await row.getByTestId('schedule-state').getByText('Приостановлено').waitFor();
    await row.getByRole('button', { name: /^Возобновить/ }).click();
    await row.getByTestId('schedule-state').getByText('Включено').waitFor();
    // Pausing and resuming kept the schedule's own time zone.
    expect(await row.textContent()).toContain('Asia/Yekaterinburg');
    expect(await row.getByRole('link', { name: 'Сформированные отчёты' }).getAttribute('href')).toMatch(/^\/reports\?scheduleId=[0-9a-f-]{36}$/);

    await row.getByText('Удалить', { exact: true }).click();
    await row.getByRole('button', { name: 'Удалить расписание' }).click();
    await page.getByText('Расписаний пока нет.').waitFor();
  });

  it('fits a 1280 px screen in English too, with every option of the widest report shown', async () => {
    const context = await browser.newContext({ locale: 'ru-RU', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await logIn(page, setup.planner.email, PASSWORD);
    await context.addCookies([{ name: 'NEXT_LOCALE', value: 'en', url: base }]);
    for (const path of ['/reports', `/reports/new?planId=${setup.planId}`, '/reports/schedules']) {
      await page.goto(`${base}${path}`);
      await page.getByRole('heading', { name: /^(Reports|New report)$/, level: 1 }).waitFor();
      const form = page.getByTestId(path.endsWith('schedules') ? 'schedule-form' : 'report-form');
      await form.getByLabel('Report', { exact: true }).selectOption({ label: 'Insertion order' });
      await form.getByLabel('Payment term, days').waitFor();
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), path).toBe(true);
    }
  });
});
