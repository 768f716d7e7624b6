import type { Static } from '@sinclair/typebox';
import type { PaymentParties } from '../../core/network/screening-types.js';
import type { ScreenedPartiesInput } from '../schemas.js';

/** The screened parties of a JSON payment (same-currency or FX), or undefined when it has none (its command then looks as before screening). */
export function partiesOf(input: Static<typeof ScreenedPartiesInput>): PaymentParties | undefined {
  const parties: Record<string, unknown> = {
    debtorAddress: input.debtorAddress,
    creditorAddress: input.creditorAddress,
    ultimateDebtorName: input.ultimateDebtor?.name,
    ultimateDebtorAddress: input.ultimateDebtor?.address,
    ultimateCreditorName: input.ultimateCreditor?.name,
    ultimateCreditorAddress: input.ultimateCreditor?.address,
    intermediaryAgents: input.intermediaryAgents,
  };
  for (const key of Object.keys(parties)) if (parties[key] === undefined) delete parties[key];
  return Object.keys(parties).length === 0 ? undefined : parties;
}
