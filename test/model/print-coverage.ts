/** `tsx test/model/print-coverage.ts`: prints the model suite's coverage table (after the replay tests ran). */
import { main } from './coverage-report.js';

main();
