/**
 * The demo network: six currencies of large emerging economies, each issued by its central bank
 * as settlement agent, with its main commercial banks as direct participants; RUB, INR and BRL settle
 * gross (rtgs), CNY and ZAR gross with the LSM (rtgs-lsm), AED net in windows (dns). BICs are the
 * institutions' published BIC8s as far as we know them; weights (each bank's share of demo
 * traffic) are heavy-tailed, as real interbank volume is: a few large banks carry most of it.
 */
import { createHash } from 'node:crypto';
import type { NodeConfig, ParticipantConfig } from '../config/node-config.js';
import { nodeLimitsDefaults, settlementClockDefaults } from '../config/node-config.js';
import type { SettlementMode } from '../core/network/types.js';
import { assert } from '../core/assert.js';
import { currencyByCode } from '../core/money/index.js';
import { demoUnitsPerUsd } from './scale.js';
import { demoFxParticipants } from './fx.js';

interface DemoCurrency {
  readonly code: string;
  readonly country: string;
  readonly mode: SettlementMode;
  /** dns: the open window closes and settles on the settlement clock once it has been open this long. */
  readonly windowSeconds?: number;
  readonly agent: readonly [bic: string, name: string];
  /** BIC, name, weight; the first is the largest and gets an intraday credit line. */
  readonly banks: readonly (readonly [bic: string, name: string, weight: number])[];
}

/** The demo's dns currency settles a window every minute. */
export const demoDnsWindowSeconds = 60;

const demoCurrencies: readonly DemoCurrency[] = [
  {
    code: 'CNY', country: 'CN', mode: 'rtgs-lsm', agent: ['PBOCCNBJ', "People's Bank of China"],
    banks: [
      ['ICBKCNBJ', 'Industrial and Commercial Bank of China', 100],
      ['PCBCCNBJ', 'China Construction Bank', 70],
      ['ABOCCNBJ', 'Agricultural Bank of China', 55],
      ['BKCHCNBJ', 'Bank of China', 50],
      ['COMMCNSH', 'Bank of Communications', 18],
      ['CMBCCNBS', 'China Merchants Bank', 14],
    ],
  },
  {
    code: 'RUB', country: 'RU', mode: 'rtgs', agent: ['CBRFRUMM', 'Central Bank of the Russian Federation'],
    banks: [
      ['SABRRUMM', 'Sberbank', 100],
      ['VTBRRUMM', 'VTB Bank', 45],
      ['GAZPRUMM', 'Gazprombank', 16],
      ['ALFARUMM', 'Alfa-Bank', 12],
      ['RZBMRUMM', 'Raiffeisenbank', 4],
    ],
  },
  {
    code: 'INR', country: 'IN', mode: 'rtgs', agent: ['RBISINBB', 'Reserve Bank of India'],
    banks: [
      ['SBININBB', 'State Bank of India', 100],
      ['HDFCINBB', 'HDFC Bank', 50],
      ['ICICINBB', 'ICICI Bank', 38],
      ['UTIBINBB', 'Axis Bank', 22],
      ['KKBKINBB', 'Kotak Mahindra Bank', 15],
      ['PUNBINBB', 'Punjab National Bank', 12],
    ],
  },
  {
    code: 'BRL', country: 'BR', mode: 'rtgs', agent: ['BCBRBRDF', 'Banco Central do Brasil'],
    banks: [
      ['ITAUBRSP', 'Itaú Unibanco', 100],
      ['BRASBRRJ', 'Banco do Brasil', 90],
      ['BBDEBRSP', 'Banco Bradesco', 55],
      ['CEFXBRSP', 'Caixa Econômica Federal', 45],
      ['BSCHBRSP', 'Banco Santander (Brasil)', 20],
    ],
  },
  {
    code: 'ZAR', country: 'ZA', mode: 'rtgs-lsm', agent: ['SARBZAJP', 'South African Reserve Bank'],
    banks: [
      ['SBZAZAJJ', 'The Standard Bank of South Africa', 100],
      ['FIRNZAJJ', 'FirstRand Bank', 85],
      ['ABSAZAJJ', 'Absa Bank', 70],
      ['NEDSZAJJ', 'Nedbank', 45],
      ['CABLZAJJ', 'Capitec Bank', 12],
    ],
  },
  {
    // Deferred net settlement, so the demo shows netting windows too: a window a minute (the
    // shortest a schedule allows) settles a few hundred payments net while the dashboard watches.
    code: 'AED', country: 'AE', mode: 'dns', windowSeconds: demoDnsWindowSeconds, agent: ['CBAUAEAA', 'Central Bank of the United Arab Emirates'],
    banks: [
      ['NBADAEAA', 'First Abu Dhabi Bank', 100],
      ['EBILAEAD', 'Emirates NBD Bank', 90],
      ['ADCBAEAA', 'Abu Dhabi Commercial Bank', 45],
      ['DUIBAEAD', 'Dubai Islamic Bank', 25],
      ['BOMLAEAD', 'Mashreqbank', 20],
    ],
  },
];

/** A cooperative bank without its own RBI settlement account: it settles through SBI. */
const indirectBank = { bic: 'SRCBINBB', name: 'Saraswat Co-operative Bank', country: 'IN', sponsor: 'SBININBB', currency: 'INR', weight: 3 } as const;

/**
 * Opening money per direct bank, in USD-equivalent, for a bank with all of a currency's traffic;
 * a bank gets it times the square root of its share. Demo traffic is a driftless random walk per
 * bank whose spread grows with the square root of the bank's share. Measured with seeds 1–3: no
 * payment of the first million lacks funds (at a fifth of this, about 1 in 10,000 does: the
 * rare 20–40 million USD payments of a small bank).
 */
const fundingUsdFullShare = 1e9;
/** The largest bank of each currency also gets an intraday credit line of this share of its funding. */
const creditLineShareOfFunding = 0.25;

/** The demo network as a configuration: what `corridor demo` registers. */
export function demoConfig(): NodeConfig {
  const participants: ParticipantConfig[] = demoCurrencies.map((c) => participant(c.agent[0], c.agent[1], c.country, ['settlement_agent'], [], 1));
  for (const c of demoCurrencies) {
    for (const [bic, name, weight] of c.banks) participants.push(participant(bic, name, c.country, ['bank'], [c.code], weight));
  }
  participants.push({ ...participant(indirectBank.bic, indirectBank.name, indirectBank.country, ['bank'], [indirectBank.currency], indirectBank.weight), type: 'indirect', sponsor: indirectBank.sponsor });
  const config: NodeConfig = {
    currencies: demoCurrencies.map((c) => {
      const iso = currencyByCode(c.code)!;
      return { code: c.code, mode: c.mode, agent: c.agent[0], exponent: iso.exponent, ledger: iso.numeric, ...(c.windowSeconds === undefined ? {} : { windowSeconds: c.windowSeconds }) };
    }),
    participants,
    limits: { ...nodeLimitsDefaults },
    settlement: { ...settlementClockDefaults },
  };
  return withCreditLines(config);
}

function participant(bic: string, name: string, country: string, roles: ParticipantConfig['roles'], currencies: string[], weight: number): ParticipantConfig {
  return { bic, name, country, type: 'direct', sponsor: null, roles, currencies, limits: [], apiKeys: [demoApiKeyRecord(bic)], webhook: null, weight };
}

function withCreditLines(config: NodeConfig): NodeConfig {
  const largest = new Set(demoCurrencies.map((c) => c.banks[0]![0]));
  const funding = demoFunding(config);
  const participants = config.participants.map((p) => {
    if (!largest.has(p.bic)) return p;
    const limits = funding
      .filter((f) => f.bic === p.bic)
      .map((f) => ({ currency: f.currency, creditLine: scaleMinor(f.amountMinor, creditLineShareOfFunding), netDebitCap: null }));
    return { ...p, limits };
  });
  return { ...config, participants };
}

export interface DemoFunding {
  readonly bic: string;
  readonly currency: string;
  readonly amountMinor: bigint;
}

/**
 * Opening funds-in per direct bank and currency, sized by the bank's share of the currency's
 * traffic weight (indirect banks use their sponsor's account; agents hold none). Amounts are
 * whole major units rounded to three significant digits.
 */
export function demoFunding(config: NodeConfig): DemoFunding[] {
  const funding: DemoFunding[] = [];
  for (const currency of config.currencies) {
    const banks = config.participants.filter((p) => p.currencies.includes(currency.code) && !p.roles.includes('settlement_agent'));
    const total = banks.reduce((sum, p) => sum + p.weight, 0);
    for (const bank of banks) {
      if (bank.type !== 'direct') continue;
      // Indirect banks' traffic moves their sponsor's account.
      const weight = banks.filter((p) => p.bic === bank.bic || p.sponsor === bank.bic).reduce((sum, p) => sum + p.weight, 0);
      const major = threeSignificantDigits(fundingUsdFullShare * Math.sqrt(weight / total) * demoUnitsPerUsd(currency.code));
      funding.push({ bic: bank.bic, currency: currency.code, amountMinor: BigInt(major) * 10n ** BigInt(currency.exponent) });
    }
  }
  return funding;
}

/** The demo network with its FX providers, holding every demo currency: what `corridor demo` registers. */
export function demoConfigWithFx(): NodeConfig {
  const config = demoConfig();
  return { ...config, participants: [...config.participants, ...demoFxParticipants(config.currencies.map((c) => c.code), demoApiKeyRecord)] };
}

/** Opening funds of the banks as in demoConfig, and of the FX providers as large banks. */
export function demoFundingWithFx(): DemoFunding[] {
  const providers = new Set(demoConfigWithFx().participants.filter((p) => p.roles.includes('fx_provider')).map((p) => p.bic));
  return [...demoFunding(demoConfig()), ...demoFunding(demoConfigWithFx()).filter((f) => providers.has(f.bic))];
}

/** The demo's API key of a participant, derived from its BIC so scripts can use it: demo only, never in production. */
export function demoApiKey(bic: string): { readonly keyId: string; readonly key: string; readonly secretHash: string } {
  const keyId = `${bic.toLowerCase()}demo`;
  const secret = createHash('sha256').update(`corridor demo key ${bic}`).digest('base64url');
  return { keyId, key: `${keyId}.${secret}`, secretHash: createHash('sha256').update(secret).digest('hex') };
}

function demoApiKeyRecord(bic: string): { keyId: string; secretHash: string } {
  const { keyId, secretHash } = demoApiKey(bic);
  return { keyId, secretHash };
}

function threeSignificantDigits(value: number): number {
  const magnitude = 10 ** Math.max(0, Math.floor(Math.log10(value)) - 2);
  const rounded = Math.round(value / magnitude) * magnitude;
  assert(Number.isSafeInteger(rounded) && rounded > 0, `demo funding ${rounded} is a positive safe integer`);
  return rounded;
}

/** amount × share in exact integers: the share is taken to a thousandth, the result rounded down. */
function scaleMinor(amount: bigint, share: number): bigint {
  return (amount * BigInt(Math.round(share * 1000))) / 1000n;
}
