import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';
import tseslint from 'typescript-eslint';

const config = [
  {
    ignores: ['.next/**', 'dist/**', 'sdk/dist/**', 'node_modules/**', 'lib/generated/**', 'data/**', 'playwright-report/**', 'test-results/**', 'e2e/artifacts/**', 'next-env.d.ts'],
  },
  ...nextVitals,
  ...nextTs,
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { '@typescript-eslint': tseslint.plugin },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name='process'][property.name='env']",
          message: 'Read configuration through lib/env.ts.',
        },
      ],
    },
  },
  {
    // Layers: the domain announces, the transports listen. No import cycle
    // anywhere in the server code, and the domain never reaches for a transport.
    files: ['lib/**/*.ts', 'app/**/*.ts', 'server.ts'],
    rules: {
      'import/no-cycle': ['error', { ignoreExternal: true }],
    },
  },
  {
    files: ['lib/chat/**', 'lib/users/**', 'lib/events/**', 'lib/auth/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/realtime/**', '**/realtime', 'socket.io', 'socket.io-client'],
              message: 'Services announce domain events (lib/events); only lib/realtime knows about sockets.',
            },
          ],
        },
      ],
    },
  },
  {
    // Tests talk to JSON APIs and may poke at untyped bodies; the env
    // module, the test harness and tooling are the places that read process.env.
    files: ['tests/**', 'sdk/tests/**', 'e2e/**', 'bench/**', 'lib/env.ts', 'scripts/**', 'server.ts', 'playwright.config.ts', '**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      'no-restricted-syntax': 'off',
    },
  },
  {
    // Playwright fixtures call `use`, which is not React's hook.
    files: ['e2e/**'],
    rules: { 'react-hooks/rules-of-hooks': 'off' },
  },
];

export default config;
