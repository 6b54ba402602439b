/** Prints CommandResults as text or JSON lines: shared by `nnlearn run` and the piped REPL. */
import type { Lang } from '../i18n/index.js';
import { renderBlocks } from '../view/render-text.js';
import { escapeControls, safeJson } from '../view/sanitize.js';
import type { Theme } from '../view/style.js';
import type { CommandResult } from '../repl/context.js';

export interface PrintOptions {
  lang: Lang;
  json: boolean;
  width: number;
  theme: Theme;
  /** Echo the command above its result (when several run in a row). */
  echo?: string;
}

export function formatResult(r: CommandResult, o: PrintOptions): string {
  // Each medium builds only its own output: the record for --json, the blocks for text.
  if (o.json) return safeJson(r.json());
  const lines = renderBlocks(r.blocks(), { lang: o.lang, width: o.width, theme: o.theme });
  if (o.echo !== undefined) lines.unshift(o.theme.muted(`› ${escapeControls(o.echo, { singleLine: true })}`));
  return lines.join('\n');
}
