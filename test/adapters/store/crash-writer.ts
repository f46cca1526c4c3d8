/**
 * Child process of the crash test: saves session values `from..to` through fileStore, printing
 * each index once its save has resolved (stdout to a pipe is synchronous on POSIX, so a printed
 * index is durably saved). The parent SIGKILLs it at random points.
 */
import { fileStore } from '../../../src/adapters/store/index.js';
import { crashValue } from './crash-value.js';

const [path, from, to] = process.argv.slice(2) as [string, string, string];
const store = fileStore(path);
for (let i = Number(from); i <= Number(to); i++) {
  await store.save(crashValue(i));
  process.stdout.write(`${i}\n`);
}
await store.close();
process.stdout.write('done\n');
