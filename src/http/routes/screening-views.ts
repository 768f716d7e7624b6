/** Watch lists and holds as the screening API shows them (docs/screening.md, "In the node"). */
import type { ListSlot } from '../../core/screening/index.js';
import type { NetworkState } from '../../core/network/state.js';
import type { HoldRecord } from '../../core/network/screening-types.js';
import { scopeInputOf } from '../../core/network/screening-state.js';
import { holdIsOpen } from '../../core/network/hold-withdrawal.js';
import { isoMicros, paymentView } from '../views.js';

export function watchListView(listId: string, slot: ListSlot) {
  const scope = scopeInputOf(slot.scope);
  return {
    listId,
    active: slot.active,
    jurisdictions: scope === 'all' ? 'all' : [...scope],
    versions: [...slot.versions].map(([version, list]) => ({ version, entries: list.entries.length })),
  };
}

export function holdState(hold: HoldRecord): 'open' | 'released' | 'rejected' | 'withdrawn' {
  if (hold.withdrawal !== undefined) return 'withdrawn';
  return holdIsOpen(hold) ? 'open' : hold.decision!.action === 'release' ? 'released' : 'rejected';
}

export function holdView(network: NetworkState, hold: HoldRecord) {
  const decision = hold.decision;
  return {
    uetr: hold.uetr,
    state: holdState(hold),
    heldAt: isoMicros(hold.heldAt),
    lists: [...hold.lists],
    screened: hold.screened,
    hits: hold.hits,
    hitsOmitted: hold.hitsOmitted,
    decision: decision === null ? null : { action: decision.action, officer: decision.officer, keyId: decision.keyId, at: isoMicros(decision.at), reason: decision.reason, note: decision.note },
    withdrawal: hold.withdrawal === undefined ? null : { by: hold.withdrawal.by, at: isoMicros(hold.withdrawal.at), reason: hold.withdrawal.reason },
    payment: paymentView(network, network.payments.get(hold.uetr)!),
  };
}
