/**
 * Docker's value formats, parsed and formatted exactly as Docker Engine 28.5 does: EXPOSE port
 * specs, STOPSIGNAL, Go durations and HEALTHCHECK flags, image references, stage names, and
 * Go's `%q` quoting used in history and error messages.
 *
 * @module
 */

export { parseExposedPorts, parsePortRange, parsePortSpec, parsePortSpecList, portRangeKeys, PORT_PROTOCOLS, type PortRange } from "./port-spec.js";
export { parseStopSignal, signalNumber, LINUX_SIGNALS } from "./signal.js";
export { parseGoDuration, formatGoDuration, goTimeQuote, GO_DURATION_MIN, GO_DURATION_MAX } from "./go-duration.js";
export {
  parseHealthcheckOptions,
  parseHealthcheckDuration,
  parseHealthcheckRetries,
  goParseInt,
  formatHealthcheckHistory,
  type HealthcheckFlagValues,
  type HealthcheckOptions,
} from "./healthcheck-options.js";
export { parseImageReference, sameImage, parseDigest, type ImageReference } from "./image-reference.js";
export { validateStageName } from "./stage-name.js";
export { goQuote, goQuoteBytes, goQuoteRune, goSprintfQInt, goQuoteStringSlice, goIsPrint } from "./go-quote.js";
export { goSplitHostPort, goIsIP } from "./go-net.js";
export { utf8Encode, utf8DecodeGo } from "./utf8.js";
