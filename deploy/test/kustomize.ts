// Renders a kustomization the way the cluster's tooling does (`kubectl kustomize`, offline) and
// parses every document: what each deployment test reads.
import { execFileSync } from 'node:child_process';
import { parseAllDocuments } from 'yaml';

export type Obj = Record<string, any>;

export function kustomize(dir: string): Obj[] {
  const out = execFileSync('kubectl', ['kustomize', dir], { encoding: 'utf8', maxBuffer: 32 * 1024 * 1024 });
  return parseAllDocuments(out)
    .map((d) => {
      if (d.errors.length > 0) throw d.errors[0];
      return d.toJS() as Obj | null;
    })
    .filter((o): o is Obj => o !== null);
}
