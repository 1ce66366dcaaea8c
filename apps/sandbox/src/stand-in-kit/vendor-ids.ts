/**
 * A user's id as Zendesk's and Freshservice's APIs write it: a JSON number. The sandbox's users are configured with
 * string ids, some of them not numbers at all (a test's `bridge-acme`); those are written as given, so that the
 * bridge, which reads both, compares them with its `integrationUser` alike.
 */
export function vendorUserId(id: string): number | string {
  return /^\d+$/.test(id) && Number.isSafeInteger(Number(id)) ? Number(id) : id;
}
