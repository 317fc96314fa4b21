'use client';
import { useActionState, useState } from 'react';
import { invite } from '../../actions';

type Labels = { email: string; role: string; client: string; allClients: string; send: string; tokenCreated: string };

/** Invites someone and shows the invitation code once, as the API hands it out only once. */
export function InviteForm({ roles, clients, labels }: { roles: Array<{ value: string; label: string }>; clients: Array<{ id: string; name: string }>; labels: Labels }) {
  const [state, action, pending] = useActionState(invite, {});
  const [role, setRole] = useState(roles.find((r) => r.value === 'planner')?.value ?? roles[0]?.value ?? '');
  return (
    <form action={action} className="stack">
      <div className="row">
        <label>{labels.email}<input name="email" type="email" required autoComplete="off" defaultValue={state.token ? '' : (state.email ?? '')} /></label>
        <label>{labels.role}
          <select name="role" value={role} onChange={(e) => setRole(e.target.value)}>
            {roles.map((r) => <option key={r.value} value={r.value}>{r.label}</option>)}
          </select>
        </label>
        {/* Only a viewer can be limited to one client; for other roles the choice would be refused. */}
        <label>{labels.client}
          <select name="clientId" disabled={role !== 'viewer'} defaultValue="">
            <option value="">{labels.allClients}</option>
            {clients.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
          </select>
        </label>
        <button type="submit" disabled={pending}>{labels.send}</button>
      </div>
      {state.token && (
        <div role="status">
          <p>{labels.tokenCreated}</p>
          <p>{state.email}: <code className="secret" data-testid="invitation-token">{state.token}</code></p>
        </div>
      )}
      {state.error && <p className="error" role="alert">{state.error}</p>}
    </form>
  );
}
