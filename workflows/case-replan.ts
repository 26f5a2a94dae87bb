/**
 * The case's side of a production-calendar change (docs/adr/015): its terms not yet met are counted again from
 * their recorded day 0 and rule by an activity on the worker's new calendar; each one that moves gets its new
 * dates and reminders here, a `case.due_moved` audit event naming both calendar versions, and a staff letter to
 * whoever the reminders address (the assignee, or the DPO while nobody is assigned).
 */
import { proxyActivities } from '@temporalio/workflow';
import type { createActivities } from '../activities';
import type { CaseLetterRequest } from '../activities/letter-data';
import type { DueMove } from '../domain/case/replan';
import { termOfRecord, type CasePath } from './case-path';

const { replanCaseTerms, recordDueMoves } = proxyActivities<ReturnType<typeof createActivities>>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

export async function replanOnCalendar(p: CasePath, caseId: string, send: (req: CaseLetterRequest) => void): Promise<void> {
  const open = p.terms.filter((t) => t.status === 'running' || t.status === 'overdue');
  if (open.length === 0) return;
  const now = new Date(Date.now()).toISOString();
  const replanned = await replanCaseTerms({ terms: open, now });
  const moved: Array<{ move: DueMove; daysLeft: number }> = [];
  for (const r of replanned) {
    const term = p.terms.find((t) => t.key === r.key);
    if (!term || (term.status !== 'running' && term.status !== 'overdue')) continue; // met while the activity ran
    term.deadline = r.deadline;
    if (term.status === 'running') {
      // The reminders follow the new due: one already sent for the old date goes out again at its new instant.
      term.reminders = r.reminders;
      for (const reminder of r.reminders) p.fired.delete(`${term.key}:${reminder.key}`);
    }
    moved.push({ move: r.move, daysLeft: r.workingDaysLeft });
  }
  if (moved.length === 0) return;
  const keys = new Set(moved.map((m) => m.move.term));
  await recordDueMoves({ caseId, moves: moved.map((m) => m.move), terms: p.terms.filter((t) => keys.has(t.key)), ofRecord: termOfRecord(p)?.key, at: now });
  for (const { move, daysLeft } of moved) {
    send({
      caseId, kind: 'staff_reminder', dedupeKey: `${caseId}:due_moved:${move.term}:${move.toVersion}`, dueDate: move.newDue, step: p.step,
      daysLeft, assignee: p.assignee, details: { note: dueMovedNote(move) },
    });
  }
}

/** No personal data: the dates and the two calendar versions, in both languages (staff letters use the operator's). */
function dueMovedNote(m: DueMove): string {
  const day = (iso: string) => iso.split('-').reverse().join('.');
  return `Производственный календарь изменён (${m.fromVersion} → ${m.toVersion}): срок (${m.rule}) перенесён с ${day(m.oldDue)} на ${day(m.newDue)}.\n`
    + `The production calendar changed (${m.fromVersion} → ${m.toVersion}): the ${m.rule} term moved from ${day(m.oldDue)} to ${day(m.newDue)}.`;
}
