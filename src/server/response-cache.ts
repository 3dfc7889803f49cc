// Answers to repeated reads between two changes of the state: a client that
// polls a backup, or lists again, gets the answer already rendered. An answer
// is reused only while no backup was added or deleted (the state's version)
// and no backup has reached its next status on the clock.
import type { Reply } from './http-reply.js';
import type { ReferenceState } from './state.js';

const MAX_ENTRIES = 1000;

interface Entry {
  reply: Reply;
  from: number;
  until: number;
}

export class ResponseCache {
  readonly #entries = new Map<string, Entry>();
  #version = -1;

  get(state: ReferenceState, key: string, now: number): Reply | undefined {
    if (state.version !== this.#version) {
      this.#entries.clear();
      this.#version = state.version;
      return undefined;
    }
    const entry = this.#entries.get(key);
    // `from` guards against a test clock that goes back.
    return entry && now >= entry.from && now < entry.until ? entry.reply : undefined;
  }

  /** Keeps an answer computed from `now` on (read before the answer was made). */
  set(state: ReferenceState, key: string, now: number, reply: Reply): void {
    if (state.version !== this.#version || reply.status !== 200 || reply.json === undefined) return;
    const until = state.nextChangeAt(now);
    // The answer may have read the clock later; it is only good if that was still before the change.
    if (state.now() >= until) return;
    if (this.#entries.size >= MAX_ENTRIES) this.#entries.clear();
    this.#entries.set(key, { reply: { status: 200, json: Buffer.from(reply.json) }, from: now, until });
  }
}
