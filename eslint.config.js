import tseslint from 'typescript-eslint';

/**
 * The code cites the rules it keeps as "rules §n" (docs/rules.md, in the repository); the product
 * contract ("SPEC §n") is not in the repository, so a citation of it points a reader nowhere.
 */
const CONTRACT_CITATION = /SPEC\s*§/;
const house = {
  rules: {
    'cite-docs-rules': {
      meta: { type: 'suggestion', messages: { cite: 'Cite docs/rules.md ("rules §n"), not "SPEC §n".' } },
      create(context) {
        const check = (node, text) => {
          if (CONTRACT_CITATION.test(text)) context.report({ node, messageId: 'cite' });
        };
        return {
          Program() {
            for (const comment of context.sourceCode.getAllComments()) check(comment, comment.value);
          },
          Literal(node) {
            if (typeof node.value === 'string') check(node, node.value);
          },
          TemplateElement(node) {
            check(node, node.value.raw);
          },
        };
      },
    },
  },
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', '.tmp/**', 'test/generated/**', 'sdk/dist/**', 'sdk/src/generated/**', 'web/src/api/schema.ts', 'src/database/migrations/**', '**/*.js', '**/*.mjs', '**/*.cjs'] },
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    plugins: { house },
    rules: {
      'house/cite-docs-rules': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      eqeqeq: ['error', 'always'],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Decorated Nest classes and TypeORM metadata use Function and class-level types freely.
      '@typescript-eslint/no-unsafe-function-type': 'off',
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    files: ['test/**/*.ts', 'src/**/*.spec.ts', 'sdk/src/**/*.spec.ts', 'bench/**/*.ts'],
    rules: {
      // Test answers are asserted field by field; typing every JSON body adds nothing.
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unnecessary-type-assertion': 'off',
    },
  },
);
