'use client';
import { startTransition, useActionState, useState, type FormEvent } from 'react';
import { importFile, type ImportState } from '../../actions';

export interface ImportLabels {
  title: string;
  choose: string;
  check: string;
  apply: string;
  replace: string;
  column: string;
  field: string;
  skip: string;
  rows: string;
  done: string;
  problems: string;
  row: string;
}

/**
 * Two steps, as planners expect: the file is checked first (the columns found and what they map to,
 * or every bad cell with its row and column), then applied with the mapping as adjusted.
 */
export function ImportFile({ planId, fields, labels }: { planId: string; fields: string[]; labels: ImportLabels }) {
  const [state, action, pending] = useActionState<ImportState, FormData>(importFile, {});
  const [mapping, setMapping] = useState<Record<string, string>>({});
  const [file, setFile] = useState<File | null>(null);
  const [replace, setReplace] = useState(false);
  const shown = { ...(state.mapping ?? {}), ...mapping };
  // The form is submitted by hand, not as a form action: an action would reset the form and drop
  // the chosen file between the check and the import.
  const submit = (step: 'check' | 'apply') => (e: FormEvent) => {
    e.preventDefault();
    if (!file) return;
    const data = new FormData();
    data.set('planId', planId);
    data.set('file', file);
    data.set('step', step);
    data.set('mapping', JSON.stringify(mapping));
    if (replace) data.set('replace', 'on');
    startTransition(() => action(data));
  };
  return (
    <form onSubmit={submit('check')} className="stack" aria-labelledby="import-title">
      <h3 id="import-title">{labels.title}</h3>
      <label>
        {labels.choose}
        <input type="file" accept=".xlsx,.csv,.json" required onChange={(e) => { setFile(e.target.files?.[0] ?? null); setMapping({}); }} />
      </label>
      <label style={{ display: 'flex', gap: '.4rem', alignItems: 'center' }}>
        <input type="checkbox" checked={replace} onChange={(e) => setReplace(e.target.checked)} />
        {labels.replace}
      </label>
      {state.mapping && Object.keys(shown).length > 0 && (
        <table>
          <thead><tr><th>{labels.column}</th><th>{labels.field}</th></tr></thead>
          <tbody>
            {Object.entries(shown).map(([header, field]) => (
              <tr key={header}>
                <td>{header}</td>
                <td>
                  <select aria-label={`${labels.field}: ${header}`} value={field} onChange={(e) => setMapping({ ...mapping, [header]: e.target.value })}>
                    <option value="">{labels.skip}</option>
                    {fields.map((f) => <option key={f} value={f}>{f}</option>)}
                  </select>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {state.rows !== undefined && <p role="status" data-testid="import-status">{state.applied ? labels.done : labels.rows}: {state.rows}</p>}
      {state.errors && state.errors.length > 0 && (
        <div className="error" role="alert">
          <p>{labels.problems}</p>
          <ul data-testid="import-errors">
            {state.errors.map((e, i) => <li key={i}>{e.row ? `${labels.row} ${e.row}, ` : ''}{e.column || e.field}: {e.message}</li>)}
          </ul>
        </div>
      )}
      <div className="row">
        <button type="submit" disabled={pending || !file}>{labels.check}</button>
        <button type="button" onClick={submit('apply')} disabled={pending || !state.mapping || Boolean(state.errors?.length)}>{labels.apply}</button>
      </div>
    </form>
  );
}
