/**
 * An experiment on the terminal, live: its runs train in a worker thread
 * (src/experiments/client.ts) and the screen redraws their curves side by side
 * as frames arrive, drawn directly on the alternate screen as the training
 * screen is (only the rows that changed are written). When every run is done
 * the verdict stays on screen; `r` runs it again with the next seed (an unlucky
 * seed shows as it is). The terminal is put back on every way out: q, Esc,
 * Ctrl+C, SIGTERM/SIGHUP, Ctrl+Z (redrawn on fg).
 */
import { emitKeypressEvents } from 'node:readline';
import { msg, type Lang } from '../../i18n/index.js';
import { ExperimentClient } from '../../experiments/client.js';
import { findExperiment } from '../../experiments/registry.js';
import type { Block } from '../../view/blocks.js';
import { colorLevel, makeTheme } from '../../view/style.js';
import { jobControl } from '../job-control.js';
import { experimentScreenLines, type ExperimentScreenState } from './layout.js';

const ALT_ON = '\u001b[?1049h';
const ALT_OFF = '\u001b[?1049l';
const HIDE = '\u001b[?25l';
const SHOW = '\u001b[?25h';
const CLEAR = '\u001b[2J';
const at = (row: number) => `\u001b[${row + 1};1H\u001b[2K`;

/** Which experiment, in which language, and its variant and seed (1 unless given). */
export interface OpenExperiment {
  id: string;
  lang: Lang;
  quick?: boolean;
  seed?: number;
}

export interface ExperimentScreenOptions extends OpenExperiment {
  stdin?: NodeJS.ReadStream;
  stdout?: NodeJS.WriteStream;
}

let open = false;

/** True while the experiment screen has the terminal (on the alternate screen): a signal handler leaves it first. */
export function experimentScreenOpen(): boolean {
  return open;
}

/** Runs the experiment on screen until she leaves; returns the verdict (or where it got to) as blocks. */
export function runExperimentScreen(o: ExperimentScreenOptions): Promise<Block[]> {
  const found = findExperiment(o.id);
  if (!found.ok) return Promise.resolve([{ kind: 'error', text: found.error }]);
  const out = o.stdout ?? process.stdout;
  const inp = o.stdin ?? process.stdin;
  const theme = makeTheme(colorLevel());
  const quick = o.quick ?? false;
  let s: ExperimentScreenState = { def: found.def, seed: o.seed ?? 1, quick, frame: null, report: null, error: null };
  let shown: string[] = [];
  let queued = false;
  let closed = false;
  let client: ExperimentClient | null = null;

  return new Promise((resolve) => {
    const size = () => ({ width: Math.max(20, out.columns || 80), height: Math.max(8, out.rows || 24) });
    const draw = () => {
      queued = false;
      if (closed || jobs.suspended) return;
      const lines = experimentScreenLines(s, { ...size(), lang: o.lang, theme });
      let buf = '';
      for (let r = 0; r < Math.max(lines.length, shown.length); r++) if (lines[r] !== shown[r]) buf += at(r) + (lines[r] ?? '');
      shown = lines;
      if (buf) out.write(buf);
    };
    const schedule = () => {
      if (queued) return;
      queued = true;
      setImmediate(draw);
    };
    const redraw = () => {
      shown = [];
      out.write(CLEAR);
      draw();
    };
    const start = () => {
      client?.close();
      client = new ExperimentClient(
        { id: o.id, seed: s.seed, quick },
        {
          frame: (frame) => {
            s = { ...s, frame };
            schedule();
          },
          done: (frame, report) => {
            s = { ...s, frame, report };
            schedule();
          },
          error: (error) => {
            s = { ...s, error };
            schedule();
          },
        },
      );
    };

    const enter = () => {
      open = true;
      out.write(ALT_ON + HIDE + CLEAR);
      if (inp.isTTY) inp.setRawMode(true);
      inp.resume();
    };
    const restore = () => {
      try {
        if (inp.isTTY) inp.setRawMode(false);
      } catch {
        // stdin already closed: nothing to restore.
      }
      out.write(SHOW + ALT_OFF);
      open = false;
    };
    const finish = () => {
      if (closed) return;
      closed = true;
      client?.close();
      inp.off('keypress', onKey);
      out.off('resize', redraw);
      jobs.detach();
      restore();
      inp.pause();
      resolve(leftBlocks(s));
    };
    const onKey = (str: string | undefined, key: { name?: string; ctrl?: boolean } | undefined) => {
      const name = key?.name;
      if (key?.ctrl && name === 'z') return jobs.suspend();
      if ((key?.ctrl && (name === 'c' || name === 'd')) || name === 'escape' || str === 'q' || str === 'Q') return finish();
      if ((str === 'r' || str === 'R') && (s.report || s.error)) {
        s = { ...s, seed: s.seed + 1, frame: null, report: null, error: null };
        start();
        schedule();
      }
    };

    emitKeypressEvents(inp);
    inp.on('keypress', onKey);
    out.on('resize', redraw);
    const jobs = jobControl({ enter, restore, redraw, finish });
    enter();
    start();
    draw();
  });
}

/** What is printed after the screen closes: the verdict, or how far the runs got. */
function leftBlocks(s: ExperimentScreenState): Block[] {
  if (s.error) return [{ kind: 'error', text: s.error }];
  const title = s.def.title;
  if (s.report) {
    const v = s.report.verdict;
    return [
      { kind: 'text', tone: v.holds ? 'ok' : 'warn', text: msg(`${title.en} (seed ${s.seed}): ${v.holds ? 'the claim holds' : 'these runs do not bear the claim out'}.`, `${title.zh}（种子 ${s.seed}）：${v.holds ? '结论成立' : '这次的运行没有证实这个结论'}。`) },
      { kind: 'text', text: v.text },
    ];
  }
  const runs = s.frame?.runs ?? [];
  const done = runs.filter((r) => r.done).length;
  return [{ kind: 'text', text: msg(`Left ${title.en} before the verdict (${done} of ${runs.length} runs finished).`, `在得出结论之前离开了「${title.zh}」（${runs.length} 个训练中完成了 ${done} 个）。`) }];
}

