import { msg, tr, type Msg } from '../i18n/index.js';
import { engineChoice } from '../engine/backend-choice.js';
import { langFromEnv } from './lang.js';
import { buildProgram, helpLang } from './program.js';
import { escapeStreamControls } from '../view/sanitize.js';

// Messages on stderr quote what was typed (a lesson id, a file name, an option): never let a terminal obey it.
escapeStreamControls(process.stderr);

// A bug must not dump a minified bundle at the student: one clear line, the details on request.
function fail(err: unknown): void {
  const e = err as Error;
  if (e?.name === 'StateFileError' || e?.name === 'SaveError' || e?.name === 'LockBusyError') {
    // A saved-state problem the student can fix (a full disk, a link in place of a file): say it plainly, no "internal error".
    const detail = (e as Error & { detail?: Msg }).detail;
    process.stderr.write(`nnlearn: ${detail ? tr(langFromEnv(), detail) : e.message}\n`);
    process.exit(1);
  }
  process.stderr.write(`nnlearn: internal error: ${e?.message ?? String(err)}\n`);
  if (process.env.NNLEARN_DEBUG) process.stderr.write(`${e?.stack ?? ''}\n`);
  // True because every save replaces its file only once complete and synced (src/storage/atomic-write.ts).
  else process.stderr.write('(set NNLEARN_DEBUG=1 for details; what was saved before this error is safe)\n');
  process.exit(70);
}
// `nnlearn lesson --plain | head`: the reader left; stop quietly, as Unix tools do.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
    fail(e);
  });
}
process.on('uncaughtException', fail);
process.on('unhandledRejection', fail);

// A misspelt NNLEARN_ENGINE must not pass unnoticed: say what it was and what it can be.
const unknownEngine = engineChoice(process.env.NNLEARN_ENGINE).unknown;
if (unknownEngine !== undefined) {
  const shown = JSON.stringify(unknownEngine);
  process.stderr.write(
    'nnlearn: ' +
      tr(
        helpLang(process.argv.slice(2)),
        msg(
          `NNLEARN_ENGINE=${shown} is not a back end; use wasm (the default: WebAssembly SIMD kernels) or js (the TypeScript path). Using wasm.`,
          `NNLEARN_ENGINE=${shown} 不是可用的后端；请用 wasm（默认：WebAssembly SIMD 内核）或 js（TypeScript 实现）。现在使用 wasm。`,
        ),
      ) +
      '\n',
  );
}

await buildProgram(helpLang(process.argv.slice(2))).parseAsync(process.argv);
