/**
 * Fake terminal streams for rendering an Ink screen in a unit test: the stdout
 * keeps every frame (Ink's debug mode writes each in full), the stdin takes
 * key presses the way Ink reads them ('readable' then read()).
 */
import { EventEmitter } from 'node:events';

export class FakeStdout extends EventEmitter {
  isTTY = true;
  frames: string[] = [];
  constructor(
    public columns = 80,
    public rows = 24,
  ) {
    super();
  }
  write(s: string) {
    this.frames.push(s);
    return true;
  }
}

export class FakeStdin extends EventEmitter {
  isTTY = true;
  private queue: string[] = [];
  setRawMode() {
    return this;
  }
  setEncoding() {
    return this;
  }
  ref() {
    return this;
  }
  unref() {
    return this;
  }
  resume() {
    return this;
  }
  pause() {
    return this;
  }
  read(): string | null {
    return this.queue.shift() ?? null;
  }
  press(s: string) {
    this.queue.push(s);
    this.emit('readable');
  }
}

/** Lets React and Ink settle after a key. */
export const tick = (ms = 30) => new Promise((r) => setTimeout(r, ms));
