/**
 * Every limit on ISO 20022 input, in one place, unit last in the name (STYLE.md).
 * Checked before any byte reaches libxml2, so a hostile file costs at most these bounds.
 */

/** A camt.053 day statement of a busy account stays well under this; pacs messages are a few KiB. */
export const xmlBytesMax = 10 * 1024 * 1024;

/** ISO 20022 messages nest about 15 deep; wrappers (SWIFT Envelope, FedNow) add a few levels. */
export const xmlDepthMax = 64;

/** Elements in one file, wrappers included. */
export const xmlElementsMax = 250_000;

/** Attributes on one element: ISO elements carry one or two (Ccy, xmlns). */
export const xmlAttributesPerElementMax = 32;

/** Length of an element or attribute name, in characters. */
export const xmlNameCharsMax = 256;

/** Namespace declarations in scope at one element. */
export const xmlNamespacesInScopeMax = 64;

/** Top-level AppHdr and Document elements in one file (one header and one document is the norm). */
export const isoPartsPerFileMax = 8;

/** Rule failures collected per message before the checker stops looking. */
export const ruleFailuresMax = 32;

/** Transactions examined per message by the business rules and to-json. */
export const transactionsPerMessageMax = 10_000;

/** Schema documents kept parsed in memory (there are 112 in schemas/iso20022). */
export const schemaCacheEntriesMax = 128;

/** Uses of a schema checked the slow way before it is compiled (libxml2-wasm; about 80 ms each). */
export const schemaCompileAfterUses = 2;

/** Schema-validation errors reported per part; the first one is what the CLI prints. */
export const schemaErrorsMax = 16;
