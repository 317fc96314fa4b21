'use client';
// The editor's lines and everything that happens to them: edits recorded for undo, autosave after
// a pause, the save state shown to the user, and conflicts held for them to settle. Nothing typed is
// dropped: a line that cannot be saved yet stays on screen, marked, until it is fixed.
import { useCallback, useEffect, useRef, useState } from 'react';
import { loadLines, saveLines, type SaveResult } from './actions';
import type { EditField } from './columns';
import { applyCells, History, type CellChange, type Step } from './history';
import { blankRow, forEditor, fromLine, problemsOf, readCell, toBulk, type EditorLine, type LineItem, type Row } from './rows';

export type SaveState =
  | { kind: 'saved' }
  | { kind: 'pending' }
  | { kind: 'saving' }
  | { kind: 'blocked'; lines: number }
  | { kind: 'conflict'; detail: string }
  | { kind: 'failed'; detail: string; retrying: boolean };

const PAUSE_MS = 700;
const RETRY_MS = 5000;

export function useLines(planId: string, initial: EditorLine[], defaults: { start: string; end: string }) {
  const [rows, setRowsState] = useState<Row[]>(() => initial.map(fromLine));
  const [state, setState] = useState<SaveState>({ kind: 'saved' });
  const [, setTick] = useState(0);
  const rowsRef = useRef(rows);
  const history = useRef(new History());
  // Per line, how many edits it has had that the server has not seen yet.
  const dirty = useRef(new Map<string, number>());
  const deletions = useRef<string[]>([]);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const saving = useRef(false);
  const again = useRef(false);
  const conflicted = useRef(false);

  const setRows = useCallback((next: Row[]) => {
    rowsRef.current = next;
    setRowsState(next);
  }, []);

  const touch = (keys: Iterable<string>) => {
    for (const k of keys) dirty.current.set(k, (dirty.current.get(k) ?? 0) + 1);
  };

  const save = useCallback(async (overwrite = false) => {
    clearTimeout(timer.current);
    if (saving.current) { again.current = true; return; }
    if (conflicted.current && !overwrite) return;
    const pending = rowsRef.current.filter((r) => dirty.current.has(r.key));
    const ready = pending.filter((r) => Object.keys(problemsOf(r.v)).length === 0);
    const deleteIds = deletions.current.splice(0);
    const blocked = pending.length - ready.length;
    if (!ready.length && !deleteIds.length) {
      setState(blocked ? { kind: 'blocked', lines: blocked } : { kind: 'saved' });
      return;
    }
    const sent = new Map(ready.map((r) => [r.key, dirty.current.get(r.key)!]));
    saving.current = true;
    setState({ kind: 'saving' });
    let result: SaveResult;
    try {
      result = await saveLines(planId, ready.map((r) => toBulk(r, !overwrite)), deleteIds, overwrite);
    } catch {
      result = { status: 'failed', detail: 'network', retry: true };
    }
    saving.current = false;
    if (result.status === 'saved') {
      conflicted.current = false;
      settle(ready, result.items);
      for (const [k, rev] of sent) if (dirty.current.get(k) === rev) dirty.current.delete(k);
      const left = rowsRef.current.filter((r) => dirty.current.has(r.key));
      const stillBlocked = left.filter((r) => Object.keys(problemsOf(r.v)).length > 0).length;
      if (again.current || left.length > stillBlocked || deletions.current.length) { again.current = false; void save(); }
      else setState(stillBlocked ? { kind: 'blocked', lines: stillBlocked } : { kind: 'saved' });
      return;
    }
    deletions.current.unshift(...deleteIds);
    if (result.status === 'conflict') {
      conflicted.current = true;
      setState({ kind: 'conflict', detail: result.detail });
    } else {
      const detail = result.status === 'invalid' ? [result.detail, ...result.errors.map((e) => `${e.field}: ${e.message}`)].join(' ') : result.detail;
      const retrying = result.status === 'failed' && result.retry;
      setState({ kind: 'failed', detail, retrying });
      // A refusal (the plan was submitted meanwhile, a value the server will not take) is shown and
      // left for the user; only failures of the server or the network are tried again by themselves.
      if (retrying) timer.current = setTimeout(() => void save(), RETRY_MS);
    }
    // settle reads refs only, so save depends on the plan alone.
  }, [planId]);

  // The server's copies replace ours (new ids, versions): lines updated are found by id, new ones
  // by order, since the bulk endpoint returns created lines in the order they were sent.
  function settle(sent: Row[], items: LineItem[]) {
    const byId = new Map(items.map((i) => [i.id, i]));
    const unmatched = items.filter((i) => !sent.some((r) => r.id === i.id));
    const fresh = new Map<string, LineItem>();
    for (const r of sent) {
      const item = r.id ? byId.get(r.id) : undefined;
      const match = item ?? unmatched.shift();
      if (match) fresh.set(r.key, match);
    }
    setRows(rowsRef.current.map((r) => {
      const item = fresh.get(r.key);
      return item ? { ...r, id: item.id, version: item.version, base: forEditor(item) } : r;
    }));
  }

  const schedule = useCallback(() => {
    setState((s) => (s.kind === 'conflict' ? s : { kind: 'pending' }));
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void save(), PAUSE_MS);
  }, [save]);

  const apply = useCallback((step: Step, direction: 'do' | 'undo') => {
    let next = rowsRef.current;
    const run = (s: Step, dir: 'do' | 'undo') => {
      if (s.type === 'many') {
        (dir === 'do' ? s.steps : [...s.steps].reverse()).forEach((x) => run(x, dir));
      } else if (s.type === 'cells') {
        next = applyCells(next, s.changes, dir === 'do' ? 'after' : 'before');
        touch(s.changes.map((c) => c.key));
      } else if ((s.type === 'add') === (dir === 'do')) {
        next = [...next];
        // Added lines go to the end, in order; removed ones return to where they were.
        const list = s.type === 'add' ? s.rows.map((row, i) => ({ index: next.length + i, row })) : s.rows;
        for (const { index, row } of list) {
          // A line removed and already deleted on the server comes back as a new line.
          const pendingDelete = row.id ? deletions.current.indexOf(row.id) : -1;
          if (pendingDelete >= 0) deletions.current.splice(pendingDelete, 1);
          const back = row.id && pendingDelete < 0 && s.type === 'remove' ? { ...row, id: undefined, version: undefined } : row;
          next.splice(Math.min(index, next.length), 0, back);
          touch([row.key]);
        }
      } else {
        const keys = new Set((s.type === 'add' ? s.rows : s.rows.map((x) => x.row)).map((r) => r.key));
        for (const r of next) if (keys.has(r.key) && r.id) deletions.current.push(r.id);
        for (const k of keys) dirty.current.delete(k);
        next = next.filter((r) => !keys.has(r.key));
      }
    };
    run(step, direction);
    setRows(next);
    schedule();
  }, [schedule, setRows]);

  const commit = useCallback((step: Step) => {
    history.current.push(step);
    apply(step, 'do');
    setTick((t) => t + 1);
  }, [apply]);

  /** Cells typed, pasted or filled, and lines pasted past the end. */
  const edit = useCallback((edits: Array<{ key: string; field: EditField; value: string }>, appended: Array<Partial<Record<EditField, string>>> = []) => {
    const current = new Map(rowsRef.current.map((r) => [r.key, r]));
    const changes: CellChange[] = [];
    for (const e of edits) {
      const row = current.get(e.key);
      if (!row) continue;
      const after = readCell(e.field, e.value).value;
      if (after !== row.v[e.field]) changes.push({ key: e.key, field: e.field, before: row.v[e.field], after });
    }
    const added = appended.map((cells) => {
      const row = blankRow(defaults.start, defaults.end);
      for (const [f, value] of Object.entries(cells) as Array<[EditField, string]>) row.v[f] = readCell(f, value).value;
      return row;
    });
    const steps: Step[] = [];
    if (changes.length) steps.push({ type: 'cells', changes });
    if (added.length) steps.push({ type: 'add', rows: added });
    if (steps.length) commit(steps.length === 1 ? steps[0] : { type: 'many', steps });
  }, [commit, defaults.start, defaults.end]);

  const addLine = useCallback(() => commit({ type: 'add', rows: [blankRow(defaults.start, defaults.end)] }), [commit, defaults.start, defaults.end]);

  const remove = useCallback((keys: string[]) => {
    const set = new Set(keys);
    const list = rowsRef.current.flatMap((row, index) => (set.has(row.key) ? [{ index, row }] : []));
    if (list.length) commit({ type: 'remove', rows: list });
  }, [commit]);

  const undo = useCallback(() => {
    const step = history.current.undo();
    if (step) { apply(step, 'undo'); setTick((t) => t + 1); }
  }, [apply]);
  const redo = useCallback(() => {
    const step = history.current.redo();
    if (step) { apply(step, 'do'); setTick((t) => t + 1); }
  }, [apply]);

  /** After a conflict: drop my unsaved changes and show the plan as it is on the server now. */
  const reload = useCallback(async () => {
    const items = await loadLines(planId);
    if (!items) return;
    dirty.current.clear();
    deletions.current = [];
    history.current.clear();
    conflicted.current = false;
    setRows(items.map((l) => fromLine(forEditor(l))));
    setState({ kind: 'saved' });
  }, [planId, setRows]);

  /** After a conflict: save my version over whatever is there. */
  const overwrite = useCallback(() => save(true), [save]);

  // Leaving with changes not yet on the server asks first.
  useEffect(() => {
    const warn = (e: BeforeUnloadEvent) => {
      if (dirty.current.size || deletions.current.length || saving.current) e.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, []);

  return { rows, state, edit, addLine, remove, undo, redo, reload, overwrite, canUndo: history.current.canUndo, canRedo: history.current.canRedo };
}
