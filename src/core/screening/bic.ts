/**
 * BIC matching (ISO 9362). A listed BIC of 8 characters, or of 11 ending in XXX (the head office),
 * names the institution: it matches every branch. A listed branch BIC (11 characters, not XXX)
 * names that branch only, so a payment to the head office of a bank whose one branch is listed is
 * not matched by its BIC (its name is still screened).
 */
export const headOfficeBranch = 'XXX';

/** The key a listed BIC is indexed under, and whether it covers the whole institution. */
export function listedBicKey(bic: string): { readonly key: string; readonly wholeInstitution: boolean } {
  if (bic.length === 8 || bic.slice(8) === headOfficeBranch) return { key: bic.slice(0, 8), wholeInstitution: true };
  return { key: bic, wholeInstitution: false };
}

/** The keys a payment's BIC is looked up under: its institution, and its branch when it names one. */
export function paymentBicKeys(bic: string): { readonly institution: string; readonly branch: string | null } {
  const institution = bic.slice(0, 8);
  const branch = bic.length === 11 && bic.slice(8) !== headOfficeBranch ? bic : null;
  return { institution, branch };
}

/** The brute-force form of the rule, for tests. */
export function bicMatches(listed: string, payment: string): boolean {
  const { key, wholeInstitution } = listedBicKey(listed);
  const keys = paymentBicKeys(payment);
  return wholeInstitution ? keys.institution === key : keys.branch === key;
}
