// One conversion of a resource's properties per Analyze request, instead of one per policy. @pulumi/policy turns
// the request's protobuf Struct into JavaScript (`Struct.toJavaScript`, then a deep copy of its own) for each
// policy it runs, and this pack runs two policies on every resource, so the second conversion was most of the
// pack's cost per resource beyond a no-op pack's (bench/README.md). The SDK still makes each policy its own
// copy from the converted value, so neither policy can see what the other did to its properties.
import { Handler } from "./handlers";

/** The part of the engine's AnalyzeRequest this reads. */
export interface AnalyzeRequest {
    getProperties(): { toJavaScript(): unknown } | undefined;
}

/** The SDK's Analyze handler, given a request whose properties convert once, however often they are read. */
export function convertingPropertiesOnce(analyze: Handler<AnalyzeRequest>): Handler<AnalyzeRequest> {
    return (call, callback) => {
        convertOnce(call.request.getProperties());
        analyze(call, callback);
    };
}

/** Makes `toJavaScript` of this one Struct convert on its first call and return that value afterwards. */
export function convertOnce(struct: { toJavaScript(): unknown } | undefined): void {
    if (struct === undefined) {
        return;
    }
    const convert = struct.toJavaScript;
    let converted: { value: unknown } | undefined;
    struct.toJavaScript = function () {
        converted ??= { value: convert.call(this) };
        return converted.value;
    };
}
