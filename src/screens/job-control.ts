/**
 * Ctrl+Z, fg, kill and a closed window for a screen drawn directly on the
 * alternate screen (the training run, the experiment): suspending puts the
 * terminal back first and stops the process as a shell program stops; fg
 * takes the terminal again and redraws; SIGTERM/SIGHUP finish the screen (the
 * terminal put back) and exit with 128 + 15.
 */
export interface JobControlHooks {
  /** Take the terminal: alternate screen, raw mode. */
  enter(): void;
  /** Give it back as it was. */
  restore(): void;
  /** Draw everything again (after fg). */
  redraw(): void;
  /** Leave the screen for good (kill, hang-up). */
  finish(): void;
}

export interface JobControl {
  /** Ctrl+Z pressed on the screen (raw mode does not send SIGTSTP itself). */
  suspend(): void;
  /** True while stopped: nothing may be drawn. */
  readonly suspended: boolean;
  /** Removes the signal handlers (when the screen closes). */
  detach(): void;
}

export function jobControl(h: JobControlHooks): JobControl {
  let suspended = false;
  const suspend = () => {
    if (suspended) return;
    suspended = true;
    h.restore();
    process.kill(process.pid, 'SIGSTOP');
  };
  const onCont = () => {
    if (!suspended) return;
    suspended = false;
    h.enter();
    h.redraw();
  };
  const onTerm = () => {
    h.finish();
    process.exit(143);
  };
  process.on('SIGCONT', onCont);
  process.on('SIGTSTP', suspend);
  process.on('SIGTERM', onTerm);
  process.on('SIGHUP', onTerm);
  return {
    suspend,
    get suspended() {
      return suspended;
    },
    detach() {
      process.off('SIGCONT', onCont);
      process.off('SIGTSTP', suspend);
      process.off('SIGTERM', onTerm);
      process.off('SIGHUP', onTerm);
    },
  };
}
