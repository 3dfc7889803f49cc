// Turns Prism's log (pino JSON lines, dozens per request) into a short
// request log for a person: the request, the status of the answer, and why
// Prism found the request (or its own answer) against the contract.
import { Writable } from 'node:stream';

interface PrismLogLine {
  level?: number;
  name?: string;
  msg?: string;
  input?: { method?: string; url?: { path?: string; query?: Record<string, string | string[]> } };
}

const ERROR_LEVEL = 50;
const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');

function requestLine(input: NonNullable<PrismLogLine['input']>): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(input.url?.query ?? {})) {
    for (const v of Array.isArray(value) ? value : [value]) query.append(key, v);
  }
  const search = query.size > 0 ? `?${query.toString()}` : '';
  return `→ ${(input.method ?? '').toUpperCase()} ${input.url?.path ?? ''}${search}`;
}

/** One line of Prism's log, for a person; undefined for the chatter. */
export function summarize(line: PrismLogLine): string | undefined {
  const msg = (line.msg ?? '').replace(ANSI, '');
  if (msg === 'Request received' && line.input) return requestLine(line.input);
  const status = /Responding with "(\d+)"/.exec(msg);
  if (status) return `← ${status[1]}`;
  if ((line.level ?? 0) >= ERROR_LEVEL && (msg.startsWith('Violation: ') || msg.startsWith('Request terminated'))) return `  ✖ ${msg}`;
  return undefined;
}

/** A stream for Prism's logger that writes the short log to `out`. */
export function requestLog(out: NodeJS.WritableStream): Writable {
  let pending = '';
  return new Writable({
    write(chunk: Buffer, _encoding, done) {
      const lines = (pending + chunk.toString()).split('\n');
      pending = lines.pop() ?? '';
      for (const text of lines) {
        let line: PrismLogLine;
        try {
          line = JSON.parse(text) as PrismLogLine;
        } catch {
          continue;
        }
        const summary = summarize(line);
        if (summary) out.write(`${summary}\n`);
      }
      done();
    },
  });
}
