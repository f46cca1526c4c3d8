/** A fresh temp directory per test file, removed afterwards. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

export function tempDir(prefix: string): () => string {
  const dir = mkdtempSync(join(tmpdir(), `tgauth-${prefix}-`));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  let n = 0;
  return () => join(dir, `session-${n++}`);
}
