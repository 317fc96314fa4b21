/**
 * Changes whenever the server's lines do (an import, a submit, another tab's edits on reload), so
 * the editor starts afresh from them; unchanged on re-renders that bring nothing new.
 */
export function linesKey(status: string, lines: ReadonlyArray<{ id: string; version: number; updatedAt: string }>): string {
  let latest = '';
  let versions = 0;
  for (const l of lines) {
    versions += l.version;
    if (l.updatedAt > latest) latest = l.updatedAt;
  }
  return `${status}:${lines.length}:${versions}:${latest}`;
}
