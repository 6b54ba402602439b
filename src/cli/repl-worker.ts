/**
 * The interactive REPL's worker thread (dist/repl-worker.js): the session of
 * src/repl/session-worker.ts with the training domain's service for `train`,
 * given here, above both (the REPL imports nothing from src/training). Live
 * mode: `train` checks the run and hands it to the screen, which opens it.
 */
import { serveSession } from '../repl/session-worker.js';
import { trainingService } from './actions/train-service.js';

serveSession({ training: trainingService('live') });
