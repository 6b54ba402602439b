/**
 * One training run on the terminal, drawn directly rather than through Ink.
 * A frame of coloured half-blocks is ~25 kB of escape codes; Ink re-reads
 * every character of it (grapheme segmentation, a style stack per cell) and
 * took 50–250 ms a frame, which left keys waiting. Here a frame costs its
 * layout (~3 ms) plus the rows that changed since the last one, written at
 * their place on the alternate screen — so keys are answered at once while the
 * worker trains, at up to 15 frames a second.
 *
 * The terminal is put back on every way out: q, Ctrl+C, SIGTERM/SIGHUP, and
 * Ctrl+Z (suspended like any shell program, redrawn on fg).
 *
 * On kitty, iTerm2 and sixel terminals the wrong digits are also sent as real
 * pixels over their half-blocks, each once (images.ts).
 */
import { emitKeypressEvents } from 'node:readline';
import { deflateSync } from 'node:zlib';
import { PassThrough } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { msg, type Lang, type Msg } from '../../i18n/index.js';
import { TrainingClient } from '../../training/loop/client.js';
import type { Frame } from '../../training/loop/frame.js';
import type { TrainOptions } from '../../training/task.js';
import type { Theme } from '../../view/style.js';
import { detectImages, type ImageDetection, type ImageProtocol } from '../../view/images/index.js';
import { ScreenImages } from './images.js';
import { panelCount, trainScreenLines } from './layout.js';
import { initialTrainScreen, trainKey, trainReducer, type KeyInfo, type TrainAction } from './state.js';
import { canvasSession } from './canvas-session.js';
import { MouseFilter } from './mouse-input.js';
import { jobControl } from '../job-control.js';

const ALT_ON = '\u001b[?1049h';
const ALT_OFF = '\u001b[?1049l';
const HIDE = '\u001b[?25l';
const SHOW = '\u001b[?25h';
const CLEAR = '\u001b[2J';

export interface DirectRunOptions {
  id: string;
  options: TrainOptions;
  lang: Lang;
  theme: Theme;
  level: 0 | 1 | 2 | 3;
  /** The run's thread, if already started (it loads while the screen does). */
  client?: TrainingClient;
  /** A run that cannot be built ends the screen before it draws (the command line's run); else its message is shown. */
  refuseEarly?: boolean;
  /** --save NAME: the worker saves when the run ends; leaving before that saves first. */
  save?: string;
  /** nnlearn's version, written into a saved model. */
  version?: string;
  /** Open the draw-a-digit canvas as soon as a digits run is on screen (--pretrained). */
  draw?: boolean;
  /** A word shown under the run from its first frame (where it started from: --pretrained). */
  note?: Msg;
  stdin?: NodeJS.ReadStream;
  stdout?: NodeJS.WriteStream;
  /** Pictures as real pixels with this protocol; default: told from the environment (NNLEARN_IMAGES, TERM…). */
  images?: ImageProtocol;
}

export interface DirectRunResult {
  /** The run could not be built (refuseEarly): why. */
  refused?: Msg;
  /** The last frame shown, for the line printed after the screen closes. */
  last: Frame | null;
  saved?: { name: string; path: string };
  saveError?: Msg;
}

/** A keypress from node:readline as the keys of state.ts. */
export function keyOf(str: string | undefined, key: { name?: string; ctrl?: boolean; meta?: boolean; sequence?: string } | undefined): { ch: string; info: KeyInfo } {
  const name = key?.name;
  const info: KeyInfo = {
    ctrl: key?.ctrl,
    tab: name === 'tab',
    escape: name === 'escape',
    return: name === 'return' || name === 'enter',
    leftArrow: name === 'left',
    rightArrow: name === 'right',
    upArrow: name === 'up',
    downArrow: name === 'down',
  };
  const ch = key?.ctrl && name ? name : name === 'space' ? ' ' : (str ?? '');
  return { ch, info };
}

/** The name "s: save, then leave" gives a model: the run and the minute, e.g. digits-20261205-2231. */
export function defaultModelName(id: string, at: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${id}-${at.getFullYear()}${p(at.getMonth() + 1)}${p(at.getDate())}-${p(at.getHours())}${p(at.getMinutes())}`;
}

export function runDirect(o: DirectRunOptions): Promise<DirectRunResult> {
  const out = o.stdout ?? process.stdout;
  const inp = o.stdin ?? process.stdin;
  let s = { ...initialTrainScreen(o.save ?? null), note: o.note ?? null };
  let shown: string[] = [];
  let drawQueued = false;
  let closed = false;
  const detected: ImageDetection = o.images ? { protocol: o.images } : detectImages(process.env, Boolean(out.isTTY));
  const images = new ScreenImages(detected.protocol, (raw) => deflateSync(raw));

  return new Promise((resolve) => {
    const client = o.client ?? new TrainingClient({ runId: o.id, options: o.options, version: o.version });
    const size = () => ({ width: Math.max(20, out.columns || 80), height: Math.max(8, out.rows || 24) });

    const draw = () => {
      drawQueued = false;
      if (closed || jobs.suspended) return;
      const { width, height } = size();
      const layout = { width, height, lang: o.lang, level: o.level, theme: o.theme };
      const lines = trainScreenLines(s, layout);
      const pics = images.frame(s, layout, lines);
      let buf = pics.before;
      const rows = Math.max(lines.length, shown.length);
      for (let r = 0; r < rows; r++) {
        const line = lines[r] ?? '';
        if (line === shown[r] && !pics.stale.includes(r)) continue;
        buf += images.row(r, line);
      }
      buf += pics.after;
      shown = lines;
      if (buf) out.write(buf);
    };
    const redraw = () => {
      shown = [];
      out.write(images.clear() + CLEAR);
      draw();
    };
    const schedule = () => {
      if (drawQueued) return;
      drawQueued = true;
      setImmediate(draw);
    };
    const dispatch = (a: TrainAction) => {
      s = trainReducer(s, a);
      schedule();
    };
    const canvas = canvasSession({ client, out, size, lang: o.lang, get: () => s, dispatch });

    const enter = () => {
      out.write(ALT_ON + HIDE + CLEAR);
      canvas.resumeMouse();
      if (inp.isTTY) inp.setRawMode(true);
      inp.resume();
    };
    const restore = () => {
      try {
        if (inp.isTTY) inp.setRawMode(false);
      } catch {
        // stdin already closed: nothing to restore.
      }
      canvas.releaseMouse();
      out.write(images.clear() + SHOW + ALT_OFF);
    };

    let saved: { name: string; path: string } | undefined;
    let saveError: Msg | undefined;
    /** Leaving with --save before the run's end: save first, then leave (whatever the answer). */
    let leaving = false;
    const saveThenLeave = (name: string) => {
      leaving = true;
      dispatch({ type: 'note', note: msg(`Saving as ${name}…`, `正在保存为 ${name}…`) });
      client.save(name);
    };
    const leave = () => {
      if (o.save === undefined || s.frame === null || s.frame.done || saved || leaving) return finish({ last: s.frame });
      saveThenLeave(o.save);
    };
    const finish = (r: DirectRunResult) => {
      if (closed) return;
      r = { ...r, saved, saveError };
      closed = true;
      client.close();
      keys.off('keypress', onKey);
      inp.off('data', onData);
      mouse.flush();
      out.off('resize', redraw);
      jobs.detach();
      restore();
      inp.pause();
      resolve(r);
    };

    const onKey = (str: string | undefined, key: { name?: string; ctrl?: boolean }) => {
      const { ch, info } = keyOf(str, key);
      if (info.ctrl && ch === 'z') return jobs.suspend();
      if (s.canvas && !s.help && !(info.ctrl && (ch === 'c' || ch === 'd')) && canvas.key(ch, info)) return;
      const intent = trainKey(s, ch, info);
      switch (intent?.do) {
        case 'control':
          return client.send(intent.control);
        case 'inspect':
          dispatch({ type: 'inspect', move: intent.move });
          return intent.control && client.send(intent.control);
        case 'help':
          return dispatch({ type: 'help' });
        case 'panel': {
          const { width, height } = size();
          return dispatch({ type: 'panel', panels: panelCount(s.frame, width, height) });
        }
        case 'ask-quit':
          // Nothing to lose once it is done, or when it never started.
          if (!s.frame || s.frame.done || s.error) return leave();
          return dispatch({ type: 'confirm-quit', on: true });
        case 'stay':
          return dispatch({ type: 'confirm-quit', on: false });
        case 'quit':
          return leave();
        case 'save-quit':
          return leaving ? undefined : saveThenLeave(defaultModelName(o.id, new Date()));
        case 'canvas':
          // One overlay at a time: the canvas replaces an open step inspector (i brings it back).
          if (s.inspect) dispatch({ type: 'inspect', move: 'close' });
          return canvas.open();
      }
    };

    client.listen({
      frame: (frame) => {
        dispatch({ type: 'frame', frame });
        canvas.frame(o.draw === true);
      },
      epoch: () => undefined,
      inspect: (detail) => dispatch({ type: 'detail', detail }),
      done: (frame) => dispatch({ type: 'frame', frame }),
      error: (error) => {
        if (!s.frame && o.refuseEarly) return finish({ refused: error, last: null });
        dispatch({ type: 'error', error });
      },
      saved: (name, path) => {
        saved = { name, path };
        if (leaving) return finish({ last: s.frame });
        dispatch({ type: 'note', note: msg(`Saved as ${name}.`, `已保存为 ${name}。`) });
      },
      saveFailed: (error) => {
        saveError = error;
        if (leaving) return finish({ last: s.frame });
        dispatch({ type: 'error', error });
      },
      prediction: (p) => canvas.answer(p),
    });
    // Keys reach readline's parser through a filter that takes the mouse's reports out first
    // (readline would split them into stray keys); the reports go to the canvas.
    const keys = new PassThrough();
    const decoder = new StringDecoder('utf8');
    const mouse = new MouseFilter((text) => keys.write(text), (e) => canvas.mouse(e));
    const onData = (d: Buffer | string) => mouse.write(typeof d === 'string' ? d : decoder.write(d));
    emitKeypressEvents(keys);
    keys.on('keypress', onKey);
    inp.on('data', onData);
    out.on('resize', redraw);
    const jobs = jobControl({ enter, restore, redraw, finish: () => finish({ last: s.frame }) });
    enter();
    if (detected.problem) dispatch({ type: 'note', note: detected.problem });
    draw();
  });
}
