/**
 * ExposeInvalidFormat: an EXPOSE word with an IP address or a host port (`127.0.0.1:80:80`, `80:80`),
 * which EXPOSE ignores (BuildKit v0.25.2 `frontend/dockerfile/dockerfile2llb/convert_expose.go`).
 *
 * @module
 */
import type { LineSpan, Reporter } from "../check-state.js";
import type { ExposeWord } from "../expose-port.js";
import { DETAIL } from "../rule-table.js";

/** Checks one EXPOSE word (see `splitExposeWord`). */
export function checkExposeInvalidFormat(out: Reporter, w: ExposeWord, lines: LineSpan): void {
  if (w.ip !== "" || w.hostPort !== "") out.report("ExposeInvalidFormat", DETAIL.ExposeInvalidFormat(w.raw), lines);
}
