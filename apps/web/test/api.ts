import { inject } from 'vitest';
import type { Page } from 'playwright-core';

const api = inject('apiUrl');
const base = inject('webUrl');

/** Straight to the API, for setting up what a test starts from. */
export const call = (method: string, path: string, body?: unknown, token?: string) =>
  fetch(`${api}${path}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

export const post = async (path: string, body: unknown, token?: string) => (await call('POST', path, body, token)).json();

/** Logs in through the login page (Russian) and waits for the overview. */
export async function logIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto(`${base}/login`);
  await page.getByLabel('Эл. почта').fill(email);
  await page.getByLabel('Пароль').fill(password);
  await page.getByRole('button', { name: 'Войти' }).click();
  await page.waitForURL(`${base}/`);
}
