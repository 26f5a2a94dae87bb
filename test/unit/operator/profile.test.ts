import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_OPERATOR_PROFILE, OperatorProfileError, loadOperatorProfile, operatorTerms, parseOperatorProfile, profileGaps,
} from '../../../operator/profile';
import { thrown } from '../../helpers/thrown';

const profiles = path.resolve(__dirname, '../../../operator/profiles');
const shipped = (name: string) => path.join(profiles, `${name}.json`);

/** The profile error `fn` throws; fails the test if it throws nothing or something else. */
const refusal = (fn: () => unknown) => thrown(fn, OperatorProfileError);

const minimal = () => ({
  legalName: { asInPolicy: 'WELL ENGINEERING LLC' },
  address: { legal: 'room 2/1, 3, Admiral Ushakov Boulevard, Moscow, 117624' },
});
const parse = (json: unknown) => parseOperatorProfile(json, 'test.json');
const paths = (json: unknown) => refusal(() => parse(json)).issues.map((i) => i.path);

describe('operator profile: the schema', () => {
  it('needs only the legal name and address, and fills the defaults', () => {
    expect(parse(minimal())).toEqual({ ...minimal(), websites: [], requestChannels: { mailboxes: [] }, letterLanguage: 'ru', promisedTerms: {} });
  });

  it('refuses a profile without the legal name or address, naming each missing path and what to put there', () => {
    const error = refusal(() => parse({ websites: [] }));
    expect(error.issues.map((i) => i.path)).toEqual(['/legalName', '/address']);
    expect(error.message).toContain('test.json');
    expect(error.message).toMatch(/\/address is missing: add \{"legal"/);
    expect(error.code).toBe('invalid_config');
    expect(paths({ legalName: {}, address: {} })).toEqual(['/legalName/asInPolicy', '/address/legal']);
    expect(paths({ ...minimal(), legalName: { asInPolicy: '   ' } })).toEqual(['/legalName/asInPolicy']);
  });

  it('refuses unknown fields at any depth instead of ignoring them', () => {
    const error = refusal(() => parse({ ...minimal(), dpo_email: 'x@example.ru', address: { legal: 'Moscow', postl: 'Moscow' } }));
    expect(error.issues.map((i) => i.path).sort()).toEqual(['/address/postl', '/dpo_email']);
    expect(error.message).toMatch(/\/address\/postl is not a profile field: remove it \(fields here: legal, postal, ru\)/);
    expect(paths({ ...minimal(), promisedTerms: { acess: { n: 5, unit: 'working_days', clause: '§1' } } })).toEqual(['/promisedTerms/acess']);
  });

  it('refuses the words a policy uses instead of a name or an address, saying what to put there', () => {
    const error = refusal(() => parse({ ...minimal(), legalName: { asInPolicy: 'the Operator', ru: 'Исполнитель' }, address: { legal: 'адрес не указан в политике', ru: '—' } }));
    expect(error.issues.map((i) => i.path)).toEqual(['/legalName/asInPolicy', '/legalName/ru', '/address/legal', '/address/ru']);
    expect(error.message).toContain('/legalName/asInPolicy "the Operator" is how the policy refers to the operator, not its name: put the registered name as in the state register (ЕГРЮЛ)');
    expect(error.message).toContain('/address/legal "адрес не указан в политике" is not an address');
    for (const name of ['Оператор', 'оператор сайта', 'Company', 'Администрация сайта']) expect(paths({ ...minimal(), legalName: { asInPolicy: name } }), name).toEqual(['/legalName/asInPolicy']);
    for (const name of ['ООО «Оператор связи»', 'Operator Systems LLC', 'ООО «Компания Ромашка»']) expect(parse({ ...minimal(), legalName: { asInPolicy: name } }).legalName.asInPolicy).toBe(name);
    for (const address of ['not stated', 'Unknown', 'N/A', 'Адрес отсутствует']) expect(paths({ ...minimal(), address: { legal: address } }), address).toEqual(['/address/legal']);
  });

  it('refuses an INN, OGRN or KPP that is not one, naming the path', () => {
    const error = refusal(() => parse({ ...minimal(), inn: '7727344382', ogrn: '1187746434381', kpp: '7801' }));
    expect(error.issues.map((i) => i.path)).toEqual(['/inn', '/ogrn', '/kpp']);
    expect(error.message).toMatch(/\/inn is not a valid INN/);
    expect(parse({ ...minimal(), inn: '7727344381', ogrn: '1187746434380' }).inn).toBe('7727344381');
  });

  it('refuses bad mailboxes, websites, people, letter languages and promised terms', () => {
    expect(paths({ ...minimal(), requestChannels: { mailboxes: [{ address: 'wellpro', purpose: 'requests' }] } })).toEqual(['/requestChannels/mailboxes/0/address']);
    expect(paths({ ...minimal(), websites: ['wellpro.ru'] })).toEqual(['/websites/0']);
    expect(paths({ ...minimal(), dpo: { name: 'Anna', email: 'anna@example.ru' } })).toEqual(['/dpo/position']);
    expect(paths({ ...minimal(), letterLanguage: 'de' })).toEqual(['/letterLanguage']);
    expect(paths({ ...minimal(), promisedTerms: { access: { n: 5, unit: 'working_days' } } })).toEqual(['/promisedTerms/access/clause']);
    const unit = refusal(() => parse({ ...minimal(), promisedTerms: { consent_withdrawn: { n: 20, unit: 'working_days', clause: '§1' } } }));
    expect(unit.issues).toEqual([{ path: '/promisedTerms/consent_withdrawn/unit', message: expect.stringContaining('must be calendar_days') }]);
  });
});

describe('operator profile: the shipped profiles', () => {
  it('loads WellPRO (seed 000) as the default, with both mailboxes its policy names', () => {
    expect(DEFAULT_OPERATOR_PROFILE).toBe(shipped('wellpro'));
    const p = loadOperatorProfile(DEFAULT_OPERATOR_PROFILE);
    expect(p).toMatchObject({
      legalName: { ru: 'ООО «ВЭЛ ИНЖИНИРИНГ»', asInPolicy: 'WELL ENGINEERING LLC' }, inn: '7727344381', ogrn: '1187746434380',
      websites: ['https://wellpro.ru/'], letterLanguage: 'ru',
    });
    expect(p.requestChannels.mailboxes.map((m) => m.address)).toEqual(['wellpro@wellengineering.ru', 'mail@wellengineering.ru']);
    expect(operatorTerms(p)).toEqual({ applied: {}, conflicts: [] });
    // The policy names neither a DPO nor a head: it starts, and says so.
    expect(profileGaps(p).map((g) => g.path)).toEqual(['/dpo', '/head']);
  });

  it('loads Equart (seed 002), whose promises equal the statute, without INN or OGRN', () => {
    const p = loadOperatorProfile(shipped('equart'));
    expect(p.address.legal).toContain('2-ya Sinichkina, 9A');
    expect(operatorTerms(p).conflicts).toEqual([]);
    expect(operatorTerms(p).applied).toMatchObject({ access: { n: 10 }, consent_withdrawn: { n: 30 } });
    expect(profileGaps(p).map((g) => g.path)).toEqual(['/inn', '/ogrn', '/dpo', '/head']);
  });

  it('loads JUG Ru (seed 003) and reports its deletion promise (§9.5: 10 WD + 5) as a conflict, applying 7 WD', () => {
    const p = loadOperatorProfile(shipped('jugru'));
    expect(p).toMatchObject({ inn: '7801341446', ogrn: '1177847388465', kpp: '780101001' });
    const { applied, conflicts } = operatorTerms(p);
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]).toMatchObject({
      rule: 'destroy_on_evidence', clause: '§9.5',
      promised: { n: 10, unit: 'working_days', extension: 5 }, statutory: { n: 7, extension: null }, applied: { n: 7 },
    });
    expect(applied).toMatchObject({ destroy_on_evidence: { n: 7 }, access: { n: 10 } });
  });

  it.each([['almis', 'seed 001'], ['wt24', 'seed 004']])('refuses %s (%s): its policy does not identify its operator', (name) => {
    const error = refusal(() => loadOperatorProfile(shipped(name)));
    expect(error.issues.map((i) => i.path)).toEqual(['/legalName', '/address']);
    expect(error.message).toContain(`${name}.json`);
  });
});
