/**
 * nnlearn train on a terminal: the menu of runs (no id), then a run on the
 * live screen; leaving a run opened from the menu comes back to the menu. A
 * run given on the command line that cannot be built (a CSV's bad row, a --net
 * that does not fit the data) closes the screen before it shows anything and
 * leaves its message on stderr with exit code 1, as in a pipe.
 */
import { msg, tr, type Lang } from '../../i18n/index.js';
import { fmtInt } from '../../i18n/numbers.js';
import type { TrainingClient } from '../../training/loop/client.js';
import type { Frame } from '../../training/loop/frame.js';
import type { TrainOptions } from '../../training/task.js';
import { colorLevel, makeTheme } from '../../view/style.js';
import { runDirect } from './direct-run.js';

/** The line left on the terminal after a run's screen closes: where it got to. */
export function leftAt(f: Frame, lang: Lang): string {
  const acc = f.history.at(-1)?.test_accuracy;
  const pct = acc !== undefined && Number.isFinite(acc) ? `${(acc * 100).toFixed(1)}%` : '—';
  const how = f.done ? msg('done', '已完成') : msg('stopped', '已停止');
  return tr(
    lang,
    msg(
      `${tr('en', f.info.title)}: ${tr('en', how)} at epoch ${f.epoch}/${f.info.epochs}, step ${fmtInt(f.stepsDone)}; test accuracy ${pct}.`,
      `${tr('zh', f.info.title)}：${tr('zh', how)}，第 ${f.epoch}/${f.info.epochs} 轮，第 ${fmtInt(f.stepsDone)} 步；测试准确率 ${pct}。`,
    ),
  );
}

/** The menu (Ink, loaded only here: a run named on the command line starts without Ink or React). */
async function chooseRun(lang: Lang, cursor: number): Promise<{ index: number; id: string } | null> {
  const { chooseRunInMenu } = await import('./TrainMenu.js');
  return chooseRunInMenu(lang, cursor);
}

/** What the screen says under a run that started from a shipped model (the worker loaded it; the CLI checked it exists). */
export const SHIPPED = msg('Started from the model that ships with nnlearn; training goes on from it.', '从 nnlearn 自带的模型开始，并在它的基础上继续训练。');

/**
 * `pretrained`: the run starts from the model that ships with nnlearn (its worker, `client`, was
 * started with it). Passed here so `digits --pretrained` can open the draw-a-digit canvas at
 * start (DirectRunOptions.draw): a student who asks for the trained LeNet wants to draw at once.
 */
export async function openTrainScreen(o: { id?: string; options: TrainOptions; lang: Lang; client?: TrainingClient; save?: string; version?: string; pretrained?: boolean }): Promise<number> {
  const level = colorLevel();
  const theme = makeTheme(level);
  let code = 0;
  let cursor = 0;
  for (let first = true; ; first = false) {
    let id = o.id;
    if (id === undefined) {
      const pick = await chooseRun(o.lang, cursor);
      if (pick === null) break;
      cursor = pick.index;
      id = pick.id;
    }
    const r = await runDirect({ id, options: o.options, lang: o.lang, theme, level, client: first ? o.client : undefined, refuseEarly: o.id !== undefined, save: first ? o.save : undefined, version: o.version, ...(first && o.pretrained ? { draw: true, note: SHIPPED } : {}) });
    if (r.refused) {
      process.stderr.write(tr(o.lang, r.refused) + '\n');
      code = 1;
    } else if (r.last) {
      process.stdout.write(leftAt(r.last, o.lang) + '\n');
      if (r.saved) process.stdout.write(tr(o.lang, msg(`Saved as ${r.saved.name}: ${r.saved.path}`, `已保存为 ${r.saved.name}：${r.saved.path}`)) + '\n');
      if (r.saveError) process.stderr.write(tr(o.lang, r.saveError) + '\n');
    }
    if (o.id !== undefined) break;
  }
  // Ink and the worker can keep the event loop alive for a moment: leave now.
  process.exit(code);
}
