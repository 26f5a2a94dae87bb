/**
 * Names of the domain's values (request types, steps, statuses, actions, term keys, form fields) in both
 * languages. Values without a name here are shown as they are, so a new step never breaks a page.
 */
type Pair = readonly [ru: string, en: string];

export const LABELS: Record<string, Pair> = {
  // request types
  'type.access': ['Доступ к данным', 'Access'], 'type.correction': ['Уточнение', 'Correction'], 'type.blocking': ['Блокирование', 'Blocking'],
  'type.withdrawal': ['Отзыв согласия', 'Consent withdrawal'], 'type.deletion': ['Уничтожение', 'Deletion'],
  'type.cease_processing': ['Прекращение обработки', 'Cease processing'], 'type.unclassified': ['Не разобрано', 'Unclassified'],
  // steps
  'step.triage': ['разбор', 'triage'], 'step.review': ['рассмотрение', 'review'], 'step.awaiting_information': ['ждём сведения', 'awaiting information'],
  'step.blocking': ['блокирование', 'blocking'], 'step.verification': ['проверка', 'verification'], 'step.correcting': ['уточнение', 'correcting'],
  'step.ceasing': ['прекращение', 'ceasing'], 'step.deciding': ['решение', 'deciding'], 'step.destroying': ['уничтожение', 'destroying'],
  'step.destroying_deferred': ['отложенное уничтожение', 'deferred destruction'], 'step.unblocking': ['разблокирование', 'unblocking'],
  'step.answering': ['ответ', 'answering'], 'step.done': ['завершено', 'done'],
  // statuses
  'status.received': ['в работе', 'received'], 'status.overdue': ['просрочено', 'overdue'], 'status.responded': ['ответ дан', 'responded'],
  'status.refused': ['отказано', 'refused'], 'status.closed': ['закрыто', 'closed'],
  // term states and keys
  'term.running': ['идёт', 'running'], 'term.met': ['соблюдён', 'met'], 'term.overdue': ['просрочен', 'overdue'], 'term.cancelled': ['отменён', 'cancelled'],
  'key.answer': ['ответ', 'answer'], 'key.block': ['блокирование', 'block'], 'key.rectify': ['уточнение', 'rectify'], 'key.cease': ['прекращение', 'cease'],
  'key.destroy': ['уничтожение', 'destroy'], 'key.fallback': ['уничтожение в 6 мес.', 'destroy within 6 months'], 'key.triage': ['разбор', 'triage'],
  // channels
  'channel.email': ['эл. почта', 'e-mail'], 'channel.web': ['сайт', 'web'], 'channel.post': ['почта', 'post'], 'channel.in_person': ['лично', 'in person'],
  // actions
  'action.assign': ['Назначить исполнителя', 'Assign'], 'action.classify': ['Классифицировать', 'Classify'],
  'action.request_information': ['Запросить сведения', 'Request information'], 'action.record_information': ['Записать сведения / итог проверки', 'Record information or finding'],
  'action.extend': ['Продлить срок на 5 р. д.', 'Extend by 5 WD'], 'action.block': ['Заблокировать', 'Block'], 'action.unblock': ['Разблокировать', 'Unblock'],
  'action.correct': ['Уточнить данные', 'Correct'], 'action.cease': ['Прекратить обработку', 'Cease processing'],
  'action.approve_destruction': ['Разрешить уничтожение в системах', 'Approve destruction in the systems'],
  'action.confirm_destruction': ['Подтвердить уничтожение', 'Confirm destruction'], 'action.record_legal_ground': ['Записать правовое основание', 'Record legal ground'],
  'action.respond': ['Ответить субъекту', 'Respond'], 'action.refuse': ['Мотивированный отказ', 'Refuse'], 'action.close': ['Закрыть без ответа', 'Close without answer'],
  // form fields
  'field.note': ['Примечание для журнала', 'Note for the audit trail'], 'field.assignee.name': ['ФИО исполнителя', 'Assignee name'],
  'field.assignee.email': ['Почта исполнителя', 'Assignee e-mail'], 'field.type': ['Тип обращения', 'Request type'],
  'field.deletionGround': ['Основание уничтожения', 'Deletion ground'], 'field.missing': ['Чего не хватает (ст. 14 ч. 3)', 'What is missing (art. 14 p.3)'],
  'field.finding': ['Итог проверки', 'Finding'], 'field.findingDate': ['Дата сведений / выявления', 'Date of evidence or detection'],
  'field.reason': ['Причина', 'Reason'], 'field.reportedAs': ['Что сообщил субъект', 'Reported as'], 'field.changes': ['Что изменено', 'What was changed'],
  'field.what': ['Какие данные', 'What data'], 'field.where': ['Где (системы, носители)', 'Where (systems, media)'], 'field.method': ['Способ', 'Method'],
  'field.destroyedAt': ['Когда уничтожены', 'Destroyed at'], 'field.destroyedBy.0.name': ['Кто уничтожил (ФИО)', 'Destroyed by (name)'],
  'field.destroyedBy.0.position': ['Должность', 'Position'], 'field.ground': ['Основание', 'Ground'], 'field.retentionUntil': ['Хранить до', 'Keep until'],
  'field.provision': ['Норма закона', 'Provision'], 'field.reasons': ['Мотивы отказа', 'Reasons'],
  // why an action is greyed (the transition table's codes, domain/case/decide.ts); its full message follows in English
  'refusal.action_not_allowed_in_step': ['не предусмотрено на этом шаге пути', 'not part of the path in this step'],
  'refusal.case_closed': ['обращение закрыто', 'the case is closed'],
  'refusal.extension_not_allowed': ['срок этого обращения не продлевается', 'this request\'s term cannot be extended'],
  'refusal.extension_already_used': ['срок уже продлевался (продлить можно один раз)', 'already extended once (the law allows one extension)'],
  'refusal.extension_too_late': ['продлить можно только до истечения срока', 'an extension must be sent before the term ends'],
  'refusal.finding_required': ['нужен итог проверки', 'a finding is needed'],
  'refusal.finding_not_allowed': ['этот итог проверки не подходит', 'this finding does not apply'],
  'refusal.type_required': ['нужен тип обращения', 'the request type is needed'],
  'field.sections.0.item': ['Пункт ст. 14 ч. 7', 'Art. 14 p.7 item'], 'field.sections.0.text': ['Сведения', 'Information'],
};

export function label(lang: 'ru' | 'en', key: string): string {
  const pair = LABELS[key];
  if (!pair) return key.slice(key.indexOf('.') + 1);
  return lang === 'ru' ? pair[0] : pair[1];
}
