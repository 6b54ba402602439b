import type { Lesson } from '../types.js';
import { decoder } from './decoder.js';
import { embeddings } from './embeddings.js';
import { encoder } from './encoder.js';
import { multiHead } from './multi-head.js';
import { overview } from './overview.js';
import { selfAttention } from './self-attention.js';
import { summary } from './summary.js';

/** The transformer lessons, in teaching order. */
export const lessons: Lesson[] = [overview, embeddings, selfAttention, multiHead, encoder, decoder, summary];
