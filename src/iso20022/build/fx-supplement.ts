import { exchangeRate } from './fields.js';
import type { FxConversion } from './types.js';
import { type XmlElement, element, leaf } from './xml.js';

/**
 * pacs.002 has no exchange-rate element in any version (checked up to .16), so Corridor puts the
 * rate in SplmtryData, whose envelope the XSD leaves open (xs:any, lax). Receivers that do not
 * know the namespace skip it; the instructed amount itself travels in a standard element.
 */
export const corridorFxNamespace = 'urn:corridor:xsd:fx.001.01';

export function fxSupplementaryData(fx: FxConversion, settlementCurrency: string, place: string): XmlElement {
  return element('SplmtryData', [
    leaf('PlcAndNm', place),
    element('Envlp', [
      element(
        'XchgRateInf',
        [leaf('SrcCcy', fx.instructedAmount.currency), leaf('TrgtCcy', settlementCurrency), leaf('XchgRate', exchangeRate(fx.exchangeRate, 'fx.exchangeRate'))],
        { xmlns: corridorFxNamespace },
      ),
    ]),
  ]);
}
