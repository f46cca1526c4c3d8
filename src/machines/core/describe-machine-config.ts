/**
 * Machine descriptions kept out of the runtime (bundle size, issue 11): each machine's `description`
 * strings live in a side table next to it (`<machine>.descriptions.ts`) that nothing the engine
 * runs imports. Tools that show machines to people (docs/machines, the Stately inspector) put them
 * back with `describeMachineConfig`.
 *
 * Key scheme (paths relative to the machine root; the root itself is the empty path):
 *
 * - a state: its path of state keys joined by `.`: `'waitingScan'`, `'waitCode.form.floodWait'`;
 * - a transition: the state's path, then where the transition sits:
 *   `.on.<event>`, `.after.<delay>`, `.always`, `.onDone` (the state's own), `.initial`,
 *   `.invoke.<invoke id>.onDone|onError|onSnapshot`;
 *   at the root the leading `.` is dropped: `'invoke.watchLoginToken.onError'`;
 * - one branch of a list of transitions: `[<guard>]` after it, `[else]` for the branch with no guard
 *   (`'exporting.invoke.exportLoginToken.onError[isPasswordNeeded]'`), or `[<index>]` when the guard
 *   has no name or the label repeats in the list. Branches are named by guard rather than position
 *   so that adding or reordering branches cannot move a description onto another branch; renaming a
 *   guard or a state leaves a dangling key, which `danglingDescriptionKeys` (and the tests) report.
 */

/** Descriptions of one machine by path (see the key scheme above). */
export type DescriptionTable = Readonly<Record<string, string>>;

type Node = Record<string, unknown>;
type Visit = (key: string, value: unknown, set: (described: unknown) => void) => void;

const isObject = (v: unknown): v is Node => typeof v === 'object' && v !== null && !Array.isArray(v);

function guardLabel(guard: unknown): string | undefined {
  if (guard === undefined) return 'else';
  if (typeof guard === 'string') return guard;
  if (isObject(guard) && typeof guard.type === 'string') return guard.type;
  return undefined; // an inline function: named by position
}

/** Visits (and, through `set`, replaces) each transition of a `T | T[]` slot under `key`. */
function visitTransitions(key: string, slot: unknown, visit: Visit, replace: (v: unknown) => void): void {
  if (!Array.isArray(slot)) {
    if (slot !== undefined) visit(key, slot, replace);
    return;
  }
  const labels = slot.map((t) => (isObject(t) ? guardLabel(t.guard) : 'else'));
  const copy = [...slot];
  let changed = false;
  slot.forEach((t, i) => {
    const label = labels[i];
    const unique = label !== undefined && labels.indexOf(label) === labels.lastIndexOf(label);
    visit(`${key}[${unique ? label : i}]`, t, (v) => {
      copy[i] = v;
      changed = true;
    });
  });
  if (changed) replace(copy);
}

/**
 * Walks a state node config, calling `visit` for the node itself and every transition it or its
 * descendants hold. Returns a copy when some `set` was called (copy-on-write), else `node` itself.
 */
function walkNode(path: string, node: Node, visit: Visit): Node {
  let out = node;
  const write = (field: string, value: unknown) => {
    if (out === node) out = { ...node };
    out[field] = value;
  };
  const at = (where: string) => (path === '' ? where : `${path}.${where}`);

  visit(path, node, (v) => (out = v as Node));
  for (const field of ['on', 'after'] as const) {
    const map = node[field];
    if (!isObject(map)) continue;
    let copy: Node | undefined;
    for (const [name, slot] of Object.entries(map)) {
      visitTransitions(at(`${field}.${name}`), slot, visit, (v) => ((copy ??= { ...map })[name] = v));
    }
    if (copy) write(field, copy);
  }
  for (const field of ['always', 'onDone', 'initial'] as const) {
    if (field === 'initial' && !isObject(node.initial)) continue;
    visitTransitions(at(field), node[field], visit, (v) => write(field, v));
  }
  if (node.invoke !== undefined) {
    const list = Array.isArray(node.invoke) ? (node.invoke as unknown[]) : [node.invoke];
    const copy = list.map((inv, i) => {
      if (!isObject(inv)) return inv;
      let invOut = inv;
      const id = typeof inv.id === 'string' ? inv.id : String(i);
      for (const field of ['onDone', 'onError', 'onSnapshot'] as const) {
        visitTransitions(at(`invoke.${id}.${field}`), inv[field], visit, (v) => {
          if (invOut === inv) invOut = { ...inv };
          invOut[field] = v;
        });
      }
      return invOut;
    });
    if (copy.some((inv, i) => inv !== list[i])) write('invoke', Array.isArray(node.invoke) ? copy : copy[0]);
  }
  if (isObject(node.states)) {
    const states = node.states;
    let copy: Node | undefined;
    for (const [key, child] of Object.entries(states)) {
      if (!isObject(child)) continue;
      const described = walkNode(path === '' ? key : `${path}.${key}`, child, visit);
      if (described !== child) (copy ??= { ...states })[key] = described;
    }
    if (copy) write('states', copy);
  }
  return out;
}

/**
 * Every path of `config` that can carry a description (its states and transitions), each with the
 * description it carries now, if any. Throws when two places map to one path (a state named like a
 * transition slot, such as `on`), since a table could not tell them apart.
 */
export function describablePaths(config: object): Map<string, string | undefined> {
  const paths = new Map<string, string | undefined>();
  walkNode('', config as Node, (key, value) => {
    if (paths.has(key)) throw new TypeError(`describablePaths: two places share the path '${key}'`);
    paths.set(key, isObject(value) && typeof value.description === 'string' ? value.description : undefined);
  });
  return paths;
}

/** The keys of `table` that name no state or transition of `config` (a renamed state or guard). */
export function danglingDescriptionKeys(config: object, table: DescriptionTable): string[] {
  const paths = describablePaths(config);
  return Object.keys(table).filter((key) => !paths.has(key));
}

/**
 * A copy of a machine config (`machine.config`) with the descriptions of `table` put back on its
 * states and transitions; the original is never changed, and parts without a description are
 * shared, not copied. Keys that name nothing are ignored here (see `danglingDescriptionKeys`).
 */
export function describeMachineConfig<T extends object>(config: T, table: DescriptionTable): T {
  return walkNode('', config as Node, (key, value, set) => {
    const description = table[key];
    if (description === undefined) return;
    if (typeof value === 'string') set({ target: value, description });
    else if (isObject(value)) set({ ...value, description });
  }) as T;
}
