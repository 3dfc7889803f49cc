// Reads an error body in any of the shapes a Trove deployment answers with:
// Trove's fault envelope, Keystone's {"error": {...}}, webob's flat
// {"message", "code", "title"}, other JSON, plain text or an HTML page.
import type { components } from '../../../generated/openapi.js';

type Schemas = components['schemas'];
type FaultSchema =
  | Schemas['BadRequestFault']
  | Schemas['UnauthorizedFault']
  | Schemas['ForbiddenFault']
  | Schemas['ItemNotFoundFault']
  | Schemas['NotAcceptableFault']
  | Schemas['OverLimitFault']
  | Schemas['UnprocessableEntityFault']
  | Schemas['InstanceFault']
  | Schemas['ServerErrorFault']
  | Schemas['NotImplementedFault'];

/** The envelope key of a Trove fault, such as `itemNotFound` (the contract's fault schemas). */
export type TroveFaultName = FaultSchema extends infer F ? (F extends unknown ? keyof F : never) : never;

/** Which kind of body the error came with. */
export type ErrorBodyFormat = 'trove-fault' | 'keystone' | 'webob' | 'json' | 'html' | 'text' | 'empty';

export interface ParsedErrorBody {
  format: ErrorBodyFormat;
  /** The Trove fault name (envelope key), only for `trove-fault`. */
  fault?: string;
  /** Keystone's and webob's `title`, such as `Forbidden`. */
  title?: string;
  /** The server's message, cleaned of HTML line breaks and tags; never empty. */
  detail: string;
  /** The body as JSON when it parsed, otherwise the text. */
  body: unknown;
  /** The rate limiter's `retryAfter`, in seconds. */
  retryAfter?: number;
}

const MAX_DETAIL = 300;

export function parseErrorBody(text: string, fallback: string): ParsedErrorBody {
  if (text.trim() === '') return { format: 'empty', detail: fallback, body: text };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    const html = /^\s*</.test(text);
    return { format: html ? 'html' : 'text', detail: clean(text) || fallback, body: text };
  }
  return fromJson(json, text, fallback);
}

function fromJson(json: unknown, text: string, fallback: string): ParsedErrorBody {
  if (isObject(json)) {
    const keys = Object.keys(json);
    const inner = keys.length === 1 ? json[keys[0] as string] : undefined;
    if (keys[0] === 'error' && isObject(inner)) {
      return { format: 'keystone', ...titled(inner.title), detail: clean(str(inner.message)) || fallback, body: json };
    }
    if (isObject(inner) && ('message' in inner || 'code' in inner)) {
      const retryAfter = Number(inner.retryAfter);
      return {
        format: 'trove-fault',
        fault: keys[0] as string,
        detail: clean(str(inner.message)) || fallback,
        body: json,
        ...(inner.retryAfter !== undefined && Number.isFinite(retryAfter) ? { retryAfter } : {}),
      };
    }
    if (typeof json.message === 'string' && (typeof json.code === 'string' || typeof json.title === 'string')) {
      return { format: 'webob', ...titled(json.title), detail: clean(json.message) || fallback, body: json };
    }
  }
  return { format: 'json', detail: clean(text) || fallback, body: json };
}

function titled(title: unknown): { title?: string } {
  return typeof title === 'string' && title ? { title } : {};
}

/** Turns a server message into one readable line: webob's `<br />`s and HTML tags become spaces. */
export function clean(message: string): string {
  const text = message
    .replace(/<(script|style|head)\b[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
  return truncate(text, MAX_DETAIL);
}

/** At most `max` characters, the last one `…` when some were cut. */
export function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function str(value: unknown): string {
  return typeof value === 'string' ? value : value === undefined ? '' : JSON.stringify(value);
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
