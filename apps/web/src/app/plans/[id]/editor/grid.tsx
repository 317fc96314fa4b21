'use client';
// The canvas grid: draws only the rows in view (2,000 lines scroll as smoothly as 20), edits in
// place, copies and pastes ranges as tab-separated text, fills down (Ctrl+D or the fill handle).
// It owns no data: every change goes back to the editor, which keeps history and saves.
import { useCallback, useEffect, useMemo, useRef, useState, type RefObject } from 'react';
import { CompactSelection, DataEditor, GridCellKind, type EditListItem, type GridCell, type GridColumn, type GridSelection, type Item, type Theme } from '@glideapps/glide-data-grid';
import '@glideapps/glide-data-grid/dist/index.css';
import { SPEC, isEditField, type ColumnId, type EditField } from './columns';
import { costIsComputed, costOf, problemsOf, ratesOf, type Row } from './rows';
import { monthsOf, type Entry } from './view';
import { formatCell, formatMinor, monthTitle } from './format';

export interface CellEdit {
  key: string;
  field: EditField;
  value: string;
}

interface Props {
  entries: Entry[];
  columns: ColumnId[];
  months: string[];
  widths: Partial<Record<ColumnId, number>>;
  titles: Record<ColumnId, string>;
  totalLabel: string;
  locale: string;
  readOnly: boolean;
  /** Changes when the editor wants the selection cleared (after deleting the selected lines). */
  resetSelection: number;
  onSelectedLines: (keys: string[]) => void;
  onEdit: (edits: CellEdit[], appended: Array<Partial<Record<EditField, string>>>) => void;
  onColumnMoved: (from: number, to: number) => void;
  onColumnResized: (id: ColumnId, width: number) => void;
  onActiveCell: (row: Row | null, field: ColumnId | null) => void;
}

const INVALID: Partial<Theme> = { bgCell: '#fdecec', textDark: '#8a1c1c' };
const SUMMARY: Partial<Theme> = { bgCell: '#eef1f6', baseFontStyle: '600 13px' };

const none: GridSelection = { columns: CompactSelection.empty(), rows: CompactSelection.empty() };

export default function Grid(p: Props) {
  const [selection, setSelection] = useState<GridSelection>(none);
  // The cell editor opens in this layer, above the page (the grid's box clips its overflow).
  const portal = useRef<HTMLDivElement>(null);
  useEffect(() => setSelection(none), [p.resetSelection]);
  const cols = useMemo<GridColumn[]>(
    () => [
      ...p.columns.map((id) => ({ id, title: p.titles[id], width: p.widths[id] ?? SPEC[id].width })),
      ...p.months.map((m) => ({ id: `m:${m}`, title: monthTitle(m, p.locale), width: 120 })),
    ],
    [p.columns, p.months, p.widths, p.titles, p.locale],
  );

  const getCellContent = useCallback(
    ([col, r]: Item): GridCell => {
      const entry = p.entries[r];
      const id = cols[col]?.id as string;
      const text = (display: string, extra: Partial<GridCell> = {}): GridCell =>
        ({ kind: GridCellKind.Text, data: display, displayData: display, allowOverlay: false, readonly: true, ...extra }) as GridCell;
      if (!entry) return text('');
      const right = { contentAlign: 'right' as const };
      if (entry.t !== 'line') {
        const theme = { themeOverride: SUMMARY };
        if (id === 'name') return text(entry.t === 'total' ? p.totalLabel : `Σ ${entry.label}`, theme);
        if (id === 'costTotal') return text(formatMinor(entry.cost, p.locale), { ...theme, ...right });
        if (id.startsWith('m:')) return text(formatMinor(entry.months.get(id.slice(2)) ?? 0n, p.locale), { ...theme, ...right });
        return text('', theme);
      }
      const v = entry.row.v;
      if (id.startsWith('m:')) {
        const amount = monthsOf(entry.row).get(id.slice(2));
        return text(amount === undefined ? '' : formatMinor(amount, p.locale), right);
      }
      if (id === 'cpm' || id === 'cpc') {
        const value = ratesOf(v)[id];
        return text(value === null ? '' : formatCell('rate', value, p.locale), { ...right, style: 'faded' });
      }
      if (!isEditField(id)) return text('');
      const kind = SPEC[id].kind;
      const problem = problemsOf(v)[id];
      const computed = id === 'costTotal' && costIsComputed(v);
      const raw = v[id];
      const display = problem ? raw : formatCell(kind, computed ? costOf(v) : raw, p.locale);
      const editable = !p.readOnly && !computed;
      return {
        kind: GridCellKind.Text,
        // What the accessible table beside the canvas reads out, and what the cell editor starts from.
        data: computed ? costOf(v) : raw,
        displayData: display,
        copyData: problem ? raw : formatCell(kind, raw, p.locale, true),
        allowOverlay: editable,
        readonly: !editable,
        ...(kind === 'text' || kind === 'date' || kind === 'model' ? {} : right),
        ...(problem ? { themeOverride: INVALID } : computed ? { style: 'faded' as const } : {}),
      };
    },
    [p.entries, cols, p.locale, p.readOnly, p.totalLabel],
  );

  const editsAt = useCallback(
    (col: number, r: number, value: string): CellEdit | null => {
      const entry = p.entries[r];
      const id = cols[col]?.id as string;
      if (!entry || entry.t !== 'line' || !isEditField(id)) return null;
      if (id === 'costTotal' && costIsComputed(entry.row.v)) return null;
      return { key: entry.row.key, field: id, value };
    },
    [p.entries, cols],
  );

  const onCellsEdited = useCallback(
    (items: readonly EditListItem[]) => {
      const edits = items.flatMap(({ location: [c, r], value }) => {
        const e = editsAt(c, r, value.kind === GridCellKind.Text ? value.data : String((value as { data?: unknown }).data ?? ''));
        return e ? [e] : [];
      });
      if (edits.length) p.onEdit(edits, []);
      return true;
    },
    [editsAt, p],
  );

  // Pasting past the last line adds lines, as a spreadsheet would; summary rows are stepped over.
  const onPaste = useCallback(
    ([col, row]: Item, values: readonly (readonly string[])[]) => {
      if (p.readOnly) return false;
      const lineRows = p.entries.map((e, i) => (e.t === 'line' ? i : -1)).filter((i) => i >= row);
      const edits: CellEdit[] = [];
      const appended: Array<Partial<Record<EditField, string>>> = [];
      values.forEach((cells, i) => {
        const target = lineRows[i];
        if (target === undefined) {
          const fresh: Partial<Record<EditField, string>> = {};
          cells.forEach((value, j) => {
            const id = cols[col + j]?.id as string;
            if (isEditField(id)) fresh[id] = value;
          });
          appended.push(fresh);
        } else {
          cells.forEach((value, j) => {
            const e = editsAt(col + j, target, value);
            if (e) edits.push(e);
          });
        }
      });
      p.onEdit(edits, appended);
      return false;
    },
    [p, cols, editsAt],
  );

  return (
    <>
      <div ref={portal} id="portal" />
      <DataEditor
        portalElementRef={portal as RefObject<HTMLElement>}
        columns={cols}
        rows={p.entries.length}
        getCellContent={getCellContent}
        getCellsForSelection
        onCellsEdited={onCellsEdited}
        onPaste={onPaste}
        fillHandle={!p.readOnly}
        keybindings={{ downFill: true, rightFill: true, search: false }}
        freezeColumns={1}
        freezeTrailingRows={1}
        rowMarkers="both"
        smoothScrollX
        smoothScrollY
        width="100%"
        height={Math.min(640, 36 + 34 * p.entries.length + 18)}
        gridSelection={selection}
        onGridSelectionChange={(s) => {
          setSelection(s);
          p.onSelectedLines(s.rows.toArray().flatMap((i) => { const e = p.entries[i]; return e?.t === 'line' ? [e.row.key] : []; }));
          const cell = s.current?.cell;
          const entry = cell ? p.entries[cell[1]] : undefined;
          p.onActiveCell(entry?.t === 'line' ? entry.row : null, cell ? ((cols[cell[0]]?.id as ColumnId) ?? null) : null);
        }}
        onColumnMoved={(from, to) => {
          if (from < p.columns.length && to < p.columns.length && from !== 0 && to !== 0) p.onColumnMoved(from, to);
        }}
        onColumnResize={(column, width) => {
          const id = column.id as string;
          if (!id.startsWith('m:')) p.onColumnResized(id as ColumnId, width);
        }}
        getRowThemeOverride={(r) => (p.entries[r]?.t === 'line' ? undefined : SUMMARY)}
      />
    </>
  );
}
