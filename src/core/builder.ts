/**
 * Which Docker builder the simulation follows.
 *
 * - `buildkit`: BuildKit with the Dockerfile frontend built into Docker Engine 28.5 (the default).
 * - `legacy`: the classic builder of Docker Engine 28.5 (`DOCKER_BUILDKIT=0`).
 */
export type Builder = "buildkit" | "legacy";

/** Every {@link Builder}, in a stable order. */
export const BUILDERS: readonly Builder[] = ["buildkit", "legacy"];
