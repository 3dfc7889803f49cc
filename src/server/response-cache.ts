// Answers to repeated reads between two changes of the state: a client that
// polls a backup, or lists again, gets the answer already rendered. An answer
// is reused only while no backup was added or deleted (the state's version)
// and no backup has reached its next status on the clock. The cache is
// bounded in entries and in bytes (keys and answers): past either, it starts
// over; an answer larger than a quarter of the budget is not kept.
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
  readonly #maxBytes: number;
  #version = -1;
  #bytes = 0;

  constructor(maxBytes: number) {
    this.#maxBytes = maxBytes;
  }

  /** What the kept keys and answers take, in bytes (keys counted at two bytes a character). */
  get bytes(): number {
    return this.#bytes;
  }

  #clear(): void {
    this.#entries.clear();
    this.#bytes = 0;
  }

  get(state: ReferenceState, key: string, now: number): Reply | undefined {
    if (state.version !== this.#version) {
      this.#clear();
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
    const json = Buffer.from(reply.json);
    const size = json.length + key.length * 2;
    if (size > this.#maxBytes / 4 || this.#entries.has(key)) return;
    if (this.#entries.size >= MAX_ENTRIES || this.#bytes + size > this.#maxBytes) this.#clear();
    this.#entries.set(key, { reply: { status: 200, json }, from: now, until });
    this.#bytes += size;
  }
}
