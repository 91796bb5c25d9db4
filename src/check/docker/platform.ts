/**
 * The part of containerd's platforms package (github.com/containerd/platforms v1.0.0-rc.1, as vendored
 * by moby/buildkit v0.25.2: `platforms.go` `Parse`, `FormatAll`, `Normalize`; `database.go`
 * `normalizeArch`) the checks need: whether a `--platform` value parses, its normalised OS and
 * architecture, and the text Docker's messages print for a platform.
 *
 * @module
 */

/** A parsed platform: normalised OS, architecture and variant. */
export interface ParsedPlatform {
  readonly os: string;
  readonly architecture: string;
  readonly variant: string;
}

// Go's GOOS and GOARCH lists (go/build/syslist.go), which containerd accepts.
const KNOWN_OS = new Set("aix android darwin dragonfly freebsd hurd illumos ios js linux nacl netbsd openbsd plan9 solaris wasip1 windows zos".split(" "));
const KNOWN_ARCH = new Set(
  "386 amd64 amd64p32 arm armbe arm64 arm64be loong64 mips mipsle mips64 mips64le mips64p32 mips64p32le ppc ppc64 ppc64le riscv riscv64 s390 s390x sparc sparc64 wasm".split(" "),
);
const COMPONENT = /^[A-Za-z0-9_-]+$/;
const OS_COMPONENT = /^([A-Za-z0-9_-]+)(?:\(([A-Za-z0-9_.%-]*)((?:\+[A-Za-z0-9_.%-]+)*)\))?$/;

function normalizeOS(os: string): string {
  const l = os.toLowerCase();
  return l === "macos" ? "darwin" : l;
}

function normalizeArch(arch: string, variant: string): { architecture: string; variant: string } {
  const a = arch.toLowerCase();
  const v = variant.toLowerCase();
  switch (a) {
    case "i386":
      return { architecture: "386", variant: "" };
    case "x86_64":
    case "x86-64":
    case "amd64":
      return { architecture: "amd64", variant: v === "v1" ? "" : v };
    case "aarch64":
    case "arm64":
      return { architecture: "arm64", variant: v === "8" || v === "v8" || v === "v8.0" ? "" : v === "9" || v === "9.0" || v === "v9.0" ? "v9" : v };
    case "armhf":
      return { architecture: "arm", variant: "v7" };
    case "armel":
      return { architecture: "arm", variant: "v6" };
    case "arm":
      return { architecture: "arm", variant: v === "" || v === "7" ? "v7" : v === "5" || v === "6" || v === "8" ? `v${v}` : v };
    default:
      return { architecture: a, variant: v };
  }
}

/**
 * Parses a platform specifier as containerd does on a linux/amd64 host; `undefined` when containerd
 * would reject it.
 *
 * @example
 * ```ts
 * parsePlatform("linux/aarch64"); // { os: "linux", architecture: "arm64", variant: "" }
 * parsePlatform("arm64");         // { os: "linux", architecture: "arm64", variant: "" }
 * parsePlatform("nope");          // undefined
 * ```
 */
export function parsePlatform(specifier: string, host: { readonly os: string; readonly architecture: string } = { os: "linux", architecture: "amd64" }): ParsedPlatform | undefined {
  const parts = specifier.split("/");
  const osMatch = OS_COMPONENT.exec(parts[0] ?? "");
  if (osMatch === null) return undefined;
  for (const p of parts.slice(1)) if (!COMPONENT.test(p)) return undefined;
  const first = osMatch[1]!;
  switch (parts.length) {
    case 1: {
      const os = normalizeOS(first);
      if (KNOWN_OS.has(os)) return { os, architecture: host.architecture, variant: "" };
      const a = normalizeArch(first, "");
      if (KNOWN_ARCH.has(a.architecture)) return { os: host.os, ...a };
      return undefined;
    }
    case 2:
      return { os: normalizeOS(first), ...normalizeArch(parts[1]!, "") };
    case 3: {
      const a = normalizeArch(parts[1]!, parts[2]!);
      return { os: normalizeOS(first), architecture: a.architecture, variant: a.architecture === "arm64" && a.variant === "" ? "v8" : a.variant };
    }
    default:
      return undefined;
  }
}

/**
 * containerd's `FormatAll(Normalize(p))`, the text Docker's InvalidBaseImagePlatform detail prints:
 * `os/architecture[/variant]` with the architecture and variant normalised (`aarch64` is `arm64`, the
 * `v8` of arm64 is dropped, bare `arm` is `arm/v7`); `unknown` when the OS is empty.
 *
 * @example
 * ```ts
 * formatPlatformAll({ os: "linux", architecture: "aarch64", variant: "v8" }); // "linux/arm64"
 * formatPlatformAll({ os: "linux", architecture: "arm" });                    // "linux/arm/v7"
 * ```
 */
export function formatPlatformAll(p: { readonly os: string; readonly architecture: string; readonly variant?: string }): string {
  if (p.os === "") return "unknown";
  const a = normalizeArch(p.architecture, p.variant ?? "");
  // Go's path.Join drops empty elements.
  return [normalizeOS(p.os), a.architecture, a.variant].filter((x) => x !== "").join("/");
}

/**
 * containerd's `Normalize`: the OS lower-cased (`macos` is `darwin`), the architecture and variant
 * normalised as {@link formatPlatformAll} prints them.
 *
 * @example
 * ```ts
 * normalizePlatform({ os: "Linux", architecture: "x86_64" }); // { os: "linux", architecture: "amd64", variant: "" }
 * ```
 */
export function normalizePlatform(p: { readonly os: string; readonly architecture: string; readonly variant?: string }): ParsedPlatform {
  return { os: normalizeOS(p.os), ...normalizeArch(p.architecture, p.variant ?? "") };
}

/**
 * Reads a base image's platform as a base image's `platform` field stores it (`os/architecture[/variant]`,
 * from the image config or the index that named it); `undefined` when it is not of that shape.
 *
 * @example
 * ```ts
 * imagePlatform("linux/arm/v7"); // { os: "linux", architecture: "arm", variant: "v7" }
 * ```
 */
export function imagePlatform(text: string): ParsedPlatform | undefined {
  const parts = text.split("/");
  if (parts.length < 2 || parts.length > 3 || parts.some((x, k) => x === "" && k < 2)) return undefined;
  return { os: parts[0]!, architecture: parts[1]!, variant: parts[2] ?? "" };
}
