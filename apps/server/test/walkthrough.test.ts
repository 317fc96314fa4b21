import { readFileSync } from 'node:fs';
import { describe, expect, inject, it } from 'vitest';
import { client, register } from './helpers.js';

// The README's walk-through, step for step: a 50-line plan from an Excel file to the client's
// sign-off and the approved version exported to Excel and to the open standard.
const EXAMPLE_XLSX = new URL('../../../docs/examples/vesna-2027.xlsx', import.meta.url);
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

describe('README walk-through', () => {
  const api = client(inject('backends').pglite.url);

  it('builds a plan from Excel, gets it signed off by link, and exports the approved version', async () => {
    const owner = await register(api);
    const token = owner.accessToken;
    const auth = { authorization: `Bearer ${token}` };
    const c = (await api.post('/api/v1/clients', { name: 'ООО «Ромашка»' }, { token })).body;
    const p = (await api.post('/api/v1/projects', { clientId: c.id, name: 'Весенняя кампания 2027' }, { token })).body;
    const plan = (await api.post('/api/v1/media-plans', { projectId: p.id, name: 'Весна 2027', agencyCommission: '10' }, { token })).body;

    const file = readFileSync(EXAMPLE_XLSX);
    const imported = await fetch(`${api.base}/api/v1/media-plans/${plan.id}/import`, { method: 'POST', headers: { ...auth, 'content-type': XLSX }, body: file });
    expect(await imported.json()).toMatchObject({ rows: 50, applied: true, created: 50 });
    const withTotals = (await api.get(`/api/v1/media-plans/${plan.id}`, { token })).body;
    expect(withTotals.totals.lines).toBe(50);

    expect((await api.post(`/api/v1/media-plans/${plan.id}/submit`, { comment: 'Первая версия' }, { token })).body.status).toBe('in_review');
    const share = (await api.post(`/api/v1/media-plans/${plan.id}/share`, { expiresInDays: 7 }, { token })).body;
    expect(share.url).toMatch(new RegExp(`^https?://[^/]+/approve/${share.token}$`));
    const view = await api.get(`/api/v1/public/approvals/${share.token}`);
    expect(view.body).toMatchObject({ clientName: 'ООО «Ромашка»', planName: 'Весна 2027', versionNumber: 1 });
    expect(view.body.totals.grossIncVat).toBe(withTotals.totals.grossIncVat);
    expect((await api.post(`/api/v1/public/approvals/${share.token}/approve`, { name: 'Иван Петров', comment: 'Согласовано' })).body.decision).toBe('approved');
    expect((await api.get(`/api/v1/media-plans/${plan.id}`, { token })).body).toMatchObject({ status: 'approved', approvedVersion: 1 });

    const xlsx = await fetch(`${api.base}/api/v1/media-plans/${plan.id}/export?format=xlsx&version=1`, { headers: auth });
    expect(xlsx.headers.get('content-type')).toBe(XLSX);
    expect((await xlsx.arrayBuffer()).byteLength).toBeGreaterThan(5000);
    const json = await (await fetch(`${api.base}/api/v1/media-plans/${plan.id}/export?format=json&version=1`, { headers: auth })).json();
    expect(json.meta.schema_version).toBe('3.0');
    expect(json.lineitems).toHaveLength(50);
  });
});
