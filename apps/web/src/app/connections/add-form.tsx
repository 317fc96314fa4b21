'use client';
import { useActionState, useState } from 'react';
import { addConnection, type FormState } from './actions';

const FIELDS: Record<string, string[]> = {
  google_ads: ['developerToken', 'clientId', 'clientSecret', 'refreshToken', 'loginCustomerId'],
  meta: ['accessToken'],
  yandex_direct: ['token', 'clientLogin'],
  vk_ads: ['accessToken'],
};

export interface AddLabels {
  title: string; platform: string; name: string; client: string; accounts: string; accountsHint: string; add: string; added: string;
  platforms: Record<string, string>; fields: Record<string, string>;
}

/** The credential fields follow the chosen platform; what is typed is sent once and stored sealed. */
export function AddConnection({ clients, labels }: { clients: Array<{ id: string; name: string }>; labels: AddLabels }) {
  const [platform, setPlatform] = useState('vk_ads');
  const [state, action, pending] = useActionState<FormState, FormData>(addConnection, {});
  return (
    <form action={action} className="stack card" aria-labelledby="add-connection">
      <h2 id="add-connection">{labels.title}</h2>
      <label>{labels.platform}
        <select name="platform" value={platform} onChange={(e) => setPlatform(e.target.value)}>
          {Object.keys(FIELDS).map((p) => <option key={p} value={p}>{labels.platforms[p]}</option>)}
        </select>
      </label>
      <label>{labels.name}<input name="name" required maxLength={200} /></label>
      <label>{labels.client}
        <select name="clientId" required>{clients.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}</select>
      </label>
      <label>{labels.accounts}<input name="accounts" required aria-describedby="accounts-hint" /></label>
      <p id="accounts-hint" className="muted small">{labels.accountsHint}</p>
      {FIELDS[platform].map((f) => (
        <label key={`${platform}.${f}`}>{labels.fields[f]}<input name={`cred.${f}`} type={f === 'clientId' || f === 'clientLogin' || f === 'loginCustomerId' ? 'text' : 'password'} autoComplete="off" required={!['loginCustomerId', 'clientLogin'].includes(f)} /></label>
      ))}
      <div><button type="submit" disabled={pending}>{labels.add}</button></div>
      {state.done && <p className="notice" role="status">{labels.added}</p>}
      {state.error && <p className="error" role="alert">{state.error}</p>}
    </form>
  );
}
