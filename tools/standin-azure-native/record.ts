// The record the STAND-IN azure-native provider keeps of what it was asked to do: what would have reached Azure.
import * as fs from "fs";
import { parseUrn } from "./azureModel";

/** Environment variable naming the JSON-lines file the stand-in appends each request to. */
export const RECORD_ENV = "STANDIN_AZURE_NATIVE_RECORD";

/** One line of the record file. */
export interface RecordedRequest {
    readonly operation: "check" | "create" | "update" | "delete" | "read" | "invoke";
    /** The resource's type token, or the function's token for an invoke. */
    readonly type: string;
    /** The resource's logical name in the program, or the function's token for an invoke. */
    readonly name: string;
    readonly urn: string;
    /** The inputs as the engine sent them (`check` sees unknown values as the engine's unknown marker). */
    readonly inputs: Record<string, unknown>;
    readonly id?: string;
}

/** Appends one request to the record; `urn` is the resource's URN, or the function's token for an invoke. */
export function record(
    operation: RecordedRequest["operation"],
    urn: string,
    inputs: Record<string, unknown>,
    id?: string,
): void {
    const file = process.env[RECORD_ENV];
    if (file) {
        const { type, name } = operation === "invoke" ? { type: urn, name: urn } : parseUrn(urn);
        const entry: RecordedRequest = { operation, type, name, urn, inputs, id };
        fs.appendFileSync(file, JSON.stringify(entry) + "\n");
    }
}
