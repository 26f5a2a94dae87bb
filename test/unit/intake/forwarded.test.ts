import { describe, expect, it } from 'vitest';
import { forwardedSender, isOperatorStaff } from '../../../intake/forwarded';

/** Who the subject of a letter forwarded by staff is: read from the forward block the mail client wrote. */
const FORWARD = '---------- Forwarded message ---------';

describe('forwardedSender', () => {
  it('reads the From line after the marker, the address lower-cased, the name kept', () => {
    expect(forwardedSender(`Пересылаю.\n${FORWARD}\nFrom: Ivan Petrov <IVAN@Example.RU>\nSubject: x`)).toEqual({ name: 'Ivan Petrov', email: 'ivan@example.ru' });
    expect(forwardedSender(`${FORWARD}\nFrom: IVAN@Example.RU`)).toEqual({ email: 'ivan@example.ru' });
  });

  it('reads Russian markers and From lines, and a block quoted with "> "', () => {
    expect(forwardedSender('Начало переадресованного сообщения:\nОт кого: a@example.ru')).toEqual({ email: 'a@example.ru' });
    expect(forwardedSender('----- Пересылаемое сообщение -----\nОт: Анна <a@example.ru>\n')).toEqual({ name: 'Анна', email: 'a@example.ru' });
    expect(forwardedSender(`> ${FORWARD}  \n>  От: Ivan <IVAN@example.ru>   `)).toEqual({ name: 'Ivan', email: 'ivan@example.ru' });
  });

  it('reads a Yandex attribution line, with or without a quoted name', () => {
    expect(forwardedSender('-------- Original Message --------\n02.12.2026, 10:00, "Ольга" <OLGA@Yandex.ru>:')).toEqual({ name: 'Ольга', email: 'olga@yandex.ru' });
    expect(forwardedSender('-------- Original Message --------\n02.12.2026, 10:00, <OLGA@Yandex.ru>:')).toEqual({ email: 'olga@yandex.ru' });
  });

  it('looks 12 lines past the marker, no further', () => {
    const after = (blank: number) => `Begin forwarded message:\n${'x\n'.repeat(blank)}From: a@example.ru`;
    expect(forwardedSender(after(11))).toEqual({ email: 'a@example.ru' });
    expect(forwardedSender(after(12))).toBeUndefined();
  });

  it('takes the next marker when the first names no sender; a From line without an address names none', () => {
    expect(forwardedSender(`Begin forwarded message:\nnothing here\n\n${FORWARD}\nFrom: c@example.ru`)).toEqual({ email: 'c@example.ru' });
    expect(forwardedSender(`${FORWARD}\nFrom: Ivan Petrov\nFrom: b@example.ru`)).toBeUndefined();
  });

  it('reads no sender from a From line outside a forward block', () => {
    expect(forwardedSender('hello\nFrom: a@example.ru')).toBeUndefined();
  });
});

describe('isOperatorStaff', () => {
  it('is the operator\'s domain or a subdomain of it, in any case, and nothing else', () => {
    const domains = ['WellEngineering.ru'];
    expect(isOperatorStaff('olga@wellengineering.ru', domains)).toBe(true);
    expect(isOperatorStaff('olga@MAIL.WELLENGINEERING.RU', domains)).toBe(true);
    expect(isOperatorStaff('olga@xwellengineering.ru', domains)).toBe(false);
    expect(isOperatorStaff('olga@wellengineering.ru.example.com', domains)).toBe(false);
    expect(isOperatorStaff(undefined, domains)).toBe(false);
    expect(isOperatorStaff('olga@wellengineering.ru', [])).toBe(false);
  });
});
