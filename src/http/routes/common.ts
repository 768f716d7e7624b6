import { AmountTextError, parseDecimalAmount } from '../../config/amounts.js';
import type { NetworkCommand } from '../../core/network/types.js';
import { isNetworkResult, type NetworkResult } from '../../core/network/results.js';
import type { NetworkState, NodeState } from '../../core/network/state.js';
import { paymentAmountMax } from '../../core/network/text-rules.js';
import { ProblemError } from '../problems.js';
import { resultProblem } from '../result-problems.js';
import type { Principal } from '../route.js';
import type { Services } from '../services.js';

/** Submits a network command and waits until it is durable; a refusal becomes its problem. */
export async function submitNetwork(services: Services, command: NetworkCommand, accept: readonly NetworkResult[] = ['accepted', 'already_applied']): Promise<NetworkResult> {
  const outcome = await services.node.submit(command);
  const result = outcome.result;
  if (!isNetworkResult(result)) throw new Error(`network command answered with ledger result ${result}`);
  if (!accept.includes(result)) throw resultProblem(result);
  return result;
}

/**
 * Submits a command the route checked against durable state first: a refusal becomes its problem
 * (`problemOf`, by default the result's own) and nothing is journaled; a command the state shows as
 * already applied (a retry) is answered without journaling it again.
 */
export async function submitChecked<C extends NetworkCommand>(
  services: Services,
  command: C,
  refusalOf: (state: NodeState, command: C) => NetworkResult | null,
  problemOf: (refusal: NetworkResult) => ProblemError = (refusal) => resultProblem(refusal),
): Promise<void> {
  await services.node.readBarrier();
  const refusal = refusalOf({ ledger: services.node.state, network: services.node.network }, command);
  if (refusal !== null && refusal !== 'already_applied') throw problemOf(refusal);
  if (refusal === null) await submitNetwork(services, command);
}

/** An API amount in minor units of its currency, or the precise problem with it. */
export function parseAmount(network: NetworkState, amount: { value: string; currency: string }, what = 'amount'): bigint {
  const currency = network.currencies.get(amount.currency);
  if (currency === undefined) throw new ProblemError('unknown-currency', `${what}: ${amount.currency} is not on this network`);
  return parseAmountIn(currency.exponent, amount.value, `${what} in ${amount.currency}`, true);
}

export function parseAmountIn(exponent: number, value: string, what: string, positive: boolean): bigint {
  let minor: bigint;
  try {
    minor = parseDecimalAmount(value, exponent);
  } catch (error) {
    if (!(error instanceof AmountTextError)) throw error;
    throw new ProblemError(error.code === 'amount_too_many_fraction_digits' ? 'amount-precision' : 'amount-invalid', `${what}: ${error.message}`);
  }
  if ((positive && minor <= 0n) || minor > paymentAmountMax) throw new ProblemError('amount-invalid', `${what}: must be ${positive ? 'positive and ' : ''}at most ${paymentAmountMax} minor units`);
  return minor;
}

/** A participant sees only itself; the operator sees everyone. Foreign resources are "not found". */
export function mayActFor(principal: Principal, bic: string): boolean {
  return principal.kind === 'operator' || principal.bic === bic;
}

export function participantOr404(network: NetworkState, principal: Principal, bic: string) {
  const participant = network.participants.get(bic);
  if (participant === undefined || !mayActFor(principal, bic)) throw new ProblemError('not-found', `no participant ${bic} here`);
  return participant;
}

export function pageLimit(text: string | undefined, fallback: number, max: number): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isSafeInteger(n) || n < 1 || n > max) throw new ProblemError('invalid-request', `limit must be between 1 and ${max}`);
  return n;
}
