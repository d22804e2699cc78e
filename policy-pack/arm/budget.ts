// The evaluation budget of one resource: a count of steps that the walk of its templates and every evaluation
// in them draw on, so that no template, whatever its shape, keeps the pack busy for long. A step is roughly
// constant work: one resource walked, one expression node evaluated, one unit of size of a value a function
// reads or builds.
import { Unverifiable } from "./values";

/** Steps one resource's templates may take: far above what real templates need, well under a second of work. */
export const MAX_EVALUATION_STEPS = 1_000_000;

/** Characters (or items) copied, read or parsed per step: native copying is far cheaper than a step of evaluation. */
export const CHARACTERS_PER_STEP = 16;

/** A step counter shared by the walk and the evaluations of one resource's templates. */
export class Budget {
    private spent = 0;
    private verdict?: Unverifiable;

    constructor(private readonly limit = MAX_EVALUATION_STEPS) {}

    /** Records `steps` of work; false once the budget is exhausted (and from then on). */
    spend(steps = 1): boolean {
        this.spent += steps;
        return this.spent <= this.limit;
    }

    /** Records the work of copying, reading or parsing `size` characters (or items); false once exhausted. */
    spendOnSize(size: number): boolean {
        return this.spend(Math.ceil(size / CHARACTERS_PER_STEP));
    }

    /** Whether the budget is exhausted. */
    get isExhausted(): boolean {
        return this.spent > this.limit;
    }

    /** Steps recorded so far, for tests that count work instead of timing it. */
    get steps(): number {
        return this.spent;
    }

    /** What an evaluation that ran out of budget yields (one value, however often it is asked for). */
    exhausted(): Unverifiable {
        this.verdict ??= new Unverifiable(
            `the template is too costly to evaluate: it takes more than ${this.limit.toLocaleString("en-US")} evaluation steps ` +
                "(values built or shared many times over)",
            "a template whose settings are computed without values built or shared many times over",
        );
        return this.verdict;
    }
}
