/**
 * Child process for the lock tests: opens a file store, prints "locked", then waits to be killed,
 * or with a second argument "exit" exits at once without closing the store.
 */
import { fileStore } from '../../../src/adapters/store/index.js';

const path = process.argv[2] as string;
fileStore(path);
process.stdout.write('locked\n');
if (process.argv[3] === 'exit') process.exit(0);
setInterval(() => undefined, 1000);
