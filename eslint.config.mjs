// Lint as the TypeScript ecosystem does: ESLint's and typescript-eslint's recommended rules; formatting is
// Prettier's job (.prettierrc.json), so no stylistic rules here.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
    {
        ignores: ["**/bin/**", "**/node_modules/**", ".cache/**", "**/*.js", "test/provider/inference/**"],
    },
    js.configs.recommended,
    ...tseslint.configs.recommended,
    {
        rules: {
            // Property bags from the engine are untyped by nature; `any` is reviewed where it appears.
            "@typescript-eslint/no-explicit-any": "off",
            // require() loads JSON files and optional peers at run time on purpose.
            "@typescript-eslint/no-require-imports": "off",
            "@typescript-eslint/no-unused-vars": [
                "error",
                { argsIgnorePattern: "^_", varsIgnorePattern: "^_", ignoreRestSiblings: true },
            ],
        },
    },
);
