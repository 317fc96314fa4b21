/** Upload statuses with an import under way: their pages refresh themselves until it ends. */
export const RUNNING: readonly string[] = ['queued', 'importing'];
