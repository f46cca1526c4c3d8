// Layering and cycle check over src/: every relative import must point down the layer order of
// ../shared/DESIGN.md, cross-layer imports must go through the target layer's index.ts, and the
// module graph must have no cycles. Uses only TypeScript's import pre-processor (no extra deps).
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

const root = resolve(import.meta.dirname, '..', 'src');
const allowed = {
  crypto: [],
  tl: ['crypto'],
  transport: ['crypto', 'tl'],
  machines: ['crypto', 'tl', 'transport'],
  adapters: ['crypto', 'tl', 'transport', 'machines', 'simulator'],
  simulator: ['crypto', 'tl', 'transport'],
};

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
const layerOf = (file) => relative(root, file).split('/')[0];

for (const file of files) {
  const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  const deps = [];
  for (const { fileName } of info.importedFiles) {
    if (!fileName.startsWith('.')) continue;
    let target = resolve(dirname(file), fileName).replace(/\.js$/, '.ts');
    if (!target.endsWith('.ts')) target += '.ts';
    deps.push(target);
    const from = layerOf(file);
    const to = layerOf(target);
    if (from === to || !(from in allowed)) continue;
    if (!allowed[from].includes(to)) {
      problems.push(`${relative(root, file)}: ${from}/ may not import ${to}/ (${fileName})`);
    } else if (!/\/index\.ts$/.test(target) || dirname(relative(root, target)).split('/').length > 2) {
      const rel = relative(root, target);
      // Cross-layer imports go through a layer's public face: src/<layer>/index.ts or src/<layer>/<sub>/index.ts.
      if (!/^[a-z-]+\/(?:[a-z-]+\/)?index\.ts$/.test(rel)) {
        problems.push(`${relative(root, file)}: import ${to}/ through its index.ts, not ${rel}`);
      }
    }
  }
  graph.set(file, deps);
}

// Cycle detection (iterative DFS with colours).
const colour = new Map();
const stack = [];
function visit(node) {
  colour.set(node, 1);
  stack.push(node);
  for (const dep of graph.get(node) ?? []) {
    if (!graph.has(dep)) continue;
    const c = colour.get(dep);
    if (c === 1) {
      const cycle = stack.slice(stack.indexOf(dep)).concat(dep).map((f) => relative(root, f));
      problems.push(`import cycle: ${cycle.join(' -> ')}`);
    } else if (c === undefined) visit(dep);
  }
  stack.pop();
  colour.set(node, 2);
}
for (const f of files) if (!colour.has(f)) visit(f);

if (problems.length > 0) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log(`layers ok: ${files.length} files, no cycles`);
