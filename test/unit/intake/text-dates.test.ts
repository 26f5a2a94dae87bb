import { describe, expect, it } from 'vitest';
import { DATE, isoDate } from '../../../domain/intake/text-dates';

/** Issue dates of documents as people write them: what the identity reader records as `issuedOn`. */
describe('isoDate', () => {
  it.each([
    ['01.03.2015', '2015-03-01'], ['1/3/2015', '2015-03-01'], ['2015-03-01', '2015-03-01'],
    ['1 марта 2015', '2015-03-01'], ['15 мая 2020', '2020-05-15'], ['3 май 2020', '2020-05-03'], ['2 сентября 2019', '2019-09-02'],
    ['1 March 2015', '2015-03-01'], ['1 Mar. 2015', '2015-03-01'], ['March 1, 2015', '2015-03-01'], ['Dec 31 1999', '1999-12-31'],
    ['  1 Марта 2015 ', '2015-03-01'], ['12 декабря 2200', '2200-12-12'], ['1 января 1900', '1900-01-01'],
    ['31.02.2015', '2015-02-31'], // read, not judged
  ])('reads %s as %s', (text, iso) => {
    expect(isoDate(text)).toBe(iso);
  });

  it.each([
    ['13.13.2015'], ['00.03.2015'], ['32.01.2015'], ['01.00.2015'], ['01.03.1899'], ['01.03.2201'], ['2015-13-01'],
    ['1 марток 2015 x'], ['1 foo 2015'], ['Foo 1, 2015'], ['March 1, 2015 г.'], ['x 01.03.2015'], ['01.03.2015 x'],
    ['x 2015-03-01'], ['2015-03-01x'], ['x1 March 2015'], ['1 March 2015x'], ['March 1, 20155'], ['March  1,  2015 and'],
  ])('does not read %s', (text) => {
    expect(isoDate(text)).toBeUndefined();
  });

  it('reads every form DATE finds inside a sentence', () => {
    const text = 'выдан 01.03.2015, 2016-04-02, 3 мая 2017, 4 June 2018 и July 5, 2019';
    const found = [...text.matchAll(new RegExp(DATE, 'giu'))].map((m) => isoDate(m[0]));
    expect(found).toEqual(['2015-03-01', '2016-04-02', '2017-05-03', '2018-06-04', '2019-07-05']);
  });
});
