// Undo and redo for the editor. The grid itself keeps no history, so every change the editor makes
// is recorded here as one step: a batch of cell changes (a paste, a fill, one edit), lines added,
// or lines removed.
import type { EditField } from './columns';
import type { Row } from './rows';

export interface CellChange {
  key: string;
  field: EditField;
  before: string;
  after: string;
}

export type Step =
  | { type: 'cells'; changes: CellChange[] }
  | { type: 'add'; rows: Row[] }
  | { type: 'remove'; rows: Array<{ index: number; row: Row }> }
  | { type: 'many'; steps: Step[] };

const LIMIT = 200;

export class History {
  private done: Step[] = [];
  private undone: Step[] = [];

  push(step: Step): void {
    this.done.push(step);
    if (this.done.length > LIMIT) this.done.shift();
    this.undone = [];
  }

  /** The step to reverse, moved to the redo list. */
  undo(): Step | undefined {
    const step = this.done.pop();
    if (step) this.undone.push(step);
    return step;
  }

  redo(): Step | undefined {
    const step = this.undone.pop();
    if (step) this.done.push(step);
    return step;
  }

  clear(): void {
    this.done = [];
    this.undone = [];
  }

  get canUndo() { return this.done.length > 0; }
  get canRedo() { return this.undone.length > 0; }
}

/** Lines with the given cell values written into them; rows not named keep their identity. */
export function applyCells(rows: readonly Row[], changes: readonly CellChange[], pick: 'before' | 'after'): Row[] {
  const byKey = new Map<string, CellChange[]>();
  for (const c of changes) byKey.set(c.key, [...(byKey.get(c.key) ?? []), c]);
  return rows.map((r) => {
    const mine = byKey.get(r.key);
    if (!mine) return r;
    const v = { ...r.v };
    for (const c of mine) v[c.field] = c[pick];
    return { ...r, v };
  });
}
