// ESLint: Next.js's rules (React, hooks, accessibility, Core Web Vitals) and
// typescript-eslint's recommended rules, over the whole tree. Formatting is
// Prettier's job (.prettierrc.json); eslint-config-prettier turns off the rules
// that would argue with it.
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";
import prettier from "eslint-config-prettier/flat";

const config = [
  {
    ignores: [
      ".next/**",
      ".server/**",
      "generated/**",
      "node_modules/**",
      "test-results/**",
      "playwright-report/**",
      "bench/results/**",
      ".data/**",
      "next-env.d.ts",
    ],
  },
  ...nextVitals,
  ...nextTypescript,
  prettier,
  {
    rules: {
      // An unused binding is a mistake, except where its name says it is deliberate (`_`).
      "@typescript-eslint/no-unused-vars": [
        "error",
        {
          argsIgnorePattern: "^_",
          varsIgnorePattern: "^_",
          destructuredArrayIgnorePattern: "^_",
          caughtErrors: "none",
        },
      ],
    },
  },
];

export default config;
