// Seeded fuzzing over raw sockets (node:net): malformed request lines,
// percent-escapes, headers and bodies that fetch or node:http would refuse
// to send. Each case is written to a fresh connection on loopback, and the
// answers (zero, one or several, for pipelined garbage) are parsed for the
// test to judge. Replay a run with FUZZ_SEED=<seed>.
import { connect } from 'node:net';

/** mulberry32: a small seeded generator, so that a seed replays the same requests. */
export function generator(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;
  const chance = (p: number) => next() < p;
  return { next, int, pick, chance };
}
export type Rng = ReturnType<typeof generator>;

export const fuzzSeed = (): number => Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 32));

export interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  text: string;
}

export interface RawCase {
  /** The request line's method and target as sent (for the report). */
  method: string;
  target: string;
  bytes: Buffer;
  /** Past the servers' limits (body, or head past Node's 16 kB): the server may answer and close while the rest is still unread, and the reset can lose that answer. */
  large: boolean;
}

const METHODS = ['GET', 'POST', 'DELETE', 'PUT', 'PATCH', 'HEAD', 'OPTIONS', 'get', 'G\u0000T', 'BREW', '', 'GET GET'];
const ESCAPES = [
  '%ZZ',
  '%E0%A4',
  '%',
  '%%',
  '%00',
  '%2e%2e',
  '%2F',
  '%C0%AF',
  '%FF',
  '%u0041',
  '%e2%82',
  '..',
  '.',
  '',
  'é',
  '\u00ff',
  '%25',
];
// (No request line without a version: Node's parser takes it as HTTP/0.9 and waits.)
const VERSIONS = ['HTTP/1.1', 'HTTP/1.1', 'HTTP/1.1', 'HTTP/1.0', 'HTTP/2.0', 'HTTP/9.9', 'HTTP/1.1 extra'];
const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'text/plain',
  'application/x-www-form-urlencoded',
  'garbage',
  '',
  'application/json;;;',
];
const BODIES = [
  '{"backup": {"name": "n", "instance": "44b277eb-39be-4921-be31-3d61b43651d7"}}',
  '{"backup": ',
  '{"backup_strategy": {"swift_container": "c"}}',
  '[]',
  'null',
  '{"backup": {"name": "\\ud800"}}',
  '\u0000\u0001\u0002',
  '{"a":'.repeat(2000),
];

function segment(r: Rng, ids: readonly string[]): string {
  const base = r.chance(0.5) ? r.pick(ids) : '';
  return r.chance(0.6) ? base + r.pick(ESCAPES) + (r.chance(0.3) ? r.pick(ESCAPES) : '') : base || r.pick(ESCAPES);
}

/** A request target: the API's paths with escapes, dot segments and junk spliced in. */
export function target(r: Rng, ids: readonly string[]): string {
  const project = r.chance(0.7) ? 'proj' : segment(r, ids);
  const shapes = [
    () => `/v1.0/${project}/backups/${segment(r, ids)}`,
    () => `/v1.0/${segment(r, ids)}/backups`,
    () => `/v1.0/${project}/instances/${segment(r, ids)}/backups`,
    () => `/v1.0/${project}/backups?limit=${segment(r, ids)}&marker=${segment(r, ids)}`,
    () => `/v1.0/${project}/backup_strategies?instance_id=${segment(r, ids)}`,
    () => `/${segment(r, ids)}`,
    () => `http://x${r.pick(['', ':99999', '@evil'])}/v1.0/${project}/backups`,
    () => '*',
    () => `/v1.0/${project}/backups/${'a'.repeat(r.pick([100, 5000, 20_000]))}`,
    () => `/v1.0/${project}//backups/../${segment(r, ids)}#frag`,
  ];
  return r.pick(shapes)();
}

/** One malformed (or, now and then, well-formed) HTTP/1.x request, as raw bytes. */
export function rawCase(r: Rng, ids: readonly string[]): RawCase {
  const method = r.pick(METHODS);
  const path = target(r, ids);
  const lines = [`${method} ${path} ${r.pick(VERSIONS)}`.trimEnd()];
  if (r.chance(0.9)) lines.push('Host: 127.0.0.1');
  lines.push('Connection: close');
  if (r.chance(0.8)) lines.push(`X-Auth-Token: ${r.pick(['proj', 'admin', '', 'a\u0001b', 'x'.repeat(300)])}`);
  if (r.chance(0.5))
    lines.push(`Accept: ${r.pick(['application/json', 'application/vnd.openstack.trove+json;version=2.0', '*/*', '\u00ff'])}`);
  if (r.chance(0.2)) lines.push(`X-Long: ${'h'.repeat(r.pick([1000, 20_000]))}`);
  if (r.chance(0.1)) lines.push('No colon here');
  if (r.chance(0.1)) lines.push(' folded: value');
  let body = r.chance(0.5) ? Buffer.from(r.pick(BODIES)) : Buffer.alloc(0);
  if (r.chance(0.05)) body = Buffer.alloc(r.pick([200_000, 2_000_000]), 0x7b);
  if (body.length > 0 || r.chance(0.2)) {
    if (r.chance(0.8)) lines.push(`Content-Type: ${r.pick(CONTENT_TYPES)}`);
    const framing = r.int(6);
    if (framing === 0) lines.push('Transfer-Encoding: chunked');
    else if (framing === 1) lines.push(`Content-Length: ${Math.max(0, body.length - r.int(5))}`);
    else if (framing === 2) lines.push(`Content-Length: ${r.pick(['-1', 'abc', '1e3', '99999999999999999999'])}`);
    else if (framing === 3) lines.push(`Content-Length: ${body.length}`, `Content-Length: ${body.length + 1}`);
    else lines.push(`Content-Length: ${body.length}`);
    if (framing === 0) {
      const chunked = r.chance(0.5)
        ? `${body.length.toString(16)}\r\n${body.toString('latin1')}\r\n0\r\n\r\n`
        : `zz\r\n${body.toString('latin1')}\r\n`;
      body = Buffer.from(chunked, 'latin1');
    }
  }
  const head = `${lines.join('\r\n')}\r\n\r\n`;
  return {
    method,
    target: path,
    bytes: Buffer.concat([Buffer.from(head, 'utf8'), body]),
    large: body.length > 100_000 || head.length > 16_000,
  };
}

/** Parses what came back on one connection: every complete answer, in order. */
export function parseAnswers(raw: Buffer): RawAnswer[] {
  const answers: RawAnswer[] = [];
  let rest = raw;
  while (rest.length > 0) {
    const end = rest.indexOf('\r\n\r\n');
    if (end < 0) break;
    const [statusLine = '', ...headerLines] = rest.subarray(0, end).toString('latin1').split('\r\n');
    const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1] ?? Number.NaN);
    if (Number.isNaN(status)) break;
    const headers: Record<string, string> = {};
    for (const line of headerLines) {
      const colon = line.indexOf(':');
      if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    }
    let body = rest.subarray(end + 4);
    let used = body.length;
    if (headers['transfer-encoding'] === 'chunked') {
      const parts: Buffer[] = [];
      let at = 0;
      for (;;) {
        const lineEnd = body.indexOf('\r\n', at);
        if (lineEnd < 0) break;
        const size = Number.parseInt(body.subarray(at, lineEnd).toString('latin1'), 16);
        if (!(size >= 0)) break;
        at = lineEnd + 2;
        if (size === 0) {
          at += 2;
          break;
        }
        parts.push(body.subarray(at, at + size));
        at += size + 2;
      }
      used = at;
      body = Buffer.concat(parts);
    } else if (headers['content-length'] !== undefined) {
      used = Number(headers['content-length']);
      body = body.subarray(0, used);
    }
    answers.push({ status, headers, text: body.toString('utf8') });
    rest = rest.subarray(end + 4 + used);
  }
  return answers;
}

/** Writes the case on a new connection and collects what comes back until the server closes it (the request says Connection: close) or `waitMs` passes. */
export function sendRaw(url: string, bytes: Buffer, waitMs = 3000): Promise<RawAnswer[]> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const socket = connect({ host: hostname, port: Number(port) });
    const done = () => {
      clearTimeout(timer);
      socket.destroy();
      resolve(parseAnswers(Buffer.concat(chunks)));
    };
    const timer = setTimeout(done, waitMs);
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('error', done);
    socket.on('close', done);
    socket.on('connect', () => {
      // No half-close: a server may drop a request whose client ended its side; Connection: close ends the exchange.
      socket.write(bytes);
    });
  });
}

/** Runs `count` cases, `concurrency` at a time, until `budgetMs` is spent; calls `judge` for each. */
export async function runFuzz(
  url: string,
  options: { seed: number; count: number; budgetMs: number; concurrency?: number; ids: readonly string[] },
  judge: (sent: RawCase, answers: RawAnswer[]) => void,
): Promise<number> {
  const r = generator(options.seed);
  const cases = Array.from({ length: options.count }, () => rawCase(r, options.ids));
  const deadline = Date.now() + options.budgetMs;
  let sent = 0;
  const worker = async () => {
    while (sent < cases.length && Date.now() < deadline) {
      const one = cases[sent++]!;
      judge(one, await sendRaw(url, one.bytes));
    }
  };
  await Promise.all(Array.from({ length: options.concurrency ?? 8 }, worker));
  return sent;
}
