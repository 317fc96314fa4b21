import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it, onTestFailed } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { call, logIn, post } from './api.js';
import { launch } from './browser.js';
import { SHOTS } from './shots.js';
import { cellText, clickRow, paste, saved, typeInto } from './grid.js';

const base = inject('webUrl');

/** A fresh agency with an empty draft plan; returns its owner's token and the plan id. */
async function emptyPlan(): Promise<{ token: string; planId: string; email: string }> {
  const email = `editor-${randomBytes(4).toString('hex')}@example.test`;
  const { accessToken: token } = await post('/api/v1/auth/register', { tenantName: 'Агентство «Сетка»', name: 'Анна', email, password: 'a long passphrase' });
  const client = await post('/api/v1/clients', { name: 'ООО «Ромашка»' }, token);
  const project = await post('/api/v1/projects', { clientId: client.id, name: 'Весна 2027', startDate: '2027-03-01', endDate: '2027-05-31' }, token);
  const plan = await post('/api/v1/media-plans', { projectId: project.id, name: 'Медиаплан весна' }, token);
  return { token, planId: plan.id, email };
}

const lines = async (planId: string, token: string) => (await (await call('GET', `/api/v1/media-plans/${planId}/line-items`, undefined, token)).json()).items;
const net = async (page: Page) => (await page.getByTestId('total-net').textContent())!.replace(/\s/g, ' ');

// Columns as the editor first shows them: 1 name, 2 channel, 3 partner, 4 start, 5 end, 6 model,
// 7 rate, 8 units, 9 cost (0 is the row markers).
describe('the media plan editor', () => {
  let browser: Browser;
  let context: BrowserContext;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  async function open(planId: string, email: string): Promise<Page> {
    context = await browser.newContext({ locale: 'ru-RU', viewport: { width: 1366, height: 900 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
    const page = await context.newPage();
    onTestFailed(async ({ task }) => {
      await page.screenshot({ path: `${SHOTS}/failed-${task.name.slice(0, 20).replace(/\W+/g, '-')}.png`, fullPage: true }).catch(() => undefined);
    });
    await logIn(page, email, 'a long passphrase');
    await page.goto(`${base}/plans/${planId}`);
    await page.locator('[data-testid=grid] canvas').first().waitFor();
    return page;
  }

  it('takes a pasted range from a spreadsheet, computes costs, fills down, undoes and redoes, and saves it all', async () => {
    const { token, planId, email } = await emptyPlan();
    const page = await open(planId, email);
    await clickRow(page, 0);
    await paste(page, [
      ['Яндекс Директ — поиск', 'Digital', 'Яндекс', '01.03.2027', '31.03.2027', 'CPC', '38,50', '10 000', ''],
      ['VK Реклама — баннер', 'Digital', 'VK', '01.03.2027', '30.04.2027', 'cpm', '210', '2 000 000', ''],
      ['Первый канал — ролик 20 с', 'TV', 'Первый канал', '2027-04-01', '2027-04-30', '', '', '', '2 000 000,00'],
      ['Билборды Москва', 'OOH', 'Gallery', '01.03.2027', '31.05.2027', 'flat_rate', '450 000', '', ''],
      ['Европа Плюс — ролик 30 с', 'Radio', 'Европа Плюс', '01.05.2027', '31.05.2027', '', '', '', '310 500,5'],
    ]);
    // 385 000 + 420 000 + 2 000 000 + 450 000 + 310 500,50, as the planner types them: totals at once.
    await page.getByText('5 строк', { exact: true }).waitFor();
    expect(await net(page)).toBe('3 565 500,50 ₽');
    await expect.poll(() => cellText(page, 9, 0)).toBe('385000.00');
    await saved(page);
    const stored = await lines(planId, token);
    expect(stored.map((l: { costTotal: string }) => l.costTotal)).toEqual(['385000.00', '420000.00', '2000000.00', '450000.00', '310500.50']);
    expect(stored[0]).toMatchObject({ pricingModel: 'cpc', rate: '38.5000', startDate: '2027-03-01' });

    // Typing over a cell, then fill down from the first line's channel over the next two.
    await clickRow(page, 0);
    await typeInto(page, 'Яндекс Директ — РСЯ');
    await expect.poll(() => cellText(page, 1, 0)).toBe('Яндекс Директ — РСЯ');
    await clickRow(page, 2);
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Shift+ArrowDown');
    await page.keyboard.press('Shift+ArrowDown');
    await page.keyboard.press('Control+D');
    await expect.poll(async () => [await cellText(page, 2, 1), await cellText(page, 2, 2)]).toEqual(['Digital', 'Digital']);
    await page.keyboard.press('Control+Z');
    await expect.poll(() => cellText(page, 2, 2)).toBe('TV');
    await page.keyboard.press('Control+Y');
    await expect.poll(() => cellText(page, 2, 2)).toBe('Digital');
    await page.getByRole('button', { name: 'Отменить' }).click();
    await page.getByRole('button', { name: 'Отменить' }).click();
    await expect.poll(() => cellText(page, 1, 0)).toBe('Яндекс Директ — поиск');
    await page.getByRole('button', { name: 'Повторить' }).click();
    await saved(page);
    expect((await lines(planId, token)).map((l: { name: string; channel: string }) => [l.name, l.channel]).slice(0, 3)).toEqual([
      ['Яндекс Директ — РСЯ', 'Digital'],
      ['VK Реклама — баннер', 'Digital'],
      ['Первый канал — ролик 20 с', 'TV'],
    ]);
    await page.screenshot({ path: `${SHOTS}/editor.png`, fullPage: true });
  });

  it('marks a cell it cannot read, keeps the line unsaved until it is fixed, and says why', async () => {
    const { token, planId, email } = await emptyPlan();
    await post(`/api/v1/media-plans/${planId}/line-items`, { name: 'Ozon — полка', startDate: '2027-03-01', endDate: '2027-03-31', costTotal: '100000' }, token);
    const page = await open(planId, email);
    await clickRow(page, 0);
    for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight');
    await typeInto(page, '31.02.2027');
    await clickRow(page, 0);
    for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight');
    await expect.poll(() => page.getByTestId('cell-problem').textContent()).toBe('Строка 1, Окончание: не дата (пишите 31.03.2027 или 2027-03-31)');
    await page.locator('[data-testid=save-state][data-state=blocked]').waitFor();
    expect(await page.getByTestId('save-state').textContent()).toBe('1 строка ждёт исправления');
    expect(await page.getByRole('button', { name: 'Отправить на согласование' }).isDisabled()).toBe(true);
    expect((await lines(planId, token))[0].endDate).toBe('2027-03-31');

    await clickRow(page, 0);
    for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight');
    await typeInto(page, '28.02.2027');
    // Now it ends before it starts: still not saved, and the message says that instead.
    await expect.poll(() => page.getByTestId('problems').textContent()).toBe('Строка 1, Окончание: заканчивается раньше, чем начинается');
    await clickRow(page, 0);
    for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight');
    await typeInto(page, '15.04.2027');
    await saved(page);
    expect((await lines(planId, token))[0].endDate).toBe('2027-04-15');
  });

  it('on a conflicting edit offers to reload their version or overwrite with mine, and does what was chosen', async () => {
    const { token, planId, email } = await emptyPlan();
    const line = await post(`/api/v1/media-plans/${planId}/line-items`, { name: 'Яндекс Директ', startDate: '2027-03-01', endDate: '2027-03-31', costTotal: '100000' }, token);
    const page = await open(planId, email);
    const patch = async (name: string) => {
      const etag = `"v${(await lines(planId, token))[0].version}"`;
      const res = await fetch(`${inject('apiUrl')}/api/v1/media-plans/${planId}/line-items/${line.id}`, { method: 'PATCH', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'if-match': etag }, body: JSON.stringify({ name }) });
      expect(res.status).toBe(200);
    };

    await patch('Их название');
    await clickRow(page, 0);
    await typeInto(page, 'Моё название');
    const dialog = page.getByRole('dialog', { name: 'План изменил кто-то другой' });
    await dialog.waitFor();
    expect(await page.getByTestId('save-state').getAttribute('data-state')).toBe('conflict');
    await page.screenshot({ path: `${SHOTS}/editor-conflict.png` });
    await dialog.getByRole('button', { name: 'Перезаписать моей' }).click();
    await saved(page);
    expect((await lines(planId, token))[0].name).toBe('Моё название');

    await patch('Снова их');
    await clickRow(page, 0);
    await typeInto(page, 'Снова моё');
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Загрузить их версию' }).click();
    await saved(page);
    await expect.poll(() => cellText(page, 1, 0)).toBe('Снова их');
    expect((await lines(planId, token))[0].name).toBe('Снова их');
  });

  it('shows subtotals by channel, a column per month, and hides and moves columns for this browser', async () => {
    const { token, planId, email } = await emptyPlan();
    await post(`/api/v1/media-plans/${planId}/line-items/bulk`, {
      items: [
        { name: 'Поиск', channel: 'Digital', startDate: '2027-03-01', endDate: '2027-04-30', costTotal: '610000' },
        { name: 'ТВ', channel: 'TV', startDate: '2027-04-01', endDate: '2027-04-30', costTotal: '300000' },
        { name: 'Баннеры', channel: 'Digital', startDate: '2027-03-01', endDate: '2027-03-31', costTotal: '50000.50' },
      ],
    }, token);
    const page = await open(planId, email);
    await page.getByLabel('Подытоги по').selectOption('channel');
    // Lines of a channel together, each group followed by its subtotal, the total last.
    await expect.poll(() => Promise.all([0, 1, 2, 3, 4, 5].map((r) => cellText(page, 1, r)))).toEqual(['Поиск', 'Баннеры', 'Σ Digital', 'ТВ', 'Σ TV', 'Итого']);
    await expect.poll(async () => [await cellText(page, 9, 2), await cellText(page, 9, 5)]).toEqual(['660 000,50', '960 000,50']);

    // Only what is needed on screen: the rest hidden, and the end date moved before the start.
    await page.getByText('Столбцы').click();
    for (const name of ['Площадка', 'Модель', 'Ставка', 'Объём', 'Показы', 'Клики', 'CPM', 'CPC']) await page.getByRole('checkbox', { name }).uncheck();
    await page.getByRole('button', { name: 'Сдвинуть «Окончание» влево' }).click();
    await page.getByText('Столбцы').click();
    await page.getByLabel('По месяцам').check();
    await page.screenshot({ path: `${SHOTS}/editor-months.png`, fullPage: true });
    // The table the grid keeps for screen readers follows the canvas a moment later.
    await expect.poll(() => page.locator('[data-testid=grid] th').allTextContents()).toEqual(['Строка', 'Канал', 'Окончание', 'Начало', 'Стоимость', 'март 2027 г.', 'апр. 2027 г.']);
    // 610 000 over 61 days: 310 000 in March, 300 000 in April; the subtotal adds the banner's March.
    await expect.poll(async () => [await cellText(page, 6, 0), await cellText(page, 7, 0)]).toEqual(['310 000,00', '300 000,00']);
    await expect.poll(async () => [await cellText(page, 6, 2), await cellText(page, 7, 5)]).toEqual(['360 000,50', '600 000,00']);

    // The layout is this browser's choice and survives a reload.
    await page.reload();
    await page.locator('[data-testid=grid] th').first().waitFor({ state: 'attached' });
    await expect.poll(() => page.locator('[data-testid=grid] th').allTextContents()).toEqual(['Строка', 'Канал', 'Окончание', 'Начало', 'Стоимость']);
  });
});
