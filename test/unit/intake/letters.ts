/**
 * Realistic letters with the classification an officer would give them: the classifier's accuracy table.
 * [what, subject, text, expected primary type or null, every demand type expected, triage when null]
 */
import type { Classification } from '../../../domain/intake/message';
import type { RequestType } from '../../../domain/case/request-types';

export type Letter = [string, string, string, RequestType | null, RequestType[], Classification['triage']?];

const SIGN = '\n\nС уважением,\nИванов Иван Иванович';
const SIGN_EN = '\n\nBest regards,\nJohn Smith';

export const LETTERS: Letter[] = [
  // Policy subject lines (WellPRO §13.3)
  ['policy withdrawal subject, empty body', 'Withdrawal of Consent to Personal Data Processing', '', 'withdrawal', ['withdrawal']],
  ['policy withdrawal subject, short body', 'Withdrawal of Consent to Personal Data Processing', 'Please see the subject.' + SIGN_EN, 'withdrawal', ['withdrawal']],
  ['Russian withdrawal subject', 'Отзыв согласия на обработку персональных данных', 'Добрый день.' + SIGN, 'withdrawal', ['withdrawal']],
  ['generic subject, empty body', 'Personal Data Request', '', null, ['access'], 'low_confidence'],
  ['generic Russian subject, empty body', 'Запрос персональных данных', '', null, ['access'], 'low_confidence'],
  ['generic subject, deletion in body', 'Personal Data Request', 'Please delete my personal data from your systems.' + SIGN_EN, 'deletion', ['deletion']],
  ['generic subject, access in body', 'Personal Data Request', 'I would like to know what personal data you hold about me.' + SIGN_EN, 'access', ['access']],
  ['generic subject, Russian access body', 'Personal Data Request', 'Прошу предоставить сведения об обработке моих персональных данных.' + SIGN, 'access', ['access']],
  ['generic subject, correction body', 'Запрос персональных данных', 'Прошу исправить мои персональные данные: фамилия указана неверно.' + SIGN, 'correction', ['correction']],
  ['generic subject, cease body', 'Personal Data Request', 'Прошу прекратить обработку моих персональных данных.' + SIGN, 'cease_processing', ['cease_processing']],
  // Russian free-form, one demand
  ['удалите мои данные', '', 'Здравствуйте! Удалите мои данные.' + SIGN, 'deletion', ['deletion']],
  ['прошу удалить все мои персональные данные', 'Удаление', 'Прошу удалить все мои персональные данные из вашей базы.' + SIGN, 'deletion', ['deletion']],
  ['требую уничтожить', '', 'Требую уничтожить мои персональные данные в связи с отсутствием оснований для обработки.' + SIGN, 'deletion', ['deletion']],
  ['уничтожьте сведения', '', 'Уничтожьте, пожалуйста, сведения обо мне.' + SIGN, 'deletion', ['deletion']],
  ['заявление об удалении', 'Заявление', 'Настоящим заявляю требование об удалении моих персональных данных.' + SIGN, 'deletion', ['deletion']],
  ['удалите аккаунт', '', 'Удалите мой аккаунт и все связанные данные.' + SIGN, 'deletion', ['deletion']],
  ['отзываю согласие', '', 'Отзываю согласие на обработку персональных данных.' + SIGN, 'withdrawal', ['withdrawal']],
  ['отозвать своё согласие', 'Согласие', 'Настоящим сообщаю, что желаю отозвать своё согласие на обработку моих персональных данных.' + SIGN, 'withdrawal', ['withdrawal']],
  ['ОТЗЫВАЮ капсом', '', 'ОТЗЫВАЮ СОГЛАСИЕ НА ОБРАБОТКУ ПДН!!!', 'withdrawal', ['withdrawal']],
  ['согласие отзываю (обратный порядок)', '', 'Ранее данное мной согласие на обработку персональных данных отзываю.' + SIGN, 'withdrawal', ['withdrawal']],
  ['прекратите обработку', '', 'Прекратите обработку моих персональных данных.' + SIGN, 'cease_processing', ['cease_processing']],
  ['требую прекратить использование', '', 'Требую прекратить использование моих данных в рекламных целях.' + SIGN, 'cease_processing', ['cease_processing']],
  ['прошу больше не звонить', '', 'Прошу больше не звонить мне на этот номер.' + SIGN, 'cease_processing', ['cease_processing']],
  ['не присылайте', '', 'Не присылайте мне больше ваши письма, я не давал согласия.' + SIGN, 'cease_processing', ['cease_processing']],
  ['прекратите звонки', '', 'Прекратите звонки с предложениями!', 'cease_processing', ['cease_processing']],
  ['возражаю против обработки', '', 'Возражаю против обработки моих персональных данных в целях продвижения товаров.' + SIGN, 'cease_processing', ['cease_processing']],
  ['заблокируйте мои данные', '', 'Заблокируйте мои персональные данные на период проверки: они обрабатываются незаконно.' + SIGN, 'blocking', ['blocking']],
  ['блокирование', 'Требование', 'Требую блокирования моих персональных данных.' + SIGN, 'blocking', ['blocking']],
  ['исправьте фамилию', '', 'Прошу исправить мои персональные данные: после брака у меня новая фамилия — Смирнова.' + SIGN, 'correction', ['correction']],
  ['уточните данные', '', 'Прошу уточнить мои данные, адрес устарел.' + SIGN, 'correction', ['correction']],
  ['измените устаревшие данные', '', 'В вашей системе устаревшие данные обо мне. Измените, пожалуйста, мои данные.' + SIGN, 'correction', ['correction']],
  ['предоставьте сведения', '', 'Прошу предоставить сведения об обработке моих персональных данных в соответствии со ст. 14 152-ФЗ.' + SIGN, 'access', ['access']],
  ['сообщите информацию', '', 'Сообщите, пожалуйста, информацию о обработке моих персональных данных.' + SIGN, 'access', ['access']],
  ['какие данные храните', '', 'Какие данные обо мне вы храните?' + SIGN, 'access', ['access']],
  ['откуда получили', '', 'Откуда вы получили мои данные? Я у вас ничего не заказывал.' + SIGN, 'access', ['access']],
  ['откуда у вас мой номер', '', 'Откуда у вас мой номер телефона?' + SIGN, 'access', ['access']],
  ['ознакомиться', '', 'Прошу дать возможность ознакомиться с моими персональными данными.' + SIGN, 'access', ['access']],
  ['копия данных', '', 'Вышлите мне копию моих персональных данных.' + SIGN, 'access', ['access']],
  ['ё и е, перенос строки', '', 'Прошу удалить\nмои   персональные\nданные.', 'deletion', ['deletion']],
  ['отзываю с ё', '', 'Отзываю своё согласие на обработку.', 'withdrawal', ['withdrawal']],
  // English
  ['please erase my data', '', 'Please erase my data.' + SIGN_EN, 'deletion', ['deletion']],
  ['delete my personal information', 'Request', 'I request that you delete all my personal information.' + SIGN_EN, 'deletion', ['deletion']],
  ['right to be forgotten', '', 'I am exercising my right to be forgotten.' + SIGN_EN, 'deletion', ['deletion']],
  ['close my account', '', 'Please close my account and remove my data.' + SIGN_EN, 'deletion', ['deletion']],
  ['withdraw consent', '', 'I withdraw my consent to the processing of my personal data.' + SIGN_EN, 'withdrawal', ['withdrawal']],
  ['revoke consent', '', 'I hereby revoke my consent.' + SIGN_EN, 'withdrawal', ['withdrawal']],
  ['stop processing', '', 'Stop processing my personal data immediately.' + SIGN_EN, 'cease_processing', ['cease_processing']],
  ['stop calling me', '', 'Stop calling me!', 'cease_processing', ['cease_processing']],
  ['stop sending', '', 'Please stop sending me these emails.' + SIGN_EN, 'cease_processing', ['cease_processing']],
  ['please do not contact', '', 'Please do not contact me again.' + SIGN_EN, 'cease_processing', ['cease_processing']],
  ['object to processing', '', 'I object to the processing of my data for marketing.' + SIGN_EN, 'cease_processing', ['cease_processing']],
  ['what data do you hold', '', 'What data do you hold about me?' + SIGN_EN, 'access', ['access']],
  ['subject access request', 'Subject access request', 'Please treat this as a subject access request.' + SIGN_EN, 'access', ['access']],
  ['copy of my data', '', 'Could you send me a copy of my personal data?' + SIGN_EN, 'access', ['access']],
  ['where did you get my email', '', 'Where did you get my email address?' + SIGN_EN, 'access', ['access']],
  ['rectify', '', 'Please rectify my personal data: my surname is misspelled.' + SIGN_EN, 'correction', ['correction']],
  ['update my address', '', 'Please update my address in your records.' + SIGN_EN, 'correction', ['correction']],
  ['block my data', '', 'Please block my personal data until you check how you got it.' + SIGN_EN, 'blocking', ['blocking']],
  ['restrict processing', '', 'I request restriction of processing of my personal data.' + SIGN_EN, 'blocking', ['blocking']],
  // Several demands
  ['block + destroy + source', '', 'Требую заблокировать мои персональные данные, затем уничтожить их, и сообщите, откуда вы получили мои данные.' + SIGN, 'blocking', ['blocking', 'deletion', 'access']],
  ['withdraw + delete', '', 'Отзываю согласие на обработку персональных данных и прошу удалить мои данные.' + SIGN, 'withdrawal', ['withdrawal', 'deletion']],
  ['withdraw + stop calling', '', 'I withdraw my consent. Stop calling me.' + SIGN_EN, 'withdrawal', ['withdrawal', 'cease_processing']],
  ['access + delete', '', 'Сообщите, какие данные обо мне вы храните, и после этого удалите мои данные.' + SIGN, 'deletion', ['deletion', 'access']],
  ['correct + access', '', 'Please tell me what personal data you hold about me and correct my address.' + SIGN_EN, 'correction', ['correction', 'access']],
  ['cease + delete en', '', 'Stop processing my data and erase my personal data.' + SIGN_EN, 'deletion', ['deletion', 'cease_processing']],
  ['generic subject + withdrawal + delete', 'Personal Data Request', 'I withdraw my consent and ask you to delete my data.' + SIGN_EN, 'withdrawal', ['withdrawal', 'deletion']],
  // Negations and mentions
  ['я НЕ отзываю согласие', '', 'Я НЕ отзываю согласие, просто подскажите, когда будет доставка.' + SIGN, null, [], 'probably_not_a_request'],
  ['не удаляйте', '', 'Пожалуйста, не удаляйте мои данные, я вернусь к заказу позже.' + SIGN, null, [], 'probably_not_a_request'],
  ['не хочу удалять аккаунт', '', 'Я не хочу удалять аккаунт, подскажите как сменить пароль.' + SIGN, null, [], 'probably_not_a_request'],
  ['I do not withdraw', '', 'I do not withdraw my consent, I just want the invoice again.' + SIGN_EN, null, [], 'probably_not_a_request'],
  ["don't delete", '', "Please don't delete my account, I still need the manuals." + SIGN_EN, null, [], 'probably_not_a_request'],
  ['не хочу, чтобы удаляли', '', 'Я не хочу, чтобы вы удаляли мои данные: я ещё пользуюсь документацией.' + SIGN, null, [], 'probably_not_a_request'],
  ["don't want you to delete", '', "I don't want you to delete my data, I only changed my e-mail." + SIGN_EN, null, [], 'probably_not_a_request'],
  ['хочу, чтобы удалили', '', 'Я хочу, чтобы вы удалили мои данные.' + SIGN, 'deletion', ['deletion']],
  ['как отозвать (вопрос)', '', 'Подскажите, как отозвать согласие на обработку персональных данных?' + SIGN, null, ['withdrawal'], 'low_confidence'],
  ['if I withdraw (условие)', '', 'If I withdraw my consent, will I still get the documentation?' + SIGN_EN, null, ['withdrawal'], 'low_confidence'],
  ['unsubscribe', '', 'Unsubscribe', null, ['withdrawal'], 'low_confidence'],
  // Not requests
  ['price question', 'Вопрос по насосу', 'Добрый день! Сколько стоит насос ЭЦВ 6-10-110 и есть ли он в наличии?' + SIGN, null, [], 'probably_not_a_request'],
  ['invoice', 'Счёт на оплату', 'Пришлите, пожалуйста, счёт на оплату по заказу № 5531.' + SIGN, null, [], 'probably_not_a_request'],
  ['manual request', 'Manual', 'Could you send me the user manual for the WP-200 controller?' + SIGN_EN, null, [], 'probably_not_a_request'],
  ['support', 'Не работает', 'После обновления прошивки контроллер не включается. Что делать?' + SIGN, null, [], 'probably_not_a_request'],
  ['password', '', 'Не могу войти в личный кабинет, как сменить пароль?' + SIGN, null, [], 'probably_not_a_request'],
  ['delivery', 'Delivery', 'When will my order be delivered?' + SIGN_EN, null, [], 'probably_not_a_request'],
  ['thanks', 'Спасибо', 'Спасибо за быструю консультацию!' + SIGN, null, [], 'probably_not_a_request'],
  ['update firmware (not data)', '', 'How do I update the firmware on the pump controller?' + SIGN_EN, null, [], 'probably_not_a_request'],
  ['personal data topic, no demand', 'Вопрос', 'У меня вопрос по вашей политике обработки персональных данных, перезвоните мне.' + SIGN, null, [], 'no_match'],
  // Replies with quoted text
  ['reply quoting our ack of withdrawal', 'Re: [DSAR-2026-000123] Отзыв согласия', 'Спасибо, получил.\n\n> Ваш отзыв согласия на обработку персональных данных получен.\n> Номер обращения DSAR-2026-000123', 'withdrawal', ['withdrawal']],
  ['reply: thanks, quoted deletion', 'Re: ваш заказ', 'Спасибо за ответ!\n\n-----Original Message-----\nFrom: Иван\nПрошу удалить мои данные.', null, [], 'probably_not_a_request'],
  ['reply: new demand over quoted question', 'Re: Manual', 'Please erase my data.\n\nOn Mon, 1 Dec 2026 at 10:00, WellPRO <wellpro@wellengineering.ru> wrote:\n> Here is the manual you asked for.', 'deletion', ['deletion']],
  ['reply, gmail ru header', 'Re: вопрос', 'Всё понятно, спасибо.\n\nпн, 1 дек. 2026 г. в 10:00, Иван <ivan@example.ru>:\n\nВ пн, 1 дек. 2026 г. Иван пишет:\n> отзываю согласие', null, [], 'probably_not_a_request'],
  ['quoted history only with >', 'Re: ok', 'Ок.\n> Удалите мои данные', null, [], 'probably_not_a_request'],
];

/** Harder letters, added after the rules were first tuned: their first-run result is reported beside the table's. */
export const HARDER: Letter[] = [
  ['формальное заявление по 152-ФЗ', 'Заявление субъекта ПДн', 'Генеральному директору ООО «ВЕЛЛ ИНЖИНИРИНГ».\nНа основании ч. 5 ст. 21 Федерального закона № 152-ФЗ прошу прекратить обработку моих персональных данных и уничтожить их.' + SIGN, 'deletion', ['deletion', 'cease_processing']],
  ['спам-звонки', 'Хватит звонить', 'Ваши менеджеры звонят мне каждый день. Удалите мой номер из базы и прекратите звонки.' + SIGN, 'cease_processing', ['deletion', 'cease_processing']],
  ['en informal', 'hi', 'hey, i never signed up for anything with you. delete everything you have on me and tell me where you got my details', 'deletion', ['deletion', 'access']],
  ['mixed language', 'Personal Data Request', 'Добрый день, please delete my data. Спасибо.', 'deletion', ['deletion']],
  ['withdraw with line break', '', 'Настоящим я отзываю\nсвоё согласие\nна обработку ПДн.', 'withdrawal', ['withdrawal']],
  ['неверные данные без глагола', '', 'В письме от вас указаны неверные данные обо мне.' + SIGN, null, ['correction'], 'low_confidence'],
  ['policy quoted in question', 'Вопрос', 'В вашей политике написано, что можно отозвать согласие. Это касается и рассылки?' + SIGN, null, ['withdrawal'], 'low_confidence'],
  ['не против обработки, но обновите адрес', '', 'Я не против обработки моих данных, но обновите, пожалуйста, мой адрес.' + SIGN, 'correction', ['correction']],
  ['GDPR style en', 'Data Subject Request', 'Under Article 15 GDPR I request access to my personal data.' + SIGN_EN, 'access', ['access']],
  ['forwarded by employee', 'Fwd: удаление', 'Коллеги, пересылаю.\n\n---------- Forwarded message ---------\nОт: Петров <petrov@example.ru>\nПрошу удалить мои персональные данные.', 'deletion', ['deletion']],
];

/**
 * Gaps in the phrase table found by reading it (session 13), each with a letter of its own: synonyms of the verbs
 * (сотрите, исключите, уберите; stop sharing), objects the data patterns did not name (a phone number, an e-mail
 * address, "it"/"его"), disclosure to third parties, the legal basis, the passive ("I want my data erased"), and an
 * English past participle read as a demand ("the corrected invoice and the details"). Written before any change,
 * and never from the held-out letters (test/fixtures/intake/held-out/), which measure the result.
 */
export const GAPS: Letter[] = [
  ['сотрите номер', '', 'Сотрите мой номер телефона из вашей базы.' + SIGN, 'deletion', ['deletion']],
  ['исключите из базы', '', 'Прошу исключить мои данные из вашей клиентской базы.' + SIGN, 'deletion', ['deletion']],
  ['уберите анкету', '', 'Уберите, пожалуйста, мою анкету и контактные данные с вашего сайта.' + SIGN, 'deletion', ['deletion']],
  ['заблокируйте его (адрес)', '', 'Мой адрес электронной почты попал к вам незаконно. Заблокируйте его.' + SIGN, 'blocking', ['blocking']],
  ['удалите e-mail', 'Удаление', 'Удалите мой e-mail, пожалуйста.' + SIGN, 'deletion', ['deletion']],
  ['прекратите передачу', '', 'Прошу прекратить передачу моих данных вашим партнёрам.' + SIGN, 'cease_processing', ['cease_processing']],
  ['каким компаниям передали', '', 'Сообщите, каким компаниям вы передали мои данные.' + SIGN, 'access', ['access']],
  ['на каком основании храните', '', 'На каком основании вы храните мою анкету?' + SIGN, 'access', ['access']],
  ['stop sharing', '', 'Stop sharing my data with your partners.' + SIGN_EN, 'cease_processing', ['cease_processing']],
  ['how did you get my number', '', 'How did you get my phone number?' + SIGN_EN, 'access', ['access']],
  ['update my surname', '', 'Please update my surname, I got married last month.' + SIGN_EN, 'correction', ['correction']],
  ['passive: data erased', '', 'I want my personal data erased.' + SIGN_EN, 'deletion', ['deletion']],
  ['delete my email address', '', 'Delete my email address, please.' + SIGN_EN, 'deletion', ['deletion']],
  ['remove it from your records', '', 'You have my old phone number. Remove it from your records.' + SIGN_EN, 'deletion', ['deletion']],
  ['corrected invoice (not a request)', 'Invoice 5531', 'Could you send the corrected invoice and the shipping details?' + SIGN_EN, null, [], 'probably_not_a_request'],
  // What the new phrases must not catch: a complaint in the past tense, business "исключить", a question about sharing.
  ['вы заблокировали мой номер (жалоба)', '', 'Почему вы заблокировали мой номер в личном кабинете? Я не могу войти.' + SIGN, null, [], 'probably_not_a_request'],
  ['исключить из спецификации (не запрос)', 'Спецификация', 'Прошу исключить из спецификации информацию о насосе ЭЦВ 6-10.' + SIGN, null, [], 'probably_not_a_request'],
  ['who can I share (not a request)', 'Manual', 'Who can I share the installation manual with in my team?' + SIGN_EN, null, [], 'probably_not_a_request'],
];

/**
 * Letters written for the rules of issue 16 point 7 (session 16), one or more per rule, before the rules were coded
 * and never from the held-out letters or the intake corpus: a cited article weighs toward its request, "stop
 * contacting me" is cease_processing with the contact's removal second, a correction that gives the new value is
 * sure, a negation binds only its clause, and reported speech ("ранее я писал: …") is not a live demand.
 */
export const RULES: Letter[] = [
  // Citations: the cited article's demand opens the case; alone it is a hint for the officer.
  ['ч. 5.1 ст. 21: прекратить и удалить', 'Требование', 'На основании ч. 5.1 ст. 21 Федерального закона от 27.07.2006 № 152-ФЗ требую прекратить обработку моих персональных данных и удалить их из ваших систем.' + SIGN, 'cease_processing', ['deletion', 'cease_processing']],
  ['коллекторы, часть 5.1 статьи 21', '', 'Ваши сотрудники звонят мне по поводу чужого долга. В соответствии с частью 5.1 статьи 21 Закона о персональных данных прошу прекратить обработку моих персональных данных.' + SIGN, 'cease_processing', ['cease_processing']],
  ['art. 21(5.1): cease and delete', 'Demand', 'Pursuant to Art. 21(5.1) of Federal Law No. 152-FZ, I demand that you cease processing my personal data and delete my personal data.' + SIGN_EN, 'cease_processing', ['deletion', 'cease_processing']],
  ['ст. 15 152-ФЗ и 38-ФЗ: реклама', 'СМС', 'Мне постоянно приходят рекламные СМС от вашей компании. Согласно ст. 15 ФЗ-152 и 38-ФЗ «О рекламе» требую прекратить рассылку и удалить мой номер телефона.' + SIGN, 'cease_processing', ['deletion', 'cease_processing']],
  ['ч. 2 ст. 9: отзыв', '', 'Руководствуясь ч. 2 ст. 9 152-ФЗ, отзываю согласие на обработку моих персональных данных, данное при регистрации на портале.' + SIGN, 'withdrawal', ['withdrawal']],
  ['ст. 14 без требования (подсказка)', 'Обращение', 'Направляю обращение в порядке ст. 14 Федерального закона «О персональных данных». Ответ прошу направить на этот адрес.' + SIGN, null, ['access'], 'low_confidence'],
  ['Article 14 alone (a hint)', 'Formal request', 'This is a formal request under Article 14 of the Russian Federal Law No. 152-FZ. Please respond within the statutory term.' + SIGN_EN, null, ['access'], 'low_confidence'],
  ['ст. 20, 21 и неверные данные', '', 'В вашей CRM указаны неверные данные обо мне. Прошу привести их в соответствие, ст. 20, 21 152-ФЗ.' + SIGN, 'correction', ['correction']],
  ['ст. 14 и удаление: удаление первым', '', 'На основании ст. 14 152-ФЗ прошу сообщить, какие данные обо мне вы храните, после чего удалить мои данные.' + SIGN, 'deletion', ['deletion', 'access']],
  ['ст. 14 договора (не закон)', 'Оплата', 'По ст. 14 договора поставки просим продлить срок оплаты до конца месяца.' + SIGN, null, [], 'probably_not_a_request'],
  // Stop contacting me: cease_processing; removing the number beside it is the second demand.
  ['перестаньте звонить, удалите номер', '', 'Перестаньте мне звонить! Удалите мой номер из своей базы.' + SIGN, 'cease_processing', ['deletion', 'cease_processing']],
  ['хватит звонить', 'Звонки', 'Хватит звонить мне с предложениями насосов, я не ваш клиент.' + SIGN, 'cease_processing', ['cease_processing']],
  ['прекратите отправлять смс', '', 'Прошу прекратить отправлять мне смс и рекламные письма.' + SIGN, 'cease_processing', ['cease_processing']],
  ['stop calling, remove my number', 'Calls', 'Your sales team keeps phoning me. Stop calling me and remove my number from your list.' + SIGN_EN, 'cease_processing', ['deletion', 'cease_processing']],
  ['no more texts', '', 'No more marketing texts please, I never agreed to them.' + SIGN_EN, 'cease_processing', ['cease_processing']],
  ['do not contact me again', '', 'Do not contact me again about your pumps.' + SIGN_EN, 'cease_processing', ['cease_processing']],
  ['не звоните, удалите все данные: удаление первым', '', 'Не звоните мне больше. Удалите все мои персональные данные, включая номер телефона.' + SIGN, 'deletion', ['deletion', 'cease_processing']],
  ['исключите из базы обзвона', 'Звонки', 'Прошу исключить мой номер из базы обзвона, звонят по три раза в день.' + SIGN, 'cease_processing', ['deletion', 'cease_processing']],
  ['take me off your call list', '', 'Please take me off your call list, I am not interested.' + SIGN_EN, 'cease_processing', ['cease_processing']],
  ['не надо мне звонить', '', 'Не надо мне больше звонить, насосы я у вас покупать не буду.' + SIGN, 'cease_processing', ['cease_processing']],
  ['ч. 5.1. ст. 21 с точкой после части', '', 'Согласно п. 5.1. ст. 21 ФЗ-152 прошу прекратить обработку моих данных и удалить мои персональные данные.' + SIGN, 'cease_processing', ['deletion', 'cease_processing']],
  // A correction that names the new value is sure.
  ['correct it to', 'My surname', 'My surname is misspelt in your records. Please correct it to Ivanova.' + SIGN_EN, 'correction', ['correction']],
  ['исправьте на «…»', '', 'В счетах и в личном кабинете моя фамилия написана с ошибкой — «Смирнов». Исправьте, пожалуйста, на «Смирнова».' + SIGN, 'correction', ['correction']],
  ['правильное написание', '', 'Здравствуйте. В договоре и в рассылках у вас Кирилл Сергеев, правильное написание — Кирил Сергеев (с одной «л»).' + SIGN, 'correction', ['correction']],
  ['поменяйте номер на', '', 'Поменяйте, пожалуйста, номер телефона на +7 903 111-22-33, старый больше не мой.' + SIGN, 'correction', ['correction']],
  ['the correct spelling is', '', 'You have my first name as Jon. The correct spelling is John.' + SIGN_EN, 'correction', ['correction']],
  ['change my surname to', '', 'I got married in May, please change my surname to Petrova in your customer database.' + SIGN_EN, 'correction', ['correction']],
  ['сменила фамилию на', 'Фамилия', 'Добрый день! В сентябре я сменила фамилию на Ковалёва, в личном кабинете до сих пор старая.' + SIGN, 'correction', ['correction']],
  ['указана с ошибкой, правильно:', '', 'В акте моя фамилия указана с ошибкой, правильно: Гончаренко.' + SIGN, 'correction', ['correction']],
  ['misspelt, it should be', 'Name', 'You have misspelled my name in every email. It should be Katharine, with a K.' + SIGN_EN, 'correction', ['correction']],
  ['I have changed my surname to', '', 'I have changed my surname to Morozova after the wedding.' + SIGN_EN, 'correction', ['correction']],
  ['change the delivery to Tuesday (not a request)', 'Order 7781', 'Could you change the delivery date to next Tuesday? The site will be closed on Monday.' + SIGN_EN, null, [], 'probably_not_a_request'],
  ['исправьте счёт на сумму (не запрос)', 'Счёт', 'Исправьте, пожалуйста, счёт на 125 000 рублей — в нём ошибка в сумме.' + SIGN, null, [], 'probably_not_a_request'],
  // A negation binds its own clause only.
  ['не хочу, чтобы удаляли; прошу сведения', '', 'Я не хочу, чтобы вы удаляли мою учётную запись. Прошу предоставить сведения.' + SIGN, 'access', ['access']],
  ['не хочу, чтобы удалили — без точки, с новой строки', '', 'Не хочу, чтобы вы удалили мой аккаунт\nПрошу сообщить, какие данные обо мне вы храните' + SIGN, 'access', ['access']],
  ['не могли бы удалить', '', 'Не могли бы удалить мои персональные данные? Я больше не пользуюсь порталом.' + SIGN, 'deletion', ['deletion']],
  ['не медля удалить', '', 'Прошу не медля удалить все мои персональные данные.' + SIGN, 'deletion', ['deletion']],
  ["don't delete yet; tell me what you hold", '', "I don't want you to delete anything yet. Please tell me what personal data you hold about me." + SIGN_EN, 'access', ['access']],
  ['I never asked you to delete', 'Account', 'I never asked you to delete my account, why is it gone?' + SIGN_EN, null, [], 'probably_not_a_request'],
  // Reported speech and quoted history are not live demands unless the letter repeats them.
  ['ранее я писал: «удалите…»', '', 'Добрый день. Ранее я писал вам: «удалите мои данные». Ответа так и не получил, подскажите, на каком этапе обращение?' + SIGN, null, ['deletion'], 'low_confidence'],
  ['в прошлом письме просил, повторяю', '', 'В прошлом письме я просил удалить мои данные. Повторяю требование: удалите мои персональные данные.' + SIGN, 'deletion', ['deletion']],
  ['as I wrote before, please erase (live)', '', 'As I wrote before, please erase my data.' + SIGN_EN, 'deletion', ['deletion']],
  ['in my previous email I asked', 'Newsletters', 'In my previous email I asked you to delete my account. Since then I have received two more newsletters.' + SIGN_EN, null, ['deletion'], 'low_confidence'],
  ['я написала это письмо, чтобы отозвать (не отчёт)', '', 'Я написала это письмо, чтобы отозвать согласие на обработку моих персональных данных.' + SIGN, 'withdrawal', ['withdrawal']],
  ['вы сообщили, что удалили; прекратите звонить', 'Звонки', 'В июле вы сообщили, что удалили мои данные, но звонки продолжаются. Прекратите звонить!' + SIGN, 'cease_processing', ['deletion', 'cease_processing']],
  // What the new phrases must not catch: a call-back, mail that stopped, invoices, an order's address, a bank account.
  ["why don't you call me back (not a request)", 'Order 7781', "I left two messages. Why don't you call me back?" + SIGN_EN, null, [], 'probably_not_a_request'],
  ['no more e-mails from support (not a request)', 'Support', 'Since Monday I get no more emails from your support portal, is it down?' + SIGN_EN, null, [], 'probably_not_a_request'],
  ['перестаньте присылать счета на старый адрес (не запрос)', 'Счета', 'Перестаньте присылать счета на старый адрес, бухгалтерия переехала.' + SIGN, null, [], 'probably_not_a_request'],
  ['поменяйте адрес доставки (не запрос)', 'Заказ 5531', 'Поменяйте, пожалуйста, адрес доставки на Новосибирск, склад переехал.' + SIGN, null, [], 'probably_not_a_request'],
  ['замените номер счёта (не запрос)', 'Реквизиты', 'Замените номер расчётного счёта на 40702810000000000001 в договоре.' + SIGN, null, [], 'probably_not_a_request'],
  ['уже просил удалить; теперь кому передали', '', 'Я уже просил удалить мои данные, вы этого не сделали. Теперь требую сообщить, кому вы передали мои данные.' + SIGN, 'access', ['deletion', 'access']],
];
