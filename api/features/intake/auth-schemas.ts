import { Type } from '@sinclair/typebox';

/** OpenAPI shapes of a message's day 0 source and sender authentication (intake/day-zero.ts, intake/sender-auth.ts). */
export const ReceivedAtSource = Type.Union(
  [Type.Literal('imap_internaldate'), Type.Literal('received_header'), Type.Literal('officer'), Type.Null()],
  { description: 'Where day 0 came from: the mailbox\'s INTERNALDATE; the topmost Received: header of our own mail host; an officer\'s statement on upload (audited: intake.received_at_stated). null: taken in before this was recorded (an upload then used its upload time)' },
);

const Result = Type.Object({
  result: Type.String({ description: 'As our mail server wrote it: pass, fail, softfail, neutral, none, temperror, permerror …' }),
  domain: Type.Union([Type.String(), Type.Null()], { description: 'The domain checked (smtp.mailfrom, header.d, header.from)' }),
});

export const SenderAuth = Type.Object({
  status: Type.Union([Type.Literal('checked'), Type.Literal('not_checked')], {
    description: 'not_checked: INTAKE_AUTHSERV_ID is unset, or the message has no Authentication-Results header of our server. Never a pass',
  }),
  reason: Type.Optional(Type.Union([Type.Literal('no_authserv_id'), Type.Literal('no_header_of_ours')])),
  spf: Type.Union([Result, Type.Null()]),
  dkim: Type.Array(Result),
  dmarc: Type.Union([Result, Type.Null()]),
  ownDomain: Type.Boolean({ description: 'The From address is in one of the operator\'s own mail domains' }),
  ownDomainUnverified: Type.Boolean({ description: 'From claims our own domain and our server did not authenticate it (DMARC pass, or aligned DKIM/SPF pass): triage, no acknowledgement' }),
}, { description: 'SPF, DKIM and DMARC as the operator\'s own mail server judged them (the topmost Authentication-Results header with our authserv-id)' });
