export class KeystoneHarnessError extends Error {}
export function freePort(): Promise<number>;
export interface HarnessUser {
  id: string;
  name: string;
  password: string;
  project_id: string;
  role: string;
}
export interface HarnessKeystone {
  authUrl: string;
  port: number;
  stateDir: string;
  admin: { id: string; name: string; password: string; project_name: string };
  alice: HarnessUser;
  bob: HarnessUser;
  applicationCredential: { id: string; name: string; secret: string; user: HarnessUser };
  /** A token of user's, issued by Keystone's own provider, that expires lifetimeS seconds from now. */
  issueToken: (user: HarnessUser, lifetimeS: number) => Promise<{ token: string; expiresAt: number }>;
  timings: { setupMs: number; readyMs: number };
  stop: () => Promise<void>;
}
export function passwordLogin(identityUrl: string, user: HarnessUser, projectId?: string): Promise<{ token: string; body: unknown }>;
export function startKeystone(options: {
  databaseUrl: string;
  port?: number;
  expiration?: number;
  timeoutMs?: number;
  log?: (line: string) => void;
}): Promise<HarnessKeystone>;
