/** Each dashboard's JSON text, by file name without `.json`. */
export function renderAll(): Record<string, string>;
export function build(uid: string, spec: unknown): Record<string, unknown>;
export const dashboards: Record<string, { title: string; description: string; tags: string[]; panels: unknown[] }>;
