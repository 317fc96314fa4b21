import { describe, expect, it } from 'vitest';
import { toEml } from '../../src/mail/mail-folder.js';
import { quoteName } from '../../src/mail/recipients.js';
import {
  approvalRequested,
  clientSignedOff,
  escapeHtml,
  invitation,
  localeOf,
  pacingAlert,
  passwordReset,
  planDecided,
  reportReady,
  type Email,
} from '../../src/mail/templates/index.js';

const url = 'https://app.example.test/x?a=1&b=2';
const settingsUrl = 'https://app.example.test/settings/notifications';
const expiresAt = '2027-03-01T09:30:00.000Z';

const every: Array<[string, (l: 'ru' | 'en') => Email]> = [
  ['invitation', (l) => invitation(l, { agency: 'A <b>', inviter: 'Вера', role: 'planner', url, expiresAt })],
  ['password reset', (l) => passwordReset(l, { name: 'Вера <script>', url, expiresAt })],
  ['approval requested', (l) => approvalRequested(l, { plan: 'P <i>', version: 2, url, settingsUrl })],
  ['plan decided', (l) => planDecided(l, { plan: 'P <i>', version: 2, decision: 'rejected', by: 'Анна', comment: 'a < b & "c"', url, settingsUrl })],
  ['client signed off', (l) => clientSignedOff(l, { plan: 'P <i>', version: 2, client: 'ООО <Ромашка>', decision: 'approved', name: 'Иван', comment: null, url, settingsUrl })],
  ['report ready', (l) => reportReady(l, { reportTitle: 'R <1>', pageUrl: url, fileUrl: url, expiresAt })],
  ['pacing alert', (l) => pacingAlert(l, { plan: 'P <i>', line: 'L <1>', pacingPercent: '62.5', thresholdPercent: '20', plannedToDate: '1000', actualToDate: '625', currency: 'RUB', asOf: '2027-03-10', url, settingsUrl })],
];

describe('email templates', () => {
  it.each(every)('%s: both languages, text and HTML, the link as a button, nothing unescaped', (_name, make) => {
    const ru = make('ru');
    const en = make('en');
    for (const m of [ru, en]) {
      expect(m.subject.length).toBeGreaterThan(5);
      expect(m.text).toContain(url);
      expect(m.html).toContain(`href="${escapeHtml(url)}"`);
      expect(m.html).not.toMatch(/<(script|b|i|1|Ромашка)>/);
      expect(m.html).toMatch(/&lt;/);
      expect(m.text).not.toContain('&lt;');
    }
    expect(ru.html).toContain('<html lang="ru">');
    expect(en.html).toContain('<html lang="en">');
    expect(ru.subject).not.toBe(en.subject);
    expect(ru.text).toMatch(/[а-яё]/i);
    expect(en.text).not.toMatch(/Открыть|Принять|Скачать|Задать/);
  });

  it('offers a way to turn off the optional emails only', () => {
    expect(planDecided('en', { plan: 'P', version: 1, decision: 'approved', by: 'A', comment: null, url, settingsUrl }).text).toContain(settingsUrl);
    expect(pacingAlert('ru', { plan: 'P', line: 'L', pacingPercent: '130', thresholdPercent: '20', plannedToDate: '100', actualToDate: '130', currency: 'RUB', asOf: '2027-03-10', url, settingsUrl }).text).toContain(settingsUrl);
    expect(passwordReset('ru', { name: 'A', url, expiresAt }).text).not.toContain('settings');
    expect(invitation('en', { agency: 'A', inviter: null, role: 'viewer', url, expiresAt }).text).not.toContain('settings');
  });

  it('says how far off pace a line is and in which direction', () => {
    const under = pacingAlert('en', { plan: 'Spring', line: 'Search', pacingPercent: '62.5', thresholdPercent: '20', plannedToDate: '1000', actualToDate: '625', currency: 'RUB', asOf: '2027-03-10', url, settingsUrl });
    expect(under.subject).toBe('Pacing: "Search" is 37.5% behind plan');
    const over = pacingAlert('ru', { plan: 'Весна', line: 'Поиск', pacingPercent: '130', thresholdPercent: '20', plannedToDate: '1000', actualToDate: '1300', currency: 'RUB', asOf: '2027-03-10', url, settingsUrl });
    expect(over.subject).toBe('Темп: «Поиск» опережает план на 30%');
    expect(over.text).toContain('перерасход 30%');
  });

  it('report ready: title, page, file link and when the link stops working', () => {
    const m = reportReady('en', { reportTitle: 'Plan vs actual, March', pageUrl: 'https://app.example.test/reports/1', fileUrl: 'https://files.example.test/r.pdf?sig=abc', expiresAt });
    expect(m.subject).toBe('Report ready: Plan vs actual, March');
    expect(m.text).toContain('https://app.example.test/reports/1');
    expect(m.text).toContain('Download the report: https://files.example.test/r.pdf?sig=abc');
    expect(m.text).toContain('1 March 2027 at 09:30 UTC');
    expect(reportReady('ru', { reportTitle: 'Отчёт', pageUrl: url, fileUrl: url, expiresAt }).text).toContain('12:30 (МСК)');
  });

  it('picks the language a person chose, Russian otherwise', () => {
    expect(localeOf('en')).toBe('en');
    expect(localeOf('ru')).toBe('ru');
    expect(localeOf(null)).toBe('ru');
  });

  it('quotes a display name that would break the address header', () => {
    expect(quoteName('Вера Иванова')).toBe('Вера Иванова');
    expect(quoteName('Smith, "Bob"')).toBe('"Smith, \\"Bob\\""');
    expect(quoteName('a\r\nBcc: x@y')).toBe('"a Bcc: x@y"');
  });

  it('writes text and HTML as multipart/alternative in the .eml outbox', () => {
    const eml = toEml({ id: 'job.1.user', from: 'a@b', to: 'c@d', subject: 'Тема', text: 'Текст', html: '<p>HTML</p>' }, new Date('2027-01-01T00:00:00Z'));
    const boundary = eml.match(/boundary="([^"]+)"/)![1];
    expect(eml).toContain('Content-Type: multipart/alternative');
    expect(eml.split(`--${boundary}`)).toHaveLength(4);
    expect(eml.indexOf('text/plain')).toBeLessThan(eml.indexOf('text/html'));
    expect(eml).toContain(Buffer.from('Текст').toString('base64'));
    const plain = toEml({ id: 'j', from: 'a@b', to: 'c@d', subject: 's', text: 't' });
    expect(plain).toContain('Content-Type: text/plain; charset=utf-8');
    expect(plain).not.toContain('multipart');
  });
});
