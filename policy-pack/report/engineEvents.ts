// Reads the engine's JSON-lines event stream, as printed by `pulumi preview --json` (with
// PULUMI_ENABLE_STREAMING_JSON_PREVIEW=1), `pulumi up --json` and `pulumi policy analyze --json`: one
// apitype.EngineEvent per line. Only the fields the report uses are typed.
import { ReportInputError } from "./inputError";

/** `policyEvent`: one diagnostic a policy reported on a resource (a violation, or an advisory notice). */
export interface PolicyEvent {
    readonly resourceUrn?: string;
    readonly message: string;
    readonly policyName: string;
    readonly policyPackName: string;
    readonly policyPackVersion: string;
    /** `mandatory` or `advisory` (the engine reports `remediate` failures as mandatory). */
    readonly enforcementLevel: string;
    readonly severity?: string;
}

/** `policyAnalyzeSummaryEvent`: for one resource, the policies of one pack that passed and failed. */
export interface PolicyAnalyzeSummaryEvent {
    readonly resourceUrn: string;
    readonly policyPackName: string;
    readonly policyPackVersion: string;
    readonly passed?: readonly string[];
    readonly failed?: readonly string[];
}

/** `policyRemediationEvent`: a policy rewrote a resource's inputs before deployment. */
export interface PolicyRemediationEvent {
    readonly resourceUrn?: string;
    readonly policyName: string;
    readonly policyPackName: string;
}

/** `resourcePreEvent` / `resOutputsEvent`: a step of the engine on one resource. */
export interface StepEvent {
    readonly metadata: { readonly op: string; readonly urn: string; readonly type: string };
}

/** `summaryEvent`: the last word of a run. */
export interface SummaryEvent {
    readonly isPreview: boolean;
    /** `succeeded`, `failed` or `cancelled` (absent from old CLIs). */
    readonly result?: string;
    /** Packs that ran: keys `name` or `name|local|path`, values their versions. */
    readonly PolicyPacks?: Record<string, string>;
}

/** `diagnosticEvent`: a message the engine or a plugin printed. */
export interface DiagnosticEvent {
    readonly urn?: string;
    readonly message: string;
    readonly severity: string;
}

/** One line of the stream. Exactly one of the payload fields is set. */
export interface EngineEvent {
    readonly sequence: number;
    /** Unix time in seconds when the CLI wrote the event. */
    readonly timestamp?: number;
    readonly policyEvent?: PolicyEvent;
    readonly policyAnalyzeSummaryEvent?: PolicyAnalyzeSummaryEvent;
    readonly policyRemediationEvent?: PolicyRemediationEvent;
    readonly resourcePreEvent?: StepEvent;
    readonly resOutputsEvent?: StepEvent;
    readonly summaryEvent?: SummaryEvent;
    readonly diagnosticEvent?: DiagnosticEvent;
    readonly preludeEvent?: unknown;
    readonly cancelEvent?: unknown;
}

const RECIPE =
    "PULUMI_ENABLE_STREAMING_JSON_PREVIEW=1 pulumi preview --policy-pack <pack> --json | npx secure-webapp-report";
const SHOWN = 80;

/** What the report reads from the CLI's output. */
export interface EventStream {
    /** The events of the last run in the stream (see readEngineEvents). */
    readonly events: EngineEvent[];
    /** The preview digest `pulumi up --json` prints before its events (without the streaming variable). */
    readonly previewDigest?: string;
}

/**
 * Parses the stream. Every non-blank line must be a JSON engine event: a line of anything else means the stream
 * was mixed with other output or cut mid-line, and the report refuses it rather than guess what was lost.
 * `pulumi up --json` prints the preview's events (or, without the streaming variable, its digest as one indented
 * JSON document) before the update's; each run numbers its events from 0, and only the last run, the one that
 * decided, is kept.
 */
export function readEngineEvents(text: string, source: string): EventStream {
    const lines = text.split("\n");
    const previewDigest = leadingDocument(lines);
    const firstEventLine = previewDigest === undefined ? 0 : previewDigest.split("\n").length;
    const events: EngineEvent[] = [];
    lines.slice(firstEventLine).forEach((line, index) => {
        if (line.trim() === "") {
            return;
        }
        const event = parseEvent(line);
        if (event === undefined) {
            const shown = line.length > SHOWN ? `${line.slice(0, SHOWN)}…` : line;
            throw new ReportInputError(
                `${source}, line ${firstEventLine + index + 1}, is not a JSON engine event: ${JSON.stringify(shown)}. ` +
                    "The report reads only the JSON lines the Pulumi CLI prints with --json; keep the CLI's stderr and any " +
                    `other output out of the stream (e.g. ${RECIPE}).`,
            );
        }
        if (event.sequence === 0) {
            events.length = 0; // a new run starts
        }
        events.push(event);
    });
    if (events.length === 0 && previewDigest !== undefined) {
        throw new ReportInputError(
            `${source} is the summary document that \`pulumi preview --json\` prints without ` +
                "PULUMI_ENABLE_STREAMING_JSON_PREVIEW=1, not its event stream: it holds the planned steps but none of the policy " +
                `results. Run the preview again with the variable set (${RECIPE}); this document can still go to --state, ` +
                "for the program lines.",
        );
    }
    if (events.length === 0) {
        throw new ReportInputError(
            `${source} is empty: it holds no engine events. Give the report the output of ${RECIPE}.`,
        );
    }
    return { events, previewDigest };
}

/** An indented JSON document at the start ("{" alone on the first line, "}" alone closing it), if there is one. */
function leadingDocument(lines: string[]): string | undefined {
    const end = lines[0]?.trim() === "{" ? lines.findIndex(line => line === "}") : -1;
    if (end < 0) {
        return undefined;
    }
    const document = lines.slice(0, end + 1).join("\n");
    try {
        JSON.parse(document);
        return document;
    } catch {
        return undefined;
    }
}

function parseEvent(line: string): EngineEvent | undefined {
    let value: unknown;
    try {
        value = JSON.parse(line);
    } catch {
        return undefined;
    }
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
        return undefined;
    }
    const record = value as Record<string, unknown>;
    const payloads = Object.keys(record).filter(
        key => key.endsWith("Event") && typeof record[key] === "object" && record[key] !== null,
    );
    if (typeof record.sequence !== "number" || payloads.length !== 1) {
        return undefined;
    }
    const payload = record[payloads[0]] as Record<string, unknown>;
    return (REQUIRED_STRINGS[payloads[0]] ?? []).every(field => typeof payload[field] === "string") &&
        (!("metadata" in payload) || typeof (payload.metadata as { urn?: unknown } | null)?.urn === "string")
        ? (record as unknown as EngineEvent)
        : undefined;
}

/** Fields the report reads, which an event of that kind must carry as strings. */
const REQUIRED_STRINGS: Record<string, readonly string[]> = {
    policyEvent: ["message", "policyName", "policyPackName", "enforcementLevel"],
    policyAnalyzeSummaryEvent: ["resourceUrn", "policyPackName"],
    policyRemediationEvent: ["policyName", "policyPackName"],
    diagnosticEvent: ["message", "severity"],
};
