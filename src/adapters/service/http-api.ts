/**
 * The service's HTTP API (version 1), on Fastify: routes with JSON schemas (Fastify validates
 * bodies and params before a handler runs and enforces the body limit), and pino logging with the
 * credentials redacted — the Authorization header by pino's `redact`, the query string (where an
 * EventSource must carry its token) by the request serializer. Errors are JSON
 * `{ error: { code, message } }` with 400/401/403/404/409/413/429 as the cause says.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { DestinationStream } from 'pino';
import { TgauthError } from '../../crypto/index.js';
import { encodeSession, type SessionData } from '../../machines/index.js';
import * as strings from '../session-strings/index.js';
import type { ServiceCore } from './service-core.js';
import type { FlowRecord } from './storage/flow-storage.js';
import { streamViews } from './view-stream.js';

/** Where the service logs: a pino destination (default stdout) and level (default `info`); `false` turns logging off. */
export type HttpLogOptions = { level?: string; stream?: DestinationStream } | false;

/** A JSON API error. */
export class ApiError extends TgauthError {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

const FLOW_ID = { type: 'object', properties: { id: { type: 'string', pattern: '^[A-Za-z0-9_-]{16,64}$' } }, required: ['id'] } as const;
const COMMAND = {
  type: 'object',
  properties: {
    id: { type: 'string', minLength: 8, maxLength: 128, pattern: '^[A-Za-z0-9_.:-]+$' },
    command: { type: 'object', properties: { type: { type: 'string', maxLength: 64 } }, required: ['type'] },
  },
  required: ['id', 'command'],
  additionalProperties: false,
} as const;
const CREATE = {
  type: 'object',
  properties: { phone: { type: 'string', pattern: '^\\+?[0-9]{5,20}$' }, qr: { type: 'boolean' } },
  additionalProperties: false,
} as const;
const FORMATS = ['tgauth', 'gramjs', 'telethon', 'pyrogram', 'mtcute'] as const;
type Format = (typeof FORMATS)[number];

const sha256 = (s: string): Buffer => createHash('sha256').update(s).digest();
const bearer = (request: FastifyRequest): string | undefined => {
  const h = request.headers.authorization;
  if (typeof h === 'string' && h.startsWith('Bearer ')) return h.slice(7);
  const q = (request.query as Record<string, unknown> | undefined)?.['access_token'];
  return typeof q === 'string' ? q : undefined;
};

/** The session in `format`; a format that cannot carry it (no DC address for GramJS) is a 409. */
function sessionString(format: Format, data: SessionData, core: ServiceCore): string {
  if (format === 'tgauth') return Buffer.from(encodeSession(data)).toString('base64');
  const to = { gramjs: strings.toGramjsSession, telethon: strings.toTelethonSession, pyrogram: strings.toPyrogramSession, mtcute: strings.toMtcuteSession }[format];
  try {
    return to(strings.portableOf(data, core.dcs, core.apiId));
  } catch (error) {
    if (error instanceof TgauthError) throw new ApiError(409, 'session.unavailable', error.message);
    throw error;
  }
}

/** Builds the Fastify app over `core`. */
export async function buildHttpApi(core: ServiceCore, log: HttpLogOptions): Promise<FastifyInstance> {
  const app = Fastify({
    bodyLimit: core.limits.bodyBytes,
    logger:
      log === false
        ? false
        : {
            level: log.level ?? 'info',
            ...(log.stream ? { stream: log.stream } : {}),
            redact: { paths: ['req.headers.authorization', 'req.headers.cookie', 'headers.authorization'], censor: '[redacted]' },
            serializers: {
              // The default one logs the URL with its query (an EventSource's access_token) and no headers we need.
              req: (req: { method: string; url: string; ip?: string }) => ({ method: req.method, url: req.url.replace(/\?.*$/, '?…'), ip: req.ip }),
            },
          },
  });
  const keyDigest = sha256(core.apiKey);
  const isOperator = (given: string | undefined): boolean => given !== undefined && timingSafeEqual(sha256(given), keyDigest);

  /** The operator key, or 401 (none) / 403 (something else). */
  const operator = (request: FastifyRequest): void => {
    const given = bearer(request);
    if (given === undefined) throw new ApiError(401, 'auth.missing', 'an Authorization: Bearer credential is required');
    if (!isOperator(given)) throw new ApiError(403, 'auth.forbidden', 'this credential does not grant that');
  };
  /** The operator key or this flow's capability token; 404 when the flow does not exist. */
  const flowAccess = async (request: FastifyRequest, id: string): Promise<FlowRecord> => {
    const given = bearer(request);
    if (given === undefined) throw new ApiError(401, 'auth.missing', 'an Authorization: Bearer credential is required');
    const row = await core.storage.getFlow(id);
    if (!row) throw new ApiError(404, 'flow.unknown', 'no such flow');
    if (isOperator(given)) return row;
    const a = Buffer.from(core.sealer.digest(`token:${given}`), 'hex');
    const b = Buffer.from(row.tokenDigest, 'hex');
    if (a.length !== b.length || !timingSafeEqual(a, b)) throw new ApiError(403, 'auth.forbidden', 'this credential does not grant that flow');
    return row;
  };
  const limit = async (key: string, windowMs: number, max: number, what: string): Promise<void> => {
    if ((await core.storage.hit(key, core.now(), windowMs)) > max) throw new ApiError(429, 'limit.exceeded', `too many ${what}`);
  };
  /** Per-phone code limit and a FLOOD_WAIT shared by all workers, before anything reaches Telegram. */
  const guardPhone = async (phone: string): Promise<string> => guardPhoneDigest(core.sealer.digest(`phone:${phone}`));
  const guardPhoneDigest = async (digest: string): Promise<string> => {
    const until = await core.storage.floodUntil(`phone:${digest}`);
    if (until > core.now()) {
      throw new ApiError(429, 'limit.floodWait', 'Telegram asked to wait before another code for this phone', { retryInSeconds: Math.ceil((until - core.now()) / 1000) });
    }
    await limit(`phone:${digest}`, 3_600_000, core.limits.codesPerPhonePerHour, 'codes for this phone');
    return digest;
  };

  app.setErrorHandler((error: Error & { statusCode?: number; code?: string; validation?: unknown }, _request, reply: FastifyReply) => {
    if (error instanceof ApiError) return reply.status(error.status).send({ error: { code: error.code, message: error.message, ...error.extra } });
    if (error.validation) return reply.status(400).send({ error: { code: 'request.invalid', message: error.message } });
    if (error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error instanceof SyntaxError || error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY')
      return reply.status(400).send({ error: { code: 'json.malformed', message: 'the body is not valid JSON' } });
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return reply.status(413).send({ error: { code: 'request.tooLarge', message: 'the body is too large' } });
    if (error.statusCode && error.statusCode < 500) return reply.status(error.statusCode).send({ error: { code: 'request.invalid', message: error.message } });
    reply.log.error({ err: { type: error.name, code: error.code } }, 'request failed');
    return reply.status(500).send({ error: { code: 'internal', message: 'internal error' } });
  });
  // Browsers (remoteAuthEngine in a page) call from the site's origin: allowed origins only.
  const origins = core.corsOrigins;
  if (origins.length > 0) {
    app.addHook('onRequest', async (request, reply) => {
      const origin = request.headers.origin;
      if (typeof origin !== 'string' || !(origins.includes('*') || origins.includes(origin))) return;
      reply.header('access-control-allow-origin', origin).header('vary', 'origin');
      if (request.method === 'OPTIONS') {
        reply
          .header('access-control-allow-methods', 'GET, POST, DELETE')
          .header('access-control-allow-headers', 'authorization, content-type, last-event-id')
          .header('access-control-max-age', '600');
        return reply.status(204).send();
      }
    });
  }
  app.setNotFoundHandler((_request, reply) => reply.status(404).send({ error: { code: 'route.unknown', message: 'no such route' } }));

  app.post('/v1/flows', { schema: { body: CREATE } }, async (request, reply) => {
    operator(request);
    const body = (request.body ?? {}) as { phone?: string; qr?: boolean };
    await limit(`ip:${core.sealer.digest(request.ip)}`, 60_000, core.limits.flowsPerIpPerMinute, 'new flows from this address');
    if (body.phone) await guardPhone(body.phone);
    const created = await core.createFlow(body);
    return reply.status(201).send(created);
  });

  app.get('/v1/flows/:id', { schema: { params: FLOW_ID } }, async (request) => {
    const { id } = request.params as { id: string };
    await flowAccess(request, id);
    const current = await core.host.current(id);
    if (!current) throw new ApiError(404, 'flow.unknown', 'no such flow');
    return current;
  });

  app.get('/v1/flows/:id/events', { schema: { params: FLOW_ID } }, async (request, reply) => {
    const { id } = request.params as { id: string };
    await flowAccess(request, id);
    const last = Number(request.headers['last-event-id'] ?? -1);
    await streamViews(core, id, Number.isSafeInteger(last) ? last : -1, request, reply);
  });

  app.post('/v1/flows/:id/commands', { schema: { params: FLOW_ID, body: COMMAND } }, async (request, reply) => {
    const { id } = request.params as { id: string };
    const row = await flowAccess(request, id);
    const body = request.body as { id: string; command: Record<string, unknown> };
    const type = body.command['type'];
    // Commands that make Telegram send a code count against the phone (a retried POST does not).
    const sendsCode = (type === 'phone.submit' && typeof body.command['phone'] === 'string') || (type === 'code.resend' && row.phoneDigest);
    if (sendsCode && !(await core.storage.getCommand(id, body.id))) {
      if (type === 'phone.submit') await core.storage.setPhoneDigest(id, await guardPhone(body.command['phone'] as string));
      else await guardPhoneDigest(row.phoneDigest!);
    }
    const outcome = await core.submit(id, body.id, body.command);
    const current = await core.host.current(id);
    const status = { applied: 200, uncertain: 200, pending: 202, rejected: 409, invalid: 400 }[outcome.status];
    return reply.status(status).send({ outcome, ...current });
  });

  app.delete('/v1/flows/:id', { schema: { params: FLOW_ID } }, async (request, reply) => {
    const { id } = request.params as { id: string };
    await flowAccess(request, id);
    await core.deleteFlow(id);
    return reply.status(204).send();
  });

  app.get('/v1/flows/:id/session', { schema: { params: FLOW_ID, querystring: { type: 'object', properties: { format: { enum: FORMATS } } } } }, async (request) => {
    operator(request);
    const { id } = request.params as { id: string };
    await flowAccess(request, id);
    const format = ((request.query as { format?: Format }).format ?? 'tgauth') as Format;
    const data = await core.host.session(id);
    if (!data?.user) throw new ApiError(409, 'flow.notReady', 'the flow has no logged-in session yet');
    const { pendingLogin: _pending, ...done } = data;
    const session = sessionString(format, done, core);
    return { format, user: data.user, session };
  });

  app.delete('/v1/flows/:id/session', { schema: { params: FLOW_ID } }, async (request, reply) => {
    operator(request);
    const { id } = request.params as { id: string };
    await flowAccess(request, id);
    await core.deleteFlow(id);
    return reply.status(204).send();
  });

  await app.ready();
  return app;
}
