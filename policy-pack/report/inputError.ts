/**
 * Input the report cannot trust: an empty, cut-short or garbled event stream, a run without the policy pack, an
 * unreadable state file. The command prints the message and exits non-zero, so a broken run never reads as clean.
 */
export class ReportInputError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "ReportInputError";
    }
}
