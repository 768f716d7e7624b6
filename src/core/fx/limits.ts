/**
 * Every limit of the FX core, with its unit. Bounds on loops over outside input come from here.
 */

/** Rates carry at most 12 significant digits: market quotes use 5–8; more is noise or an error. */
export const rateSignificantDigitsMax = 12;
/** Rate text longer than this is refused before any parsing work. */
export const rateTextLengthMax = 32;
/** The smallest rate accepted, units of counter currency per unit of base currency (10^-9). */
export const rateMinText = '0.000000001';
/** The largest rate accepted (10^9): no pair of national currencies is further apart (IRR/KWD ≈ 1.4·10^5). */
export const rateMaxText = '1000000000';

/** Quote and participant identifiers: ISO 20022 Max35Text, like ledger participants. */
export const quoteIdLengthMax = 35;
export const participantIdLengthMax = 35;
/** A quote restricted to participants names at most this many of them. */
export const quoteParticipantsMax = 64;
/** Live quotes per currency pair (both orientations together), all providers together. */
export const quotesPerPairMax = 64;
/** Live quotes in one book. */
export const quotesPerBookMax = 100_000;
/** A firm quote lives at most one day: firm prices for longer are not firm. */
export const quoteTtlMsMax = 24 * 60 * 60 * 1000;

/** Reference bands are expressed in basis points; 10_000 bps = 100 %. */
export const basisPointsPerUnit = 10_000;
/** Operators may allow quotes at most 50 % away from the reference rate. */
export const referenceDeviationBpsMax = 5_000;

/** The longest chain of currency pairs a route may use, whatever the policy says. */
export const routeHopsMax = 4;
/** Search steps (leg evaluations) one route computation may take before it gives up. */
export const routeSearchStepsMax = 200_000;
