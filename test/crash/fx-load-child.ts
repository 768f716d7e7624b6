/**
 * Cross-currency payments under load, to be killed. Usage: fx-load-child.ts DB RUN
 * Sets up (idempotently) a network with two FX providers, then keeps 200 FX payments in flight;
 * prints "ACK <uetr> <result>" only once the outcome is durable. FX payments may wait a minute:
 * A, which holds no USD, sends some USD → JPY that wait in the USD queue (provider legs reserved)
 * until a funding of A's USD releases them, so kills also fall between a reservation and its post.
 */
import { LedgerNode } from '../../src/sequencer/ledger-node.js';
import { openStore } from '../../src/store/open-store.js';
import type { NodeCommand } from '../../src/core/network/apply.js';
import { bank, currencies, fundIn, joinCurrency, networkSetup, registerAgent, registerCurrency, registerParticipant } from '../../src/core/network/test-support/commands.js';
import { fxPayment, japanBank, moveFxInventory, postFxQuote, provider, quoteInput, setFxPolicy } from '../../src/core/network/test-support/fx-commands.js';

const [path, runText] = process.argv.slice(2);
if (path === undefined || runText === undefined) throw new Error('usage: fx-load-child.ts DB RUN');
const run = Number(runText);
const inFlightMax = 200;

const node = await LedgerNode.open({ store: await openStore(path), snapshotEveryJournalBytes: 256 * 1024 });
const { A, B } = bank;
const { P, Q } = provider;
const expiresAtMs = Date.now() + 3_600_000;
const setup: NodeCommand[] = [
  ...networkSetup(),
  registerAgent(currencies.JPY.agent),
  registerCurrency('JPY'),
  joinCurrency(B, 'JPY'),
  registerParticipant(japanBank, { currencies: ['JPY'] }),
  registerParticipant(P, { roles: ['fx_provider'], currencies: ['EUR', 'USD', 'JPY'] }),
  registerParticipant(Q, { roles: ['fx_provider'], currencies: ['EUR', 'JPY'] }),
  fundIn(A, 'EUR', 10n ** 12n, 'A-EUR'),
  fundIn(B, 'USD', 10n ** 12n, 'B-USD'),
  fundIn(P, 'USD', 10n ** 9n, 'P-USD'),
  fundIn(P, 'JPY', 3n * 10n ** 7n, 'P-JPY'),
  fundIn(Q, 'JPY', 3n * 10n ** 7n, 'Q-JPY'),
  moveFxInventory(P, 'USD', 10n ** 9n, 'INV-P-USD'),
  moveFxInventory(P, 'JPY', 3n * 10n ** 7n, 'INV-P-JPY'),
  moveFxInventory(Q, 'JPY', 3n * 10n ** 7n, 'INV-Q-JPY'),
  setFxPolicy({ queueTimeoutMs: 60_000 }),
];
for (const c of setup) await node.submit(c);
// Quotes of earlier runs are still live (an hour); posting them again is refused as existing.
for (const c of [
  postFxQuote(P, quoteInput('P-EURUSD', 'EUR', 'USD', '1.08', '1.09', { expiresAtMs })),
  postFxQuote(P, quoteInput('P-USDJPY', 'USD', 'JPY', '150', '151', { expiresAtMs })),
  postFxQuote(Q, quoteInput('Q-EURJPY', 'EUR', 'JPY', '161', '163', { expiresAtMs })),
]) await node.submit(c);

let sequence = 0;
let inFlight = 0;
function submitMore(): void {
  while (inFlight < inFlightMax) {
    sequence += 1;
    const seed = `${run}-${sequence}`;
    // EUR → JPY (through USD, or direct) and USD → JPY: they race for the providers' JPY, which runs out.
    // Every 5th is A's in USD, which waits for A's USD; every 25th funds it, which releases what waits.
    if (sequence % 25 === 0) void node.submit(fundIn(A, 'USD', 50_000n, `A-USD-${seed}`));
    const command = sequence % 5 === 0
      ? fxPayment({ seed, from: A, to: japanBank, sourceCurrency: 'USD', targetCurrency: 'JPY', amount: 9_000n + BigInt(sequence % 83) })
      : sequence % 3 === 0
      ? fxPayment({ seed, from: B, to: japanBank, sourceCurrency: 'USD', targetCurrency: 'JPY', amount: 10_000n + BigInt(sequence % 97) })
      : fxPayment({ seed, from: A, to: japanBank, sourceCurrency: 'EUR', targetCurrency: 'JPY', mode: sequence % 2 === 0 ? 'send' : 'deliver', amount: 50_000n + BigInt(sequence % 89) });
    inFlight += 1;
    void node.submit(command).then((o) => {
      inFlight -= 1;
      process.stdout.write(`ACK ${command.uetr} ${o.result}\n`);
      submitMore();
    });
  }
}
process.stdout.write('READY\n');
submitMore();
