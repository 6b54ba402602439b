/** A key as the training screen reads it (from node:readline's keypress; its own file so the canvas and the screen state share it without importing each other). */
export interface KeyInfo {
  escape?: boolean;
  ctrl?: boolean;
  tab?: boolean;
  return?: boolean;
  leftArrow?: boolean;
  rightArrow?: boolean;
  upArrow?: boolean;
  downArrow?: boolean;
}
