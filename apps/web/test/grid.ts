import type { Page } from 'playwright-core';

// The editor draws on a canvas; the grid keeps an accessible table of the rows in view beside it
// (cell ids glide-cell-<column>-<row>, column 0 being the row markers), which is what a screen
// reader reads and what these helpers read too.
const HEADER = 36;
const ROW = 34;

export async function cellText(page: Page, column: number, row: number): Promise<string> {
  return ((await page.locator(`#glide-cell-${column}-${row}`).textContent()) ?? '').replace(/\s/g, ' ');
}

/** Clicks the first column of a row (any row in view), so the keyboard acts from there. */
export async function clickRow(page: Page, row: number): Promise<void> {
  const box = (await page.locator('[data-testid=data-grid-canvas]').boundingBox())!;
  // A click on the cell already selected would open its editor (the grid's second-click rule).
  await page.keyboard.press('Escape');
  await frames(page);
  await page.mouse.click(box.x + 120, box.y + HEADER + ROW * row + ROW / 2);
  await page.locator(`#glide-cell-1-${row}[aria-selected=true]`).waitFor({ state: 'attached' });
  await frames(page);
}

/** Lets the grid finish what the last input started (it settles selection and focus on the next frames). */
export const frames = (page: Page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

/** Puts text on the clipboard the way a spreadsheet does and pastes it with Ctrl+V. */
export async function paste(page: Page, rows: string[][]): Promise<void> {
  await page.evaluate((tsv) => navigator.clipboard.writeText(tsv), rows.map((r) => r.join('\t')).join('\n'));
  await page.keyboard.press('Control+V');
}

export async function saved(page: Page): Promise<void> {
  await page.locator('[data-testid=save-state][data-state=saved]').waitFor();
}

/** Replaces what the selected cell holds: Enter opens the cell editor, Enter again confirms. */
export async function typeInto(page: Page, text: string): Promise<void> {
  await page.keyboard.press('Enter');
  await page.locator('#portal textarea:focus').waitFor();
  await frames(page);
  await page.keyboard.press('Control+A');
  await page.keyboard.insertText(text);
  // The cell editor takes the new text on its next render; Enter before that would keep the old.
  await frames(page);
  await page.keyboard.press('Enter');
  await page.locator('#portal textarea').waitFor({ state: 'detached' });
  await frames(page);
}
