/**
 * A small reader of V8 heap snapshots for the heap probe (issue 11): self size by node name, and
 * retained size (dominator tree, Cooper-Harvey-Kennedy) by constructor, so a diff between two
 * snapshots tells what each engine added and what holds it.
 */
import { readFileSync } from 'node:fs';

interface RawSnapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[]]; edge_fields: string[]; edge_types: [string[]] } };
  nodes: number[];
  edges: number[];
  strings: string[];
}

export interface Tally {
  size: number;
  count: number;
}

/** A parsed snapshot: one entry per node, edges in CSR form. */
export class HeapSnapshot {
  readonly count: number;
  private readonly type: Uint8Array;
  private readonly nameId: Uint32Array;
  private readonly self: Float64Array;
  private readonly firstEdge: Uint32Array;
  private readonly edgeTo: Uint32Array;
  private readonly edgeType: Uint8Array;
  private readonly edgeName: Uint32Array;
  private readonly types: string[];
  private readonly strings: string[];
  private readonly weak: number;
  private readonly property: number;

  constructor(file: string) {
    const raw = JSON.parse(readFileSync(file, 'utf8')) as RawSnapshot;
    const { meta } = raw.snapshot;
    const width = meta.node_fields.length;
    const edgeWidth = meta.edge_fields.length;
    const at = (f: string) => meta.node_fields.indexOf(f);
    const eat = (f: string) => meta.edge_fields.indexOf(f);
    this.types = meta.node_types[0];
    this.strings = raw.strings;
    this.weak = meta.edge_types[0].indexOf('weak');
    this.property = meta.edge_types[0].indexOf('property');
    const n = raw.nodes.length / width;
    this.count = n;
    this.type = new Uint8Array(n);
    this.nameId = new Uint32Array(n);
    this.self = new Float64Array(n);
    this.firstEdge = new Uint32Array(n + 1);
    const edgeCount = raw.edges.length / edgeWidth;
    this.edgeTo = new Uint32Array(edgeCount);
    this.edgeType = new Uint8Array(edgeCount);
    this.edgeName = new Uint32Array(edgeCount);
    for (let i = 0, e = 0; i < n; i++) {
      const o = i * width;
      this.type[i] = raw.nodes[o + at('type')]!;
      this.nameId[i] = raw.nodes[o + at('name')]!;
      this.self[i] = raw.nodes[o + at('self_size')]!;
      this.firstEdge[i] = e;
      e += raw.nodes[o + at('edge_count')]!;
      this.firstEdge[i + 1] = e;
    }
    for (let e = 0; e < edgeCount; e++) {
      const o = e * edgeWidth;
      this.edgeTo[e] = raw.edges[o + eat('to_node')]! / width;
      this.edgeType[e] = raw.edges[o + eat('type')]!;
      this.edgeName[e] = raw.edges[o + eat('name_or_index')]!;
    }
  }

  typeOf(i: number): string {
    return this.types[this.type[i]!]!;
  }

  /** "type:name"; a closure V8 could not name shows the `name` esbuild's keepNames gave it, with a `*`. */
  nameOf(i: number): string {
    const type = this.typeOf(i);
    if (type === 'string' || type === 'concatenated string' || type === 'sliced string' || type === 'number') return `${type}:`;
    let name = this.strings[this.nameId[i]!]!;
    if (type === 'closure' && name === '') {
      for (let e = this.firstEdge[i]!; e < this.firstEdge[i + 1]!; e++) {
        if (this.edgeType[e] === this.property && this.strings[this.edgeName[e]!] === 'name') {
          name = `${this.strings[this.nameId[this.edgeTo[e]!]!]}*`;
          break;
        }
      }
    }
    return `${type}:${name.length > 60 ? `${name.slice(0, 57)}...` : name}`;
  }

  /**
   * Self size and count per name. Arrays and hidden backing stores are keyed by their first owner
   * too ("array:(object properties) <- closure:send*"): whose properties or elements they are.
   */
  selfByName(): Map<string, Tally> {
    const owner = new Int32Array(this.count).fill(-1);
    for (let i = 0; i < this.count; i++) {
      for (let e = this.firstEdge[i]!; e < this.firstEdge[i + 1]!; e++) {
        const to = this.edgeTo[e]!;
        if (this.edgeType[e] === this.weak || owner[to] !== -1) continue;
        const t = this.typeOf(to);
        if (t === 'array' || t === 'hidden') owner[to] = i;
      }
    }
    const out = new Map<string, Tally>();
    for (let i = 0; i < this.count; i++) {
      let key = this.nameOf(i);
      if (owner[i] !== -1) key += ` <- ${this.nameOf(owner[i]!)}`;
      add(out, key, this.self[i]!);
    }
    return out;
  }

  /** Retained size (sum over the node's dominator subtree) and count per name of objects and closures. */
  retainedByName(): Map<string, Tally> {
    const n = this.count;
    // Reverse postorder of a DFS from the root (node 0) over strong edges.
    const order = new Int32Array(n).fill(-1);
    const post: number[] = [];
    const stack: number[] = [0];
    const next = new Uint32Array(n);
    const seen = new Uint8Array(n);
    seen[0] = 1;
    next[0] = this.firstEdge[0]!;
    while (stack.length > 0) {
      const v = stack[stack.length - 1]!;
      let pushed = false;
      while (next[v]! < this.firstEdge[v + 1]!) {
        const e = next[v]!++;
        if (this.edgeType[e] === this.weak) continue;
        const w = this.edgeTo[e]!;
        if (seen[w]) continue;
        seen[w] = 1;
        next[w] = this.firstEdge[w]!;
        stack.push(w);
        pushed = true;
        break;
      }
      if (!pushed) {
        stack.pop();
        order[v] = post.length;
        post.push(v);
      }
    }
    // Predecessors (strong edges between reachable nodes), CSR.
    const predCount = new Uint32Array(n + 1);
    for (let v = 0; v < n; v++) {
      if (!seen[v]) continue;
      for (let e = this.firstEdge[v]!; e < this.firstEdge[v + 1]!; e++) if (this.edgeType[e] !== this.weak) predCount[this.edgeTo[e]! + 1]!++;
    }
    for (let v = 0; v < n; v++) predCount[v + 1]! += predCount[v]!;
    const preds = new Uint32Array(predCount[n]!);
    const fill = predCount.slice(0, n);
    for (let v = 0; v < n; v++) {
      if (!seen[v]) continue;
      for (let e = this.firstEdge[v]!; e < this.firstEdge[v + 1]!; e++) if (this.edgeType[e] !== this.weak) preds[fill[this.edgeTo[e]!]!++] = v;
    }
    const idom = new Int32Array(n).fill(-1);
    idom[0] = 0;
    const intersect = (a: number, b: number): number => {
      while (a !== b) {
        while (order[a]! < order[b]!) a = idom[a]!;
        while (order[b]! < order[a]!) b = idom[b]!;
      }
      return a;
    };
    for (let changed = true; changed; ) {
      changed = false;
      for (let k = post.length - 2; k >= 0; k--) {
        const v = post[k]!;
        let d = -1;
        for (let p = predCount[v]!; p < predCount[v + 1]!; p++) {
          const u = preds[p]!;
          if (idom[u] === -1) continue;
          d = d === -1 ? u : intersect(u, d);
        }
        if (d !== -1 && idom[v] !== d) {
          idom[v] = d;
          changed = true;
        }
      }
    }
    const retained = Float64Array.from(this.self);
    for (const v of post) if (v !== 0 && idom[v]! >= 0) retained[idom[v]!]! += retained[v]!;
    const out = new Map<string, Tally>();
    for (const v of post) {
      const t = this.typeOf(v);
      if (t === 'object' || t === 'closure') add(out, this.nameOf(v), retained[v]!);
    }
    return out;
  }
}

/** The keys with at least `minCount` more objects in `after` than in `before`, with what they added; largest first. */
export function grownTallies(before: Map<string, Tally>, after: Map<string, Tally>, minCount: number): ({ key: string } & Tally)[] {
  return [...after]
    .map(([key, v]) => ({ key, size: v.size - (before.get(key)?.size ?? 0), count: v.count - (before.get(key)?.count ?? 0) }))
    .filter((r) => r.count >= minCount)
    .sort((x, y) => y.size - x.size);
}

function add(map: Map<string, Tally>, key: string, size: number): void {
  const t = map.get(key);
  if (t) {
    t.size += size;
    t.count += 1;
  } else map.set(key, { size, count: 1 });
}
