// Why and when a run stops before its end: the overall deadline, an
// interruption by the caller (Ctrl-C), or a server that stopped answering.
// Every request and wait of the cases listens to the signal; the cleanup
// runs after the stop with a budget of its own.

export type StopReason = 'deadline' | 'interrupted' | 'unusable';

export class RunStop {
  readonly #controller = new AbortController();
  reason: StopReason | undefined;
  message: string | undefined;

  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  get stopped(): boolean {
    return this.reason !== undefined;
  }

  /** Stops the run; the first reason wins. */
  stop(reason: StopReason, message: string): void {
    if (this.reason) return;
    this.reason = reason;
    this.message = message;
    this.#controller.abort(new Error(message));
  }

  /** The skip reason of what the stop left unrun. */
  get skipReason(): string {
    return `not run: ${this.message ?? 'the run stopped'}`;
  }
}
