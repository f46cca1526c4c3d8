/** Options of the `tgauth` command line, shared by its commands. */

export interface CliOptions {
  host: string;
  port?: number;
  dcs: number;
  key?: string;
  accounts?: string;
  dc?: string;
  apiId?: number;
  apiHash?: string;
  session?: string;
  /** Session string format of `session export|import`. */
  format?: string;
  /** A DC list as JSON (what `tgauth sim` prints), for `session export`. */
  simConfig?: string;
  /** `serve`: the flows' database (SQLite path or postgres:// URL). */
  database?: string;
  /** `serve`: the operator API key (else TGAUTH_API_KEY). */
  apiKey?: string;
  /** `serve`: run without TGAUTH_SERVICE_KEY (sealing with a zero key; local tries only). */
  dev?: boolean;
  /** `serve`: HTTP port (default any free port). */
  servePort?: number;
  workerId?: string;
  /** `serve`: lease length in ms (how soon a dead worker's flows are taken over). */
  leaseMs?: number;
  /** `serve`: new flows per client IP per minute. */
  flowsPerIp?: number;
  /** serve: codes sent per phone per hour. */
  codesPerPhone?: number;
  /** `serve`: origins allowed to call the API from a browser, comma-separated. */
  cors?: string;
  /** `login --service <url>`: log in through a running login service. */
  service?: string;
  /** A running simulator's control API (`tgauth login` attaches to it instead of starting one). */
  controlUrl?: string;
  rest: string[];
}
