'use client';
// Someone else changed or removed lines since this page loaded. The user decides; nothing is
// thrown away until they do, and edits made meanwhile stay on screen.
import { useEffect, useRef, useState } from 'react';
import { useTranslations } from 'next-intl';

export function ConflictDialog({ open, onReload, onOverwrite }: { open: boolean; onReload: () => Promise<void>; onOverwrite: () => Promise<void> }) {
  const t = useTranslations('editor.conflict');
  const ref = useRef<HTMLDialogElement>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  const run = (action: () => Promise<void>) => async () => {
    setBusy(true);
    try { await action(); } finally { setBusy(false); }
  };
  return (
    // Escape would leave the conflict unsettled with autosave paused: the two buttons are the way out.
    <dialog ref={ref} aria-labelledby="conflict-title" onCancel={(e) => e.preventDefault()} className="card">
      <h2 id="conflict-title">{t('title')}</h2>
      <p>{t('body')}</p>
      <div className="row">
        <button type="button" disabled={busy} onClick={run(onReload)}>{t('reload')}</button>
        <button type="button" disabled={busy} onClick={run(onOverwrite)}>{t('overwrite')}</button>
      </div>
    </dialog>
  );
}
