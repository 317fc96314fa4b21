// Search by name and filter by status over a list; a plain GET form, so the filter is in the URL
// (bookmarkable, back button works) and needs no script.
export interface FilterLabels {
  search: string;
  status: string;
  any: string;
  apply: string;
}

export function ListFilter({ q, status, statuses, labels }: { q?: string; status?: string; statuses: Array<[value: string, label: string]>; labels: FilterLabels }) {
  return (
    <form className="row card" role="search">
      <label>{labels.search}<input name="q" type="search" defaultValue={q ?? ''} /></label>
      <label>
        {labels.status}
        <select name="status" defaultValue={status ?? ''}>
          <option value="">{labels.any}</option>
          {statuses.map(([value, label]) => <option key={value} value={value}>{label}</option>)}
        </select>
      </label>
      <button type="submit">{labels.apply}</button>
    </form>
  );
}

/** A status from the URL, if it is one the list knows; anything else means "any". */
export const knownStatus = <T extends string>(value: string | undefined, statuses: readonly T[]): T | undefined => (statuses as readonly string[]).includes(value ?? '') ? (value as T) : undefined;

/** The search text from the URL as the API takes it (1–100 characters), or none. */
export const searchText = (q: string | undefined) => (q?.trim() ? q.trim().slice(0, 100) : undefined);
