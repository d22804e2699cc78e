// Paths of template-spec artifacts (`linkedTemplates`), as ARM resolves a `templateLink.relativePath` among them.
import { foldCase } from "./caseFolding";

/**
 * A relative path resolved against the folder of the template that holds it (`""` for the main template), as ARM
 * resolves template-spec links: backslashes as `/`, `.` and empty segments dropped, `..` going up. Undefined when `..`
 * leaves the template spec.
 */
export function joinRelative(from: string, relative: string): string | undefined {
    const parts = from.split("/").slice(0, -1);
    for (const part of relative.replace(/\\/g, "/").split("/")) {
        if (part === "..") {
            if (parts.pop() === undefined) {
                return undefined;
            }
        } else if (part !== "." && part !== "") {
            parts.push(part);
        }
    }
    return parts.join("/");
}

/** The key of a resolved artifact path: paths that differ only in letter case may name the same file. */
export function artifactKey(resolvedPath: string): string {
    return foldCase(resolvedPath);
}
