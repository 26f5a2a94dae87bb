/** The production intake process (intake/main.ts) with the tests' classifier, as a process a test can SIGKILL. */
import { main } from '../../intake/main';
import { testClassifier } from './test-classifier';

main(testClassifier).catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
