/** How the training screen is laid out: the terminal's size, the language, the colour level and theme (its own file so the overlays' layouts need not import the screen's). */
import type { Lang } from '../../i18n/index.js';
import type { Theme } from '../../view/style.js';

export interface TrainLayoutOptions {
  width: number;
  height: number;
  lang: Lang;
  level: 0 | 1 | 2 | 3;
  theme: Theme;
}
