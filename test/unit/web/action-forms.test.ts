import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../platform/logger';
import { AppError } from '../../../api/errors';
import { ACTION_FORMS, bodyFromForm, refusedActions } from '../../../web/forms/action-forms';
import { localPath } from '../../../web/session';
import { operatorDays } from '../../../web/operator-day';
import { weekBars } from '../../../web/chart';

const log = createLogger('silent');
const refusal = (fn: () => unknown) => { try { fn(); } catch (err) { return err as AppError; } throw new Error('not refused'); };

describe('action forms from the API action schemas', () => {
  it('offers each schema field with its kind, and one entry of a required list', () => {
    expect(ACTION_FORMS.extend.fields.map((f) => [f.name, f.kind, f.required])).toEqual([['reason', 'textarea', true], ['note', 'textarea', false]]);
    expect(ACTION_FORMS.assign.fields.map((f) => f.name)).toEqual(['assignee.name', 'assignee.email', 'note']);
    expect(ACTION_FORMS.request_information.fields[0]).toMatchObject({ name: 'missing', kind: 'checkboxes', options: ['identity_document', 'relation_to_operator', 'signature', 'representative_authority'] });
    expect(ACTION_FORMS.confirm_destruction.fields.map((f) => f.name)).toEqual(['what', 'where', 'method', 'destroyedAt', 'destroyedBy.0.name', 'destroyedBy.0.position', 'note']);
    expect(ACTION_FORMS.classify.fields[0]).toMatchObject({ name: 'type', kind: 'select', required: true });
  });

  it('turns a form into the API body: nested fields, lists, operator-time instants, empty optional fields left out', () => {
    expect(bodyFromForm('assign', { 'assignee.name': 'Olga Officer', 'assignee.email': '', note: '' }, 'Europe/Moscow', log))
      .toEqual({ action: 'assign', assignee: { name: 'Olga Officer' } });
    expect(bodyFromForm('request_information', { missing: 'signature' }, 'Europe/Moscow', log)).toEqual({ action: 'request_information', missing: ['signature'] });
    const destroyed = bodyFromForm('confirm_destruction', {
      what: 'ФИО', where: 'CRM', method: 'удаление', destroyedAt: '2026-03-10T14:45', 'destroyedBy.0.name': 'Ирина', 'destroyedBy.0.position': 'администратор',
    }, 'Europe/Moscow', log) as { destroyedAt: string; destroyedBy: unknown };
    expect(Date.parse(destroyedAt(destroyed))).toBe(Date.parse('2026-03-10T11:45:00Z'));
    expect(destroyed.destroyedBy).toEqual([{ name: 'Ирина', position: 'администратор' }]);
  });

  it('refuses what the API would refuse, with the API\'s code and message', () => {
    expect(refusal(() => bodyFromForm('extend', { reason: '' }, 'Europe/Moscow', log))).toMatchObject({ statusCode: 400, code: 'invalid_body', message: expect.stringContaining('"reason"') });
    expect(refusal(() => bodyFromForm('assign', { 'assignee.name': '   ' }, 'Europe/Moscow', log))).toMatchObject({ statusCode: 400 });
    expect(refusal(() => bodyFromForm('fly', {}, 'Europe/Moscow', log))).toMatchObject({ code: 'unknown_action' });
    // A field sent twice (a crafted form): neither value is taken silently.
    expect(refusal(() => bodyFromForm('extend', { reason: ['archive', 'other'] }, 'Europe/Moscow', log)))
      .toMatchObject({ statusCode: 400, code: 'duplicate_form_field', message: expect.stringContaining('"reason"') });
  });

  it('gives the table\'s reason for every action not allowed now', () => {
    const c = { type: 'access' as const, step: 'review' as const, terms: [{ key: 'answer' as const, rule: 'access' as const, status: 'running' as const, dueAt: '2099-01-01T00:00:00Z', extended: true }] };
    const refused = refusedActions(c, ['request_information', 'respond', 'refuse', 'assign', 'close'], Date.parse('2026-12-01T00:00:00Z'));
    expect(refused.find((r) => r.action === 'extend')?.reason).toMatch(/already extended/);
    expect(refused.find((r) => r.action === 'block')?.reason).toMatch(/not part of the access path/);
    expect(refused.map((r) => r.action)).not.toContain('respond');
  });
});

const destroyedAt = (b: { destroyedAt: string }) => b.destroyedAt;

describe('console helpers', () => {
  it('follows only local paths after sign-in (no open redirect)', () => {
    expect(localPath('/cases?type=access')).toBe('/cases?type=access');
    for (const bad of ['https://evil.example', '//evil.example', '/\\evil.example', 'cases', undefined]) expect(localPath(bad)).toBe('/');
    // Browsers drop tabs and line breaks from a Location: these would lead to //evil.example.
    for (const odd of ['/\t/evil.example/x', '/\n/evil.example', '/\r\nSet-Cookie: x=1', '/ /x', '/cases?q=Иванов', '/\u202e']) {
      expect(refusal(() => localPath(odd))).toMatchObject({ statusCode: 400, code: 'invalid_return_path' });
    }
  });

  it('counts the operator\'s days: today, this week\'s Sunday, in its time zone', () => {
    // 2026-12-06 22:30 UTC is already Monday 7 December in Moscow.
    expect(operatorDays(Date.parse('2026-12-06T22:30:00Z'), 'Europe/Moscow')).toMatchObject({ today: '2026-12-07', weekEnd: '2026-12-13', afterWeek: '2026-12-14', tomorrow: '2026-12-08' });
    expect(operatorDays(Date.parse('2026-12-06T12:00:00Z'), 'Europe/Moscow')).toMatchObject({ today: '2026-12-06', weekEnd: '2026-12-06' });
  });

  it('scales the weekly chart to the busiest week', () => {
    const bars = weekBars([{ week: '2026-11-23', opened: 10, closed: 5 }, { week: '2026-11-30', opened: 0, closed: 0 }]);
    expect(bars.map((b) => [b.openedH, b.closedH])).toEqual([[130, 65], [0, 0]]);
  });
});
