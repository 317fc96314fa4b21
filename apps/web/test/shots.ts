import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Where the browser tests leave a screenshot of each main screen (apps/web/test-results/screenshots unless SCREENSHOT_DIR says otherwise). */
export const SHOTS = process.env.SCREENSHOT_DIR ?? fileURLToPath(new URL('../test-results/screenshots', import.meta.url));
mkdirSync(SHOTS, { recursive: true });
