// The token sent as X-Auth-Token: a fixed string, or one obtained from the
// caller's getToken(), kept until the server refuses it with a 401 and then
// obtained once more.

/** What getToken() is told: `rejected` is the token the server just refused (401), absent on the first call. */
export interface TokenContext {
  rejected?: string;
}

export type GetToken = (context: TokenContext) => string | Promise<string>;

export interface TokenSource {
  /** The token to send now, when one is known without waiting. */
  readonly current: string | undefined;
  /** Whether a 401 may be answered by asking for a new token. */
  readonly refreshable: boolean;
  get(): Promise<string>;
  /** A new token after `rejected` was refused; concurrent callers share one getToken() call. */
  refresh(rejected: string): Promise<string>;
}

export function fixedToken(token: string): TokenSource {
  return { current: token, refreshable: false, get: async () => token, refresh: async () => token };
}

export function tokenFrom(getToken: GetToken): TokenSource {
  let current: string | undefined;
  let pending: Promise<string> | undefined;
  const obtain = (context: TokenContext): Promise<string> => {
    pending ??= (async () => {
      try {
        const token = await getToken(context);
        if (typeof token !== 'string' || token === '') {
          throw new TypeError(`getToken() must resolve to a non-empty string, not ${token === '' ? 'an empty string' : typeof token}`);
        }
        current = token;
        return token;
      } finally {
        pending = undefined;
      }
    })();
    return pending;
  };
  return {
    get current() {
      return current;
    },
    refreshable: true,
    get: () => (current !== undefined ? Promise.resolve(current) : obtain({})),
    refresh: (rejected) => {
      if (current !== undefined && current !== rejected) return Promise.resolve(current);
      current = undefined;
      return obtain({ rejected });
    },
  };
}
