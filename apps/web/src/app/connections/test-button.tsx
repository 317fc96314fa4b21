'use client';
import { useActionState } from 'react';
import { testConnection } from './actions';

export function TestButton({ id, label }: { id: string; label: string }) {
  const [state, action, pending] = useActionState(testConnection, {});
  return (
    <form action={action}>
      <input type="hidden" name="id" value={id} />
      <button type="submit" className="link" disabled={pending}>{label}</button>
      {state.text && <span role="status" className={state.ok ? 'notice small' : 'error small'} data-testid={`test-${id}`}>{state.text}</span>}
    </form>
  );
}
