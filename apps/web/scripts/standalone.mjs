// After `next build`: the standalone server serves static assets only from beside itself.
import { cpSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const web = fileURLToPath(new URL('..', import.meta.url));
const target = `${web}.next/standalone/apps/web`;
cpSync(`${web}.next/static`, `${target}/.next/static`, { recursive: true });
if (existsSync(`${web}public`)) cpSync(`${web}public`, `${target}/public`, { recursive: true });
