import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launch } from './browser.js';
import { SHOTS } from './shots.js';
import { clickRow, paste, saved } from './grid.js';

const base = inject('webUrl');

/** The text of every visible heading, label, button, link, column header and status on the page. */
const visibleLabels = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('h1, h2, th, label, button, summary, a, [role=status], option:checked')]
      .filter((e) => (e as HTMLElement).offsetParent !== null || e.tagName === 'OPTION')
      .map((e) => (e as HTMLElement).innerText?.trim() ?? '')
      .filter(Boolean),
  );

describe('a planner in the browser', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('signs up, builds a plan, sees the totals, submits it, and the client signs off by link; in Russian and English', async () => {
    const page = await (await browser.newContext({ locale: 'ru-RU' })).newPage();
    await page.goto(`${base}/`);
    expect(new URL(page.url()).pathname).toBe('/login');
    await page.getByRole('link', { name: 'Зарегистрироваться' }).click();
    await page.getByLabel('Название агентства').fill('Агентство «Север»');
    await page.getByLabel('Ваше имя').fill('Анна');
    await page.getByLabel('Эл. почта').fill(`anna-${randomBytes(4).toString('hex')}@example.test`);
    await page.getByLabel('Пароль').fill('a long passphrase');
    await page.getByRole('button', { name: 'Зарегистрироваться' }).click();
    await page.waitForURL(`${base}/`);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Обзор');

    await page.getByRole('link', { name: 'Клиенты' }).click();
    await page.getByLabel('Название').last().fill('ООО «Ромашка»');
    await page.getByRole('button', { name: 'Создать' }).click();
    await page.waitForURL(/\/clients\/[0-9a-f-]{36}$/);
    await page.getByLabel('Название', { exact: true }).fill('Весна 2027');
    await page.getByLabel('Бюджет').fill('5000000');
    await page.getByRole('button', { name: 'Создать' }).click();
    await page.waitForURL(/\/projects\//);
    await page.getByLabel('Название', { exact: true }).fill('Медиаплан весна');
    await page.getByRole('button', { name: 'Создать' }).click();
    await page.waitForURL(/\/plans\//);

    // Five lines copied from a spreadsheet, pasted into the editor: the totals follow at once.
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
    await page.locator('[data-testid=data-grid-canvas]').waitFor();
    await clickRow(page, 0);
    await paste(page, [
      ['Яндекс Директ', 'Digital', 'Яндекс', '01.03.2027', '30.04.2027', '', '', '', '1 500 000,50'],
      ['Первый канал', 'TV', 'Первый канал', '01.03.2027', '30.04.2027', '', '', '', '2 000 000'],
      ['VK Реклама', 'Digital', 'VK', '01.03.2027', '31.03.2027', 'cpm', '200', '1 000 000', ''],
      ['Билборды', 'OOH', 'Gallery', '01.04.2027', '30.04.2027', 'flat_rate', '300 000', '', ''],
      ['Радио', 'Radio', 'Европа Плюс', '01.04.2027', '30.04.2027', '', '', '', '99 999,50'],
    ]);
    // 1 500 000,50 + 2 000 000 + 200 000 + 300 000 + 99 999,50 net; 20 % VAT on top.
    await expect.poll(async () => (await page.getByTestId('total-net').textContent())!.replace(/\s/g, ' ')).toBe('4 100 000,00 ₽');
    expect((await page.getByTestId('total-gross').textContent())!.replace(/\s/g, ' ')).toBe('4 920 000,00 ₽');
    await saved(page);
    await page.screenshot({ path: `${SHOTS}/plan-editor.png`, fullPage: true });

    await page.getByRole('button', { name: 'Отправить на согласование' }).click();
    await page.getByTestId('plan-status').getByText('На согласовании').waitFor();

    // The client signs off through the link, in a browser with no session at all.
    await page.getByRole('button', { name: 'Создать ссылку' }).click();
    const url = (await page.getByTestId('share-url').textContent())!;
    expect(url).toMatch(new RegExp(`^${base}/approve/msl_`));
    const clientPage = await (await browser.newContext({ locale: 'ru-RU' })).newPage();
    await clientPage.goto(url);
    await clientPage.getByText('просит согласовать медиаплан «Медиаплан весна»').waitFor();
    await clientPage.getByLabel('Ваше имя').first().fill('Иван Петров');
    await clientPage.getByRole('button', { name: 'Согласовать' }).click();
    await clientPage.getByTestId('decision').waitFor();
    expect(await clientPage.getByTestId('decision').textContent()).toContain('согласовано');
    await clientPage.screenshot({ path: `${SHOTS}/sign-off.png`, fullPage: true });

    await page.reload();
    expect(await page.getByTestId('plan-status').textContent()).toBe('Утверждён');
    await page.getByText('Утвердил(а) Иван Петров').waitFor();

    const russian = await visibleLabels(page);
    await page.getByLabel('Язык').selectOption('en');
    await page.getByRole('button', { name: 'OK' }).click();
    await page.getByText('Approved by Иван Петров').waitFor();
    // Every label on screen changed language; what stayed is the planner's own data and names.
    const english = await visibleLabels(page);
    const OWN = ['MRM AI Platform', 'OK', '#', 'Русский', 'English', 'Excel', 'Клиенты', 'Весна 2027', 'Медиаплан весна', 'Digital', 'TV', 'OOH', 'Radio', 'CPM', 'CPC'];
    expect(english.filter((x) => russian.includes(x) && !OWN.includes(x))).toEqual([]);
    expect(english.length).toBeGreaterThan(20);
    expect(await page.getByTestId('plan-status').textContent()).toBe('Approved');
    expect((await page.getByTestId('total-net').textContent())!.replace(/\s/g, ' ')).toBe('RUB 4,100,000.00');
    await page.screenshot({ path: `${SHOTS}/plan-page.png`, fullPage: true });

    // The overview counts plans by status and, for the owner, shows what happened.
    await page.goto(`${base}/`);
    expect(await page.getByTestId('status-approved').textContent()).toBe('1');
    await page.getByText('plan.approve').first().waitFor();
  });

  it('sends a visitor without a session to the login page and rejects a wrong password', async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${base}/clients`);
    expect(new URL(page.url()).pathname).toBe('/login');
    await page.getByLabel('Эл. почта').fill('nobody@example.test');
    await page.getByLabel('Пароль').fill('wrong password');
    await page.getByRole('button', { name: 'Войти' }).click();
    // The page asked for stays in the address, for after a successful sign-in.
    await page.waitForURL(/\/login\?next=%2Fclients&error=/);
    expect(await page.locator('p.error').textContent()).toBe('Неверная почта или пароль.');
  });
});
