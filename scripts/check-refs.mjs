// Every file a comment or a doc names must exist in the repository: someone with only the repository
// must be able to follow each reference (the public protocol pages are cited by URL instead).
// Checks the comments of src/, test/, bench/ (not its third-party folders), scripts/ and examples/, and
// the whole text of docs/*.md and README.md, for names ending in .ts/.tsx/.mjs/.md/.tl/.json/.html, and
// exits 1 listing those that resolve to no file. A name on a line that also names another project
// (mtcute, GramJS, tdlib…) is that project's file.
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { join, relative, resolve, dirname, basename } from 'node:path';

// This repository, or the one given as the argument (tests).
const root = resolve(process.argv[2] ?? resolve(import.meta.dirname, '..'));
const SKIP_DIRS = new Set(['node_modules', '.git', 'dist', 'test-artifacts']);
/** Folders whose text is not ours to check: third-party benches and generated code. */
const UNCHECKED = /(^|\/)(thirdparty|generated|machines\/[\w-]+\.json)(\/|$)/;
const SKIP_FILES = new Set(['bench/results.json', 'package-lock.json']);
const FOREIGN =
  /mtcute|telegram-crawler|gramjs|telegram@|`telegram`|teleproto|tdlib|tdesktop|telethon|pyrogram|grammers|openssl|teamgram|gotd|xstate's|@statelyai|node_modules|npm |upstream|vite's|vitest's|esbuild's/i;

function walk(dir, out = []) {
  for (const name of readdirSync(dir)) {
    if (SKIP_DIRS.has(name)) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else out.push(p);
  }
  return out;
}
const all = walk(root).map((p) => relative(root, p));
const basenames = new Set(all.map((p) => basename(p)));
const paths = new Set(all);
const exists = (name, from) => {
  const clean = name.replace(/^\.\//, '');
  if (!clean.includes('/')) return basenames.has(clean);
  if (clean.startsWith('../') || clean.startsWith('./'))
    return existsSync(resolve(dirname(join(root, from)), name));
  return paths.has(clean) || all.some((p) => p.endsWith('/' + clean)) || existsSync(join(root, clean));
};

const NAME =
  /(?<![\w@:/.-])((?:\.{1,2}\/)?[\w-][\w.-]*(?:\/[\w.-]+)*\.(?:ts|tsx|mjs|md|tl|json|html))(?![\w/(])/g;
/** Only the comments of a source file (everything else blanked, line breaks kept), or a doc whole. */
const proseOf = (file, text) => {
  // A doc's code examples name the reader's own files: skip fenced blocks, and
  // names without a folder in inline code.
  if (/\.md$/.test(file)) {
    return text
      .replace(/^```[\s\S]*?^```/gm, (block) => block.replace(/[^\n]/g, ' '))
      .replace(/`[^`\n/]*`/g, (span) => ' '.repeat(span.length));
  }
  const keep = /\.tl$/.test(file) ? /\/\/[^\n]*/g : /\/\*[\s\S]*?\*\/|\/\/[^\n]*/g;
  let out = '';
  let at = 0;
  for (const m of text.matchAll(keep)) {
    out += text.slice(at, m.index).replace(/[^\n]/g, ' ') + m[0];
    at = m.index + m[0].length;
  }
  return out + text.slice(at).replace(/[^\n]/g, ' ');
};
const scanned = ['src', 'test', 'bench', 'scripts', 'examples', 'docs', 'README.md'];
const problems = [];
for (const top of scanned.filter((t) => existsSync(join(root, t)))) {
  const files = statSync(join(root, top)).isDirectory()
    ? walk(join(root, top)).map((p) => relative(root, p))
    : [top];
  for (const file of files) {
    if (SKIP_FILES.has(file) || UNCHECKED.test(file) || !/\.(ts|tsx|mjs|md|tl|vue|svelte)$/.test(file))
      continue;
    const lines = proseOf(file, readFileSync(join(root, file), 'utf8')).split('\n');
    lines.forEach((line, i) => {
      if (FOREIGN.test(line) || (i > 0 && FOREIGN.test(lines[i - 1]))) return;
      for (const m of line.matchAll(NAME)) {
        const name = m[1];
        // A command-line example names the user's own file (`--accounts accounts.json`).
        if (/--[\w-]+[ =]$/.test(line.slice(0, m.index))) continue;
        if (
          /^(package|tsconfig)[\w.-]*\.json$/.test(name) ||
          name.startsWith('test-artifacts/') ||
          name.includes('*') ||
          /^\.\w+$/.test(name)
        )
          continue;
        if (!exists(name, file))
          problems.push(`${file}:${i + 1}: names ${name}, which is not in the repository`);
      }
    });
  }
}
if (problems.length > 0) {
  console.error(problems.join('\n'));
  console.error(`check:refs: ${problems.length} reference(s) to files that do not exist`);
  process.exit(1);
}
console.log('refs ok: every file named in comments and docs exists');
