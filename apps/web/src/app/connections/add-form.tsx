'use client';
import { useActionState, useState } from 'react';
import { addConnection, type FormState } from './actions';

/** Per platform, the credential fields it needs and whether each is required (from the API contract). */
export type PlatformFields = Record<string, Array<{ name: string; required: boolean }>>;

// Identifiers are shown as typed; tokens and secrets are masked.
const VISIBLE = new Set(['clientId', 'clientLogin', 'loginCustomerId']);

export interface AddLabels {
  title: string; platform: string; name: string; client: string; accounts: string; accountsHint: string; add: string; added: string;
  platforms: Record<string, string>; fields: Record<string, string>;
}

/** The credential fields follow the chosen platform; what is typed is sent once and stored sealed. */
export function AddConnection({ clients, fields, labels }: { clients: Array<{ id: string; name: string }>; fields: PlatformFields; labels: AddLabels }) {
  const [platform, setPlatform] = useState('vk_ads');
  const [state, action, pending] = useActionState<FormState, FormData>(addConnection, {});
  return (
    <form action={action} className="stack card" aria-labelledby="add-connection">
      <h2 id="add-connection">{labels.title}</h2>
      <label>{labels.platform}
        <select name="platform" value={platform} onChange={(e) => setPlatform(e.target.value)}>
          {Object.keys(fields).map((p) => <option key={p} value={p}>{labels.platforms[p]}</option>)}
        </select>
      </label>
      <label>{labels.name}<input name="name" required maxLength={200} /></label>
      <label>{labels.client}
        <select name="clientId" required>{clients.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}</select>
      </label>
      <label>{labels.accounts}<input name="accounts" required aria-describedby="accounts-hint" /></label>
      <p id="accounts-hint" className="muted small">{labels.accountsHint}</p>
      {fields[platform].map((f) => (
        <label key={`${platform}.${f.name}`}>{labels.fields[f.name]}<input name={`cred.${f.name}`} type={VISIBLE.has(f.name) ? 'text' : 'password'} autoComplete="off" required={f.required} /></label>
      ))}
      <div><button type="submit" disabled={pending}>{labels.add}</button></div>
      {state.done && <p className="notice" role="status">{labels.added}</p>}
      {state.error && <p className="error" role="alert">{state.error}</p>}
    </form>
  );
}
