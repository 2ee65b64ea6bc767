import { Badge } from "@waybill/ui";
import type { CarrierAccount } from "../lib/api-types";
import { BREAKER_LOOK } from "../lib/labels";

/** Active / paused / disabled at a glance, from the breaker state the api computes. */
export function AccountHealthBadge({ account }: { account: CarrierAccount }) {
  const look = BREAKER_LOOK[account.health.breaker];
  return (
    <Badge tone={look.tone} dot>
      {look.label}
    </Badge>
  );
}
