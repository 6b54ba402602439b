#!/usr/bin/env node
// Thin shim: the real program is the bundled CLI built by `npm install` (prepare).
import('../dist/cli.js').catch((err) => {
  if (err && err.code === 'ERR_MODULE_NOT_FOUND' && String(err.message).includes('dist/cli.js')) {
    console.error('nnlearn is not built yet: run `npm install` (or `npm run build`) in its folder first.');
    process.exit(1);
  }
  throw err;
});
