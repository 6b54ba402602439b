/**
 * nnlearn train on the live screen: the menu of runs (no id), then one run.
 * The run trains in a worker thread (TrainingClient); this thread draws the
 * frames it sends (at most 15 a second) and turns keys into controls, so a
 * key is answered while the network trains. Keys and their meaning live in
 * state.ts, the drawing in layout.ts and menu.ts.
 */
import { Text, useApp, useInput, useStdout } from 'ink';
import { useEffect, useRef, useState } from 'react';
import type { Lang } from '../../i18n/index.js';
import { TrainingClient } from '../../training/loop/client.js';
import type { TrainOptions } from '../../training/task.js';
import type { Theme } from '../../view/style.js';
import { useLiveReducer } from '../use-live-reducer.js';
import { panelCount, trainScreenLines } from './layout.js';
import { menuLines, menuKey, MENU_RUNS } from './menu.js';
import { initialTrainScreen, trainKey, trainReducer } from './state.js';

export interface TrainAppProps {
  id?: string;
  options: TrainOptions;
  lang: Lang;
  theme: Theme;
  level: 0 | 1 | 2 | 3;
}

function useTerminalSize(): { width: number; height: number } {
  const { stdout } = useStdout();
  const [size, setSize] = useState({ width: stdout.columns || 80, height: stdout.rows || 24 });
  useEffect(() => {
    const onResize = () => setSize({ width: stdout.columns || 80, height: stdout.rows || 24 });
    stdout.on('resize', onResize);
    return () => void stdout.off('resize', onResize);
  }, [stdout]);
  return size;
}

function Run({ id, options, lang, theme, level, onLeave }: TrainAppProps & { id: string; onLeave: () => void }) {
  const { width, height } = useTerminalSize();
  const [s, dispatch, live] = useLiveReducer(trainReducer, initialTrainScreen);
  const client = useRef<TrainingClient | null>(null);

  useEffect(() => {
    const c = new TrainingClient(
      { runId: id, options },
      {
        frame: (frame) => dispatch({ type: 'frame', frame }),
        epoch: () => undefined,
        done: (frame) => dispatch({ type: 'frame', frame }),
        error: (error) => dispatch({ type: 'error', error }),
      },
    );
    client.current = c;
    return () => c.close();
  }, [id]);

  useInput((ch, key) => {
    const intent = trainKey(live.current, ch, key);
    switch (intent?.do) {
      case 'control':
        return client.current?.send(intent.control);
      case 'help':
        return dispatch({ type: 'help' });
      case 'panel':
        return dispatch({ type: 'panel', panels: panelCount(live.current.frame, width, height - 1) });
      case 'ask-quit':
        // Nothing to lose once it is done, or when it never started.
        if (!live.current.frame || live.current.frame.done || live.current.error) return onLeave();
        return dispatch({ type: 'confirm-quit', on: true });
      case 'stay':
        return dispatch({ type: 'confirm-quit', on: false });
      case 'quit':
        return onLeave();
    }
  });

  // Height − 1: Ink keeps the cursor on the line after the frame.
  return <Text>{trainScreenLines(s, { width, height: height - 1, lang, level, theme }).join('\n')}</Text>;
}

export function TrainApp(props: TrainAppProps) {
  const { exit } = useApp();
  const { width, height } = useTerminalSize();
  const [running, setRunning] = useState<string | undefined>(props.id);
  const [cursor, setCursor] = useState(0);
  const fromMenu = props.id === undefined;

  useInput(
    (ch, key) => {
      const k = menuKey(cursor, ch, key);
      if (k.do === 'move') setCursor(k.to);
      else if (k.do === 'open') setRunning(MENU_RUNS[cursor].id);
      else if (k.do === 'quit') exit();
    },
    { isActive: running === undefined },
  );

  if (running !== undefined) {
    return <Run {...props} id={running} onLeave={() => (fromMenu ? setRunning(undefined) : exit())} />;
  }
  return <Text>{menuLines(cursor, { width, height: height - 1, lang: props.lang, theme: props.theme }).join('\n')}</Text>;
}
