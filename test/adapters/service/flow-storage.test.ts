import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPgDriver } from '../../../src/adapters/service/storage/pg-driver.js';
import { openSqliteDriver } from '../../../src/adapters/service/storage/sqlite-driver.js';
import { FlowStorage } from '../../../src/adapters/service/storage/flow-storage.js';
import { postgresUnavailable, startPostgres, type PostgresCluster } from '../../helpers/postgres-cluster.js';
import { flowStorageSuite } from './flow-storage.suite.js';

describe('flow storage on SQLite (a real file)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tgauth-flows-'));
  let n = 0;
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  // Each fresh database is a new file; the migration test opens the same file twice.
  let current = '';
  flowStorageSuite(async () => {
    if (!current || n++ % 2 === 1) current = join(dir, `db-${n}.sqlite`);
    return openSqliteDriver(current);
  });
});

const skip = postgresUnavailable();
describe.skipIf(skip !== undefined)('flow storage on PostgreSQL (a real server)', () => {
  let cluster: PostgresCluster;
  let db = 0;
  const databases: string[] = [];
  beforeAll(async () => {
    cluster = await startPostgres();
  }, 120_000);
  afterAll(() => cluster?.stop());
  // Each fresh storage is a new database on the cluster; the migration test opens the same one twice.
  let current = '';
  flowStorageSuite(async () => {
    if (!current || db % 2 === 0) {
      const admin = await openPgDriver(cluster.url);
      current = `t${databases.length}`;
      databases.push(current);
      await admin.run(`CREATE DATABASE ${current}`);
      await admin.close();
    }
    db++;
    return openPgDriver(cluster.url.replace(/\/postgres$/, `/${current}`));
  });

  it('wakes a listener in another connection when a command is queued', async () => {
    const a = await FlowStorage.open(await openPgDriver(cluster.url));
    const b = await FlowStorage.open(await openPgDriver(cluster.url));
    const got = new Promise<string>((resolve) => void b.onCommand(resolve));
    await new Promise((r) => setTimeout(r, 50)); // LISTEN is issued asynchronously
    await a.notifyCommand('flow-x');
    expect(await got).toBe('flow-x');
    await a.close();
    await b.close();
  });
});
if (skip) console.warn(`skipping PostgreSQL storage tests: ${skip}`);
