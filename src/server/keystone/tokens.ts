// The tokens the reference server's Keystone issued: who they are, until when,
// and which were revoked. Kept per server (per state), in memory.
import { randomBytes } from 'node:crypto';
import type { ReferenceState } from '../state.js';
import type { KeystoneUserConfig } from './config.js';

export interface IssuedToken {
  user: KeystoneUserConfig;
  method: 'password' | 'application_credential' | 'token';
  applicationCredentialId?: string;
  issuedAt: number;
  expiresAt: number;
  auditId: string;
}

// Keystone would grow without bound under a login loop; the oldest go first.
const MAX_TOKENS = 10_000;

export class TokenStore {
  private readonly issued = new Map<string, IssuedToken>();

  issue(token: Omit<IssuedToken, 'auditId'>): string {
    if (this.issued.size >= MAX_TOKENS) this.issued.delete(this.issued.keys().next().value as string);
    // Fernet tokens are url-safe base64 of about 180 characters; this one only needs to be unguessable.
    const id = `gAAAAA${randomBytes(48).toString('base64url')}`;
    this.issued.set(id, { ...token, auditId: randomBytes(16).toString('base64url').slice(0, 22) });
    return id;
  }

  /** The token when it is known, unexpired and not revoked. */
  valid(id: string | undefined, now: number): IssuedToken | undefined {
    if (id === undefined) return undefined;
    const token = this.issued.get(id);
    if (!token) return undefined;
    if (token.expiresAt <= now) {
      this.issued.delete(id);
      return undefined;
    }
    return token;
  }

  revoke(id: string): boolean {
    return this.issued.delete(id);
  }
}

const stores = new WeakMap<ReferenceState, TokenStore>();

export function tokenStore(state: ReferenceState): TokenStore {
  let store = stores.get(state);
  if (!store) {
    store = new TokenStore();
    stores.set(state, store);
  }
  return store;
}
