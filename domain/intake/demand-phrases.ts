/**
 * The phrases that make a demand, per request type, Russian and English: the classifier's whole vocabulary, kept
 * as data a reviewer can read and extend (domain/intake/classify.ts applies it).
 *
 * Pattern notation, compiled by `compile` below:
 * - a space means "one or more spaces or line breaks" (a phrase may be wrapped by the mail client);
 * - `~` means "up to four words in between" (удалите, пожалуйста, все мои данные);
 * - text is matched case-insensitively with ё read as е, so patterns are written with е only;
 * - Russian morphology by stems: `удал\p{L}*` is удалите / удалить / удаления / удаление.
 * Weights are how sure one phrase alone makes us (0..1); several phrases of one type add up (classify.ts).
 */
import type { RequestType } from '../case/request-types';

export interface Phrase {
  type: RequestType;
  pattern: string;
  weight: number;
  /** The phrase itself is a "не …"/"do not …" demand (не звоните мне): a negation before it is part of it. */
  negative?: boolean;
  /** Counts only when the new value follows it (NEW_VALUE): "исправьте на «Смирнова»", "correct it to Ivanova". */
  value?: boolean;
}

const W = '\\p{L}*';
/** What the subject's data is called. */
const DATA_RU = `(?:персональн${W} )?(?:данн${W}|сведени${W}|информаци${W})`;
const DATA_EN = '(?:personal )?(?:data|information|details|records?)';
/** Contact details are personal data too, and what a subject who is called or mailed names first. */
const CONTACT_RU = `(?:(?:номер${W} )?телефон${W}|номер${W}|(?:электронн${W} )?(?:адрес${W}|почт${W})|e-?mail|анкет${W})`;
const CONTACT_EN = '(?:(?:phone |mobile )?number|e-?mail(?: address)?|(?:postal |home )?address)';
/** Where the subject's data sit: "из вашей базы", "from your records". */
const STORE_RU = `из (?:ваш${W} )?(?:\\p{L}+ )?(?:баз${W}|списк${W}|систем${W}|CRM)`;
const STORE_EN = 'from (?:your|the) (?:\\p{L}+ )?(?:lists?|databases?|records|systems?|CRM|files)';
/**
 * The fields of a person's record a correction names with its new value: an address only as mine or as e-mail
 * ("измените адрес доставки на Новосибирск", "change the shipping address to Leeds" change an order).
 */
const FIELD_RU = `(?:фамили${W}|имя|имени|отчеств${W}|(?:номер${W} )?телефон${W}|номер${W}|мо${W} адрес${W}|адрес${W} (?:электронн${W} почт${W}|e-?mail|регистрац${W}|проживани${W})|(?:электронн${W} )?почт${W}|e-?mail|дат${W} рождения)`;
const FIELD_EN = '(?:(?:sur|first |last |family |maiden )?name|spelling|date of birth|(?:my |phone |mobile )number|e-?mail(?: address)?|(?:my|home|postal|registered) address)';
/** Being called, written to or sent advertising: what a subject asks to stop (art. 15 p.2, art. 21 p.5.1). */
const CONTACTING_RU = `(?:звонк${W}|звонит${W}|звонить|названива${W}|рассылк${W}|присыла${W}|отправля${W}|слать|писать|беспоко${W}|смс|sms|спам${W}|реклам${W})`;

export const DEMAND_PHRASES: readonly Phrase[] = [
  // Withdrawal of consent (art. 9 p.2, art. 21 p.5): unconditional, so one clear phrase is enough.
  { type: 'withdrawal', pattern: `(?:отзыв|отозва|отзов)${W} ~ согласи${W}`, weight: 0.95 },
  { type: 'withdrawal', pattern: `согласи${W} ~ (?:отзыва${W}|отзываю|отозва${W})`, weight: 0.9 },
  { type: 'withdrawal', pattern: `(?:withdraw${W}|revok${W}|revocation|retract${W}) ~ consent`, weight: 0.95 },
  { type: 'withdrawal', pattern: 'consent ~ (?:withdrawn|revoked)', weight: 0.9 },
  // Unsubscribing is consent to mailings only: an officer decides whether it is a 152-FZ demand.
  { type: 'withdrawal', pattern: `(?:unsubscribe|отпис${W}|отключ${W} ~ рассылк${W}|удал${W} меня из рассылк${W})`, weight: 0.5 },

  // Blocking (art. 21 p.1): the data themselves, never "my account is blocked".
  { type: 'blocking', pattern: `(?:за)?блок${W} ~ ${DATA_RU}`, weight: 0.9 },
  { type: 'blocking', pattern: `(?:block${W}|freez${W}) ~ ${DATA_EN}`, weight: 0.9 },
  // "Мой номер попал к вам незаконно: заблокируйте его": the pronoun stands for the data of the sentence before.
  // Imperative and infinitive only: "вы заблокировали мой номер" is a complaint about an account, not a demand.
  { type: 'blocking', pattern: `(?:за)?блокир(?:уйте|овать) (?:мо${W} )?(?:${CONTACT_RU}|их|его|ее)`, weight: 0.75 },
  { type: 'blocking', pattern: `(?:restrict${W}|restriction of) ~ processing`, weight: 0.85 },

  // Deletion / destruction (art. 20 p.3, art. 21 p.3–4).
  { type: 'deletion', pattern: `(?:удал${W}|уничтож${W}|стер${W}|стира${W}) ~ ${DATA_RU}`, weight: 0.9 },
  // "заблокируйте мои данные, затем уничтожьте их": уничтожить is about data; a bare "удалите их" may be goods in a cart.
  { type: 'deletion', pattern: `уничтож${W} (?:их|его|все)`, weight: 0.75 },
  { type: 'deletion', pattern: `удал${W} ~ (?:аккаунт${W}|учетн${W} запис${W}|профил${W}|личн${W} кабинет${W}|анкет${W})`, weight: 0.75 },
  { type: 'deletion', pattern: `удал${W} ~ из (?:ваш${W} )?(?:баз${W}|списк${W}|систем${W})`, weight: 0.8 },
  { type: 'deletion', pattern: 'право на (?:забвение|удаление)', weight: 0.8 },
  // The other verbs people use for it: сотрите, уберите, вычеркните; contact details named. "Исключите" only with
  // where from (из базы): "исключить информацию из договора" is business as usual.
  { type: 'deletion', pattern: `(?:сотр${W}|убер${W}|убра${W}|вычеркн${W}) ~ (?:${DATA_RU}|${CONTACT_RU})`, weight: 0.85 },
  { type: 'deletion', pattern: `(?:сотр${W}|убер${W}|убра${W}|вычеркн${W}|исключ${W}) ~ ${STORE_RU}`, weight: 0.8 },
  { type: 'deletion', pattern: `(?:удал${W}|уничтож${W}|стер${W}) (?:мо${W} )?${CONTACT_RU}`, weight: 0.85 },
  { type: 'deletion', pattern: `(?:eras${W}|delet${W}|remov${W}|destroy${W}|wip${W}) ~ ${DATA_EN}`, weight: 0.9 },
  { type: 'deletion', pattern: `(?:eras${W}|delet${W}|remov${W}|close) ~ (?:account|profile)`, weight: 0.75 },
  { type: 'deletion', pattern: 'remove me from ~ (?:database|records|systems?)', weight: 0.8 },
  { type: 'deletion', pattern: `(?:eras${W}|delet${W}|remov${W}|purg${W}|wip${W}) ~ ${CONTACT_EN}`, weight: 0.85 },
  { type: 'deletion', pattern: `(?:eras${W}|delet${W}|remov${W}|purg${W}|take) (?:it|them|me|this) ${STORE_EN}`, weight: 0.8 },
  // The passive a wish is written in: "I want my data erased", "all my details deleted".
  { type: 'deletion', pattern: `${DATA_EN} (?:to be )?(?:erased|deleted|removed|destroyed|wiped)`, weight: 0.8 },
  { type: 'deletion', pattern: `(?:eras${W}|delet${W}|remov${W}|wip${W}) (?:everything|all) (?:you (?:have|hold|keep|store)|about me|on me)`, weight: 0.85 },
  { type: 'deletion', pattern: 'right to (?:be forgotten|erasure)', weight: 0.85 },
  { type: 'deletion', pattern: '(?:erasure|deletion) (?:request|of my)', weight: 0.85 },

  // Cease processing (art. 21 p.5.1) and objections to calls and mailings.
  { type: 'cease_processing', pattern: `(?:прекрат${W}|прекращ${W}|остановит${W}) ~ (?:обработк${W}|обрабатыва${W}|использова${W})`, weight: 0.9 },
  // Not "перестаньте присылать счета на старый адрес": documents of a business are not contacting me.
  { type: 'cease_processing', pattern: `(?:прекрат${W}|прекращ${W}|перестан${W}|перестат${W}|хватит) ~ ${CONTACTING_RU}(?!\\p{L})(?! (?:мне )?(?:счет${W}|документ${W}|накладн${W}|акт${W}|договор${W}|заказ${W}))`, weight: 0.8 },
  { type: 'cease_processing', pattern: `(?:запрет${W}|запреща${W}|возража${W}) ~ обработк${W}`, weight: 0.85 },
  // Disclosure is processing too (art. 3 p.3): "прекратите передачу моих данных партнёрам".
  { type: 'cease_processing', pattern: `(?:прекрат${W}|прекращ${W}|остановит${W}|запрет${W}) ~ (?:передач${W}|передава${W}|распространени${W}|раскрыти${W})`, weight: 0.85 },
  { type: 'cease_processing', pattern: `(?:stop|cease) (?:sharing|selling|disclosing|passing on|transferring)`, weight: 0.85 },
  { type: 'cease_processing', pattern: `(?:прошу (?:вас )?(?:больше )?|больше )не (?:обрабатыва${W}|использова${W}|звонит${W}|звонить|присыла${W}|беспоко${W}|писать|пишите)`, weight: 0.8, negative: true },
  { type: 'cease_processing', pattern: 'не (?:звоните|присылайте|беспокойте|обрабатывайте|используйте)', weight: 0.75, negative: true },
  { type: 'cease_processing', pattern: 'не (?:надо|нужно) (?:мне |больше )*(?:звонить|писать|присылать|беспокоить)', weight: 0.75, negative: true },
  // Off the call list is an end to the calls ("исключите мой номер из базы обзвона", "take me off your call list").
  { type: 'cease_processing', pattern: `(?:исключ${W}|удал${W}|убер${W}|убра${W}|вычеркн${W}) ~ (?:обзвон${W}|списк${W} (?:для )?звонк${W})`, weight: 0.8 },
  { type: 'cease_processing', pattern: `(?:remov${W}|take|delet${W}) ~ (?:call(?:ing)?|do[- ]not[- ]call) list|(?:add|put) me (?:on|to) ~ do[- ]not[- ]call list`, weight: 0.8 },
  { type: 'cease_processing', pattern: `не хочу, чтобы ~ (?:обрабатыва${W}|использова${W}|хранил${W}|звонил${W}|писал${W}|присылал${W}|беспокоил${W})`, weight: 0.75, negative: true },
  { type: 'cease_processing', pattern: `(?:stop|cease|halt) ~ (?:processing|using)`, weight: 0.9 },
  { type: 'cease_processing', pattern: `stop (?:calling|phoning|ringing|sending|e-?mailing|contacting|texting|messaging|spamming)`, weight: 0.8 },
  { type: 'cease_processing', pattern: `stop (?:the |your |these |\\p{L}+ )?(?:calls|texts|e-?mails|messages|spam|newsletters|sms)`, weight: 0.75 },
  // "No more calls, please", not "I get no more e-mails from your support".
  { type: 'cease_processing', pattern: `no more (?:(?:marketing|sales|promotional|advertising) )?(?:calls|texts|spam|newsletters)|no more (?:marketing|sales|promotional|advertising) (?:e-?mails|messages|sms)`, weight: 0.75 },
  // An imperative to me: "do not contact me again", never "why don't you call me back" or "you never call me".
  { type: 'cease_processing', pattern: `(?<!(?:why|you|they|we|who) )(?:do not|don't) (?:ever )?(?:call|phone|contact|e-?mail|text|message) me(?! back)|never (?:call|phone|contact|e-?mail|text|message) me again`, weight: 0.75, negative: true },
  { type: 'cease_processing', pattern: `(?:please |kindly )(?:do not|don't|never) (?:call|contact|e-?mail|text|send|process|use)`, weight: 0.8, negative: true },
  { type: 'cease_processing', pattern: `object${W} to ~ processing`, weight: 0.85 },

  // Correction (art. 14 p.1, art. 20 p.3, art. 21 p.2).
  { type: 'correction', pattern: `(?:исправ${W}|уточн${W}|измен${W}|обнов${W}|актуализ${W}|скорректир${W}|поправ${W}) ~ ${DATA_RU}`, weight: 0.85 },
  { type: 'correction', pattern: `(?:исправ${W}|измен${W}|обнов${W}) ~ (?:мо${W} )?(?:фамили${W}|имя|адрес${W}|дат${W} рождения|номер телефона)`, weight: 0.7 },
  { type: 'correction', pattern: `(?:неверн${W}|неправильн${W}|устаревш${W}|неточн${W}|недостоверн${W}|ошибочн${W}|неполн${W}|некорректн${W}) ~ ${DATA_RU}`, weight: 0.5 },
  // Not the past participle: "the corrected invoice and the details", "the updated price list" describe, not demand.
  { type: 'correction', pattern: `(?:correct|correcting|correction of|rectif(?:y|ication of)|update|updating|amend|amendment of|fix) ~ (?:${DATA_EN}|(?:sur|first |last |family |maiden )?name|spelling|date of birth|${CONTACT_EN}|phone)`, weight: 0.85 },
  { type: 'correction', pattern: `(?:inaccurate|incorrect|outdated|wrong|out of date) ~ ${DATA_EN}`, weight: 0.5 },
  // The new value named is a correction for sure. Verbs of error take any object (исправьте, пожалуйста, на …);
  // verbs of change only a field of the record ("change the delivery to Tuesday" is an order, not data).
  { type: 'correction', pattern: `(?:исправ${W}|поправ${W}|скорректир${W}) ~ на`, weight: 0.85, value: true },
  { type: 'correction', pattern: `(?:измен${W}|поменя${W}|замен${W}|обнов${W}|смен${W}) ~ ${FIELD_RU} ~ на`, weight: 0.85, value: true },
  // That a name or contact is written wrong, and what it should be: each alone leaves it to the officer, together sure.
  { type: 'correction', pattern: `(?:фамили${W}|имя|имени|отчеств${W}|дат${W} рождения|телефон${W}|почт${W}|e-?mail|данн${W}) ~ (?:указан${W}|написан${W}|записан${W}) (?:с ошибк${W}|неверно|неправильно|некорректно)`, weight: 0.5 },
  { type: 'correction', pattern: `(?:(?:sur|first |last |family )?name|spelling|date of birth|e-?mail|phone number|details|data) ~ (?:is|are|was|were|has been|have been) (?:misspel${W}|misspelt|spelt wrong${W}|spelled wrong${W}|wrong|incorrect)|misspel${W} my`, weight: 0.5 },
  { type: 'correction', pattern: 'правильно(?=\\s*[:—–-])', weight: 0.5, value: true },
  { type: 'correction', pattern: `(?:it|(?:sur|first |last |family )?name|spelling) (?:should|must) (?:be|read)`, weight: 0.5, value: true },
  // "Правильное написание — …" of a name only: "правильный адрес доставки: Москва" is about an order.
  { type: 'correction', pattern: `(?:правильн${W}|верн(?:ое|ая|ый|ую|ым)) ~ (?:написани${W}|вариант${W}|фамили${W}|имя|имени|отчеств${W}|дат${W} рождения)`, weight: 0.85, value: true },
  { type: 'correction', pattern: '(?:correct|rectify|amend|fix) ~ to', weight: 0.85, value: true },
  { type: 'correction', pattern: `(?:change|changed|update|updated) ~ ${FIELD_EN} ~ to`, weight: 0.85, value: true },
  { type: 'correction', pattern: `(?:correct|right|proper) (?:spelling|(?:sur|first |last |family |maiden )?name|date of birth)(?: of my \\p{L}+)?(?: is| should be| should read)?`, weight: 0.85, value: true },

  // Access: information about processing (art. 14 p.7) or the data themselves.
  { type: 'access', pattern: `(?:сведени${W}|информаци${W}) (?:об|о) (?:обработк${W}|${DATA_RU} обработк${W})`, weight: 0.9 },
  { type: 'access', pattern: `(?:предостав${W}|сообщ${W}|направ${W}|высла${W}|выслат${W}|пришл${W}|присла${W}|выда${W}) ~ (?:мо${W} )?(?:копи${W} )?(?:мо${W} )?персональн${W} данн${W}`, weight: 0.85 },
  // "Прошу предоставить сведения." — the statute's own word (art. 14 p.7) with nothing after it, or about me; never
  // "сведения о стоимости насоса".
  { type: 'access', pattern: `(?:предостав${W}|сообщ${W}|направ${W}|высла${W}|выслат${W}|пришл${W}|присла${W}|выда${W}) ~ сведени${W}(?=\\s*(?:[.!;\\n]|$|обо мне|,?\\s*(?:касающ|предусмотр|указанн|перечисленн)|(?:в соответствии|согласно)\\s))`, weight: 0.7 },
  { type: 'access', pattern: `(?:какие|какую|какой) ~ ${DATA_RU} ~ (?:храни${W}|хранят${W}|обрабатыва${W}|есть|имеет${W}|собира${W}|содерж${W})`, weight: 0.85 },
  { type: 'access', pattern: `откуда ~ (?:получил${W}|взял${W}|узнал${W}|ваш${W}) ~ (?:мо${W} )?(?:данн${W}|номер${W}|телефон${W}|адрес${W}|почт${W}|e-?mail)`, weight: 0.85 },
  { type: 'access', pattern: `откуда у вас (?:мо${W} )?(?:данн${W}|номер${W}|телефон${W}|адрес${W}|почт${W}|e-?mail)`, weight: 0.85 },
  { type: 'access', pattern: `ознаком${W} ~ (?:${DATA_RU}|обработк${W})`, weight: 0.85 },
  { type: 'access', pattern: `(?:доступ${W} к|копи${W}) ~ ${DATA_RU}`, weight: 0.8 },
  { type: 'access', pattern: `(?:кому|каки${W} (?:третьим )?(?:лицам|организациям|компаниям)) ~ (?:переда${W}|передава${W}|предоставл${W}|раскрыва${W})`, weight: 0.75 },
  { type: 'access', pattern: `на каком (?:правовом )?основании ~ (?:обрабатыва${W}|храни${W}|хранят${W}|использу${W}|получил${W})`, weight: 0.8 },
  // A question or an ask, not "until you check how you got it" (a condition of another demand).
  { type: 'access', pattern: `(?:how did you|(?:tell|explain|inform|let) ~ how you) (?:get|got|obtain${W}|acquir${W}|receiv${W})`, weight: 0.8 },
  // "who you share it with", "whom have you sold my data to" — not "who can I share the manual with".
  { type: 'access', pattern: `(?:who|whom) (?:do |did |have |has )?you (?:have |'ve )?(?:share|shared|disclose${W}|pass${W}|sell|sold|transfer${W})`, weight: 0.75 },
  { type: 'access', pattern: `(?:с какой целью|в каких целях|для каких целей) ~ (?:обрабатыва${W}|храни${W}|использу${W})`, weight: 0.8 },
  { type: 'access', pattern: `(?:what|which) ~ ${DATA_EN} ~ (?:hold|have|store|keep|process|collect)${W}`, weight: 0.85 },
  { type: 'access', pattern: `(?:subject access|access request|copy of ~ ${DATA_EN}|access to ~ ${DATA_EN})`, weight: 0.85 },
  { type: 'access', pattern: `where ~ (?:get|got|obtain${W}|find|found) ~ (?:${DATA_EN}|number|e-?mail|address)`, weight: 0.85 },
  { type: 'access', pattern: `information (?:about|on|regarding) ~ processing`, weight: 0.85 },
];

/**
 * The policy's generic subject line (WellPRO §13.3) and its kin: they say "this is about personal data", not which
 * demand. They count only when the body names no demand, and then only as a low-confidence access request.
 */
export const GENERIC_SUBJECTS = [
  'personal data request', 'data subject (?:access )?request', 'dsar',
  `запрос${W} ~ персональн${W} данн${W}`, `обращени${W} субъект${W} персональн${W} данн${W}`,
];
export const GENERIC_SUBJECT_WEIGHT = 0.4;

/** Words that say a letter is about personal data at all: a letter with them and no demand goes to an officer. */
export const PERSONAL_DATA_TOPIC = [
  `персональн${W} данн${W}`, `152-?фз`, 'gdpr', 'personal (?:data|information)', `субъект${W} персональн${W}`,
  `обработк${W} (?:мо${W} )?данн${W}`, 'data protection', 'privacy',
];

/** Before a phrase in the same clause: the subject says they do NOT want it. */
export const NEGATION = "(?:не|ни|нет|not|don['’]t|dont|never|no)";
/** What NEGATION stands before when it does not negate the demand: a clause of its own ("не медля", "no later") or a polite ask ("не могли бы удалить", "не забудьте удалить"). */
export const NOT_A_NEGATION = '(?:не|ни|not|no) (?:медля|мешкая|откладывая|дожидаясь|затягивая|позднее|позже|более|менее|только|later|more than|less than|only)|не (?:могли|могла|мог|можете|сможете|забудьте|затруднит|сочтите)';
/** The verbs a wish or an ask is said with: "не хочу, чтобы…", "I never asked you to…". */
export const WISH = '(?:хочу|хотел\\p{L}*|желаю|прошу|просил\\p{L}*|требую|требовал\\p{L}*|нужно|надо|want|wish|need|ask|asked|requested)';

/**
 * What the case opens on (classify.ts): a deletion whose every phrase names only a contact detail, beside a demand to
 * stop contacting, is the means of that demand ("stop calling me and remove my number"), not the path.
 */
export const CONTACT_DETAIL = '(?:номер|телефон|почт|e-?mail|адрес|number|phone|mobile|address)';
export const DATA_NAMED = '(?:данн|сведени|информаци|анкет|аккаунт|учетн|профил|data|information|details|account|profile|everything)';
export const CONTACTING = `(?:звон|обзвон|названива|рассылк|присыла|отправля|слать|писать|пиши|беспоко|смс|sms|спам|реклам|call|phon|text|e-?mail|contact|messag|send|spam|newsletter)`;

/**
 * The new value a correction gives (case-sensitive): after an optional "моей фамилии:" / "—", a capitalised word, a
 * phone number of ten to twelve digits (not a bank account's twenty), an e-mail address or a date, quoted or not.
 */
export const NEW_VALUE = /^(?:(?:\s+\p{Ll}+){0,3}\s*[:—–-])?\s*["«“'‘]?(?:\p{Lu}\p{Ll}+|\+?\d(?:[\s()-]*\d){9,11}(?![\s()-]*\d)|[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+|\d{1,2}[./-]\d{1,2}[./-]\d{2,4})/u;
/** Before a phrase in the same clause: a question, a condition or a quote of the policy, not a demand (как удалить…, if I withdraw…, в политике написано, что можно отозвать…). */
export const MENTION = '(?:как|можно|могу ли|если|в случае|написано|сказано|указано|how|can i|could i|is it possible|if|whether|says|said)';

const GAP = '(?:[\\s,]+[\\p{L}\\p{N}-]+){0,4}?[\\s,]+';

/** Compiles the notation above; the leading look-behind makes a stem start a word (\b is ASCII-only). */
export function compile(pattern: string): RegExp {
  const source = pattern.replaceAll(' ~ ', GAP).replaceAll(' ', '\\s+');
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${source})`, 'giu');
}
