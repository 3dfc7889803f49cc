// The request pipeline, in Trove's order: body size, versions document,
// token (401), project in the URL (403), route (404), parameters and body
// validated with the contract (400, 415), then the operation.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ContractValidator } from '../contract/validator.js';
import { keystoneUnauthorized, tokenOf } from './auth.js';
import type { BackupRecord } from './backup-record.js';
import { boolFromString, type CreateBackupData, createBackup, deleteBackup, instanceBackups, listBackups, showBackup } from './backups.js';
import { faultReply, type Reply, webobReply, writeReply } from './http-reply.js';
import { callerOf, IDENTITY_PREFIX, identityReply, isIdentityPath } from './keystone/identity.js';
import { nextLink, paginate } from './pagination.js';
import { parseJsonBody, type ReceivedBody, readBody } from './request-body.js';
import { ResponseCache } from './response-cache.js';
import type { Caller, ReferenceState } from './state.js';
import { deleteStrategy, listStrategies, upsertStrategy } from './strategies.js';
import { TroveFault } from './trove-fault.js';
import { createBackupMessage, parameterMessage, validationMessage } from './trove-messages.js';

interface Call {
  caller: Caller;
  params: Record<string, string>;
  /** The query, with the last value of a repeated parameter (as webob reads it). */
  query: URLSearchParams;
  rawQuery: string;
  pathname: string;
  host: string;
  body: unknown;
}

type Operation = (state: ReferenceState, call: Call) => Reply;

const param = (query: URLSearchParams, name: string) => query.get(name) ?? undefined;

function page(state: ReferenceState, call: Call, rows: BackupRecord[]): Reply {
  // Trove has no maximum; this server caps a page so that one request cannot render the whole state.
  const limit = Math.min(Number(param(call.query, 'limit') ?? state.config.pageSize), state.config.maxLimit);
  const marker = Number(param(call.query, 'marker') ?? 0);
  const { page: shown, next } = paginate(rows, limit, marker);
  const now = state.now();
  const links = next === undefined ? '' : `,"links":${JSON.stringify([nextLink(call.host, call.pathname, call.rawQuery, next)])}`;
  return { status: 200, json: `{"backups":[${shown.map((r) => state.viewJson(r, now)).join(',')}]${links}}` };
}

const operations: Record<string, Operation> = {
  listBackups: (state, call) =>
    page(
      state,
      call,
      listBackups(state, call.caller, {
        datastore: param(call.query, 'datastore'),
        instanceId: param(call.query, 'instance_id'),
        projectId: param(call.query, 'project_id'),
        allProjects: boolFromString(param(call.query, 'all_projects')),
      }),
    ),
  getBackup: (state, call) => ({ status: 200, json: `{"backup":${showBackup(state, call.caller, call.params.backupId!)}}` }),
  createBackup: (state, call) => ({
    status: 202,
    body: { backup: createBackup(state, call.caller, (call.body as { backup: CreateBackupData }).backup) },
  }),
  deleteBackup: (state, call) => {
    deleteBackup(state, call.caller, call.params.backupId!);
    return { status: 202 };
  },
  listInstanceBackups: (state, call) => page(state, call, instanceBackups(state, call.caller, call.params.instanceId!)),
  listBackupStrategies: (state, call) => ({
    status: 200,
    body: {
      backup_strategies: listStrategies(state, call.caller, {
        projectId: param(call.query, 'project_id'),
        instanceId: param(call.query, 'instance_id'),
      }),
    },
  }),
  createBackupStrategy: (state, call) => ({
    status: 202,
    body: {
      backup_strategy: upsertStrategy(state, call.caller, (call.body as { backup_strategy: { swift_container: string } }).backup_strategy),
    },
  }),
  deleteBackupStrategies: (state, call) => {
    deleteStrategy(state, call.caller, { projectId: param(call.query, 'project_id'), instanceId: param(call.query, 'instance_id') });
    return { status: 202 };
  },
};

const bodyMessages: Record<string, (body: unknown, validator: ContractValidator) => string | undefined> = {
  createBackup: (body, validator) => createBackupMessage(body, validator.validateRequestBody('createBackup', body)),
  createBackupStrategy: (body, validator) => {
    const violations = validator.validateRequestBody('createBackupStrategy', body);
    return violations.length > 0 ? validationMessage(body, violations) : undefined;
  },
};

const NOT_FOUND = 'The resource could not be found.';

function lastValues(rawQuery: string): URLSearchParams {
  const out = new URLSearchParams();
  for (const [k, v] of new URLSearchParams(rawQuery)) out.set(k, v);
  return out;
}

function safeDecode(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

// Trove's VersionedURLMap: an Accept header asking for another API version
// than the URL's gets 406.
function acceptVersion(req: IncomingMessage): string | undefined {
  const accept = req.headers.accept;
  // Most requests name no version: skip the pattern for them (this runs on every request).
  if (accept === undefined || !accept.includes('vnd.openstack.trove')) return undefined;
  return /application\/vnd\.openstack\.trove(\+.+?)?;version=(\d+\.?\d*)/.exec(accept)?.[2];
}

function versions(host: string): Reply {
  return {
    status: 200,
    body: {
      versions: [
        { id: 'v1.0', status: 'CURRENT', updated: '2012-08-01T00:00:00Z', links: [{ rel: 'self', href: `http://${host}/v1.0/` }] },
      ],
    },
  };
}

/** The JSON body of a create, or the reply that refuses it. */
function requestBody(req: IncomingMessage, bytes: Buffer, operationId: string, validator: ContractValidator): { value: unknown } | Reply {
  let value: unknown = {};
  // As Trove, an empty body is {} whatever its Content-Type.
  if (bytes.length > 0) {
    const contentType = req.headers['content-type'];
    if (contentType === undefined) {
      return webobReply(415, 'Unsupported Media Type', 'The request has a body but no Content-Type header; send it as application/json.');
    }
    const mediaType = contentType.split(';')[0]!.trim().toLowerCase();
    if (mediaType !== 'application/json') {
      return webobReply(
        415,
        'Unsupported Media Type',
        `The request media type ${mediaType} is not supported by this server.\n<br /><br />\n`,
      );
    }
    const parsed = parseJsonBody(bytes);
    if (!parsed.ok) return faultReply(400, `Malformed request body: ${parsed.reason}`);
    value = parsed.value;
  }
  const message = bodyMessages[operationId]?.(value, validator);
  return message === undefined ? { value } : faultReply(400, message);
}

interface Server {
  state: ReferenceState;
  validator: ContractValidator;
  cache: ResponseCache;
}

// The reads whose answers the cache may keep.
const CACHED = new Set(['getBackup', 'listBackups', 'listInstanceBackups']);

// Synchronous when the request has no body, which saves the promise hops on
// the reads that make most of the traffic.
// Undefined when the client went away before its body was in: nobody to answer.
function route(req: IncomingMessage, server: Server): Reply | Promise<Reply | undefined> {
  const raw = readBody(req, server.state.config.maxBodyBytes);
  if (!(raw instanceof Promise)) return routeWithBody(req, server, raw);
  return raw.then((body) => (body.kind === 'aborted' ? undefined : routeWithBody(req, server, body)));
}

// oslo.middleware's healthcheck app (Trove 21.0.0 and later).
const HEALTHY: Reply = { status: 200, json: 'OK', contentType: 'text/plain' };

function routeWithBody(req: IncomingMessage, server: Server, raw: ReceivedBody): Reply {
  if (raw.kind === 'tooLarge') return { ...faultReply(413, 'Request is too large.'), headers: { Connection: 'close' } };
  const { state } = server;
  const method = (req.method ?? 'GET').toUpperCase();
  let target = req.url ?? '/';
  // An absolute-form request target (through a proxy): keep the path and query.
  if (!target.startsWith('/')) target = target.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, '') || '/';
  const q = target.indexOf('?');
  let pathname = (q < 0 ? target : target.slice(0, q)).split('#')[0]!;
  const rawQuery = q < 0 ? '' : target.slice(q + 1).split('#')[0]!;
  const host = req.headers.host ?? `${req.socket.localAddress ?? '127.0.0.1'}:${req.socket.localPort ?? ''}`;

  const wanted = acceptVersion(req);
  const { keystone } = state.config;
  if (keystone && isIdentityPath(pathname)) {
    return identityReply(state, keystone, { method, pathname, headers: req.headers, body: raw.bytes, origin: `http://${host}` });
  }
  if (wanted !== undefined && !/\/v\d+\.?\d*/.test(pathname)) {
    if (wanted !== '1.0') return faultReply(406, 'version not supported');
    // VersionedURLMap hands the request to the v1.0 pipeline with its path
    // unchanged, which reads it as below /v1.0: `GET /` needs a token, then
    // holds no project (403).
    pathname = `/v1.0${pathname}`;
  }
  if (pathname === '/') return method === 'GET' ? versions(host) : faultReply(404, NOT_FOUND);
  if (pathname === '/healthcheck' && state.behaviour.healthcheck && (method === 'GET' || method === 'HEAD')) return HEALTHY;
  if (pathname !== '/v1.0' && !pathname.startsWith('/v1.0/')) return faultReply(404, NOT_FOUND);
  const reply = routeVersioned(req, server, raw.bytes, { method, target, pathname, rawQuery, host });
  // oslo's request_id middleware (25.0.0 and later) tags every answer of the pipeline.
  return state.behaviour.requestIdHeader
    ? { ...reply, headers: { ...reply.headers, 'X-OpenStack-Request-Id': `req-${randomUUID()}` } }
    : reply;
}

interface Target {
  method: string;
  target: string;
  pathname: string;
  rawQuery: string;
  host: string;
}

function routeVersioned(
  req: IncomingMessage,
  { state, validator, cache }: Server,
  bytes: Buffer,
  { method, target, pathname, rawQuery, host }: Target,
): Reply {
  const { keystone } = state.config;
  const caller = callerOf(state, tokenOf(req.headers));
  if (!caller) return keystoneUnauthorized(keystone ? `http://${host}${IDENTITY_PREFIX}/v3` : state.config.keystoneUri);
  // Trove's TenantBasedAuth: the first segment below /v1.0 must be the token's project.
  const tenant = /^\/(.*?)\//.exec(pathname.slice('/v1.0'.length))?.[1];
  if (tenant === undefined || safeDecode(tenant) !== caller.projectId) {
    return faultReply(403, `User with tenant id ${caller.projectId} cannot access this resource.`);
  }

  // NUL cannot occur in a header or a request target, so the parts cannot run together.
  const cacheKey = method === 'GET' ? `${caller.projectId}\0${caller.isAdmin}\0${host}\0${target}` : undefined;
  const now = state.now();
  const cached = cacheKey === undefined ? undefined : cache.get(state, cacheKey, now);
  if (cached) return cached;

  const matched = validator.match(method, pathname);
  const operationId = matched?.operation.operationId;
  const operation = operationId === undefined ? undefined : operations[operationId];
  if (!matched || !operationId || !operation) return faultReply(404, NOT_FOUND);

  const query = lastValues(rawQuery);
  const bad = validator.validateParameters(operationId, { path: matched.params, query });
  if (bad.length > 0) return faultReply(400, parameterMessage(bad));

  let body: unknown;
  if (operationId in bodyMessages) {
    const parsed = requestBody(req, bytes, operationId, validator);
    if (!('value' in parsed)) return parsed;
    body = parsed.value;
  }
  try {
    const reply = operation(state, { caller, params: matched.params, query, rawQuery, pathname, host, body });
    if (cacheKey !== undefined && CACHED.has(operationId)) cache.set(state, cacheKey, now, reply);
    return reply;
  } catch (err) {
    if (err instanceof TroveFault) return { status: err.status, body: err.body };
    throw err;
  }
}

export interface RequestLogEntry {
  method: string;
  url: string;
  status: number;
  ms: number;
}

export function createRequestHandler(
  state: ReferenceState,
  validator: ContractValidator,
  onRequest?: (entry: RequestLogEntry) => void,
): (req: IncomingMessage, res: ServerResponse) => void {
  const server: Server = { state, validator, cache: new ResponseCache(state.config.cacheBytes) };
  // A bug of this server, never the client's input: answered as Trove does, and logged.
  const internalError = (err: unknown): Reply => {
    const id = randomUUID();
    console.error(`trove-backups reference server: internal error ${id}:`, err);
    return faultReply(500, `Internal Server Error. Please keep this ID to help us figure out what went wrong: (${id}).`);
  };
  return (req, res) => {
    const started = onRequest ? performance.now() : 0;
    const answer = (reply: Reply | undefined) => {
      if (!reply) {
        res.destroy();
        return;
      }
      try {
        writeReply(res, reply);
        onRequest?.({ method: req.method ?? '', url: req.url ?? '', status: reply.status, ms: performance.now() - started });
      } catch {
        res.destroy();
      }
    };
    let reply: Reply | Promise<Reply | undefined>;
    try {
      reply = route(req, server);
    } catch (err) {
      reply = internalError(err);
    }
    if (reply instanceof Promise) void reply.catch(internalError).then(answer);
    else answer(reply);
  };
}
