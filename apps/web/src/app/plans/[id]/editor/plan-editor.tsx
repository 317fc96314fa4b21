'use client';
// The media plan editor: toolbar, grid, what needs fixing, live totals and the conflict dialog.
import dynamic from 'next/dynamic';
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useLocale, useTranslations } from 'next-intl';
import { COLUMNS, DEFAULT_LAYOUT, normaliseLayout, type ColumnId, type Layout } from './columns';
import { problemsOf, type EditorLine, type Row } from './rows';
import { buildView, monthSpan, type Grouping } from './view';
import { useLines, type SaveState } from './use-lines';
import { Summary } from './summary';
import { ColumnsMenu } from './columns-menu';
import { ConflictDialog } from './conflict-dialog';

// The grid draws on a canvas in the browser: nothing to render on the server. Its code starts
// loading as soon as this module runs in the browser, alongside hydration rather than after it.
const loadGrid = () => import('./grid');
if (typeof window !== 'undefined') void loadGrid();
const Grid = dynamic(loadGrid, { ssr: false, loading: () => <p className="muted">…</p> });

const LAYOUT_KEY = 'mrm.editor.layout';

interface Props {
  planId: string;
  lines: EditorLine[];
  editable: boolean;
  currency: string;
  commission: string;
  vat: string;
  start: string;
  end: string;
  /** Submits the plan for approval; offered once every change is saved. */
  submit?: (form: FormData) => Promise<void>;
}

export function PlanEditor(p: Props) {
  const t = useTranslations('editor');
  const locale = useLocale();
  const lines = useLines(p.planId, p.lines, { start: p.start, end: p.end });
  const [layout, setLayout] = useState<Layout>(DEFAULT_LAYOUT);
  const [grouping, setGrouping] = useState<Grouping>('none');
  const [showMonths, setShowMonths] = useState(false);
  const [selectedKeys, setSelectedKeys] = useState<string[]>([]);
  const [resetSelection, setResetSelection] = useState(0);
  const [active, setActive] = useState<{ row: Row | null; field: ColumnId | null }>({ row: null, field: null });
  const ready = useRef(false);

  useEffect(() => {
    try { setLayout(normaliseLayout(JSON.parse(localStorage.getItem(LAYOUT_KEY) ?? 'null'))); } catch { /* a bad stored layout is replaced */ }
    ready.current = true;
  }, []);
  useEffect(() => {
    if (ready.current) localStorage.setItem(LAYOUT_KEY, JSON.stringify(layout));
  }, [layout]);

  const entries = useMemo(() => buildView(lines.rows, grouping, showMonths, t('noGroup')), [lines.rows, grouping, showMonths, t]);
  const months = useMemo(() => (showMonths ? monthSpan(lines.rows) : []), [lines.rows, showMonths]);
  const columns = useMemo(() => layout.order.filter((id) => !layout.hidden.includes(id)), [layout]);
  const titles = useMemo(() => Object.fromEntries(COLUMNS.map((c) => [c.id, t(`columns.${c.id}`)])) as Record<ColumnId, string>, [t]);
  const problems = useMemo(
    () => lines.rows.flatMap((r, i) => Object.entries(problemsOf(r.v)).map(([field, code]) => ({ n: i + 1, field: field as ColumnId, code }))),
    [lines.rows],
  );
  const activeProblem = active.row && active.field ? problemsOf(active.row.v)[active.field as keyof Row['v']] : undefined;

  const onKeyDown = (e: KeyboardEvent) => {
    const mod = e.ctrlKey || e.metaKey;
    // In the cell editor, Ctrl+Z belongs to the text being typed.
    if (!mod || !p.editable || (e.target as HTMLElement).closest('input, textarea')) return;
    const key = e.key.toLowerCase();
    if ((key === 'z' && e.shiftKey) || key === 'y') { e.preventDefault(); lines.redo(); }
    else if (key === 'z' || key === 'я') { e.preventDefault(); lines.undo(); }
  };

  return (
    <section aria-labelledby="lines-title" className="editor">
      <div className="toolbar" role="toolbar" aria-label={t('toolbar')}>
        <h2 id="lines-title">{t('title', { count: lines.rows.length })}</h2>
        {p.editable && (
          <>
            <button type="button" onClick={lines.addLine}>{t('addLine')}</button>
            <button type="button" onClick={() => { lines.remove(selectedKeys); setSelectedKeys([]); setResetSelection((n) => n + 1); }} disabled={selectedKeys.length === 0}>
              {t('deleteLines', { count: selectedKeys.length })}
            </button>
            <button type="button" onClick={lines.undo} disabled={!lines.canUndo} title="Ctrl+Z">{t('undo')}</button>
            <button type="button" onClick={lines.redo} disabled={!lines.canRedo} title="Ctrl+Y">{t('redo')}</button>
          </>
        )}
        <label>
          {t('groupBy')}
          <select value={grouping} onChange={(e) => setGrouping(e.target.value as Grouping)}>
            <option value="none">{t('groupNone')}</option>
            <option value="channel">{t('columns.channel')}</option>
            <option value="partner">{t('columns.partner')}</option>
          </select>
        </label>
        <label className="check"><input type="checkbox" checked={showMonths} onChange={(e) => setShowMonths(e.target.checked)} /> {t('months')}</label>
        <ColumnsMenu layout={layout} titles={titles} onChange={setLayout} />
        <SaveStatus state={lines.state} readOnly={!p.editable} />
      </div>
      <p className="muted small">{p.editable ? t('hint') : t('readOnly')}</p>
      <div onKeyDownCapture={onKeyDown} data-testid="grid" className="grid-box">
        <Grid
          entries={entries}
          columns={columns}
          months={months}
          widths={layout.widths}
          titles={titles}
          totalLabel={t('total')}
          locale={locale}
          readOnly={!p.editable}
          resetSelection={resetSelection}
          onSelectedLines={setSelectedKeys}
          onEdit={lines.edit}
          onColumnMoved={(from, to) => setLayout((l) => moveColumn(l, columns, from, to))}
          onColumnResized={(id, width) => setLayout((l) => ({ ...l, widths: { ...l.widths, [id]: width } }))}
          onActiveCell={(row, field) => setActive({ row, field })}
        />
      </div>
      <p role="alert" className={activeProblem ? 'error small' : 'small'} data-testid="cell-problem">
        {activeProblem ? t('problemAt', { n: lines.rows.indexOf(active.row!) + 1, column: titles[active.field!], message: t(`errors.${activeProblem}`) }) : ''}
      </p>
      {problems.length > 0 && (
        <details className="card" open>
          <summary>{t('problems', { count: new Set(problems.map((x) => x.n)).size })}</summary>
          <ul data-testid="problems">
            {problems.slice(0, 50).map((x) => <li key={`${x.n}:${x.field}`}>{t('problemAt', { n: x.n, column: titles[x.field], message: t(`errors.${x.code}`) })}</li>)}
          </ul>
        </details>
      )}
      <Summary rows={lines.rows} currency={p.currency} commission={p.commission} vat={p.vat} />
      {p.editable && p.submit && (
        <form action={p.submit} className="row">
          <input type="hidden" name="planId" value={p.planId} />
          <button type="submit" disabled={lines.state.kind !== 'saved'} aria-describedby="submit-note">{t('submit')}</button>
          {lines.state.kind !== 'saved' && <span id="submit-note" className="muted small">{t('submitWaits')}</span>}
        </form>
      )}
      <ConflictDialog open={lines.state.kind === 'conflict'} onReload={lines.reload} onOverwrite={lines.overwrite} />
    </section>
  );
}

function SaveStatus({ state, readOnly }: { state: SaveState; readOnly: boolean }) {
  const t = useTranslations('editor.save');
  if (readOnly) return null;
  const text = state.kind === 'blocked' ? t('blocked', { count: state.lines }) : state.kind === 'failed' ? t(state.retrying ? 'failed' : 'refused', { detail: state.detail === 'network' ? t('network') : state.detail }) : t(state.kind);
  return <span role="status" aria-live="polite" className={`save save-${state.kind}`} data-testid="save-state" data-state={state.kind}>{text}</span>;
}

/** A column dragged from one place to another among those shown; hidden ones keep their place at the end. */
function moveColumn(layout: Layout, shown: ColumnId[], from: number, to: number): Layout {
  const next = [...shown];
  const [moved] = next.splice(from, 1);
  next.splice(to, 0, moved);
  return { ...layout, order: [...next, ...layout.order.filter((id) => !shown.includes(id))] };
}
