'use client';
import { useActionState } from 'react';
import { shareLink } from '../../actions';

/** Creates a sign-off link and shows it once, as the API hands it out only once. */
export function ShareLink({ planId, labels }: { planId: string; labels: { create: string; created: string } }) {
  const [state, action, pending] = useActionState(shareLink, {});
  return (
    <form action={action} className="stack">
      <input type="hidden" name="planId" value={planId} />
      <button type="submit" disabled={pending}>{labels.create}</button>
      {state.url && (
        <p role="status">
          {labels.created} <a href={state.url} data-testid="share-url">{state.url}</a>
        </p>
      )}
      {state.error && <p className="error">{state.error}</p>}
    </form>
  );
}
