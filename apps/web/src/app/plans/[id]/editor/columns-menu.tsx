'use client';
// Show, hide and reorder columns from the keyboard too (dragging a header works in the grid).
import { useTranslations } from 'next-intl';
import type { ColumnId, Layout } from './columns';

export function ColumnsMenu({ layout, titles, onChange }: { layout: Layout; titles: Record<ColumnId, string>; onChange: (l: Layout) => void }) {
  const t = useTranslations('editor');
  const move = (i: number, by: number) => {
    const order = [...layout.order];
    const j = i + by;
    if (j < 1 || j >= order.length || i < 1) return;
    [order[i], order[j]] = [order[j], order[i]];
    onChange({ ...layout, order });
  };
  const toggle = (id: ColumnId, shown: boolean) => onChange({ ...layout, hidden: shown ? layout.hidden.filter((h) => h !== id) : [...layout.hidden, id] });
  return (
    <details className="menu">
      <summary>{t('columnsMenu')}</summary>
      <ul>
        {layout.order.map((id, i) => (
          <li key={id}>
            <label className="check">
              <input type="checkbox" checked={!layout.hidden.includes(id)} disabled={id === 'name'} onChange={(e) => toggle(id, e.target.checked)} /> {titles[id]}
            </label>
            <button type="button" className="link" aria-label={t('moveUp', { column: titles[id] })} disabled={i < 2} onClick={() => move(i, -1)}>↑</button>
            <button type="button" className="link" aria-label={t('moveDown', { column: titles[id] })} disabled={i === 0 || i === layout.order.length - 1} onClick={() => move(i, 1)}>↓</button>
          </li>
        ))}
      </ul>
    </details>
  );
}
