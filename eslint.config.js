// Lint: TypeScript rules plus the layering of ../shared/DESIGN.md.
// crypto <- tl <- transport <- machines <- adapters; simulator -> crypto, tl, transport.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const layers = ['crypto', 'tl', 'transport', 'machines', 'adapters', 'simulator'];
/** Which layers each layer may NOT import. */
const forbidden = {
  crypto: ['tl', 'transport', 'machines', 'adapters', 'simulator'],
  tl: ['transport', 'machines', 'adapters', 'simulator'],
  transport: ['machines', 'adapters', 'simulator'],
  machines: ['adapters', 'simulator'],
  adapters: [],
  simulator: ['machines', 'adapters'],
};
const layerPatterns = (names) =>
  names.flatMap((n) => [`**/${n}`, `**/${n}/**`, `../${n}`, `../${n}/**`, `../../${n}/**`, `../../${n}`]);

/** Platform APIs that only adapters/ may touch. */
const platformGlobals = ['Buffer', 'WebSocket', 'indexedDB', 'setTimeout', 'setInterval', 'clearTimeout', 'clearInterval', 'setImmediate', 'process', 'require'].map(
  (name) => ({ name, message: `${name} is platform-specific: put it behind a port in adapters/` }),
);

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'src/tl/generated/**', 'bench/thirdparty/**', 'examples/**/dist/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  { languageOptions: { globals: { ...globals.node, ...globals.browser } } },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-constant-condition': ['error', { checkLoops: false }],
    },
  },
  ...layers
    .filter((l) => l !== 'adapters')
    .map((layer) => ({
      files: [`src/${layer}/**/*.ts`],
      rules: {
        'no-restricted-imports': [
          'error',
          {
            patterns: [
              { group: layerPatterns(forbidden[layer]), message: `DESIGN.md: ${layer}/ must not import these layers` },
              { group: ['node:*'], message: 'platform module: only adapters/ may import it' },
            ],
            paths: ['fs', 'net', 'crypto', 'zlib', 'os', 'path', 'ws', 'better-sqlite3'].map((name) => ({
              name,
              message: 'platform module: only adapters/ may import it',
            })),
          },
        ],
        'no-restricted-globals': ['error', ...platformGlobals],
      },
    })),
);
