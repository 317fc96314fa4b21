import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { call, logIn, post } from './api.js';
import { launch } from './browser.js';

const base = inject('webUrl');
const PASSWORD = 'a long passphrase';

async function person(): Promise<{ email: string; token: string }> {
  const email = `lang-${randomBytes(4).toString('hex')}@example.test`;
  const { accessToken } = await post('/api/v1/auth/register', { tenantName: 'Language Agency', name: 'Lena', email, password: PASSWORD });
  return { email, token: accessToken };
}

const savedLocale = async (token: string) => (await (await call('GET', '/api/v1/me', undefined, token)).json()).user.locale;
const localeCookie = async (context: BrowserContext) => (await context.cookies()).find((c) => c.name === 'NEXT_LOCALE')?.value;

describe('the language follows the person, not the browser', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('English chosen in one browser is what a fresh browser shows after logging in', async () => {
    const { email, token } = await person();
    expect(await savedLocale(token)).toBeNull();

    // First browser: log in (Russian), switch the header to English.
    const first = await browser.newContext({ locale: 'ru-RU' });
    const page = await first.newPage();
    await logIn(page, email, PASSWORD);
    await page.getByLabel('Язык').selectOption('en');
    await page.getByRole('button', { name: 'OK' }).click();
    await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
    expect(await savedLocale(token)).toBe('en');

    // A fresh browser (no cookies at all): the login page is in Russian, the default…
    const fresh = await browser.newContext({ locale: 'ru-RU' });
    const other = await fresh.newPage();
    await logIn(other, email, PASSWORD);
    // …and after logging in everything is in the saved language.
    await other.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
    expect(await other.locator('html').getAttribute('lang')).toBe('en');
    expect(await localeCookie(fresh)).toBe('en');
    await other.goto(`${base}/clients`);
    await other.getByRole('heading', { level: 1, name: 'Clients' }).waitFor();

    // Back to Russian from the second browser: saved again, and the next fresh login follows.
    await other.getByLabel('Language').selectOption('ru');
    await other.getByRole('button', { name: 'OK' }).click();
    await other.getByRole('heading', { level: 1, name: 'Клиенты' }).waitFor();
    expect(await savedLocale(token)).toBe('ru');
    const third = await browser.newContext({ locale: 'en-GB' });
    await third.addCookies([{ name: 'NEXT_LOCALE', value: 'en', url: base }]);
    const again = await third.newPage();
    await again.goto(`${base}/login`);
    await again.getByLabel('Email').fill(email);
    await again.getByLabel('Password').fill(PASSWORD);
    await again.getByRole('button', { name: 'Log in' }).click();
    await again.waitForURL(`${base}/`);
    await again.getByRole('heading', { level: 1, name: 'Обзор' }).waitFor();
    expect(await localeCookie(third)).toBe('ru');
    await Promise.all([first.close(), fresh.close(), third.close()]);
  });

  it('a language picked before the first log-in becomes the saved one; a browser never told keeps its default', async () => {
    const { email, token } = await person();
    const context = await browser.newContext({ locale: 'en-GB' });
    const page = await context.newPage();
    await page.goto(`${base}/login`);
    await page.getByLabel('Язык').selectOption('en');
    await page.getByRole('button', { name: 'OK' }).click();
    await page.getByRole('heading', { level: 1, name: 'Log in' }).waitFor();
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL(`${base}/`);
    await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
    expect(await savedLocale(token)).toBe('en');
    await context.close();

    // Someone who never chose: logging in changes neither the browser nor the account.
    const quiet = await person();
    const plain = await browser.newContext({ locale: 'ru-RU' });
    const p = await plain.newPage();
    await logIn(p, quiet.email, PASSWORD);
    await p.getByRole('heading', { level: 1, name: 'Обзор' }).waitFor();
    expect(await localeCookie(plain)).toBeUndefined();
    expect(await savedLocale(quiet.token)).toBeNull();
    await plain.close();
  });
});
