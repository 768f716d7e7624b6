import { isBicWellFormed } from './bic.js';
import { descendantsNamed } from './dom.js';
import type { IsoPart } from './intake.js';
import { type IsoFailure, isoFailure } from './reasons.js';

/** Elements holding a BIC across head.001 and the pacs/camt versions we accept. */
const bicElementNames = new Set(['BICFI', 'BIC', 'AnyBIC', 'BICOrBEI']);

/** Older schemas type some BIC elements loosely; this holds every one to the ISO 9362 shape. */
export function bicFailures(parts: readonly IsoPart[]): IsoFailure[] {
  return parts.flatMap((part) => {
    const root = part.doc.root();
    if (!root) return [];
    return descendantsNamed(root, bicElementNames)
      .filter((element) => !isBicWellFormed(element.text().trim()))
      .map((element) => isoFailure('bic_malformed', `${element.name()} ${JSON.stringify(element.text().trim())} is not a well-formed BIC`, element.line()));
  });
}
