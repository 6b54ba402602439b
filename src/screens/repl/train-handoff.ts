/**
 * The REPL's `train` in the interactive REPL: the run the command checked (in
 * the REPL's worker) opens on the live training screen (runDirect, the screen
 * of `nnlearn train ID`), and what is left when she leaves it is a line saying
 * where the run got to, for the REPL to print above her prompt. The caller
 * (ReplApp) lends the terminal and keeps Ink from drawing meanwhile.
 */
import { msg, type Lang } from '../../i18n/index.js';
import type { TrainRequest } from '../../repl/training-service.js';
import type { Block } from '../../view/blocks.js';

let open = false;

/** True while the training screen has the terminal (on the alternate screen): a signal handler leaves it first. */
export function trainingScreenOpen(): boolean {
  return open;
}

export async function openTrainingScreen(run: TrainRequest & { id: string }, o: { lang: Lang; version: string }): Promise<Block[]> {
  const [{ parseTrainOptions }, { TrainingClient }, { runDirect }, { leftAt, SHIPPED }, { colorLevel, makeTheme }] = await Promise.all([
    import('../../training/runs/options.js'),
    import('../../training/loop/client.js'),
    import('../train/direct-run.js'),
    import('../train/start.js'),
    import('../../view/style.js'),
  ]);
  // Checked already in the REPL's worker; parsed again here, where the run's thread starts.
  const parsed = parseTrainOptions(run.options);
  if (!parsed.ok) return [{ kind: 'error', text: parsed.error }];
  const options = { ...parsed.options, lang: o.lang };
  const level = colorLevel();
  const pretrained = run.pretrained === true;
  const client = new TrainingClient({ runId: run.id, options, load: run.load, pretrained, save: run.save, version: o.version });
  open = true;
  let r;
  try {
    r = await runDirect({ id: run.id, options, lang: o.lang, theme: makeTheme(level), level, client, refuseEarly: true, save: run.save, version: o.version, ...(pretrained ? { draw: true, note: SHIPPED } : {}) });
  } finally {
    open = false;
  }
  if (r.refused) return [{ kind: 'error', text: r.refused }];
  const blocks: Block[] = [];
  if (r.last) blocks.push({ kind: 'text', tone: 'ok', text: leftAt(r.last, o.lang) });
  if (r.saved) blocks.push({ kind: 'text', text: msg(`Saved as ${r.saved.name}: ${r.saved.path}`, `已保存为 ${r.saved.name}：${r.saved.path}`) });
  if (r.saveError) blocks.push({ kind: 'error', text: r.saveError });
  return blocks;
}
