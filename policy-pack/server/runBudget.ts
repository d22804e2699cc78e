// Where a run's evaluation budget (arm/budget.ts) begins. The engine starts the pack for one preview or update
// and configures it before the first Analyze, so Configure begins a run; should an engine analyze without
// configuring, the first Analyze begins it. Outside the server (a resource evaluated alone) there is no run, and
// each resource keeps only its own budget.
import { beginRun, runHasBegun } from "../arm/budget";
import { Handler } from "./handlers";

/** The SDK's Configure handler, beginning a run with a fresh run budget first. */
export function beginningRun<Request>(configure: Handler<Request>): Handler<Request> {
    return (call, callback) => {
        beginRun();
        configure(call, callback);
    };
}

/** The SDK's Analyze handler, beginning a run first if the engine has not configured the pack. */
export function inRun<Request>(analyze: Handler<Request>): Handler<Request> {
    return (call, callback) => {
        if (!runHasBegun()) {
            beginRun();
        }
        analyze(call, callback);
    };
}
