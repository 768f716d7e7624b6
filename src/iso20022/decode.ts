import { xmlBytesMax } from './limits.js';
import { type IsoFailure, isoFailure } from './reasons.js';

export type Decoded = { ok: true; text: string } | { ok: false; failure: IsoFailure };

/** Size first, then strict UTF-8 (a UTF-8 byte-order mark is dropped; UTF-16 is refused), then line ends. */
export function decodeXmlBytes(bytes: Uint8Array): Decoded {
  if (bytes.length > xmlBytesMax) {
    return { ok: false, failure: isoFailure('xml_refused', `file is ${bytes.length} bytes; the limit is ${xmlBytesMax}`, null) };
  }
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return { ok: false, failure: isoFailure('xml_refused', 'UTF-16 refused: ISO 20022 messages must be UTF-8', 1) };
  }
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    // XML 1.0 §2.11 end-of-line handling, done up front so lone-CR files get true line numbers.
    return { ok: true, text: text.replace(/\r\n?/g, '\n') };
  } catch {
    return { ok: false, failure: isoFailure('xml_refused', 'not valid UTF-8', null) };
  }
}
