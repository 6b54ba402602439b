/** The named networks `net NAME` knows, and the names it accepts for them. */
import { alexnet } from './alexnet.js';
import type { NetDef } from './def.js';
import { googlenet } from './googlenet.js';
import { lenet5 } from './lenet5.js';
import { resnet18, resnet50 } from './resnet.js';
import { transformer } from './transformer.js';
import { vgg16 } from './vgg16.js';
import { zfnet } from './zfnet.js';

export type { NetDef } from './def.js';

/** In the order `net` lists them (historical). */
export const NETS: readonly NetDef[] = [lenet5, alexnet, zfnet, vgg16, googlenet, resnet18, resnet50, transformer];

/** Every name accepted, canonical names first (for Tab completion and did-you-mean). */
export const NET_NAMES: readonly string[] = [...NETS.map((n) => n.id), ...NETS.flatMap((n) => n.aliases)];

/** For Tab: one group per network (its id first), so one network is offered once, under the first name that fits. */
export const NET_NAME_GROUPS: readonly (readonly string[])[] = NETS.map((n) => [n.id, ...n.aliases]);

/** "ResNet-18", "resnet_18" and "resnet18" are the same network. */
function normalize(name: string): string {
  return name.toLowerCase().replace(/[-_ .]/g, '');
}

export function findNet(name: string): NetDef | undefined {
  const w = normalize(name);
  return NETS.find((n) => normalize(n.id) === w || n.aliases.some((a) => normalize(a) === w));
}
