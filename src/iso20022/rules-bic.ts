import { isBicWellFormed } from './bic.js';
import { descendantsNamed, trimmedText } from './dom.js';
import type { IsoPart } from './intake.js';
import { type IsoFailure, isoFailure } from './reasons.js';

/** Elements holding a BIC across head.001 and the pacs/camt versions we accept. */
const bicElementNames = new Set(['BICFI', 'BIC', 'AnyBIC', 'BICOrBEI']);

/** Older schemas type some BIC elements loosely; this holds every one to the ISO 9362 shape. */
export function bicFailures(parts: readonly IsoPart[]): IsoFailure[] {
  return parts.flatMap((part) => {
    return descendantsNamed(part.root, bicElementNames)
      .filter((element) => !isBicWellFormed(trimmedText(element)))
      .map((element) => isoFailure('bic_malformed', `${element.name} ${JSON.stringify(trimmedText(element))} is not a well-formed BIC`, element.line));
  });
}
