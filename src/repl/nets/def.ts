/** What a named network in `net NAME` provides: how to build it and what is counted. */
import type { Msg } from '../../i18n/index.js';
import type { BuiltNet } from './layers.js';

export interface NetDef {
  /** Canonical name, as in the JSON: "vgg16". */
  id: string;
  /** As printed: "VGG16". */
  title: string;
  /** Other names accepted: "vgg", "vgg-16". */
  aliases: readonly string[];
  /** One line for the list `net` prints. */
  summary: Msg;
  /** The JSON's "counts": which variant the total is for. */
  counts: string;
  /** The same for people: which variant, which input. */
  variant: Msg;
  /** What the total leaves out (buffers, tied weights, layers without parameters). */
  notCounted: Msg;
  /** How the total compares with the published figure. */
  published?: Msg;
  /** Group rows whose parameters are worked out under the table. */
  breakdown?: readonly string[];
  build(): BuiltNet;
}
