/**
 * <Stepper>: the sliding-window stepper in the Ink REPL. ←/→ (or h/l) and
 * space step, Home/End (or g/G) jump to the first/last window, `a` plays and
 * pauses (a timer steps every intervalMs), q, Esc, Ctrl+C or Ctrl+D leaves (onExit). All the
 * logic is the pure reducer (state.ts) and frame renderer (frame.ts).
 */
import { Box, Text, useInput, useStdout } from 'ink';
import { useEffect, useReducer } from 'react';
import { msg, tr, type Lang } from '../../i18n/index.js';
import type { Theme } from '../style.js';
import { wrapPlain } from '../views/util.js';
import { renderStepperFrame, type StepperData } from './frame.js';
import { initStepper, stepperReducer, type StepperConfig } from './state.js';

export interface StepperProps {
  config: StepperConfig;
  data: StepperData;
  lang: Lang;
  theme: Theme;
  /** Columns to draw in (default: the terminal's, at most 120). */
  width?: number;
  /** Milliseconds between steps while playing (default 700). */
  intervalMs?: number;
  precision?: number;
  /** Start playing at once. */
  autoPlay?: boolean;
  /** Called on q / Esc / Ctrl+C / Ctrl+D. */
  onExit: () => void;
}

export function Stepper({ config, data, lang, theme, width, intervalMs = 700, precision, autoPlay = false, onExit }: StepperProps) {
  const { stdout } = useStdout();
  const [state, dispatch] = useReducer(stepperReducer, config, (c) => {
    const s = initStepper(c);
    return autoPlay ? stepperReducer(s, { type: 'play' }) : s;
  });

  useEffect(() => {
    if (!state.playing) return;
    const timer = setInterval(() => dispatch({ type: 'tick' }), Math.max(16, intervalMs));
    return () => clearInterval(timer);
  }, [state.playing, intervalMs]);

  useInput((input, key) => {
    // q, Esc, Ctrl+C and Ctrl+D all leave, as on every screen (in the REPL: back to the prompt).
    if (input === 'q' || key.escape || (key.ctrl && (input === 'c' || input === 'd'))) return onExit();
    if (key.rightArrow || input === ' ' || input === 'l') return dispatch({ type: 'next' });
    if (key.leftArrow || input === 'h') return dispatch({ type: 'prev' });
    if (key.home || input === 'g') return dispatch({ type: 'first' });
    if (key.end || input === 'G') return dispatch({ type: 'last' });
    if (input === 'a') return dispatch({ type: 'toggle' });
  });

  const cols = Math.min(120, width ?? (stdout.columns || 80));
  const lines = renderStepperFrame(state, data, { lang, width: cols, theme, precision });
  const help = tr(
    lang,
    msg('←/→ or space: step · a: play/pause · g/G: first/last · q, Esc or Ctrl+C: leave', '←/→ 或空格：单步 · a：播放/暂停 · g/G：第一个/最后一个 · q、Esc 或 Ctrl+C：退出'),
  );
  return (
    <Box flexDirection="column">
      <Text>{lines.join('\n')}</Text>
      <Text>{wrapPlain(help, cols, '  ').map((l) => theme.muted(l)).join('\n')}</Text>
    </Box>
  );
}
