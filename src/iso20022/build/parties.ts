import { bic, country, iban, text } from './fields.js';
import { IsoBuildError } from './errors.js';
import type { Account, Bic, Party, PostalAddress } from './types.js';
import { type XmlElement, element, leaf } from './xml.js';

/** PostalAddress24 allows seven unstructured lines. */
const addressLinesMax = 7;

/** BranchAndFinancialInstitutionIdentification6: an agent named by its BIC. */
export function agentElement(name: string, agentBic: Bic, field: string): XmlElement {
  return element(name, [element('FinInstnId', [leaf('BICFI', bic(agentBic, field))])]);
}

/** PartyIdentification135, in the order of its XSD sequence: Nm, PstlAdr, Id. */
export function partyElement(name: string, party: Party, field: string): XmlElement {
  return element(name, partyContent(party, field));
}

/** Party40Choice (status reports, returns): the party is a person or organisation, Pty. */
export function partyChoiceElement(name: string, party: Party, field: string): XmlElement {
  return element(name, [element('Pty', partyContent(party, field))]);
}

/** Party40Choice holding an agent (camt.029 assigner/assignee, case creator). */
export function agentChoiceElement(name: string, agentBic: Bic, field: string): XmlElement {
  return element(name, [agentElement('Agt', agentBic, field)]);
}

/** CashAccount38/39 Id: an IBAN, or another identifier of up to 34 characters. */
export function accountIdElement(account: Account, field: string): XmlElement {
  if ('iban' in account) return element('Id', [leaf('IBAN', iban(account.iban, `${field}.iban`))]);
  return element('Id', [element('Othr', [leaf('Id', text(account.other, 34, `${field}.other`))])]);
}

export function accountElement(name: string, account: Account, field: string): XmlElement {
  return element(name, [accountIdElement(account, field)]);
}

function partyContent(party: Party, field: string): XmlElement[] {
  const content = [leaf('Nm', text(party.name, 140, `${field}.name`))];
  if (party.postalAddress) content.push(addressElement(party.postalAddress, `${field}.postalAddress`));
  if (party.organisationBic !== undefined) {
    content.push(element('Id', [element('OrgId', [leaf('AnyBIC', bic(party.organisationBic, `${field}.organisationBic`))])]));
  }
  return content;
}

function addressElement(address: PostalAddress, field: string): XmlElement {
  const lines = address.addressLines ?? [];
  if (lines.length > addressLinesMax) throw new IsoBuildError(`${field}.addressLines`, `has ${lines.length} lines, more than ${addressLinesMax}`);
  return element('PstlAdr', [
    address.townName !== undefined && leaf('TwnNm', text(address.townName, 35, `${field}.townName`)),
    address.country !== undefined && leaf('Ctry', country(address.country, `${field}.country`)),
    ...lines.map((line, i) => leaf('AdrLine', text(line, 70, `${field}.addressLines[${i}]`))),
  ]);
}
