import path from 'node:path';
import { Eta } from 'eta';
import type { Lang, Translator } from './i18n';
import type { ConsoleUser } from '../users/user-store';

/**
 * Server-rendered pages (ADR 013): Eta templates in web/templates, compiled once and cached, every value
 * HTML-escaped unless a template says otherwise (`<%~`), which only the layout does for the page body.
 */
const eta = new Eta({ views: path.join(__dirname, 'templates'), cache: true, autoEscape: true });

/** What every page template gets besides its own data. */
export interface PageContext {
  tr: Translator;
  lang: Lang;
  user?: ConsoleUser;
  csrf: string;
  /** The current path with its query: the language switch comes back to it. */
  here: string;
  timeZone: string;
  nav?: 'dashboard' | 'cases' | 'audit';
  title: string;
  /** Shown on every page to signed-in staff from 90 days before the official production calendar ends (calendar/status-now.ts). */
  calendarWarning?: { officialUntil: string | null; daysLeft: number | null };
}

export const renderPage = (template: string, ctx: PageContext, data: object = {}): string => eta.render(`./${template}`, { ...ctx, ...data });
