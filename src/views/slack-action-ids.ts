import { type ActionId, actionIds } from "./message.ts";

/**
 * Slack wants action ids unique within a block, and several "Open" buttons share a neutral id, so the
 * position is appended: `customer.open:2`. `decodeActionId` gives the neutral id back.
 */
export function encodeActionId(id: ActionId, index: number): string {
  return `${id}:${index}`;
}

export function decodeActionId(actionId: string): ActionId | null {
  const id = actionId.split(":")[0] ?? "";
  return (actionIds as readonly string[]).includes(id) ? (id as ActionId) : null;
}
