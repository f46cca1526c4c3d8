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
  /** A running simulator's control API (`tgauth login` attaches to it instead of starting one). */
  controlUrl?: string;
  rest: string[];
}
