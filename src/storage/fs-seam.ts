/**
 * The few filesystem calls the saved-state code makes, behind one object, so
 * tests can inject what a real disk does rarely (a short write, a full disk,
 * a slow rename while another process works) deterministically and without
 * root. Production uses `realFs`.
 */
import * as fs from 'node:fs';
import { promisify } from 'node:util';

export interface StatLike {
  size: number;
  isFile(): boolean;
  isDirectory(): boolean;
  isSymbolicLink(): boolean;
  isFIFO(): boolean;
  isSocket(): boolean;
  isCharacterDevice(): boolean;
  isBlockDevice(): boolean;
}

export interface StoreFs {
  open(path: string, flags: number, mode?: number): Promise<number>;
  /** Bytes actually written (may be fewer than asked: the caller loops). */
  write(fd: number, buf: Uint8Array, offset: number, length: number): Promise<number>;
  read(fd: number, buf: Uint8Array, offset: number, length: number, position: number | null): Promise<number>;
  fstat(fd: number): Promise<StatLike>;
  fsync(fd: number): Promise<void>;
  close(fd: number): Promise<void>;
  lstat(path: string): Promise<StatLike>;
  rename(from: string, to: string): Promise<void>;
  unlink(path: string): Promise<void>;
  mkdir(path: string, recursive?: boolean): Promise<void>;
  rmdir(path: string): Promise<void>;
  readdir(path: string): Promise<string[]>;
}

const pOpen = promisify(fs.open);
const pWrite = promisify(fs.write) as unknown as (fd: number, b: Uint8Array, o: number, l: number) => Promise<number>;
const pRead = promisify(fs.read) as unknown as (fd: number, b: Uint8Array, o: number, l: number, p: number | null) => Promise<number>;

export const realFs: StoreFs = {
  open: (p, flags, mode) => pOpen(p, flags, mode),
  // promisify(fs.write/read) resolves to the byte count ({bytesWritten, buffer} is the custom-promisified form).
  write: async (fd, b, o, l) => {
    const r = (await pWrite(fd, b, o, l)) as unknown as number | { bytesWritten: number };
    return typeof r === 'number' ? r : r.bytesWritten;
  },
  read: async (fd, b, o, l, p) => {
    const r = (await pRead(fd, b, o, l, p)) as unknown as number | { bytesRead: number };
    return typeof r === 'number' ? r : r.bytesRead;
  },
  fstat: (fd) => promisify(fs.fstat)(fd),
  fsync: (fd) => promisify(fs.fsync)(fd),
  close: (fd) => promisify(fs.close)(fd),
  lstat: (p) => fs.promises.lstat(p),
  rename: (a, b) => fs.promises.rename(a, b),
  unlink: (p) => fs.promises.unlink(p),
  mkdir: async (p, recursive) => {
    await fs.promises.mkdir(p, { recursive });
  },
  rmdir: (p) => fs.promises.rmdir(p),
  readdir: (p) => fs.promises.readdir(p),
};

/** What kind of thing a path is, without following a link; 'missing' when nothing is there. */
export type PathKind = 'file' | 'missing' | 'symlink' | 'fifo' | 'directory' | 'device' | 'socket';

export async function pathKind(f: StoreFs, path: string): Promise<PathKind> {
  let s: StatLike;
  try {
    s = await f.lstat(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
    throw e;
  }
  return statKind(s);
}

export function statKind(s: StatLike): Exclude<PathKind, 'missing'> {
  if (s.isSymbolicLink()) return 'symlink';
  if (s.isFile()) return 'file';
  if (s.isDirectory()) return 'directory';
  if (s.isFIFO()) return 'fifo';
  if (s.isSocket()) return 'socket';
  return 'device';
}
