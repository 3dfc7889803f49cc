/** The port asked for is taken by another process. */
export class PortInUseError extends Error {
  override name = 'PortInUseError';
  readonly port: number;

  constructor(host: string, port: number) {
    super(`port ${port} on ${host} is already in use; choose another with --port (0 takes a free one)`);
    this.port = port;
  }
}
