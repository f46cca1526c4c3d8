#!/usr/bin/env node
// The published CLI runs the compiled code; in the repository, `npm start` / `npm run sim` use tsx.
// A clone builds dist/ in `npm install` (the `prepare` script); if it is missing anyway, say how to
// make it instead of printing a module-resolution stack trace.
try {
  await import('../dist/adapters/cli/main.js');
} catch (error) {
  const missing =
    error?.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes('dist/adapters/cli/main.js');
  if (!missing) throw error;
  process.stderr.write('tgauth: dist/ is missing: run `npm run build` in the tgauth folder first\n');
  process.exitCode = 1;
}
