/** Child process for the lock tests: opens a file store, prints "locked", waits to be killed. */
import { fileStore } from '../../../src/adapters/store/index.js';

const path = process.argv[2] as string;
fileStore(path);
process.stdout.write('locked\n');
setInterval(() => undefined, 1000);
