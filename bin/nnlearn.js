#!/usr/bin/env node
// Thin shim: the real program is the bundled CLI built by `npm install` (prepare).
import { setFlagsFromString } from 'node:v8';

// Node 24's V8 compiles baseline (Sparkplug) code on a helper thread; Node 20 and 22 do it on the main
// thread. When such a compile needs a garbage collection just as the process exits, the helper waits
// for the main thread to collect while the main thread waits for the helper to finish: the process has
// printed everything and never ends (nodejs/node#54918). Compiling on the main thread, as Node 20 and
// 22 do, removes the wait; V8 reads this flag at each compile, so it holds for everything loaded after.
setFlagsFromString('--no-concurrent-sparkplug');

import('../dist/cli.js').catch((err) => {
  if (err && err.code === 'ERR_MODULE_NOT_FOUND' && String(err.message).includes('dist/cli.js')) {
    console.error('nnlearn is not built yet: run `npm install` (or `npm run build`) in its folder first.');
    process.exit(1);
  }
  throw err;
});
