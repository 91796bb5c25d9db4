/**
 * Marks the end of an exhaustive `switch`: adding a member to a union without handling it
 * becomes a compile error at every such switch.
 * @internal
 */
export function assertNever(value: never, what = "value"): never {
  throw new Error(`unhandled ${what}: ${JSON.stringify(value)}`);
}
