import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { call, logIn } from './api.js';
import { launch } from './browser.js';
import { SHOTS } from './shots.js';

const base = inject('webUrl');
const api = inject('apiUrl');

/** A fresh workspace with one client, its owner signed in through the page. */
async function asOwner(browser: Browser): Promise<{ page: Page; email: string; token: string }> {
  const email = `owner-${randomBytes(4).toString('hex')}@example.test`;
  const { accessToken } = await (await call('POST', '/api/v1/auth/register', { tenantName: 'Admin Agency', name: 'Ольга', email, password: 'a long passphrase' })).json();
  await call('POST', '/api/v1/clients', { name: 'ООО «Ромашка»' }, accessToken);
  const page = await (await browser.newContext({ locale: 'ru-RU' })).newPage();
  await logIn(page, email, 'a long passphrase');
  return { page, email, token: accessToken };
}

describe('administration in the browser', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('invites a planner who joins, changes their role, and keeps the last owner', async () => {
    const { page, email } = await asOwner(browser);
    const planner = `planner-${randomBytes(4).toString('hex')}@example.test`;
    await page.getByRole('link', { name: 'Администрирование' }).click();
    await page.waitForURL(`${base}/admin`);
    await page.getByRole('heading', { level: 1, name: 'Показатели' }).waitFor();
    await page.getByRole('link', { name: 'Участники' }).click();
    await page.waitForURL(`${base}/admin/members`);

    const invite = page.locator('section', { has: page.getByRole('heading', { name: 'Пригласить участника' }) });
    await invite.getByLabel('Эл. почта').fill(planner);
    await invite.getByLabel('Роль').selectOption('planner');
    await invite.getByRole('button', { name: 'Пригласить' }).click();
    const token = (await page.getByTestId('invitation-token').textContent())!;
    expect(token).toMatch(/^inv_/);
    expect(await page.getByTestId(`invitation-${planner}`).textContent()).toContain('Медиапланер');

    const accepted = await call('POST', '/api/v1/invitations/accept', { token, name: 'Пётр', password: 'another long passphrase' });
    expect(accepted.status).toBe(200);

    await page.reload();
    const row = page.getByTestId(`member-${planner}`);
    expect(await row.getByLabel('Роль: Пётр').inputValue()).toBe('planner');
    await page.getByText('Открытых приглашений нет.').waitFor();
    // The code was shown once: nothing on the page carries it any more.
    expect(await page.getByTestId('invitation-token').count()).toBe(0);

    await row.getByLabel('Роль: Пётр').selectOption('analyst');
    await row.getByRole('button', { name: 'Сохранить' }).click();
    await page.getByText('Изменения сохранены.').waitFor();
    await page.reload();
    expect(await page.getByTestId(`member-${planner}`).getByLabel('Роль: Пётр').inputValue()).toBe('analyst');
    expect(await page.getByTestId(`member-${planner}`).getByLabel('Роль: Пётр').locator('option:checked').textContent()).toBe('Аналитик');

    const self = page.getByTestId(`member-${email}`);
    await self.getByLabel('Роль: Ольга').selectOption('admin');
    await self.getByRole('button', { name: 'Сохранить' }).click();
    // What happened in the page's language, then the API's exact words for reference.
    await page.getByRole('alert').getByText('Это противоречит уже существующим данным (role: A workspace must keep at least one owner.)').waitFor();
    expect(await page.getByTestId(`member-${email}`).getByLabel('Роль: Ольга').inputValue()).toBe('owner');
    await page.screenshot({ path: `${SHOTS}/admin-members.png`, fullPage: true });
  });

  it('creates an OAuth client whose secret is shown once and works, revokes it, and lists changes in the audit log', async () => {
    const { page } = await asOwner(browser);
    await page.goto(`${base}/admin/oauth-clients`);
    await page.getByText('OAuth-клиентов пока нет.').waitFor();
    await page.getByLabel('Название').fill('BI export');
    await page.getByLabel('Клиенты: просмотр').check();
    await page.getByLabel('Проекты: просмотр').check();
    await page.getByRole('button', { name: 'Создать' }).click();
    const clientId = (await page.getByTestId('oauth-client-id').textContent())!;
    const secret = (await page.getByTestId('oauth-client-secret').textContent())!;
    expect(clientId).toMatch(/^mrm_/);
    expect(secret).toMatch(/^mcs_/);
    expect(await page.getByTestId(`oauth-${clientId}`).textContent()).toContain('clients:read, projects:read');
    await page.screenshot({ path: `${SHOTS}/admin-oauth-clients.png`, fullPage: true });

    const grant = (s: string) =>
      fetch(`${api}/api/v1/oauth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: s }),
      });
    const res = await grant(secret);
    expect(res.status).toBe(200);
    const { access_token: machineToken, scope } = await res.json();
    expect(scope.split(' ').sort()).toEqual(['clients:read', 'projects:read']);
    const clients = await call('GET', '/api/v1/clients', undefined, machineToken);
    expect(clients.status).toBe(200);
    expect((await clients.json()).items.map((c: { name: string }) => c.name)).toEqual(['ООО «Ромашка»']);

    await page.reload();
    expect(await page.getByTestId('oauth-client-secret').count()).toBe(0);
    expect(await page.content()).not.toContain(secret);

    await page.getByRole('button', { name: 'Отозвать клиента BI export' }).click();
    await page.getByTestId(`oauth-${clientId}`).getByText('Действует').waitFor({ state: 'detached' });
    expect((await grant(secret)).status).toBe(401);

    await page.getByRole('link', { name: 'Журнал действий' }).click();
    await page.waitForURL(`${base}/admin/audit`);
    await page.getByRole('cell', { name: 'oauth_client.revoke' }).waitFor();
    await page.getByRole('cell', { name: 'oauth_client.create' }).waitFor();
  });

  it('lists member.update in the audit log, filters it, and pages with the next-page link', async () => {
    const { page, token } = await asOwner(browser);
    const planner = `p-${randomBytes(4).toString('hex')}@example.test`;
    const invitation = await (await call('POST', '/api/v1/invitations', { email: planner, role: 'planner' }, token)).json();
    const joined = await (await call('POST', '/api/v1/invitations/accept', { token: invitation.token, name: 'Пётр', password: 'another long passphrase' })).json();
    const { items } = await (await call('GET', '/api/v1/members', undefined, token)).json();
    const userId = items.find((m: { email: string }) => m.email === planner).userId;
    expect((await call('PATCH', `/api/v1/members/${userId}`, { role: 'analyst' }, token)).status).toBe(200);
    expect(joined.accessToken).toBeTruthy();

    await page.goto(`${base}/admin/audit`);
    const update = page.getByRole('row').filter({ has: page.getByRole('cell', { name: 'member.update', exact: true }) });
    expect(await update.count()).toBe(1);
    const text = (await update.textContent())!;
    expect(text).toContain('Сотрудник');
    expect(text).toContain('Ольга');
    expect(text).toContain('Участник');
    expect(text).toContain('"role":"planner"');
    expect(text).toContain('"role":"analyst"');
    // Newest first.
    expect(await page.locator('tbody tr').first().locator('td').nth(2).textContent()).toBe('member.update');

    await page.getByLabel('Тип объекта').selectOption('member');
    await page.getByLabel('Действие').fill('member.update');
    await page.getByRole('button', { name: 'Показать', exact: true }).click();
    await page.waitForURL(/entityType=member&action=member.update/);
    expect(await page.locator('tbody tr').count()).toBe(1);

    // Five entries (register, client, invitation, acceptance, role change), two a page, newest first.
    await page.goto(`${base}/admin/audit?limit=2`);
    const seen: string[] = [];
    for (let pages = 1; ; pages++) {
      seen.push(...(await page.locator('tbody tr td:nth-child(3)').allTextContents()));
      const next = page.getByRole('link', { name: 'Следующая страница' });
      if ((await next.count()) === 0) break;
      expect(pages).toBeLessThan(3);
      await page.goto(`${base}${await next.getAttribute('href')}`);
      expect(await page.getByRole('link', { name: 'К началу' }).count()).toBe(1);
    }
    await page.goto(`${base}/admin/audit`);
    await page.screenshot({ path: `${SHOTS}/admin-audit.png`, fullPage: true });
    expect(seen).toEqual(['member.update', 'invitation.accept', 'invitation.create', 'client.create', 'tenant.register']);
  });
});
