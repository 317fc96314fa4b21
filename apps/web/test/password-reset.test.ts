import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { call, logIn, post } from './api.js';
import { launch } from './browser.js';

const base = inject('webUrl');
const PASSWORD = 'a long passphrase';
const NEW_PASSWORD = 'another long passphrase';

/** The plain-text part of the .eml files the API wrote to `to`. */
function mailsTo(to: string): string[] {
  const dir = inject('mailDir');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.eml'))
    .map((f) => readFileSync(join(dir, f), 'utf8'))
    .filter((raw) => raw.split('\r\n\r\n')[0].split('\r\n').some((l) => l.startsWith('To: ') && l.includes(to)))
    .map((raw) => {
      const part = raw.split(/\r\n--[^\r\n]+\r\n/).find((p) => p.startsWith('Content-Type: text/plain'))!;
      return Buffer.from(part.split('\r\n\r\n')[1].replace(/\s+/g, ''), 'base64').toString('utf8');
    });
}

async function until<T>(fn: () => T | undefined, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = fn();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('forgotten passwords and email settings in the browser', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('asks for a link from the login page, sets a new password with it, and signs in with that', async () => {
    const email = `reset-${randomBytes(4).toString('hex')}@example.test`;
    await post('/api/v1/auth/register', { tenantName: 'Агентство «Сброс»', name: 'Вера', email, password: PASSWORD });
    const page = await (await browser.newContext({ locale: 'ru-RU' })).newPage();

    // An address without an account gets the very same answer.
    await page.goto(`${base}/forgot-password`);
    await page.getByLabel('Эл. почта').fill(`nobody-${randomBytes(4).toString('hex')}@example.test`);
    await page.getByRole('button', { name: 'Отправить ссылку' }).click();
    const unknownAnswer = await page.getByTestId('reset-sent').textContent();

    await page.goto(`${base}/login`);
    await page.getByRole('link', { name: 'Забыли пароль?' }).click();
    await page.getByRole('heading', { name: 'Восстановление пароля' }).waitFor();
    await page.getByLabel('Эл. почта').fill(email);
    await page.getByRole('button', { name: 'Отправить ссылку' }).click();
    expect(await page.getByTestId('reset-sent').textContent()).toBe(unknownAnswer);

    const text = await until(() => mailsTo(email)[0]);
    expect(text).toContain('Сброс пароля');
    const link = text.match(/https?:\/\/\S+\/reset-password\?token=[\w-]+/)![0];
    const token = new URL(link).searchParams.get('token')!;

    await page.goto(`${base}/reset-password?token=${token}`);
    await page.getByLabel('Новый пароль').fill(NEW_PASSWORD);
    await page.getByLabel('Повторите пароль').fill('something different');
    await page.getByRole('button', { name: 'Сохранить пароль' }).click();
    await page.getByRole('alert').getByText('Пароли не совпадают.').waitFor();
    await page.getByLabel('Новый пароль').fill(NEW_PASSWORD);
    await page.getByLabel('Повторите пароль').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Сохранить пароль' }).click();
    await page.getByRole('heading', { name: 'Пароль изменён' }).waitFor();
    await page.getByRole('link', { name: 'Войти' }).click();
    await page.waitForURL(`${base}/login`);

    // The link was used up.
    await page.goto(`${base}/reset-password?token=${token}`);
    await page.getByLabel('Новый пароль').fill(NEW_PASSWORD);
    await page.getByLabel('Повторите пароль').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Сохранить пароль' }).click();
    await page.getByRole('alert').getByText(/^Ссылка недействительна/).waitFor();
    await page.getByRole('link', { name: 'Запросить новую ссылку' }).waitFor();

    await logIn(page, email, NEW_PASSWORD);
  });

  it('saves which emails to receive and shows the choice after a reload', async () => {
    const email = `prefs-${randomBytes(4).toString('hex')}@example.test`;
    const { accessToken } = await post('/api/v1/auth/register', { tenantName: 'Агентство «Письма»', name: 'Лена', email, password: PASSWORD });
    const page = await (await browser.newContext({ locale: 'ru-RU' })).newPage();
    await logIn(page, email, PASSWORD);
    await page.getByTestId('email-settings-link').click();
    await page.getByRole('heading', { name: 'Уведомления на почту' }).waitFor();
    const decided = page.getByLabel('когда мой медиаплан согласовали или отклонили');
    const pacing = page.getByLabel('когда строка плана заметно отклоняется от темпа');
    expect(await decided.isChecked()).toBe(true);
    await decided.uncheck();
    await pacing.uncheck();
    await page.getByRole('button', { name: 'Сохранить', exact: true }).click();
    await page.getByTestId('settings-saved').waitFor();

    await page.reload();
    expect(await page.getByLabel('когда мой медиаплан согласовали или отклонили').isChecked()).toBe(false);
    expect(await page.getByLabel('когда строка плана заметно отклоняется от темпа').isChecked()).toBe(false);
    expect(await page.getByLabel('когда отчёт готов').isChecked()).toBe(true);
    const saved = await (await call('GET', '/api/v1/me/email-settings', undefined, accessToken)).json();
    expect(saved).toEqual({ optedOut: ['plan-decided', 'pacing-alert'] });
  });
});
