export * from './limits.js';
export { screeningResultCodes, type ScreeningResultCode, type ScreeningFailureCode, type ScreeningResultCodeInfo } from './result-codes.js';
export { entityTypes, type EntityType, type WatchList, type WatchListEntry, type ListFormat, type ListError, type ListParse } from './types.js';
export { parseWatchList } from './parse-list.js';
export { csvColumns, csvValueSeparator } from './parse-csv-list.js';
export {
  emptyListSet, loadListVersion, activateListVersion, deactivateList, removeListVersion, setListScope, activeLists, listsForJurisdiction,
  type ListSet, type ListSlot, type ListScope, type ListSetChange,
} from './list-set.js';
export { nameWords, isGenericWord } from './normalise.js';
export { jaroWinkler } from './jaro-winkler.js';
export { buildScreeningIndex, type ScreeningIndex, type IndexedEntry } from './name-index.js';
export { defaultScreeningOptions, type ScreeningOptions } from './options.js';
export { screenPayment, type Screening } from './screen-payment.js';
export type { PaymentToScreen, PartyToScreen } from './payment.js';
export type { Hit, NameHit, BicHit } from './hits.js';
export type { WordPair } from './name-score.js';
