import { open } from 'node:fs/promises';
import { xmlBytesMax } from './limits.js';
import { type IsoFailure, isoFailure } from './reasons.js';

export type FileRead = { ok: true; bytes: Uint8Array } | { ok: false; failure: IsoFailure };

/** Reads a file for intake, refusing one over xmlBytesMax before reading it into memory. */
export async function readIsoPath(path: string): Promise<FileRead> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    return { ok: false, failure: isoFailure('xml_refused', `cannot read ${path}: ${errorCode(error)}`, null) };
  }
  try {
    const { size } = await handle.stat();
    if (size > xmlBytesMax) return { ok: false, failure: isoFailure('xml_refused', `file is ${size} bytes; the limit is ${xmlBytesMax}`, null) };
    return { ok: true, bytes: await handle.readFile() };
  } catch (error) {
    return { ok: false, failure: isoFailure('xml_refused', `cannot read ${path}: ${errorCode(error)}`, null) };
  } finally {
    await handle.close();
  }
}

function errorCode(error: unknown): string {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : 'read error';
}
