import type { FieldKind } from './name-score.js';

/** A party of a payment as ISO 20022 carries it: a name and unstructured address lines. */
export interface PartyToScreen {
  readonly name?: string | null;
  readonly addressLines?: readonly string[];
}

/**
 * The fields of one payment (a pacs.008 transaction) that are screened. Plain data: the ISO 20022
 * edge fills it. Agents are BICs; remittance lines are unstructured remittance information.
 */
export interface PaymentToScreen {
  readonly debtor?: PartyToScreen | null;
  readonly creditor?: PartyToScreen | null;
  readonly ultimateDebtor?: PartyToScreen | null;
  readonly ultimateCreditor?: PartyToScreen | null;
  readonly debtorAgent?: string | null;
  readonly creditorAgent?: string | null;
  readonly instructingAgent?: string | null;
  readonly instructedAgent?: string | null;
  readonly intermediaryAgents?: readonly string[];
  readonly remittanceInformation?: readonly string[];
}

/** One text of the payment to match against listed names, with the path a reviewer sees. */
export interface ScreenedText {
  readonly field: string;
  readonly text: string;
  readonly kind: FieldKind;
  readonly lines: number;
}

export interface ScreenedBic {
  readonly field: string;
  readonly bic: string;
}

const parties = ['debtor', 'creditor', 'ultimateDebtor', 'ultimateCreditor'] as const;
const agents = ['debtorAgent', 'creditorAgent', 'instructingAgent', 'instructedAgent'] as const;

/**
 * The texts to screen. Address lines and remittance lines are joined into one text each, so a
 * name broken across two lines is still found.
 */
export function screenedTexts(payment: PaymentToScreen): ScreenedText[] {
  const texts: ScreenedText[] = [];
  for (const party of parties) {
    const value = payment[party];
    if (value === undefined || value === null) continue;
    if (value.name !== undefined && value.name !== null && value.name !== '') texts.push({ field: `${party}.name`, text: value.name, kind: 'name', lines: 1 });
    const address = value.addressLines ?? [];
    if (address.length > 0) texts.push({ field: `${party}.address`, text: address.join(' '), kind: 'text', lines: address.length });
  }
  const remittance = payment.remittanceInformation ?? [];
  if (remittance.length > 0) texts.push({ field: 'remittanceInformation', text: remittance.join(' '), kind: 'text', lines: remittance.length });
  return texts;
}

/** The agents' BICs to screen, upper-cased (BICs are case-insensitive). */
export function screenedBics(payment: PaymentToScreen): ScreenedBic[] {
  const bics: ScreenedBic[] = [];
  for (const agent of agents) {
    const bic = payment[agent];
    if (bic !== undefined && bic !== null && bic !== '') bics.push({ field: agent, bic: bic.toUpperCase() });
  }
  (payment.intermediaryAgents ?? []).forEach((bic, i) => bics.push({ field: `intermediaryAgents[${i}]`, bic: bic.toUpperCase() }));
  return bics;
}
