import { readFileSync } from 'node:fs';
import { PERMISSIONS } from '@mrm/contracts';
import { describe, expect, it } from 'vitest';

const load = (l: string) => JSON.parse(readFileSync(new URL(`../messages/${l}.json`, import.meta.url), 'utf8'));
const keys = (o: Record<string, unknown>, prefix = ''): string[] =>
  Object.entries(o).flatMap(([k, v]) => (v && typeof v === 'object' ? keys(v as Record<string, unknown>, `${prefix}${k}.`) : [`${prefix}${k}`]));

describe('every string exists in Russian and English', () => {
  it('has the same keys in both languages, none empty', () => {
    const ru = load('ru');
    const en = load('en');
    expect(keys(ru).sort()).toEqual(keys(en).sort());
    for (const k of keys(ru)) {
      const get = (o: Record<string, unknown>) => k.split('.').reduce<unknown>((x, p) => (x as Record<string, unknown>)[p], o);
      expect(String(get(ru)).trim(), `ru ${k}`).not.toBe('');
      expect(String(get(en)).trim(), `en ${k}`).not.toBe('');
    }
  });

  it('names every permission of the role map in both languages', () => {
    for (const l of ['ru', 'en']) {
      const labels = load(l).admin.permissions as Record<string, string>;
      expect(PERMISSIONS.filter((p) => !labels[p]), l).toEqual([]);
    }
  });
});
