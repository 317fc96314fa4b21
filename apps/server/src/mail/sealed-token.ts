// A one-time token the API hands to a mail job: sealed with the credentials cipher into the row
// it belongs to (bound to that row), opened by the job, cleared once the mail has gone.
import type { CredentialsCipher } from '../connections/credentials-cipher.js';

export const sealToken = (cipher: CredentialsCipher, token: string, context: string): string => {
  const { keyId, blob } = cipher.seal(token, context);
  return `${keyId}:${blob}`;
};

export function openToken(cipher: CredentialsCipher, sealed: string, context: string): string {
  const at = sealed.indexOf(':');
  return cipher.open<string>({ keyId: sealed.slice(0, at), blob: sealed.slice(at + 1) }, context);
}
