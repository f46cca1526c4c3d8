// The house rules over src/, checked from the import graph (TypeScript's import pre-processor only,
// no extra dependencies). docs/ARCHITECTURE.md explains them:
// 1. Layers: every relative import points down `crypto <- tl <- transport <- machines <- adapters`
//    (simulator -> crypto, tl, transport), and a cross-layer import goes through the target layer's
//    index.ts (src/<layer>/index.ts or src/<layer>/<sub>/index.ts; machines only through its root).
// 2. Folders inside src/machines/: a file imports its own folder's files, and another folder only
//    through that folder's index.ts (or its descriptions side table, *descriptions.ts, which the
//    runtime never imports and a flow loaded on demand keeps out of its chunk) and only downwards in MACHINE_FOLDERS (peers in one row never
//    import each other). The rule is written at the top of src/machines/index.ts.
// 3. Folders inside src/adapters/: another folder only through its index.ts (or browser.ts, the
//    browser-safe door of a folder that also holds Node-only code), with no cycle between folders.
// 4. No import cycles between files.
// Prints the folder graph of src/machines/ and exits 1 on any violation.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

// The tree to check: this repository's src/, or the src/ of the repository given as the argument (tests).
const root = resolve(process.argv[2] ?? resolve(import.meta.dirname, '..'), 'src');
const allowed = {
  crypto: [],
  tl: ['crypto'],
  transport: ['crypto', 'tl'],
  machines: ['crypto', 'tl', 'transport'],
  adapters: ['crypto', 'tl', 'transport', 'machines', 'simulator'],
  simulator: ['crypto', 'tl', 'transport'],
};

/** src/machines/ folders, top to bottom; folders in one row are peers and may not import each other. */
const MACHINE_FOLDERS = [
  ['engine'],
  ['auth'],
  ['session'],
  ['phone-login', 'password', 'qr-login', 'token-login', 'passkey-login', 'firebase-pnv-login'],
  ['flow-kit'],
  ['dc-link'],
  ['dc-key'],
  ['core'],
];
const machineRank = new Map(MACHINE_FOLDERS.flatMap((row, rank) => row.map((f) => [f, rank])));

function walk(dir, out = []) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (p.endsWith('.ts')) out.push(p);
  }
  return out;
}

const files = walk(root);
const graph = new Map();
const problems = [];
const rel = (file) => relative(root, file);
const layerOf = (file) => rel(file).split('/')[0];
/** `machines/phone-login/machine.ts` -> 'phone-login'; a file directly in the layer -> undefined. */
const folderOf = (file) => {
  const parts = rel(file).split('/');
  return parts.length > 2 ? parts[1] : undefined;
};
const machineEdges = new Map();
const adapterEdges = new Map();
const countEdge = (edges, from, to) =>
  edges.set(`${from} -> ${to}`, (edges.get(`${from} -> ${to}`) ?? 0) + 1);

function checkLayer(file, target, spec) {
  const from = layerOf(file);
  const to = layerOf(target);
  if (from === to || !(from in allowed)) return;
  if (!allowed[from].includes(to)) {
    problems.push(`${rel(file)}: ${from}/ may not import ${to}/ (${spec})`);
    return;
  }
  const r = rel(target);
  const door = to === 'machines' ? /^machines\/index\.ts$/ : /^[a-z-]+\/(?:[a-z-]+\/)?index\.ts$/;
  if (!door.test(r)) problems.push(`${rel(file)}: import ${to}/ through its index.ts, not ${r}`);
}

function checkMachineFolders(file, target, spec) {
  if (layerOf(file) !== 'machines' || layerOf(target) !== 'machines') return;
  const from = folderOf(file);
  const to = folderOf(target);
  if (from === to) return;
  if (to === undefined) {
    problems.push(`${rel(file)}: a machines/ folder may not import the layer's root ${rel(target)}`);
    return;
  }
  if (from !== undefined) countEdge(machineEdges, from, to);
  if (!/\/(?:index|[a-z-]*\.?descriptions)\.ts$/.test(target))
    problems.push(`${rel(file)}: import machines/${to}/ through its index.ts, not ${spec}`);
  if (from === undefined) return; // src/machines/index.ts re-exports every door
  const [rf, rt] = [machineRank.get(from), machineRank.get(to)];
  if (rf === undefined)
    problems.push(`${rel(file)}: machines/${from}/ is not in MACHINE_FOLDERS (scripts/check-layers.mjs)`);
  else if (rt === undefined)
    problems.push(`${rel(file)}: machines/${to}/ is not in MACHINE_FOLDERS (scripts/check-layers.mjs)`);
  else if (rt <= rf) {
    const why = rt === rf ? 'peers may not import each other' : 'imports go downwards only';
    problems.push(
      `${rel(file)}: machines/${from}/ may not import machines/${to}/ (${why}; see src/machines/index.ts)`,
    );
  }
}

function checkAdapterFolders(file, target, spec) {
  if (layerOf(file) !== 'adapters' || layerOf(target) !== 'adapters') return;
  const from = folderOf(file);
  const to = folderOf(target);
  if (from === to || from === undefined) return;
  if (to === undefined) {
    problems.push(`${rel(file)}: adapters/ folders share code through a folder's door, not ${rel(target)}`);
    return;
  }
  // Doors are the folder's own index.ts and browser.ts, not those of a nested folder (inspect/server/).
  if (!new RegExp(`^adapters/${to}/(?:index|browser)\\.ts$`).test(rel(target))) {
    problems.push(`${rel(file)}: import adapters/${to}/ through its index.ts (or browser.ts), not ${spec}`);
  }
  countEdge(adapterEdges, from, to);
}

for (const file of files) {
  const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  const deps = [];
  for (const { fileName } of info.importedFiles) {
    if (!fileName.startsWith('.')) continue;
    let target = resolve(dirname(file), fileName).replace(/\.js$/, '.ts');
    if (!target.endsWith('.ts')) target += '.ts';
    deps.push(target);
    checkLayer(file, target, fileName);
    checkMachineFolders(file, target, fileName);
    checkAdapterFolders(file, target, fileName);
  }
  graph.set(file, deps);
}

/** Reports every cycle found by an iterative-colour DFS over `edges` (node -> targets). */
function findCycles(nodes, edgesOf, label) {
  const colour = new Map();
  const stack = [];
  const visit = (node) => {
    colour.set(node, 1);
    stack.push(node);
    for (const dep of edgesOf(node)) {
      const c = colour.get(dep);
      if (c === 1)
        problems.push(
          `${label} cycle: ${stack.slice(stack.indexOf(dep)).concat(dep).map(String).join(' -> ')}`,
        );
      else if (c === undefined) visit(dep);
    }
    stack.pop();
    colour.set(node, 2);
  };
  for (const n of nodes) if (!colour.has(n)) visit(n);
}
// The generated TL types are split in parts that refer to each other's types (src/tl/generated/types.ts
// and its objects-1.ts, objects-2.ts…, type-only imports erased at run time); every other cycle is an error.
const generated = (f) => rel(f).startsWith('tl/generated/');
findCycles(files, (f) => (generated(f) ? [] : (graph.get(f) ?? []).filter((d) => graph.has(d))), 'import');
const folderGraph = (edges) => {
  const out = new Map();
  for (const k of edges.keys()) {
    const [a, b] = k.split(' -> ');
    out.set(a, [...(out.get(a) ?? []), b]);
  }
  return out;
};
const adapterGraph = folderGraph(adapterEdges);
findCycles([...adapterGraph.keys()], (n) => adapterGraph.get(n) ?? [], 'adapters/ folder');

// The folder graph of src/machines/, top to bottom: each folder and the folders it imports.
const machineGraph = folderGraph(machineEdges);
const lines = ['src/machines/ folders (imports per folder, top to bottom):'];
for (const row of MACHINE_FOLDERS) {
  for (const f of row) {
    const to = (machineGraph.get(f) ?? []).sort((a, b) => machineRank.get(a) - machineRank.get(b));
    lines.push(
      `  ${f.padEnd(14)} -> ${to.map((t) => `${t} (${machineEdges.get(`${f} -> ${t}`)})`).join(', ') || '(nothing)'}`,
    );
  }
}
console.log(lines.join('\n'));

if (problems.length > 0) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log(
  `layers ok: ${files.length} files, no cycles, machines/ and adapters/ folders through their doors`,
);
