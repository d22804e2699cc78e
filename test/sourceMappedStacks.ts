// Loaded after esbuild-register in every test process. Its compiled TypeScript carries source maps, and Node.js
// maps each stack frame through them when source maps are on, in JavaScript, for every frame of every file: a
// second or more per test worker, since @pulumi/pulumi reads a stack at each promise it makes. This keeps V8's own
// formatting and maps only the frames of TypeScript files, so a failure still points at the line of the source.
import { findSourceMap } from "module";

function frameText(frame: NodeJS.CallSite): string {
    const text = String(frame);
    const file = frame.getFileName();
    const line = frame.getLineNumber();
    const column = frame.getColumnNumber();
    if (!file?.endsWith(".ts") || line === null || column === null) {
        return text;
    }
    const entry = findSourceMap(file)?.findEntry(line - 1, column - 1);
    if (entry === undefined || !("originalLine" in entry)) {
        return text;
    }
    return text.replace(`${file}:${line}:${column}`, `${file}:${entry.originalLine + 1}:${entry.originalColumn + 1}`);
}

Error.prepareStackTrace = (error: unknown, frames: NodeJS.CallSite[]) => {
    let header: string;
    try {
        header = Error.prototype.toString.call(error);
    } catch {
        header = "Error";
    }
    return header + frames.map(frame => `\n    at ${frameText(frame)}`).join("");
};
