/**
 * <Stepper>: the sliding-window stepper in the Ink REPL. ←/→ (or h/l) and
 * space step, Home/End (or g/G) jump to the first/last window, `a` plays and
 * pauses (a timer steps every intervalMs), q, Esc, Ctrl+C or Ctrl+D leaves (onExit). All the
 * logic is the pure reducer (state.ts) and frame renderer (frame.ts).
 */
import { Box, Text, useInput, useStdout } from 'ink';
import { useEffect, useReducer, useState } from 'react';
import { msg, tr, type Lang } from '../i18n/index.js';
import type { Theme } from '../view/style.js';
import { renderStepperFrame, STEPPER_MAX_WIDTH, type StepperData } from '../view/stepper/frame.js';
import { initStepper, stepperReducer, type StepperConfig } from '../view/stepper/state.js';
import { isLeaveKey } from './leave-keys.js';
import { wrapPlain } from '../view/layout.js';

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
  /** conv: every filter of the layer (f/F switch between them); `data` is filter `filter`. */
  filters?: readonly StepperData[];
  filter?: number;
  /** Called on q / Esc / Ctrl+C / Ctrl+D. */
  onExit: () => void;
}

export function Stepper({ config, data, lang, theme, width, intervalMs = 700, precision, autoPlay = false, filters, filter = 0, onExit }: StepperProps) {
  // Which filter and which input channel are drawn: the window position is kept when they change.
  const [k, setK] = useState(filter);
  const [channel, setChannel] = useState(0);
  const shown = filters?.[k] ?? data;
  const K = filters?.length ?? 1;
  const C = shown.channels ?? 1;
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
    if (isLeaveKey(input, key)) return onExit();
    if (key.rightArrow || input === ' ' || input === 'l') return dispatch({ type: 'next' });
    if (key.leftArrow || input === 'h') return dispatch({ type: 'prev' });
    if (key.home || input === 'g') return dispatch({ type: 'first' });
    if (key.end || input === 'G') return dispatch({ type: 'last' });
    if (input === 'a') return dispatch({ type: 'toggle' });
    if (K > 1 && input === 'f') return setK((v) => (v + 1) % K);
    if (K > 1 && input === 'F') return setK((v) => (v + K - 1) % K);
    if (C > 1 && input === 'c') return setChannel((v) => (v + 1) % C);
    if (C > 1 && input === 'C') return setChannel((v) => (v + C - 1) % C);
  });

  const cols = Math.min(STEPPER_MAX_WIDTH, width ?? (stdout.columns || 80));
  const lines = renderStepperFrame(state, shown, { lang, width: cols, theme, precision, channel });
  const extra = [K > 1 ? msg(' · f/F: next/previous filter', ' · f/F：下一个/上一个滤波器') : null, C > 1 ? msg(' · c/C: next/previous channel', ' · c/C：下一个/上一个通道') : null].filter((m) => m !== null);
  const help = tr(
    lang,
    msg(
      `←/→/space: step · a: play · g/G: first/last${extra.map((m) => m.en).join('')} · q, Esc, Ctrl+C or Ctrl+D: leave`,
      `←/→ 或空格：单步 · a：播放/暂停 · g/G：第一个/最后一个${extra.map((m) => m.zh).join('')} · q、Esc、Ctrl+C 或 Ctrl+D：退出`,
    ),
  );
  return (
    <Box flexDirection="column">
      <Text>{lines.join('\n')}</Text>
      <Text>{wrapPlain(help, cols, '  ').map((l) => theme.muted(l)).join('\n')}</Text>
    </Box>
  );
}
