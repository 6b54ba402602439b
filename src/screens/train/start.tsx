import type { Lang } from '../../i18n/index.js';
import type { TrainOptions } from '../../training/task.js';
import { colorLevel, makeTheme } from '../../view/style.js';
import { runScreen } from '../run-screen.js';
import { TrainApp } from './TrainApp.js';

/** The live training screen (a terminal at both ends): the menu without an id, else the run. */
export async function openTrainScreen(o: { id?: string; options: TrainOptions; lang: Lang }): Promise<number> {
  const level = colorLevel();
  return runScreen(<TrainApp id={o.id} options={o.options} lang={o.lang} theme={makeTheme(level)} level={level} />);
}
