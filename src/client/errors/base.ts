// The common base of every error the client throws, so that a program can
// tell the client's errors from its own with one `instanceof`.
export class TroveClientError extends Error {
  override name = 'TroveClientError';
}
