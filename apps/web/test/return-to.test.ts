import { describe, expect, it } from 'vitest';
import { safeReturn } from '../src/lib/return-to';

// After signing in, the app goes back only to its own pages: a crafted ?next= must not send the
// visitor to another site.
describe('the return address after signing in', () => {
  it('keeps a path of this app with its query', () => {
    expect(safeReturn('/reports/5b1c?tab=file')).toBe('/reports/5b1c?tab=file');
  });
  it('falls back to the overview for anything else', () => {
    for (const bad of [undefined, '', 'https://evil.example/x', '//evil.example/x', '/\\evil.example', 'reports', '/login?next=/x']) expect(safeReturn(bad)).toBe('/');
  });
});
