#!/usr/bin/env node
// The published CLI runs the compiled code; in the repository, `npm start` / `npm run sim` use tsx.
import '../dist/adapters/cli/main.js';
