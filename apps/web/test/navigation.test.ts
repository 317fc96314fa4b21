import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { logIn, post } from './api.js';
import { launch } from './browser.js';

const base = inject('webUrl');
const names = (page: Page) => page.locator('main table tbody tr td:first-child a').allTextContents();

describe('finding things: search and status filters with breadcrumbs', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('narrows a client\'s projects and a project\'s plans by name and status, kept in the URL', async () => {
    const email = `nav-${randomBytes(4).toString('hex')}@example.test`;
    const { accessToken: token } = await post('/api/v1/auth/register', { tenantName: 'Агентство «Поиск»', name: 'Ира', email, password: 'a long passphrase' });
    const client = await post('/api/v1/clients', { name: 'ООО «Ромашка»' }, token);
    const spring = await post('/api/v1/projects', { clientId: client.id, name: 'Весна 2027' }, token);
    await post('/api/v1/projects', { clientId: client.id, name: 'Осень 2027' }, token);
    await post('/api/v1/media-plans', { projectId: spring.id, name: 'ТВ и радио' }, token);
    const review = await post('/api/v1/media-plans', { projectId: spring.id, name: 'Digital' }, token);
    await post(`/api/v1/media-plans/${review.id}/line-items`, { name: 'Поиск', startDate: '2027-03-01', endDate: '2027-03-31', costTotal: '1000' }, token);
    await post(`/api/v1/media-plans/${review.id}/submit`, {}, token);

    const page = await (await browser.newContext({ locale: 'ru-RU' })).newPage();
    await logIn(page, email, 'a long passphrase');
    await page.goto(`${base}/clients/${client.id}`);
    expect((await names(page)).sort()).toEqual(['Весна 2027', 'Осень 2027']);
    await page.getByLabel('Название содержит').fill('осень');
    await page.getByRole('button', { name: 'Показать' }).click();
    await page.waitForURL(/q=%D0%BE%D1%81%D0%B5%D0%BD%D1%8C/);
    expect(await names(page)).toEqual(['Осень 2027']);

    await page.goto(`${base}/projects/${spring.id}`);
    expect((await names(page)).sort()).toEqual(['Digital', 'ТВ и радио']);
    await page.getByLabel('Статус').selectOption({ label: 'На согласовании' });
    await page.getByRole('button', { name: 'Показать' }).click();
    await page.waitForURL(/status=in_review/);
    expect(await names(page)).toEqual(['Digital']);
    await page.getByLabel('Статус').selectOption({ label: 'Утверждён' });
    await page.getByRole('button', { name: 'Показать' }).click();
    await page.getByText('По этому фильтру ничего нет.').waitFor();
    // A status the list does not know is ignored, not an error page.
    await page.goto(`${base}/projects/${spring.id}?status=nonsense`);
    expect((await names(page)).sort()).toEqual(['Digital', 'ТВ и радио']);
    // Breadcrumbs lead back up.
    await page.getByRole('navigation', { name: 'Навигация' }).getByRole('link', { name: 'ООО «Ромашка»' }).click();
    await page.waitForURL(`${base}/clients/${client.id}`);
  });
});
