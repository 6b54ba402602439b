/**
 * Issue #10: SIGINT and SIGTERM end piped `nnlearn repl` and `nnlearn run` even in
 * the middle of engine work (nothing in these modes installs a handler that would
 * wait for the work to finish). The signal is sent once the first result is out,
 * while the next commands compute.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

const BIN = join(ROOT, 'bin', 'nnlearn.js');
const WORK = ['let big = rand 1000x1000', 'conv big F=20', 'conv big F=20', 'conv big F=20', 'conv big F=20'];

function runUntilFirstResult(args: string[], input: string | null, signal: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null; out: string }> {
  const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LANG: 'en_US.UTF-8', NNLEARN_HOME: mkdtempSync(join(tmpdir(), 'nnlearn-sig-')) };
  const child = spawn(process.execPath, [BIN, ...args], { env, stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  let sent = false;
  child.stdout.setEncoding('utf8').on('data', (d: string) => {
    out += d;
    if (!sent && out.includes('big = tensor')) {
      sent = true;
      child.kill(signal);
    }
  });
  if (input !== null) child.stdin.end(input);
  return new Promise((res) => child.on('close', (code, sig) => res({ code, signal: sig, out })));
}

describe('signals end the line modes at once', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)('piped nnlearn repl: %s during engine work ends it by that signal', async (sig) => {
    const r = await runUntilFirstResult(['repl'], WORK.join('\n') + '\n', sig);
    expect(r.signal).toBe(sig);
  }, 60_000);

  it('nnlearn run: SIGTERM during engine work ends it by that signal', async () => {
    const r = await runUntilFirstResult(['run', ...WORK], null, 'SIGTERM');
    expect(r.signal).toBe('SIGTERM');
  }, 60_000);
});
