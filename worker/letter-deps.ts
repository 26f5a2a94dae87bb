import type { LetterDeps } from '../activities/case-letters';
import { createLetterRenderer, createSmtpTransport } from '../letters';
import { DEFAULT_OPERATOR_PROFILE, loadOperatorProfile, type OperatorProfile } from '../operator/profile';
import { letterSettings, type LetterSettings } from '../platform/config';

/** What the letter activity needs, from the configuration: templates, SMTP (or none: letters stay queued), the operator. */
export function letterDeps(settings: Partial<LetterSettings> & { operator?: OperatorProfile; timeZone?: string } = {}): LetterDeps {
  const operator = settings.operator ?? loadOperatorProfile(DEFAULT_OPERATOR_PROFILE);
  return {
    renderer: createLetterRenderer({ templatesDir: settings.templatesDir }),
    transport: createSmtpTransport(settings.smtp),
    from: settings.from ?? letterSettings({}, undefined, operator).from, // the operator's own request mailbox
    operator,
    timeZone: settings.timeZone ?? 'Europe/Moscow',
  };
}
