/**
 * npm run bench:experiments — the time targets of `nnlearn experiment` (issue #17),
 * timed on the built CLI as a student runs it (wall clock from spawn, start-up
 * included, --json so the screen costs nothing):
 *   every experiment ≤ 60 s, most (more than half) ≤ 20 s;
 *   every --quick variant ≤ 10 s.
 * Also prints each verdict, so a claim that stopped holding shows here too.
 * Build first (npm run build). ONLY=id,id runs some; SEED=n another seed.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXPERIMENTS } from '../src/experiments/registry.js';

const BIN = join(import.meta.dirname, '..', 'bin', 'nnlearn.js');
const HOME = mkdtempSync(join(tmpdir(), 'nnlearn-bench-experiments-'));
const env = { ...process.env, NNLEARN_HOME: HOME, LANG: 'en_US.UTF-8' };
const SEED = process.env.SEED ?? '1';
const ONLY = process.env.ONLY?.split(',');

function experimentJson(id: string, quick: boolean): Promise<{ seconds: number; holds: boolean | null }> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const args = [BIN, 'experiment', id, '--json', '--seed', SEED, ...(quick ? ['--quick'] : [])];
    const p = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    p.stdout.on('data', (d: Buffer) => (out += d.toString()));
    p.on('close', () => {
      const seconds = (performance.now() - t0) / 1000;
      try {
        resolve({ seconds, holds: (JSON.parse(out) as { verdict: { holds: boolean } }).verdict.holds });
      } catch {
        resolve({ seconds, holds: null });
      }
    });
  });
}

const rows: string[][] = [];
let full20 = 0;
let ok = true;
const list = EXPERIMENTS.filter((e) => !ONLY || ONLY.includes(e.id));
for (const e of list) {
  const q = await experimentJson(e.id, true);
  const f = await experimentJson(e.id, false);
  if (f.seconds <= 20) full20++;
  const pass = q.seconds <= 10 && f.seconds <= 60;
  ok &&= pass;
  const verdict = (h: boolean | null) => (h === null ? 'no report' : h ? 'holds' : 'does not hold');
  rows.push([e.id, `${q.seconds.toFixed(1)} s`, verdict(q.holds), `${f.seconds.toFixed(1)} s`, verdict(f.holds), pass ? 'PASS' : 'FAIL']);
  console.error(`${e.id}: quick ${q.seconds.toFixed(1)} s, full ${f.seconds.toFixed(1)} s`);
}
const head = ['experiment', 'quick (≤ 10 s)', 'quick verdict', 'full (≤ 60 s)', 'full verdict', ''];
const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i])).join('  ');
console.log(line(head));
for (const r of rows) console.log(line(r));
const most = full20 * 2 > list.length;
console.log(`\n${full20} of ${list.length} full runs took ≤ 20 s (target: most) ${most ? 'PASS' : 'FAIL'}; every row within its limits: ${ok ? 'PASS' : 'FAIL'}. Seed ${SEED}.`);
