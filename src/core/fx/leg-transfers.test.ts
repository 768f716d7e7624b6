import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { routeTransfers } from './leg-transfers.js';
import { buildRouteIndex } from './route-index.js';
import { findRoute } from './route.js';
import { bookOf, policy, terms } from './test-support.js';

void describe('routeTransfers', () => {
  void it('turns a two-leg route into payer→provider, provider→provider, provider→payee', () => {
    const book = bookOf([
      terms({ id: 'usdjpy', provider: 'FXPROVBB', base: 'USD', counter: 'JPY', bid: '150' }),
      terms({ id: 'cnyjpy', provider: 'FXPROVCC', base: 'CNY', counter: 'JPY', ask: '20.9' }),
    ]);
    const result = findRoute(buildRouteIndex(book, policy(), 0), { participant: 'BANKAAAA', sourceCurrency: 'USD', targetCurrency: 'CNY', mode: 'send', amountMinor: 100000n }, 0);
    assert.ok(result.ok);
    assert.deepEqual(routeTransfers(result.route, 'BANKAAAA', 'BANKCCCC'), [
      { leg: 0, currency: 'USD', debitParticipant: 'BANKAAAA', creditParticipant: 'FXPROVBB', amountMinor: 100000n },
      { leg: 0, currency: 'JPY', debitParticipant: 'FXPROVBB', creditParticipant: 'FXPROVCC', amountMinor: 150000n },
      { leg: 1, currency: 'CNY', debitParticipant: 'FXPROVCC', creditParticipant: 'BANKCCCC', amountMinor: 717703n },
    ]);
  });

  void it('omits the middle transfer when one provider serves both legs', () => {
    const book = bookOf([
      terms({ id: 'usdjpy', base: 'USD', counter: 'JPY', bid: '150' }),
      terms({ id: 'cnyjpy', base: 'CNY', counter: 'JPY', ask: '20.9' }),
    ]);
    const result = findRoute(buildRouteIndex(book, policy(), 0), { participant: 'BANKAAAA', sourceCurrency: 'USD', targetCurrency: 'CNY', mode: 'send', amountMinor: 100000n }, 0);
    assert.ok(result.ok);
    const transfers = routeTransfers(result.route, 'BANKAAAA', 'BANKCCCC');
    assert.deepEqual(transfers.map((t) => `${t.currency} ${t.debitParticipant}→${t.creditParticipant} ${t.amountMinor}`), [
      'USD BANKAAAA→FXPROVAA 100000',
      'CNY FXPROVAA→BANKCCCC 717703',
    ]);
  });
});
