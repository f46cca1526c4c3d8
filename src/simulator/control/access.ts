/**
 * Who may use the control API and the console. On loopback (the default) anyone on this machine
 * may, but only through a loopback host name (a page on another site that rebinds its DNS name to
 * 127.0.0.1 is refused) and never from another origin's page (a form or fetch from any website
 * cannot create accounts or approve a QR login). Bound to any other address, every request must
 * carry the token printed at start, as `Authorization: Bearer <token>` or `?token=<token>`.
 */
import { equalBytes } from '../../crypto/index.js';

/** What the HTTP shell passes in. */
export interface AccessRequest {
  /** The Host header. */
  host?: string | undefined;
  /** The Origin header (browsers send it on cross-origin and on POST requests). */
  origin?: string | undefined;
  /** The Authorization header. */
  authorization?: string | undefined;
  /** The query string (for `token`; EventSource and a first page load cannot set headers). */
  query: URLSearchParams;
}

/** How the server is bound. */
export interface AccessPolicy {
  /** The listening port, for the loopback host names. */
  port: number;
  /** Required from every request when set (a non-loopback bind). */
  token?: string | undefined;
}

/** A refusal: status and a sentence. */
export interface AccessDenied {
  status: 401 | 403;
  error: string;
}

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];

/** True for an address that only this machine can reach. */
export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** `undefined` when the request may proceed, else why not. */
export function checkAccess(req: AccessRequest, policy: AccessPolicy): AccessDenied | undefined {
  if (policy.token !== undefined) {
    const bearer = /^Bearer\s+(\S+)$/i.exec(req.authorization ?? '')?.[1];
    const given = bearer ?? req.query.get('token') ?? '';
    const enc = new TextEncoder();
    const a = enc.encode(given);
    const b = enc.encode(policy.token);
    if (a.length !== b.length || !equalBytes(a, b))
      return {
        status: 401,
        error:
          'this simulator listens beyond loopback: send the token it printed at start (Authorization: Bearer <token>, or ?token=<token>)',
      };
    return undefined;
  }
  const allowed = LOOPBACK_NAMES.map((name) => `${name}:${policy.port}`);
  if (req.host !== undefined && !allowed.includes(req.host.toLowerCase()))
    return {
      status: 403,
      error: `the control API answers only to ${allowed.join(', ')} (Host was ${req.host})`,
    };
  // A sandboxed frame or a file:// page sends "null": refused like any other site.
  if (req.origin !== undefined) {
    const originHost = req.origin.replace(/^https?:\/\//, '').toLowerCase();
    if (!allowed.includes(originHost))
      return { status: 403, error: 'requests from another site are refused' };
  }
  return undefined;
}
