// The evaluation budgets: a count of steps that the walk of a resource's templates and every evaluation in them
// draw on, so that no template, whatever its shape, keeps the pack busy for long. A step is roughly constant
// work: one resource walked, one expression node evaluated, one item (a part, a key, a member) a function
// lists or builds, 16 characters copied or 4 read one by one. Each resource has its own budget; in the pack's server
// (a run of the engine), all of them also draw on the run's, which the request passes in
// (server/requestContext.ts), so that a stack of many costly templates cannot add more than a few seconds to a
// preview either.
import { ValueCache } from "./valueCache";
import { Unverifiable } from "./values";

/** Steps one resource's templates may take: far above what real templates need, well under a second of work. */
export const MAX_EVALUATION_STEPS = 1_000_000;

/**
 * Steps all the templates of one run may take: ten resources that each spend their whole budget, a few seconds
 * of work. Real templates take about 85 steps per site, so this is some 115,000 template sites in one stack.
 */
export const MAX_RUN_STEPS = 10 * MAX_EVALUATION_STEPS;

/** Characters (or items) copied or scanned per step by native code (slicing, joining, case mapping). */
export const CHARACTERS_PER_STEP = 16;

/**
 * Characters per step that the pack's own code reads one at a time (the JSON reader, the expression parser, the
 * text search of `split`, `replace`, `indexOf`): each costs several native copies.
 */
export const SCANNED_CHARACTERS_PER_STEP = 4;

/** Characters of JSON text per step: the JSON reader reads them one at a time and builds the values they hold. */
export const JSON_CHARACTERS_PER_STEP = 2;

/** The steps of reading JSON text of `size` characters (a template's text, `json()`). */
export function jsonTextSteps(size: number): number {
    return Math.ceil(size / JSON_CHARACTERS_PER_STEP);
}

/** The steps of a whole run, which every resource's budget also spends. */
export class RunBudget {
    spent = 0;
    constructor(readonly limit = MAX_RUN_STEPS) {}
}

/**
 * A step counter shared by the walk and the evaluations of one resource's templates, with the cache of what that
 * work learnt about its values, so that none of it is paid for twice.
 */
export class Budget {
    readonly cache = new ValueCache();
    private spent = 0;
    private verdict?: Unverifiable;

    constructor(
        private readonly limit = MAX_EVALUATION_STEPS,
        /** The run's budget, which this one also spends; none outside a run (a resource evaluated alone). */
        private readonly run?: RunBudget,
    ) {}

    /** Records `steps` of work; false once this budget or the run's is exhausted (and from then on). */
    spend(steps = 1): boolean {
        this.spent += steps;
        if (this.run !== undefined) {
            this.run.spent += steps;
        }
        return !this.isExhausted;
    }

    /** Records the work of copying `size` characters (or items) natively; false once exhausted. */
    spendOnSize(size: number): boolean {
        return this.spend(Math.ceil(size / CHARACTERS_PER_STEP));
    }

    /** Records the work of reading `size` characters one at a time (parsing, searching); false once exhausted. */
    spendOnScan(size: number): boolean {
        return this.spend(Math.ceil(size / SCANNED_CHARACTERS_PER_STEP));
    }

    /** Whether this budget or the run's is exhausted. */
    get isExhausted(): boolean {
        return this.spent > this.limit || this.runIsSpent;
    }

    private get runIsSpent(): boolean {
        return this.run !== undefined && this.run.spent > this.run.limit;
    }

    /** Steps recorded so far, for tests that count work instead of timing it. */
    get steps(): number {
        return this.spent;
    }

    /** What an evaluation that ran out of budget yields (one value, however often it is asked for). */
    exhausted(): Unverifiable {
        this.verdict ??=
            this.spent <= this.limit && this.runIsSpent
                ? new Unverifiable(
                      `the templates of this run are too costly to evaluate: together they take more than ` +
                          `${this.run!.limit.toLocaleString("en-US")} evaluation steps, so templates evaluated after ` +
                          "that are not read (the earlier ones are reported as too costly, or hold many sites)",
                      "templates whose settings are computed without values built or shared many times over; " +
                          "split a stack with more than about 100,000 template sites",
                  )
                : new Unverifiable(
                      `the template is too costly to evaluate: it takes more than ${this.limit.toLocaleString("en-US")} evaluation steps ` +
                          "(values built or shared many times over)",
                      "a template whose settings are computed without values built or shared many times over",
                  );
        return this.verdict;
    }
}
