import type { RoutingRule } from '@bridge/clients-config';

/** A ticket is routed to Tangoe when every rule holds; a client without rules routes everything. */
export function matchesRouting(rules: readonly RoutingRule[] | undefined, field: (name: string) => string | undefined): boolean {
  return (rules ?? []).every((rule) => {
    const value = field(rule.field);
    if (value === undefined) return false;
    if (rule.equals !== undefined && value !== rule.equals) return false;
    if (rule.in !== undefined && !rule.in.includes(value)) return false;
    return true;
  });
}
