/**
 * The house rules hold only while their checkers can fail: scripts/check-layers.mjs and
 * scripts/check-refs.mjs run here on small trees built to break one rule each.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const scripts = resolve(import.meta.dirname, '..', '..', 'scripts');
const trees: string[] = [];
afterEach(() => {
  for (const t of trees.splice(0)) rmSync(t, { recursive: true, force: true });
});

/** A throwaway repository holding `files` (path -> text). */
function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'tgauth-house-'));
  trees.push(root);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

/** Runs a checker on `root`: its exit code and everything it printed. */
function check(script: string, root: string): { code: number; out: string } {
  try {
    const out = execFileSync(process.execPath, [join(scripts, script), root], {
      encoding: 'utf8',
      stdio: 'pipe',
    });
    return { code: 0, out };
  } catch (e) {
    const err = e as { status: number; stdout: string; stderr: string };
    return { code: err.status, out: err.stdout + err.stderr };
  }
}

/** A machines/ layer that keeps every rule: engine -> auth -> the flows -> flow-kit -> core. */
const goodMachines: Record<string, string> = {
  'src/machines/index.ts': "export * from './engine/index.js';\n",
  'src/machines/engine/index.ts': "export * from './create.js';\n",
  'src/machines/engine/create.ts': "import { auth } from '../auth/index.js';\nexport const create = auth;\n",
  'src/machines/auth/index.ts': "export * from './machine.js';\n",
  'src/machines/auth/machine.ts':
    "import { phone } from '../phone-login/index.js';\nimport { pw } from '../password/index.js';\nexport const auth = [phone, pw];\n",
  'src/machines/phone-login/index.ts':
    "import { kit } from '../flow-kit/index.js';\nexport const phone = kit;\n",
  'src/machines/password/index.ts': "import { kit } from '../flow-kit/index.js';\nexport const pw = kit;\n",
  'src/machines/flow-kit/index.ts': "import { core } from '../core/index.js';\nexport const kit = core;\n",
  'src/machines/core/index.ts': 'export const core = 1;\n',
  'src/adapters/store/index.ts': "export * from './file.js';\n",
  'src/adapters/store/file.ts': 'export const file = 1;\n',
  'src/adapters/cli/main.ts': "import { file } from '../store/index.js';\nexport const main = file;\n",
};

describe('check-layers', () => {
  it('passes a tree that keeps the rules and prints the folder graph', () => {
    const { code, out } = check('check-layers.mjs', tree(goodMachines));
    expect(code).toBe(0);
    expect(out).toMatch(/auth\s+-> phone-login \(1\), password \(1\)/);
    expect(out).toMatch(/flow-kit\s+-> core \(1\)/);
  });

  it.each([
    [
      'an import that climbs',
      {
        'src/machines/core/index.ts': "import { auth } from '../auth/index.js';\nexport const core = auth;\n",
      },
      /machines\/core\/ may not import machines\/auth\/ \(imports go downwards only/,
    ],
    [
      'one flow importing another',
      {
        'src/machines/password/index.ts':
          "import { phone } from '../phone-login/index.js';\nexport const pw = phone;\n",
      },
      /machines\/password\/ may not import machines\/phone-login\/ \(peers may not import each other/,
    ],
    [
      'a door skipped',
      {
        'src/machines/flow-kit/index.ts':
          "import { core } from '../core/inner.js';\nexport const kit = core;\n",
        'src/machines/core/inner.ts': 'export const core = 1;\n',
      },
      /import machines\/core\/ through its index\.ts/,
    ],
    [
      'a folder missing from the rule',
      { 'src/machines/stray/index.ts': "import { core } from '../core/index.js';\nexport const s = core;\n" },
      /machines\/stray\/ is not in MACHINE_FOLDERS/,
    ],
    [
      "an adapter reaching into another's files",
      { 'src/adapters/cli/main.ts': "import { file } from '../store/file.js';\nexport const main = file;\n" },
      /import adapters\/store\/ through its index\.ts/,
    ],
    [
      'a layer imported upwards',
      {
        'src/machines/core/index.ts':
          "import { file } from '../../adapters/store/index.js';\nexport const core = file;\n",
      },
      /machines\/ may not import adapters\//,
    ],
  ])('fails on %s', (_what, change, message) => {
    const { code, out } = check('check-layers.mjs', tree({ ...goodMachines, ...change }));
    expect(code).toBe(1);
    expect(out).toMatch(message);
  });
});

describe('check-refs', () => {
  it('fails on a comment naming a file the repository does not hold', () => {
    const { code, out } = check(
      'check-refs.mjs',
      tree({ 'src/a.ts': '/** The rules (see docs/ARCHITECTURE.md). */\nexport const a = 1;\n' }),
    );
    expect(code).toBe(1);
    expect(out).toContain('src/a.ts:1: names docs/ARCHITECTURE.md');
  });

  it('passes once the file exists, and ignores code, URLs and other projects', () => {
    const root = tree({
      'src/a.ts': [
        '/** The rules (docs/ARCHITECTURE.md; core.telegram.org/api/auth). */',
        "const res = { json: () => 'x.json' };",
        '// as mtcute does in its session-connection.ts',
        'export const a = res;',
      ].join('\n'),
      'docs/ARCHITECTURE.md': '# Notes\n',
    });
    const { code, out } = check('check-refs.mjs', root);
    expect(out).toBe('refs ok: every file named in comments and docs exists\n');
    expect(code).toBe(0);
  });
});
