/** ISO 9362 shape: party prefix (4), country (2 letters), suffix (2), optional branch (3). */
const bicShape = /^[A-Z0-9]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$/;

export function isBicWellFormed(bic: string): boolean {
  return bicShape.test(bic);
}

/** The 8-character institution part, which is what participant tables key on. */
export function bic8(bic: string): string {
  return bic.slice(0, 8);
}
