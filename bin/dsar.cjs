#!/usr/bin/env node
// Entry point for `npx dsar …`: runs the TypeScript CLI through tsx, so no build step is needed.
require('tsx/cjs');
require('../cli/dsar.ts');
