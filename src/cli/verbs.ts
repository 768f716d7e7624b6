import type { Verb } from './verb.js';
import { benchVerb } from './bench.js';
import { copyVerb } from './copy.js';
import { demoVerb } from './demo.js';
import { isoVerb } from './iso.js';
import { serveVerb } from './serve.js';
import { simulateVerb } from './simulate.js';
import { verifyVerb } from './verify.js';

/** Every verb of the `corridor` command, in the order `corridor --help` lists them. */
export const verbs: readonly Verb[] = [demoVerb, serveVerb, isoVerb, simulateVerb, verifyVerb, copyVerb, benchVerb];
