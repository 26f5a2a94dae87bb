import type { CaseLetterBase, LetterData, LetterKind, SubjectLetterBase } from './kinds';

/**
 * One complete, realistic data set per kind. `verifyTemplates` renders every template with these at
 * start-up, so a template that names a variable no letter has (a typo) stops the process instead of
 * failing in front of a subject; the tests use them as fixtures. Every optional field is filled, so
 * every branch that prints one is exercised.
 */
const base: CaseLetterBase = {
  operator: {
    legalName: 'ООО «ВЭЛ ИНЖИНИРИНГ»',
    address: '117624, г. Москва, б-р Адмирала Ушакова, д. 3, пом. 2/1',
    email: 'wellpro@wellengineering.ru',
    phone: '+7 495 000-00-00',
    website: 'https://wellpro.ru',
  },
  caseNumber: 'DSAR-2025-000042',
  requestType: 'access',
  receivedDate: '2025-10-24',
  dueDate: '2025-11-10',
  note: 'При ответе, пожалуйста, сохраните тему письма.',
};
const subject: SubjectLetterBase = { ...base, subjectName: 'Иванов Иван Иванович' };

export const SAMPLE_LETTER_DATA: LetterData = {
  acknowledgement: subject,
  information_request: { ...subject, missingItems: ['identity_document', 'relation_to_operator', 'signature', 'representative_authority'] },
  extension_notice: { ...subject, dueDate: '2025-11-17', originalDueDate: '2025-11-10', reason: 'Сведения хранятся в архивной системе, выгрузка из которой требует дополнительного времени.' },
  response_cover: {
    ...subject,
    sections: [
      { item: 'processing_confirmed', text: 'Оператор обрабатывает Ваши персональные данные.' },
      { item: 'legal_basis_and_purposes', text: 'Согласие субъекта (п. 1 ч. 1 ст. 6); ответ на обращение.' },
      { item: 'purposes_and_methods', text: 'Ответ на обращения; смешанная обработка без передачи по сети общего пользования.' },
      { item: 'operator_and_recipients', text: 'ООО «ВЭЛ ИНЖИНИРИНГ», г. Москва; хостинг-провайдер по договору.' },
      { item: 'data_and_source', text: 'Фамилия, имя, адрес электронной почты; получены от Вас через форму на сайте.' },
      { item: 'processing_terms', text: '12 месяцев после последнего обращения.' },
      { item: 'rights_procedure', text: 'Статьи 14, 20 и 21 Федерального закона № 152-ФЗ; запросы на wellpro@wellengineering.ru.' },
      { item: 'cross_border_transfer', text: 'Не осуществляется и не планируется.' },
      { item: 'processor', text: 'Обработка третьим лицам не поручалась.' },
      { item: 'security_measures', text: 'Политика обработки персональных данных опубликована на сайте.' },
      { item: 'other', text: 'Иных сведений нет.' },
    ],
  },
  refusal: { ...subject, ground: 'access_restricted', provision: 'п. 5 ч. 8 ст. 14 Федерального закона № 152-ФЗ', reasons: 'Запрашиваемая переписка содержит персональные данные третьих лиц, не давших согласия на их раскрытие.' },
  correction_notice: { ...subject, requestType: 'correction', changes: 'Фамилия изменена с «Иванов» на «Петров».', correctedDate: '2025-10-30' },
  blocking_notice: { ...subject, requestType: 'blocking', blockedDate: '2025-10-24', reason: 'inaccurate' },
  unblocking_notice: { ...subject, requestType: 'correction', unblockedDate: '2025-10-31', outcome: 'not_confirmed', reasons: 'Представленные документы не подтверждают неточность сведений.' },
  destruction_notice: { ...subject, requestType: 'deletion', destroyedDate: '2025-10-31', ground: 'evidence', categories: 'фамилия, имя, адрес электронной почты' },
  cessation_notice: { ...subject, requestType: 'cease_processing', ceasedDate: '2025-10-29', ground: 'demand_cease' },
  legal_ground_notice: { ...subject, requestType: 'withdrawal', legalGround: 'исполнение договора № 15/2024 от 01.02.2024 (п. 5 ч. 1 ст. 6)', retentionUntil: '2028-12-31' },
  recipient_notice: { ...subject, requestType: 'correction', recipientName: 'ООО «Хостинг»', action: 'corrected', actionDate: '2025-10-30', details: 'Фамилия изменена с «Иванов» на «Петров».' },
  staff_reminder: { ...base, recipientName: 'Ольга Сергеевна', step: 'подготовка ответа', daysLeft: 2 },
  escalation: { ...base, step: 'подготовка ответа', assigneeName: 'Ольга Сергеевна', daysOverdue: 1 },
};

export const sampleLetter = <K extends LetterKind>(kind: K): LetterData[K] => SAMPLE_LETTER_DATA[kind];
