'use client';
import { useActionState } from 'react';
import { createOAuthClient } from '../../actions';

type Labels = { name: string; scopes: string; create: string; created: string; clientId: string; secret: string };

/** Registers a machine client and shows its secret once: the API keeps only a hash of it. */
export function CreateOAuthClient({ scopes, labels }: { scopes: Array<{ value: string; label: string }>; labels: Labels }) {
  const [state, action, pending] = useActionState(createOAuthClient, {});
  // After a refused attempt the form shows what was entered; after a success it starts empty.
  const kept = state.error ? state : {};
  return (
    <form action={action} className="stack">
      <label>{labels.name}<input name="name" required maxLength={120} defaultValue={kept.name ?? ''} /></label>
      <fieldset>
        <legend>{labels.scopes}</legend>
        <div className="checks">
          {scopes.map((s) => (
            <label key={s.value}>
              <input type="checkbox" name="scopes" value={s.value} defaultChecked={kept.scopes?.includes(s.value) ?? false} />
              {s.label} <code>{s.value}</code>
            </label>
          ))}
        </div>
      </fieldset>
      <div><button type="submit" disabled={pending}>{labels.create}</button></div>
      {state.clientSecret && (
        <div role="status">
          <p>{labels.created}</p>
          <p>{labels.name}: {state.name}</p>
          <p>{labels.clientId}: <code className="secret" data-testid="oauth-client-id">{state.clientId}</code></p>
          <p>{labels.secret}: <code className="secret" data-testid="oauth-client-secret">{state.clientSecret}</code></p>
        </div>
      )}
      {state.error && <p className="error" role="alert">{state.error}</p>}
    </form>
  );
}
