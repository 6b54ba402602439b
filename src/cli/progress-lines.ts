/**
 * Lines a command writes while it still runs (the REPL's `train`: one per
 * epoch), for `nnlearn run` and the piped REPL. The command's echo goes
 * first, so the lines sit under the command they belong to; under --json only
 * the lines that carry a record are written (a header is for people).
 */
import type { ReplContext } from '../repl/context.js';
import { escapeControls, safeJson } from '../view/sanitize.js';
import type { Theme } from '../view/style.js';

export interface ProgressPrinter {
  /** Before each command: a blank line to put first (between results), and the echo to show above its lines. */
  begin(o: { blank?: boolean; echo?: string }): void;
  /** Whether the current command has written anything yet (then its result follows without echo or blank line). */
  started(): boolean;
  write: NonNullable<ReplContext['progress']>;
}

export function progressPrinter(o: { json: boolean; theme: Theme; write: (line: string) => void }): ProgressPrinter {
  let lead: { blank?: boolean; echo?: string } = {};
  let started = false;
  return {
    begin(next) {
      lead = next;
      started = false;
    },
    started: () => started,
    write(p) {
      if (o.json && !p.json) return;
      if (!started) {
        started = true;
        if (lead.blank) o.write('');
        if (lead.echo !== undefined && !o.json) o.write(o.theme.muted(`› ${escapeControls(lead.echo, { singleLine: true })}`));
      }
      o.write(o.json ? safeJson(p.json) : p.text);
    },
  };
}
