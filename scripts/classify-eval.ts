/** `npm run classify-eval [-- --markdown]`: the classifier on the held-out corpus; --markdown prints the README's tables. */
import { runCorpus, score } from './classify-measure';
import { markdown, text } from './classify-report';

async function main(): Promise<void> {
  const s = score(await runCorpus());
  console.log(process.argv.includes('--markdown') ? markdown(s) : text(s));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
