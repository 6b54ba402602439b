import type { Lesson } from '../types.js';
import { architectures } from './architectures.js';
import { conv } from './conv.js';
import { fc } from './fc.js';
import { layers } from './layers.js';
import { normalization } from './normalization.js';
import { pooling } from './pooling.js';
import { receptiveField } from './receptive-field.js';
import { stridePadding } from './stride-padding.js';
import { volumes } from './volumes.js';
import { weightSharing } from './weight-sharing.js';
import { whyCnn } from './why-cnn.js';

/** The cnn lessons, in teaching order. */
export const lessons: Lesson[] = [whyCnn, volumes, layers, conv, receptiveField, stridePadding, weightSharing, pooling, normalization, fc, architectures];
