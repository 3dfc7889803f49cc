// The errors of the Keystone entry point: a login that failed (with what
// Keystone said), and a configuration that cannot be used.

/** Keystone refused or failed a request, or could not be reached within the bounds. */
export class KeystoneError extends Error {
  override readonly name = 'KeystoneError';
  /** The HTTP status Keystone answered, when it answered. */
  readonly status: number | undefined;
  constructor(message: string, status?: number, options?: { cause?: unknown }) {
    super(message, options);
    this.status = status;
  }
}

/** The options, environment or clouds.yaml do not describe a usable login. */
export class KeystoneConfigError extends Error {
  override readonly name = 'KeystoneConfigError';
}
