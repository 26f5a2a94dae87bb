import { TZDate } from '@date-fns/tz';
import type { FastifyBaseLogger } from 'fastify';
import { ActionRefused, decide, type CaseSnapshot } from '../../domain/case/decide';
import { OFFICER_ACTIONS, type OfficerAction } from '../../domain/case/legal-paths';
import { ACTION_BODIES, ActionBody } from '../../api/features/cases/action-schemas';
import { AppError, toErrorBody } from '../../api/errors';
import { validatorCompiler } from '../../api/validation';

/**
 * The action forms, derived from the API's action schemas (api/features/cases/action-schemas.ts), so a field
 * added there appears here; and a submitted form turned back into the API's body and validated by the same
 * schema, so the console cannot send what the API would refuse.
 */
export type FieldKind = 'text' | 'textarea' | 'select' | 'checkboxes' | 'date' | 'datetime' | 'email';
export interface Field { name: string; kind: FieldKind; required: boolean; options: string[] }
export interface ActionForm { action: OfficerAction; fields: Field[] }

interface Prop { type?: string; enum?: string[]; format?: string; maxLength?: number; minItems?: number; items?: Prop; properties?: Record<string, Prop>; required?: string[] }

function kindOf(p: Prop): FieldKind {
  if (p.enum) return 'select';
  if (p.format === 'date') return 'date';
  if (p.format === 'date-time') return 'datetime';
  if (p.format === 'email') return 'email';
  return (p.maxLength ?? 0) > 300 ? 'textarea' : 'text';
}

function fieldsOf(schema: Prop, prefix = '', required = true): Field[] {
  const fields: Field[] = [];
  for (const [key, p] of Object.entries(schema.properties ?? {})) {
    if (key === 'action') continue;
    const name = `${prefix}${key}`;
    const isRequired = required && (schema.required ?? []).includes(key);
    if (p.type === 'object') fields.push(...fieldsOf(p, `${name}.`, isRequired));
    else if (p.type === 'array' && p.items?.enum) fields.push({ name, kind: 'checkboxes', required: isRequired, options: p.items.enum });
    // A list of people or sections: the form offers one entry (required lists) — longer lists go through the API.
    else if (p.type === 'array' && p.items?.type === 'object') { if (isRequired) fields.push(...fieldsOf(p.items, `${name}.0.`, true)); }
    else fields.push({ name, kind: kindOf(p), required: isRequired, options: p.enum ?? [] });
  }
  return fields;
}

export const ACTION_FORMS: Record<OfficerAction, ActionForm> = Object.fromEntries(
  ACTION_BODIES.map((schema) => {
    const action = (schema.properties.action as { const: OfficerAction }).const;
    return [action, { action, fields: fieldsOf(schema as unknown as Prop) }];
  }),
) as Record<OfficerAction, ActionForm>;

/** The actions not allowed now, each with the reason the table gives (decide.ts): what a greyed form shows. */
export function refusedActions(c: CaseSnapshot, allowed: readonly string[], now: number): Array<{ action: OfficerAction; code: string; reason: string }> {
  return OFFICER_ACTIONS.filter((a) => !allowed.includes(a)).map((action) => {
    try {
      decide(c, { action }, now);
      return { action, code: '', reason: '' };
    } catch (err) {
      return err instanceof ActionRefused ? { action, code: err.code, reason: err.message } : { action, code: 'internal_error', reason: String(err) };
    }
  });
}

export type FormValues = Record<string, string | string[] | undefined>;

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let node: Record<string, unknown> | unknown[] = target;
  keys.forEach((key, i) => {
    const last = i === keys.length - 1;
    const slot = /^\d+$/.test(key) ? Number(key) : key;
    const container = node as Record<string | number, unknown>;
    if (last) container[slot] = value;
    else node = (container[slot] ??= /^\d+$/.test(keys[i + 1]!) ? [] : {}) as Record<string, unknown>;
  });
}

/** `datetime-local` gives a wall-clock time; it is the operator's time zone, as every date in the console. */
const instantFrom = (local: string, timeZone: string): string => {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!m) return local; // left as typed: the schema's date-time check says what to send
  return new TZDate(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, timeZone).toISOString();
};

const validate = validatorCompiler({ schema: ActionBody, httpPart: 'body', method: 'POST', url: '/cases/:id/actions' });

/**
 * The API's body for a submitted form: empty optional fields are left out (the API would refuse "" as text),
 * and the result goes through the API's own schema, whose 400 message is shown in place on a mistake.
 */
export function bodyFromForm(action: string, form: FormValues, timeZone: string, log: FastifyBaseLogger): ActionBody {
  const spec = ACTION_FORMS[action as OfficerAction];
  if (!spec) throw new AppError(400, 'unknown_action', `"${action.slice(0, 40)}" is no action; use one of ${OFFICER_ACTIONS.join(', ')}.`);
  const body: Record<string, unknown> = { action };
  for (const field of spec.fields) {
    const raw = form[field.name];
    if (field.kind === 'checkboxes') {
      const values = raw === undefined ? [] : [raw].flat().filter((v) => v !== '');
      if (values.length > 0 || field.required) setPath(body, field.name, values);
      continue;
    }
    // One value per field (checkboxes aside): of two, neither is taken silently, as the API refuses a JSON key twice.
    if (Array.isArray(raw)) throw new AppError(400, 'duplicate_form_field', `The form has the field "${field.name}" ${raw.length} times: send it once.`);
    if (raw === undefined || raw === '') continue;
    setPath(body, field.name, field.kind === 'datetime' ? instantFrom(raw, timeZone) : raw);
  }
  if (!validate(body)) {
    const err = toErrorBody({ validation: validate.errors, validationContext: 'body' }, log);
    throw new AppError(err.statusCode, err.code, err.message);
  }
  return body as ActionBody;
}
