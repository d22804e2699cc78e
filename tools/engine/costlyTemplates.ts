// Adversarial ARM templates shared by the cost tests of the evaluator and of the policy server, and the benchmark.

/**
 * Variables `<prefix>0..<prefix>n`, each an object holding the previous one four times: n + 1 objects whose JSON
 * grows fourfold at each step (n = 8: 677,198 characters; n = 9: 2.7 million).
 */
export function quadrupling(prefix: string, n: number, leaf = "x"): Record<string, unknown> {
    const variables: Record<string, unknown> = { [`${prefix}0`]: leaf };
    for (let i = 1; i <= n; i++) {
        const previous = `variables('${prefix}${i - 1}')`;
        variables[`${prefix}${i}`] = `[createObject('a',${previous},'b',${previous},'c',${previous},'d',${previous})]`;
    }
    return variables;
}

/** A template of about 1 kB whose one site's mode takes just over a resource's whole evaluation budget. */
export function spendsItsBudget(): Record<string, unknown> {
    return {
        variables: {
            ...quadrupling("o", 7),
            all: Array.from({ length: 8 }, () => "[string(union(variables('o7'),variables('o7')))]"),
        },
        resources: [
            {
                type: "Microsoft.Web/sites",
                apiVersion: "2024-04-01",
                name: "web",
                properties: { clientCertMode: "[variables('all')[7]]" },
            },
        ],
    };
}
