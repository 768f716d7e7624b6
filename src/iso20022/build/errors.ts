/**
 * The builders' input is data Corridor already accepted (through the ISO intake or the API,
 * which apply the same limits), so input outside the documented types is a programmer error:
 * it throws, naming the field, instead of producing a message the receiver would reject.
 * The API can call the exported checks in fields.ts to refuse such input up front.
 */
export class IsoBuildError extends Error {
  constructor(
    readonly field: string,
    readonly problem: string,
  ) {
    super(`ISO 20022 build: ${field} ${problem}`);
    this.name = 'IsoBuildError';
  }
}
