import type { NetworkState } from './state.js';
import type { InboxEvent } from './types.js';

/** Appends an event to a participant's inbox with the next sequence number. */
export function appendInboxEvent(network: NetworkState, bic: string, event: Omit<InboxEvent, 'seq'>): void {
  let inbox = network.inboxes.get(bic);
  if (inbox === undefined) {
    inbox = [];
    network.inboxes.set(bic, inbox);
  }
  inbox.push({ seq: inbox.length + 1, ...event });
}

/** Appends to each distinct participant once (a sponsor and its indirect participant may coincide). */
export function appendInboxEventTo(network: NetworkState, bics: readonly string[], event: Omit<InboxEvent, 'seq'>): void {
  for (let i = 0; i < bics.length; i += 1) {
    if (bics.indexOf(bics[i]!) === i) appendInboxEvent(network, bics[i]!, event);
  }
}

export function inboxLength(network: NetworkState, bic: string): number {
  return network.inboxes.get(bic)?.length ?? 0;
}
