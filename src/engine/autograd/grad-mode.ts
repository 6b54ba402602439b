/**
 * Whether ops are recorded for backward (PyTorch's grad mode). Inference, the
 * optimizer's updates and the probes of a training run evaluate under noGrad:
 * nothing is recorded, so nothing is kept alive for a backward that never comes.
 */
let enabled = true;

export function isGradEnabled(): boolean {
  return enabled;
}

/** Runs `fn` with recording off (torch.no_grad()); restores the previous mode even if it throws. */
export function noGrad<T>(fn: () => T): T {
  const before = enabled;
  enabled = false;
  try {
    return fn();
  } finally {
    enabled = before;
  }
}
