import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// Words written straight into the markup never change with the language switch. Every visible
// string must come from the messages files; these few are the same in both languages on purpose.
const SAME_IN_BOTH = new Set(['MRM AI Platform', 'CPM', 'CPC', 'Русский', 'English', 'OK', 'Ctrl+Z', 'Ctrl+Y', '…', '↑', '↓', '🔍', '·', '—', '#']);
const SRC = fileURLToPath(new URL('../src', import.meta.url));

const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.tsx') ? [join(dir, e.name)] : []));

const READ_ATTRIBUTES = new Set(['aria-label', 'title', 'placeholder', 'alt']);

/** Text written into the markup: JSX text, and the attributes people read or hear. */
function literals(file: string, source: string): string[] {
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node)) found.push(node.getText().trim());
    else if (ts.isJsxAttribute(node) && READ_ATTRIBUTES.has(node.name.getText()) && node.initializer && ts.isStringLiteral(node.initializer)) found.push(node.initializer.text);
    ts.forEachChild(node, visit);
  };
  visit(ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX));
  return found.filter((t) => /[A-Za-zА-Яа-яЁё]/.test(t) && !SAME_IN_BOTH.has(t));
}

describe('no untranslated string in the pages', () => {
  it('puts every visible word through the messages files', () => {
    const offenders = Object.fromEntries(files(SRC).map((f) => [f.slice(SRC.length + 1), literals(f, readFileSync(f, 'utf8'))]).filter(([, l]) => l.length));
    expect(offenders).toEqual({});
  });
});
