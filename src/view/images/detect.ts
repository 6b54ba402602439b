/**
 * Which image protocol the terminal speaks, from its environment (passed in:
 * pure). Terminals are not asked (that would need a reply on stdin, read
 * before the screen starts); the variables they set are what they document:
 *  - kitty sets KITTY_WINDOW_ID and TERM=xterm-kitty; Ghostty speaks kitty's
 *    protocol and sets TERM=xterm-ghostty, TERM_PROGRAM=ghostty;
 *  - iTerm2 sets TERM_PROGRAM=iTerm.app and LC_TERMINAL=iTerm2 (the latter
 *    passes through ssh); WezTerm (TERM_PROGRAM=WezTerm) shows iTerm2's
 *    inline images — its kitty support is partial, so iTerm2's it is;
 *  - sixel: foot (TERM=foot, foot-extra), mlterm (TERM=mlterm…, or MLTERM set:
 *    its default TERM is xterm), and any TERM that says "sixel".
 * NNLEARN_IMAGES=kitty|iterm|sixel|none overrides all of it.
 */
import { msg, type Msg } from '../../i18n/index.js';

export type ImageProtocol = 'kitty' | 'iterm' | 'sixel' | 'none';
export const IMAGE_PROTOCOLS: readonly ImageProtocol[] = ['kitty', 'iterm', 'sixel', 'none'];

export interface ImageDetection {
  protocol: ImageProtocol;
  /** NNLEARN_IMAGES had a value that is none of the four: what it was and what would work. */
  problem?: Msg;
}

type Env = Readonly<Record<string, string | undefined>>;

function guess(env: Env): ImageProtocol {
  const term = (env.TERM ?? '').toLowerCase();
  const program = env.TERM_PROGRAM ?? '';
  // Inside tmux or screen the variables above describe the terminal outside, but the
  // images would have to pass through the multiplexer: tmux drops kitty's and iTerm2's
  // codes unless allow-passthrough is on (and then they stay put when panes move or
  // windows switch), screen drops them, and tmux passes sixel only when built for it.
  // Text is always right there, so half-blocks it is unless NNLEARN_IMAGES says otherwise.
  if (env.TMUX || env.STY || term.startsWith('screen') || term.startsWith('tmux')) return 'none';
  if (env.KITTY_WINDOW_ID || term === 'xterm-kitty' || term === 'xterm-ghostty' || program.toLowerCase() === 'ghostty') return 'kitty';
  if (program === 'iTerm.app' || env.LC_TERMINAL === 'iTerm2' || program === 'WezTerm') return 'iterm';
  if (term.startsWith('foot') || term.startsWith('mlterm') || env.MLTERM || term.includes('sixel')) return 'sixel';
  return 'none';
}

/** The protocol to draw images with; `isTTY` false (output to a file or a pipe) → none. */
export function detectImages(env: Env, isTTY: boolean): ImageDetection {
  const forced = env.NNLEARN_IMAGES;
  if (forced !== undefined && forced.trim() !== '') {
    const v = forced.trim().toLowerCase() as ImageProtocol;
    if (IMAGE_PROTOCOLS.includes(v)) return { protocol: isTTY ? v : 'none' };
    // One line of the screen (its note line), so short: the value (cut), what works, what happens meanwhile.
    const shown = JSON.stringify(forced.length > 10 ? `${forced.slice(0, 8)}…` : forced);
    return {
      protocol: 'none',
      problem: msg(
        `NNLEARN_IMAGES=${shown} is not kitty, iterm, sixel or none: digits as text.`,
        `NNLEARN_IMAGES=${shown} 不是 kitty、iterm、sixel、none 之一，数字用文字画。`,
      ),
    };
  }
  if (!isTTY) return { protocol: 'none' };
  return { protocol: guess(env) };
}
