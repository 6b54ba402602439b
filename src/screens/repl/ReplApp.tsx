/**
 * The interactive REPL: results scroll above (Ink <Static>, printed once),
 * the input line stays at the bottom. All logic lives in the session (what a
 * line does) and the input reducer (editing, history, completion).
 */
import { Box, Static, Text, useApp, useInput, useStdout } from 'ink';
import { useEffect, useRef, useState } from 'react';
import { msg, tr, type Lang } from '../../i18n/index.js';
import { complete } from '../../repl/complete.js';
import { appendHistory } from '../../repl/history.js';
import type { ReplSession } from '../../repl/remote-session.js';
import { excerpt } from '../../repl/line-reader.js';
import type { CommandSpec } from '../../repl/spec.js';
import { renderBlocks } from '../../view/render-text.js';
import type { Theme } from '../../view/style.js';
import { initialInput, inputReducer, lineKey, type InputState } from '../input-line/state.js';
import { InputLine, shownInput } from '../input-line/InputLine.js';
import { useLiveReducer } from '../use-live-reducer.js';
import { Stepper } from '../Stepper.js';
import type { CommandResult } from '../../repl/context.js';
import type { ExperimentRequest, TrainRequest } from '../../repl/training-service.js';
import type { Block } from '../../view/blocks.js';
import { handTerminalOver } from '../suspend.js';

interface Printed {
  id: number;
  text: string;
}

export interface ReplAppProps {
  /** The session and the command specs, loaded after the first frame is drawn. */
  loaded: { session: ReplSession; specs: () => CommandSpec[] } | null;
  lang: Lang;
  theme: Theme;
  history: string[];
  historyFile?: string;
  extraWords?: (command: string) => readonly (string | readonly string[])[];
  /** train: opens the run on the live training screen; resolves when she leaves it, with what to print. */
  openTraining?: (run: TrainRequest & { id: string }) => Promise<Block[]>;
  /** experiment: opens the experiment on its live screen; resolves when she leaves it, with what to print (the verdict). */
  openExperiment?: (request: ExperimentRequest) => Promise<Block[]>;
}

const PROMPT = 'nn› ';

export function ReplApp({ loaded, lang, theme, history, historyFile, extraWords, openTraining, openExperiment }: ReplAppProps) {
  const { exit } = useApp();
  const { stdout } = useStdout();
  const [width, setWidth] = useState(stdout.columns || 80);
  // The line as the previous key left it, not as last drawn (else Tab right after a letter completes too little).
  const [state, dispatch, live] = useLiveReducer(inputReducer, () => initialInput(history));
  const [printed, setPrinted] = useState<Printed[]>(() => [
    {
      id: 0,
      text: theme.title('nnlearn REPL') + '  ' + theme.muted(tr(lang, msg('help lists the commands · Tab completes · ↑/↓ history · Ctrl+C clears the line · exit, or Ctrl+C/Ctrl+D on an empty line, leaves', 'help 列出命令 · Tab 补全 · ↑/↓ 历史 · Ctrl+C 清空本行 · exit 或在空行上按 Ctrl+C/Ctrl+D 退出'))),
    },
  ]);
  const [epoch, setEpoch] = useState(0);
  const [busy, setBusy] = useState(false);
  // While the training screen has the terminal, this screen changes nothing it draws (Ink would draw over that screen).
  const awayNow = useRef(false);
  // "working…" appears only when a command takes a moment, so quick answers do not flicker.
  const [slow, setSlow] = useState(false);
  useEffect(() => {
    if (!busy) return setSlow(false);
    const t = setTimeout(() => !awayNow.current && setSlow(true), 100);
    return () => clearTimeout(t);
  }, [busy]);
  const [stepper, setStepper] = useState<CommandResult['stepper'] | null>(null);
  // After Ctrl+C cleared a line: say how to leave (a second Ctrl+C would).
  const [leaveHint, setLeaveHint] = useState(false);
  const nextId = useRef(1);

  useEffect(() => {
    const onResize = () => setWidth(stdout.columns || 80);
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
  }, [stdout]);

  const print = (text: string) => setPrinted((p) => [...p, { id: nextId.current++, text }]);

  const completeAt = (s: InputState): InputState => {
    if (!loaded) return s;
    const c = complete(s.value.slice(0, s.cursor), loaded.specs(), [...loaded.session.ctx.vars.keys()], extraWords);
    if (c.candidates.length === 1) {
      const text = c.candidates[0] + (c.candidates[0].endsWith('=') ? '' : ' ');
      return inputReducer(s, { type: 'replace-word', start: c.start, text, candidates: [] });
    }
    if (c.candidates.length > 1) return inputReducer(s, { type: 'replace-word', start: c.start, text: c.common, candidates: c.candidates });
    return s;
  };

  // A line typed before the commands finished loading waits for them.
  const latest = useRef(loaded);
  latest.current = loaded;
  const waitForSession = async (): Promise<ReplSession> => {
    while (!latest.current) await new Promise((r) => setTimeout(r, 10));
    return latest.current.session;
  };

  // Lines run one after another: a line typed (or pasted) while another runs waits its turn instead of being lost.
  const queue = useRef<Promise<void>>(Promise.resolve());
  const pending = useRef(0);
  // Ctrl+C cancels the running line and the ones queued behind it (they were typed expecting it to finish).
  const generation = useRef(0);
  const submit = (line: string): void => {
    dispatch({ type: 'submit' });
    pending.current++;
    const gen = generation.current;
    queue.current = queue.current
      .then(() => (gen === generation.current ? run(line) : print(theme.muted(PROMPT) + shownInput(excerpt(line, 400)) + theme.muted(tr(lang, msg('  (not run: cancelled)', '  （未运行：已取消）'))))))
      .catch((e: unknown) => print(theme.error(String(e))))
      .finally(() => {
        pending.current--;
        if (pending.current === 0) setBusy(false);
      });
  };
  const run = async (line: string) => {
    // A pasted megabyte is echoed as its start only (the parser refuses it with a short excerpt too).
    print(theme.muted(PROMPT) + shownInput(excerpt(line, 400)));
    if (!line.trim()) return;
    if (historyFile) appendHistory(line, historyFile);
    setBusy(true);
    const session = await waitForSession();
    session.ctx.width = width;
    const r = await session.exec(line);
    if (r.action === 'exit') {
      exit();
      return;
    }
    if (r.action === 'stepper' && r.stepper) {
      setStepper(r.stepper);
      return;
    }
    if (r.action === 'train' && r.train) {
      const shown = await trainAway(r.train);
      const lines = renderBlocks(shown, { lang, width: Math.min(width, 120), theme });
      if (lines.length) print(lines.join('\n') + '\n');
      return;
    }
    if (r.action === 'experiment' && r.experiment) {
      const request = r.experiment;
      const shown = openExperiment
        ? await away(() => openExperiment(request))
        : [{ kind: 'error' as const, text: msg(`The experiment screen cannot open here: try nnlearn experiment ${request.id}.`, `这里打不开实验界面：请试试 nnlearn experiment ${request.id}。`) }];
      const lines = renderBlocks(shown, { lang, width: Math.min(width, 120), theme });
      if (lines.length) print(lines.join('\n') + '\n');
      return;
    }
    if (r.action === 'clear') {
      stdout.write('\u001b[2J\u001b[3J\u001b[H');
      setPrinted([]);
      setEpoch((e) => e + 1);
      return;
    }
    const lines = renderBlocks(r.blocks(), { lang, width: Math.min(width, 120), theme });
    if (lines.length) print(lines.join('\n') + '\n');
  };

  /** The run's screen, with the terminal lent to it; back here, the prompt, history and variables are as she left them. */
  const trainAway = async (run: TrainRequest & { id: string }): Promise<Block[]> => {
    if (!openTraining) return [{ kind: 'error', text: msg('The training screen cannot open here: try nnlearn train ' + run.id + '.', '这里打不开训练界面：请试试 nnlearn train ' + run.id + '。') }];
    return away(() => openTraining(run));
  };

  /** Another screen (training, an experiment) with the terminal lent to it; back here, the prompt, history and variables are as she left them. */
  const away = async (open: () => Promise<Block[]>): Promise<Block[]> => {
    awayNow.current = true;
    try {
      // Ink draws at most every 33 ms: let the frame drawn so far reach the terminal before the other screen takes it.
      await new Promise((r) => setTimeout(r, 100));
      return await handTerminalOver(open);
    } finally {
      awayNow.current = false;
    }
  };

  useInput((input, key) => {
    // Keys belong to the training screen while it is up.
    if (awayNow.current) return;
    const state = live.current;
    // While a command runs (in the session's worker), Ctrl+C cancels it; without a worker it leaves.
    if (busy && key.ctrl && input === 'c') {
      generation.current++;
      if (!latest.current?.session.cancel?.()) exit();
      return;
    }
    // While a command runs, typing goes on: the line is edited as usual and Enter queues it.
    if (stepper) return;
    // Ctrl+C clears the line (the variables stay); on an empty line it leaves, as Ctrl+D does.
    if (key.ctrl && input === 'c') {
      if (state.value === '') return exit();
      setLeaveHint(true);
      return dispatch({ type: 'clear' });
    }
    if (key.ctrl && input === 'd') {
      if (state.value === '') exit();
      else dispatch({ type: 'delete' });
      return;
    }
    setLeaveHint(false);
    if (key.return) return submit(state.value);
    if (key.tab) return dispatch({ type: 'set', state: completeAt(state) });
    // Pasted text (or keys arriving together) may hold Enter or Tab: replay it piece by piece.
    if (input.length > 1 && /[\r\n\t]/.test(input)) {
      let s = state;
      for (const piece of input.split(/([\r\n\t])/)) {
        if (piece === '\r' || piece === '\n') {
          const line = s.value;
          s = inputReducer(s, { type: 'submit' });
          submit(line);
        } else if (piece === '\t') s = completeAt(s);
        else if (piece) s = inputReducer(s, { type: 'insert', text: piece });
      }
      return dispatch({ type: 'set', state: s });
    }
    if (key.upArrow) return dispatch({ type: 'up' });
    if (key.downArrow) return dispatch({ type: 'down' });
    if (key.ctrl && input === 'l') {
      stdout.write('\u001b[2J\u001b[3J\u001b[H');
      setPrinted([]);
      setEpoch((e) => e + 1);
      return;
    }
    const edit = lineKey(input, key);
    if (edit) dispatch(edit);
  });

  if (stepper) {
    return (
      <Box flexDirection="column">
        <Static key={epoch} items={printed}>
          {(p) => <Text key={p.id}>{p.text}</Text>}
        </Static>
        <Stepper config={stepper.config} data={stepper.data} filters={stepper.filters} filter={stepper.filter} lang={lang} theme={theme} width={Math.min(width, 120)} onExit={() => setStepper(null)} />
      </Box>
    );
  }

  return (
    <Box flexDirection="column">
      <Static key={epoch} items={printed}>
        {(p) => <Text key={p.id}>{p.text}</Text>}
      </Static>
      <InputLine prompt={theme.accent(PROMPT)} value={state.value} cursor={state.cursor} />
      {busy ? <Text>{theme.muted(slow ? tr(lang, msg('working… (Ctrl+C cancels)', '计算中…（Ctrl+C 取消）')) : '…')}</Text> : null}
      {leaveHint && !busy ? <Text>{theme.muted(tr(lang, msg('Line cleared. Ctrl+C or Ctrl+D on an empty line leaves (or type exit).', '已清空本行。在空行上按 Ctrl+C 或 Ctrl+D 退出（或输入 exit）。')))}</Text> : null}
      {state.candidates.length > 0 ? <Text wrap="wrap">{theme.muted(state.candidates.join('  '))}</Text> : null}
    </Box>
  );
}
