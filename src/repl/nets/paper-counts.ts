/**
 * Parameter counts of the papers' own models, worked out from the layer sizes
 * the papers give (no imports, so the network tables can quote them too).
 */
const conv = (f: number, inPerGroup: number, k: number): number => k * (f * f * inPerGroup + 1);
const fc = (n: number, m: number): number => n * m + m;

/**
 * AlexNet as the 2012 paper built it: 227×227×3 input, 96/256/384/384/256
 * filters, conv2, conv4 and conv5 split over two GPUs (each half sees only
 * its own GPU's half of the input depth), then 9216 → 4096 → 4096 → 1000.
 * The paper itself says "60 million parameters".
 */
export const ALEXNET_PAPER_PARAMS =
  conv(11, 3, 96) + conv(5, 48, 256) + conv(3, 256, 384) + conv(3, 192, 384) + conv(3, 192, 256) + fc(6 * 6 * 256, 4096) + fc(4096, 4096) + fc(4096, 1000);

/** The round figure the AlexNet paper gives for its two-GPU model. */
export const ALEXNET_PAPER_ROUND = 60_000_000;
