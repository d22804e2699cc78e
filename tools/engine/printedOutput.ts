// What the demo and `npm run scan` print of the CLI's output: the engine's own lines, less its notice, repeated in
// every run, that it uses the plugins this engine put on PATH ("warning: using pulumi-resource-azure-native from
// $PATH at ..."): about one line in six of a preview, and nothing the reader can act on. A plugin found anywhere else
// on PATH is still reported. The Diagnostics headers that only those notices filled, and the warning counts (which
// counted them), are dropped with them; so are colour codes.

/** Whether a line is a notice to leave out (see OfflineEngine.isOwnPluginNotice). */
export type NoticeFilter = (line: string) => boolean;

/** Takes the CLI's output in chunks as it arrives and prints it line by line through `print`, filtered. */
export interface OutputWriter {
    write(text: string): void;
    /** Prints a last line without its newline, if one is left. */
    flush(): void;
}

/**
 * ANSI colour codes: the CLI runs with `--color never`, but the YAML language host colours its diagnostics
 * whatever it is told, and they would end up in a log redirected to a file.
 */
// eslint-disable-next-line no-control-regex
const COLOUR_CODE = /\u001b\[[0-9;]*m/g;

/** `N warning(s)` in the CLI's per-resource summaries ("create 1 error; 1 warning"). */
const WARNING_COUNT = /(; )?\b(\d+) warnings?\b(; )?/;

export function filteredOutputWriter(isNotice: NoticeFilter, print: (line: string) => void): OutputWriter {
    let partial = "";
    let dropped = 0;
    // In the Diagnostics block (until the next section's header), the headers and blank lines not printed yet: they
    // are printed once a message under them is, and dropped with the block when none is.
    let inDiagnostics = false;
    let printedInBlock = false;
    let pending: { blockHeader?: string; resourceHeader?: string; blank: boolean } = { blank: false };

    const line = (coloured: string) => {
        const text = coloured.replace(COLOUR_CODE, "");
        if (isNotice(text)) {
            dropped++;
            return;
        }
        if (text.trim() === "Diagnostics:") {
            inDiagnostics = true;
            printedInBlock = false;
            pending = { blockHeader: text, blank: false };
            return;
        }
        if (inDiagnostics) {
            if (text.trim() === "") {
                pending.blank = true;
                return;
            }
            if (/^ {2}\S/.test(text)) {
                pending.resourceHeader = text; // a resource's messages may all be notices
                return;
            }
            if (/^\s/.test(text)) {
                [pending.blockHeader, printedInBlock && pending.blank ? "" : undefined, pending.resourceHeader]
                    .filter(header => header !== undefined)
                    .forEach(print);
                pending = { blank: false };
                printedInBlock = true;
                print(text);
                return;
            }
            // The next section: the block ended with a blank line, printed only if the block was.
            inDiagnostics = false;
            if (printedInBlock) {
                print("");
            }
        }
        print(dropped > 0 && !text.includes("warning:") ? withoutDroppedWarnings(text) : text);
    };

    return {
        write(text: string) {
            const lines = (partial + text).split("\n");
            partial = lines.pop() ?? "";
            lines.forEach(line);
        },
        flush() {
            if (partial) {
                line(partial);
            }
            partial = "";
        },
    };
}

/**
 * A summary line without its warning count once notices were left out: the engine repeats a notice in several
 * progress lines, so the count of what is left cannot be told from them. The warnings left are printed anyway.
 */
function withoutDroppedWarnings(text: string): string {
    const count = WARNING_COUNT.exec(text);
    if (count === null || !text.includes("pulumi:pulumi:Stack")) {
        return text;
    }
    return text.replace(WARNING_COUNT, count[1] && count[3] ? "; " : "").trimEnd();
}
