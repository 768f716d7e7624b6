const ibanShape = /^[A-Z]{2}[0-9]{2}[A-Z0-9]{1,30}$/;

/** ISO 13616 check digits: move the first four characters to the end, letters to 10..35, mod 97 must be 1. */
export function isIbanChecksumValid(iban: string): boolean {
  if (!ibanShape.test(iban)) return false;
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const character of rearranged) {
    const digits = /[A-Z]/.test(character) ? String(character.charCodeAt(0) - 55) : character;
    for (const digit of digits) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder === 1;
}
