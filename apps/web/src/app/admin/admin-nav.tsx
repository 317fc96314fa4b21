import { getTranslations } from 'next-intl/server';
import { can, me } from '@/lib/me';

const SECTIONS = [
  { key: 'metrics', href: '/admin', permission: 'metrics:read' },
  { key: 'members', href: '/admin/members', permission: 'members:manage' },
  { key: 'oauth', href: '/admin/oauth-clients', permission: 'oauth-clients:manage' },
  { key: 'audit', href: '/admin/audit', permission: 'audit:read' },
] as const;

export type Section = (typeof SECTIONS)[number]['key'];

/** The administration sections this person's role opens, the current one marked. */
export async function AdminNav({ current }: { current: Section }) {
  const t = await getTranslations('admin');
  const permissions = (await me())?.permissions ?? [];
  return (
    <nav aria-label={t('sections')}>
      <ul className="tabs">
        {SECTIONS.filter((s) => permissions.includes(s.permission)).map((s) => (
          <li key={s.key}>
            <a href={s.href} aria-current={s.key === current ? 'page' : undefined}>{t(`${s.key}.title`)}</a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** Whether this person may open the section; the API checks again on every call. */
export async function allowed(section: Section): Promise<boolean> {
  return can(SECTIONS.find((s) => s.key === section)!.permission);
}

/** The first section this person may open, for the administration link to land on. */
export async function firstSection(): Promise<string | null> {
  const permissions = (await me())?.permissions ?? [];
  return SECTIONS.find((s) => permissions.includes(s.permission))?.href ?? null;
}
