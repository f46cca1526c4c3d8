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
  rest: string[];
}
