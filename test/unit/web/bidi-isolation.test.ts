import { describe, expect, it } from 'vitest';
import { translator } from '../../../web/i18n';
import { renderPage, type PageContext } from '../../../web/render';

// U+202E (RIGHT-TO-LEFT OVERRIDE) in what a subject wrote must not reverse what follows it on the page:
// each such value is its own bidi isolate (<bdi>, or dir="auto" on a block), issue 16 point 8.
const RLO = '\u202e';
const ctx: PageContext = { tr: translator('en'), lang: 'en', csrf: 't', here: '/', timeZone: 'Europe/Moscow', title: 'x' };
const now = new Date().toISOString();

/** Every place a hostile value shows up on the page, each checked to sit alone inside a <bdi>. */
function isolated(page: string, value: string): void {
  const escaped = value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&#34;');
  const shown = page.split(escaped).length - 1;
  expect(shown, value).toBeGreaterThan(0);
  expect(page.split(`<bdi>${escaped}</bdi>`).length - 1, value).toBe(shown);
}

describe('mail received on a case', () => {
  it('shows a reply as filed and a stranger\'s citation as not accepted (issue 16 p.1), in both languages', () => {
    const c = {
      id: 'DSAR-2026-000001', type: 'access', status: 'open', step: 'respond', receivedAt: now, channel: 'email', assignee: null, language: 'ru',
      subject: { name: 'Ivan', email: 'ivan@example.ru' }, faults: [], terms: [], provisional: false,
    };
    const received = [
      { role: 'correspondence', receivedAt: now, from: { email: 'ivan@example.ru' }, subject: 'Re: [DSAR-2026-000001] паспорт' },
      { role: 'unverified', receivedAt: now, from: { email: 'attacker@evil.example' }, subject: 'Re: [DSAR-2026-000001] passport' },
    ];
    for (const [lang, filed, refused] of [['en', 'the subject\'s reply, filed on the case', 'cites this case, but the sender is not its subject: not accepted, waits in triage'],
      ['ru', 'ответ субъекта, принят по обращению', 'ссылается на это обращение, но отправитель — не субъект: не принято, ждёт в разборе']] as const) {
      const page = renderPage('case', { ...ctx, tr: translator(lang), lang }, { c, email: null, received, timeline: [], forms: [], refused: [], canWrite: false });
      const items = page.split('<li class="').slice(1).filter((li) => /^(correspondence|unverified)"/.test(li));
      expect(items.map((li) => li.slice(0, li.indexOf('"')))).toEqual(['correspondence', 'unverified']);
      const esc = (t: string) => t.replace(/'/g, '&#39;');
      expect(items[0]).toContain(esc(filed));
      expect(items[0]).not.toContain(esc(refused));
      expect(items[1]).toContain('<bdi>attacker@evil.example</bdi>');
      expect(items[1]).toContain(`<strong>${esc(refused)}</strong>`);
    }
    expect(renderPage('case', ctx, { c, email: null, received: [], timeline: [], forms: [], refused: [], canWrite: false })).not.toContain('received-mail');
  });
});

describe('what a subject wrote is isolated from the text around it', () => {
  it('case page: name, e-mail, the letter that opened the case, attachments, letters sent', () => {
    const c = {
      id: 'DSAR-2026-000001', type: 'access', status: 'open', step: 'respond', receivedAt: now, channel: 'email', assignee: null, language: 'ru',
      subject: { name: `Ivan ${RLO}vonavI`, email: `ivan${RLO}@example.ru` }, faults: [], terms: [], provisional: false,
    };
    const email = { id: 1, receivedAt: now, from: `Ivan${RLO} <ivan@example.ru>`, subject: `Request ${RLO}1`, text: `text ${RLO}body`, attachments: [{ position: 0, filename: `exe.${RLO}fdp`, contentType: 'application/pdf', size: 1, stored: true }] };
    const timeline = [{ kind: 'letter', at: now, subject: `Re: ${RLO}x`, to: `ivan${RLO}@example.ru`, status: 'sent', text: `Dear ${RLO}Ivan` }];
    const received = [{ role: 'unverified', receivedAt: now, from: { email: `evil${RLO}@example.com` }, subject: `Re: [DSAR-2026-000001] ${RLO}passport` }];
    const page = renderPage('case', ctx, { c, email, received, timeline, forms: [], refused: [], canWrite: false });
    for (const v of [c.subject.name, c.subject.email, email.from, email.subject, email.attachments[0]!.filename, timeline[0]!.subject, received[0]!.from.email, received[0]!.subject]) isolated(page, v);
    expect(page).toContain(`<pre class="mail" dir="auto">text ${RLO}body</pre>`);
    expect(page).toContain(`<pre class="mail" dir="auto">Dear ${RLO}Ivan</pre>`);
  });

  it('case list and dashboard: the subject\'s name', () => {
    const row = { id: 'DSAR-2026-000001', type: 'access', step: 'respond', status: 'open', subjectName: `Ivan ${RLO}vonavI`, assignee: null, nextDue: null, daysLeft: null, overdue: false, dueSoon: false };
    const list = renderPage('cases', ctx, { list: { rows: [row], total: 1, totalExact: true, hasNext: false }, filters: { page: 1 }, options: { types: [], steps: [], statuses: [] }, pageUrl: () => '/cases' });
    isolated(list, row.subjectName);
    const dashboard = {
      due: { overdue: 0, today: 0, week: 0 }, byTypeAndStep: [], triage: { total: 1, oldest: [{ id: row.id, subjectName: row.subjectName, receivedAt: now }] },
      destruction: { total: 0, tasks: [] },
    };
    isolated(renderPage('dashboard', ctx, { dashboard, bars: [], chart: { bar: 1, base: 1, gap: 1, height: 1, width: 1 }, tomorrow: '', afterWeek: '' }), row.subjectName);
  });
});
