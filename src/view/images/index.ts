/**
 * Real pixels on terminals that speak an image protocol (kitty, iTerm2,
 * sixel): pure encoders from grey pixels to the escape code, and the
 * detection of the protocol from the environment. Writing them to the
 * terminal is the screens' business (src/screens/train/images.ts).
 */
export { detectImages, IMAGE_PROTOCOLS, type ImageDetection, type ImageProtocol } from './detect.js';
export { base64, greyPixels, greyToRgb, scaleNearest, type GreyPixels } from './grey.js';
export { itermImage } from './iterm.js';
export { KITTY_CHUNK, kittyChunks, kittyDelete, kittyImage } from './kitty.js';
export { adler32, crc32, encodePng, zlibStored } from './png.js';
export { SIXEL_LEVELS, sixelFor, sixelImage, sixelLevel } from './sixel.js';

/**
 * A cell's size in pixels when the terminal does not say: about 10 wide and
 * 20 high on common fonts and screens. Only sixel needs it (it has no scaling
 * of its own; kitty and iTerm2 scale an image into the cells they are given),
 * and a wrong guess only makes a sixel image a little smaller or larger than
 * the half-blocks it covers.
 */
export const CELL_PX = { width: 10, height: 20 } as const;
