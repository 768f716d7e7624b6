export { type Currency, currencyByCode, currencyByNumeric, allCurrencies, iso4217PublishDate } from './currency.js';
export { amountMinorMax, parseAmount, formatAmount, type AmountError, type AmountParse, type AmountParseOptions } from './amount.js';
