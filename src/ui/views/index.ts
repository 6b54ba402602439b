import type { Lang } from '../../i18n/index.js';
import type { Theme } from '../style.js';
import type { VisualBlock } from './types.js';

export interface ViewOptions {
  lang: Lang;
  width: number;
  theme: Theme;
}

/** Draws one visual block as lines of text no wider than opts.width. */
export function renderVisual(_b: VisualBlock, _opts: ViewOptions): string[] {
  return [];
}
