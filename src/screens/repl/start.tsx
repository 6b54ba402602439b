import { runScreen } from '../run-screen.js';
import { useEffect, useState } from 'react';
import type { Lang } from '../../i18n/index.js';
import { historyPath, loadHistory } from '../../repl/history.js';
import type { ReplSession } from '../../repl/remote-session.js';
import type { CommandSpec } from '../../repl/spec.js';
import type { ExperimentRequest, TrainingService, TrainRequest } from '../../repl/training-service.js';
import type { Block } from '../../view/blocks.js';
import { makeTheme, type Theme } from '../../view/style.js';
import { ReplApp } from './ReplApp.js';

type Loaded = { session: ReplSession; specs: () => CommandSpec[]; extraWords: (command: string) => readonly (string | readonly string[])[] };

/** What the command line gives the REPL for `train` (the screens do not import it): the service for a session without a worker, and the version a saved model records. */
export interface ReplTraining {
  service: () => TrainingService;
  version: string;
}

/** Whether the training screen is open; its module is loaded only once a run has been opened. */
let trainScreenUp = (): boolean => false;
/** The same for the experiment screen (the REPL's `experiment`). */
let experimentScreenUp = (): boolean => false;

/** Draws the prompt first, then loads the commands (and warms the session's worker and mathjs) behind it. */
function Root({ lang, theme, history, historyFile, onSession, training }: { lang: Lang; theme: Theme; history: string[]; historyFile: string; onSession: (s: ReplSession) => void; training?: ReplTraining }) {
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  useEffect(() => {
    void Promise.all([
      import('../../repl/remote-session.js'),
      import('../../repl/commands/index.js'),
      import('../../repl/commands/net.js'),
      import('../../repl/session.js'),
      import('../../repl/commands/experiment-ids.js'),
    ]).then(
      ([rs, c, n, s, x]) => {
        const width = process.stdout.columns || 80;
        let session: ReplSession;
        if (rs.sessionWorkerBuilt()) {
          // Commands run in a worker: long engine work never freezes the screen, and Ctrl+C cancels it.
          // NNLEARN_TEST_HANG_ON: the end-to-end tests' stand-in for endless engine work (a line the worker spins on).
          const remote = new rs.WorkerSession({ lang, width, hangOn: process.env.NNLEARN_TEST_HANG_ON });
          session = remote;
          setTimeout(() => remote.warm(), 50);
        } else {
          const local = s.createSession({ lang, width });
          local.ctx.training = training?.service();
          session = local;
          setTimeout(() => void local.ctx.math().then((m) => m.evaluate('0')), 50);
        }
        onSession(session);
        // Tab after "net " offers the network names; after "experiment ", the experiments (a static list: no training code here).
        setLoaded({ session, specs: c.allSpecs, extraWords: (command) => (command === 'net' ? n.NET_NAME_GROUPS : command === 'experiment' ? x.EXPERIMENT_IDS : []) });
      },
    );
  }, []);
  // train: the live training screen, loaded when a run is opened.
  const openTraining = training
    ? async (run: TrainRequest & { id: string }): Promise<Block[]> => {
        const handoff = await import('./train-handoff.js');
        trainScreenUp = handoff.trainingScreenOpen;
        return handoff.openTrainingScreen(run, { lang, version: training.version });
      }
    : undefined;
  // experiment: the experiment's live screen (its module loaded when one is opened); the id was checked in the session.
  const openExperiment = async (request: ExperimentRequest): Promise<Block[]> => {
    const { openExperimentScreen } = await import('../experiment/open.js');
    experimentScreenUp = (await import('../experiment/run.js')).experimentScreenOpen;
    return openExperimentScreen({ id: request.id, lang, quick: request.quick, seed: request.seed });
  };
  return <ReplApp loaded={loaded} lang={lang} theme={theme} history={history} historyFile={historyFile} extraWords={loaded?.extraWords} openTraining={openTraining} openExperiment={openExperiment} />;
}

/** Leaves the terminal as it was found: cooked mode, cursor shown. Safe to call twice. */
function restoreTerminal(): void {
  try {
    if (process.stdin.isTTY && process.stdin.isRaw) process.stdin.setRawMode(false);
  } catch {
    // stdin already closed: nothing to restore.
  }
  process.stdout.write('\u001b[?25h');
}

const SIGNALS = { SIGINT: 2, SIGTERM: 15, SIGHUP: 1 } as const;


export async function startInteractiveRepl(opts: { lang: Lang; training?: ReplTraining }): Promise<void> {
  const file = historyPath();
  let session: ReplSession | undefined;
  return runScreen(<Root lang={opts.lang} theme={makeTheme()} history={loadHistory(file)} historyFile={file} onSession={(s) => (session = s)} training={opts.training} />, {
    // kill, a closed terminal window, or Ctrl+C sent from outside: stop the work, restore the terminal, leave.
    // The screen's thread is never busy (commands run in the worker), so this answers at once.
    started: (app) => {
      for (const [name, number] of Object.entries(SIGNALS)) {
        process.once(name, () => {
          // A run's screen is up (the REPL's train): leave its alternate screen first, then the REPL's as always.
          if (trainScreenUp() || experimentScreenUp()) process.stdout.write('\u001b[?1049l');
          session?.close();
          app.unmount();
          restoreTerminal();
          process.stdout.write('\n');
          process.exit(128 + number);
        });
      }
    },
    finished: () => {
      session?.close();
      restoreTerminal();
    },
  });
}
