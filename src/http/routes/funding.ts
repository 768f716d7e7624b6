import type { RouteSpec } from '../route.js';
import { Funding, FundingInput } from '../schemas.js';
import { ProblemError } from '../problems.js';
import { amountView, isoMicros } from '../views.js';
import { parseAmount, submitNetwork } from './common.js';
import { resultProblem } from '../result-problems.js';
import { settlementAccountKey } from '../../core/network/state.js';

const fund: RouteSpec = {
  method: 'POST',
  path: '/v1/funding',
  operationId: 'moveFunds',
  summary: 'Funds in or out of a participant’s settlement account, against the currency’s settlement agent',
  description: 'The operator, or the currency’s settlement agent itself. Funds out takes at most the participant’s own balance, never its credit line. A retry with the same reference changes nothing.',
  tag: 'funding',
  access: 'any',
  body: FundingInput,
  responses: { 201: Funding, 200: Funding },
  problems: [409, 422],
  async handler({ principal, body, request, services }) {
    const input = body as { direction: 'in' | 'out'; participant: string; amount: { value: string; currency: string }; reference: string };
    const network = services.node.network;
    const amount = parseAmount(network, input.amount);
    if (principal.kind === 'participant' && network.currencies.get(input.amount.currency)?.agent !== principal.bic) {
      throw new ProblemError('forbidden', `only the operator or the settlement agent of ${input.amount.currency} moves its funds`);
    }
    // Refusals that durable state already shows are answered without journaling anything.
    await services.node.readBarrier();
    const participant = network.participants.get(input.participant);
    if (participant === undefined) throw resultProblem('participant_unknown');
    const previous = network.fundings.get(`${input.amount.currency} ${input.reference}`);
    const retry = previous !== undefined && previous.direction === input.direction && previous.participant === input.participant && previous.amount === amount;
    if (previous !== undefined && !retry) throw resultProblem('funding_reference_reused');
    const accountId = network.settlementAccounts.get(settlementAccountKey(input.participant, input.amount.currency));
    if (accountId === undefined) throw resultProblem('participant_not_in_currency');
    const account = services.node.state.accounts.get(accountId)!;
    if (!retry && input.direction === 'out' && amount > account.creditsPosted - account.debitsPosted - account.debitsPending) throw resultProblem('insufficient_funds');
    const result = await submitNetwork(services, { type: 'fund', direction: input.direction, bic: input.participant, currency: input.amount.currency, amount, reference: input.reference });
    const record = network.fundings.get(`${input.amount.currency} ${input.reference}`)!;
    // Amounts are logged as strings: a JSON number would lose digits past 2^53.
    request.log.info({ event: 'funding', direction: record.direction, participant: record.participant, amount: input.amount.value, currency: record.currency, reference: record.reference, retry: result !== 'accepted' }, 'funds moved');
    return {
      status: result === 'accepted' ? 201 : 200,
      body: { reference: record.reference, direction: record.direction, participant: record.participant, amount: amountView(network, record.currency, record.amount), transferId: record.transferId, at: isoMicros(record.at) },
    };
  },
};

export const fundingRoutes: readonly RouteSpec[] = [fund];
