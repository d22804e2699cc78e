// Where each resource was declared. The JSON event stream carries no source positions (the CLI leaves them out of
// its step events), but two other outputs of the CLI do: `pulumi stack export` (also the file that
// `pulumi policy analyze --file` reads) and the digest that `pulumi preview --json` prints without the streaming
// variable. Either can be given to the report.
import * as path from "path";
import { ReportInputError } from "./inputError";

/** A resource as the state or preview digest records it. */
export interface StateResource {
    readonly urn: string;
    readonly type: string;
    readonly parent?: string;
    /** `project:///<path relative to the project folder>#<line>,<column>`. */
    readonly sourcePosition?: string;
    /** The resource's inputs: what the pack judged in a preview, an update and `pulumi policy analyze`. */
    readonly inputs?: Record<string, unknown>;
}

/** A place in the program's source, relative to the repository root. */
export interface SourceLocation {
    readonly file: string;
    readonly line: number;
    readonly column?: number;
}

const STACK_TYPE = "pulumi:pulumi:Stack";

/** Reads a `pulumi stack export` file or a `pulumi preview --json` digest into resources by URN. */
export function readStackState(text: string, source: string): Map<string, StateResource> {
    let document: unknown;
    try {
        document = JSON.parse(text);
    } catch (err) {
        throw new ReportInputError(
            `${source} is not JSON (${(err as Error).message}). Give --state the output of ` +
                "`pulumi stack export` or of `pulumi preview --json` (without PULUMI_ENABLE_STREAMING_JSON_PREVIEW).",
        );
    }
    const candidates = resourcesOf(document);
    if (candidates === undefined) {
        throw new ReportInputError(
            `${source} is neither a \`pulumi stack export\` file (deployment.resources) nor a ` +
                "`pulumi preview --json` digest (steps): the report cannot tell where resources were declared.",
        );
    }
    const resources = new Map<string, StateResource>();
    for (const candidate of candidates) {
        if (isObject(candidate) && typeof candidate.urn === "string" && typeof candidate.type === "string") {
            resources.set(candidate.urn, {
                urn: candidate.urn,
                type: candidate.type,
                parent: typeof candidate.parent === "string" && candidate.parent !== "" ? candidate.parent : undefined,
                sourcePosition: typeof candidate.sourcePosition === "string" ? candidate.sourcePosition : undefined,
                inputs: isObject(candidate.inputs) ? candidate.inputs : undefined,
            });
        }
    }
    return resources;
}

function resourcesOf(document: unknown): unknown[] | undefined {
    if (!isObject(document)) {
        return undefined;
    }
    const deployment = document.deployment;
    if (isObject(deployment) && Array.isArray(deployment.resources)) {
        return deployment.resources;
    }
    if (Array.isArray(document.steps)) {
        return document.steps.map(step => (isObject(step) ? (step.newState ?? step.oldState) : undefined));
    }
    return undefined;
}

/**
 * The line of the user's program behind a resource. A resource created inside a component is located at the line
 * that created the component: the outermost ancestor below the stack, since that is the code the user wrote.
 */
export function declarationOf(
    urn: string,
    resources: ReadonlyMap<string, StateResource>,
    projectDir: string,
): SourceLocation | undefined {
    let resource = resources.get(urn);
    const seen = new Set<string>();
    while (resource?.parent !== undefined && !seen.has(resource.urn)) {
        seen.add(resource.urn);
        const parent = resources.get(resource.parent);
        if (parent === undefined || parent.type === STACK_TYPE) {
            break;
        }
        resource = parent;
    }
    return resource?.sourcePosition === undefined
        ? undefined
        : parseSourcePosition(resource.sourcePosition, projectDir);
}

const SOURCE_POSITION = /^project:\/\/\/(.+)#(\d+)(?:,(\d+))?$/;

/** `project:///index.ts#12,5` in a project at `infra/` becomes infra/index.ts, line 12, column 5. */
export function parseSourcePosition(position: string, projectDir: string): SourceLocation | undefined {
    const match = SOURCE_POSITION.exec(position);
    if (match === null) {
        return undefined;
    }
    return {
        file: path.posix.normalize(path.posix.join(projectDir.split(path.sep).join("/"), decodeURI(match[1]))),
        line: Number(match[2]),
        column: match[3] === undefined ? undefined : Number(match[3]),
    };
}

function isObject(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}
