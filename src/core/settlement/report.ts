import { formatAmount, type Currency } from '../money/index.js';
import type { WindowReport } from './types.js';

/** A dns window report as JSON-ready data, amounts as decimal strings. */
export function windowReportJson(report: WindowReport, currency: Currency): object {
  return {
    windowId: report.windowId,
    status: report.status,
    currency: currency.code,
    payments: report.payments,
    gross: formatAmount(report.gross, currency),
    net: formatAmount(report.net, currency),
    participants: report.participants.map((p) => ({
      id: p.id,
      sent: formatAmount(p.sent, currency),
      received: formatAmount(p.received, currency),
      net: formatAmount(p.net, currency),
    })),
  };
}

/** The same report as CSV (RFC 4180): one row per participant, then a TOTAL row with gross and net. */
export function windowReportCsv(report: WindowReport, currency: Currency): string {
  const rows = ['window,participant,sent,received,net'];
  for (const p of report.participants) {
    rows.push([report.windowId, csvField(p.id), formatAmount(p.sent, currency), formatAmount(p.received, currency), formatAmount(p.net, currency)].join(','));
  }
  rows.push([report.windowId, 'TOTAL', formatAmount(report.gross, currency), formatAmount(report.gross, currency), formatAmount(report.net, currency)].join(','));
  return rows.join('\r\n') + '\r\n';
}

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}
