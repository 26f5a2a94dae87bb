import { describe, expect, it } from 'vitest';
import { isReported, reportedSpans } from '../../../domain/intake/quoted-history';

/** The reported parts of a text, as text. */
const reported = (text: string) => reportedSpans(text).map(([from, to]) => text.slice(from, to));

describe('reported speech', () => {
  it('runs from a past verb of writing or asking to the end of its sentence', () => {
    expect(reported('Я уже просил удалить мои данные, вы этого не сделали. Удалите их.')).toEqual(['просил удалить мои данные, вы этого не сделали']);
    expect(reported('In my previous email I asked you to delete my account! Since then…')).toEqual(['asked you to delete my account']);
    expect(reported('Ранее я писал вам об этом\n\nУдалите данные')).toEqual(['писал вам об этом']);
    expect(reported('Я требовала удалить мои данные')).toEqual(['требовала удалить мои данные']);
  });

  it('runs to the closing quote when a quotation follows, whatever full stops it holds', () => {
    expect(reported('Ранее я писал вам: «Удалите мои данные. И не звоните». Прошу ответить.')).toEqual(['писал вам: «Удалите мои данные. И не звоните»']);
    expect(reported('I wrote: "delete my data. Now." Please answer.')).toEqual(['wrote: "delete my data. Now."']);
  });

  it('covers only its own clause when said in passing, "как я уже писал, …" / "as I wrote before, …"', () => {
    expect(reported('Как я уже писал, удалите мои данные.')).toEqual(['писал']);
    expect(reported('As I wrote before, please erase my data.')).toEqual(['wrote before']);
    expect(reported('As I wrote before: erase my data.')).toEqual(['wrote before: erase my data']);
    // In passing inside a report: the report still runs to its end.
    expect(reported('Я просил, как я уже писал, удалить мои данные.')).toEqual(['просил, как я уже писал, удалить мои данные']);
  });

  it('reads what the operator said as reported too', () => {
    expect(reported('Вы сообщили, что удалили мои данные. Прекратите звонить.')).toEqual(['сообщили, что удалили мои данные']);
    expect(reported('You told me it was done.')).toEqual(['told me it was done']);
  });

  it('is not a polite present wish, this letter itself, or a verb that only starts like one', () => {
    expect(reported('Я просил бы удалить мои данные.')).toEqual([]);
    expect(reported('Я написала это письмо, чтобы отозвать согласие. I wrote this email to say so.')).toEqual([]);
    expect(reported('Прошу удалить; пишу вам повторно; подписал договор; I ask you; askedly')).toEqual([]);
  });
});

describe('the reported spans', () => {
  it('come in order, overlapping ones merged, and a long text of reporting verbs ends each within a sentence', () => {
    expect(reportedSpans('Я просил, вы ответили, что нет. Я писал.')).toEqual([[2, 30], [34, 39]]);
    const long = `Я просил ${'а'.repeat(1000)}`;
    expect(reportedSpans(long)).toEqual([[2, 602]]);
  });

  it('tell whether an index lies in one of them, the end excluded', () => {
    const spans: Array<[number, number]> = [[2, 5], [10, 12], [20, 30]];
    expect([0, 1, 2, 4, 5, 9, 10, 11, 12, 19, 20, 29, 30, 99].map((i) => isReported(spans, i)))
      .toEqual([false, false, true, true, false, false, true, true, false, false, true, true, false, false]);
    expect(isReported([], 0)).toBe(false);
  });
});
