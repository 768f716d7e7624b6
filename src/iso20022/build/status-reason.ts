import type { IsoFailure, IsoReasonCode } from '../reasons.js';
import { code, text } from './fields.js';
import { type XmlElement, element, leaf } from './xml.js';

/**
 * Reason codes a Corridor pacs.002 carries: the intake's table (reasons.ts) plus the outcomes of
 * settlement, which the intake cannot produce (ExternalStatusReason1Code).
 */
export type StatusReasonCode =
  | IsoReasonCode
  | 'AM04' // InsufficientFunds: the payer's liquidity does not cover the payment
  | 'AB03' // AbortedSettlementTimeout: a queued payment was not settled in time
  | 'RR04'; // RegulatoryReason: refused by screening

export interface StatusReason {
  readonly code: StatusReasonCode;
  /** AddtlInf lines, each at most 105 characters. */
  readonly additionalInfo?: readonly string[];
}

/** AddtlInf is Max105Text; a failure detail longer than this many lines is cut (it is a diagnostic). */
const additionalInfoLinesMax = 3;
const additionalInfoCharsMax = 105;

/** The pacs.002 reason for an intake failure: its code, and its detail (with line) as text. */
export function statusReasonOfFailure(failure: IsoFailure): StatusReason {
  const detail = failure.line === null ? failure.detail : `line ${failure.line}: ${failure.detail}`;
  return { code: failure.code, additionalInfo: splitLines(detail) };
}

/** StatusReasonInformation12: Rsn/Cd, then the AddtlInf lines. */
export function statusReasonElement(reason: StatusReason, field: string): XmlElement {
  const lines = reason.additionalInfo ?? [];
  return element('StsRsnInf', [
    element('Rsn', [leaf('Cd', code(reason.code, `${field}.code`))]),
    ...lines.map((line, i) => leaf('AddtlInf', text(line, additionalInfoCharsMax, `${field}.additionalInfo[${i}]`))),
  ]);
}

/** Cuts diagnostic text into AddtlInf lines: code points, never half a surrogate pair; edges trimmed. */
function splitLines(detail: string): string[] {
  const chars = [...detail.replace(/[^\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, ' ')];
  const lines: string[] = [];
  for (let start = 0; start < chars.length && lines.length < additionalInfoLinesMax; start += additionalInfoCharsMax) {
    const line = chars.slice(start, start + additionalInfoCharsMax).join('').trim();
    if (line.length > 0) lines.push(line);
  }
  return lines;
}
