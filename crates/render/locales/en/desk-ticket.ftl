# The workspace's ticket page: prepared answers, category, out of scope, the customer's plan,
# the history and keyboard shortcuts; the prepared answers' configuration page.
desk-lang-sk = Slovak
desk-lang-cs = Czech
desk-lang-pl = Polish
desk-lang-en = English
desk-answers-label = Prepared answer ({ $language }, the customer's language)
desk-answers-use = Insert the answer
desk-answers-choose = Choose one of the prepared answers offered; your text is kept.
desk-category-none = No category
desk-scope-title = Out of scope
desk-scope-item = What the request asks for
desk-scope-hint = The item's prepared answer is sent to the customer in their language, and the mark is kept in the history.
desk-scope-mark = Mark out of scope and send the answer
desk-scope-choose = Choose an out-of-scope item from the list.
desk-scope-done = Marked out of scope; the prepared answer is on its way to the customer.
desk-panel-title = Customer's plan
desk-panel-contract = Contract
desk-panel-contract-from = from { $from }
desk-panel-contract-until = from { $from } to { $to }
desk-panel-minutes-title = Included time this month
desk-panel-minutes = { $kind }: { $left } min of { $included } min left
desk-panel-minutes-over = { $kind }: all { $included } min used, { $over } min over (billed)
desk-panel-kind-remote = Remote support
desk-panel-kind-work = Work
desk-panel-entitlements = Onboarding entitlements
desk-panel-entitlement-usable = { $kind }: can be used
desk-panel-entitlement-used = { $kind }: used
desk-panel-entitlement-expired = { $kind }: expired
desk-panel-candidate = Plan candidate: offer a support plan
desk-history-title = History
desk-history-when = When
desk-history-who = Who
desk-history-what = What
desk-history-before = Before
desk-history-after = After
desk-history-none = No changes yet.
desk-history-customer = the customer
desk-history-system = the system
desk-history-field-created = Created
desk-history-field-status = Status
desk-history-field-urgency = Urgency
desk-history-field-subject = Subject
desk-history-field-category = Category
desk-history-field-team-id = Team
desk-history-field-assignee-id = Assignee
desk-history-field-out-of-scope = Out of scope
desk-cfg-prepared-answers = Prepared answers
desk-cfg-new-prepared-answer = New prepared answer
desk-cfg-field-body = Text
desk-cfg-hint-body = Placeholders filled in for each ticket: {"{"}contact_name{"}"} (who asked), {"{"}organization_name{"}"}, {"{"}ticket_number{"}"}, {"{"}ticket_subject{"}"}, {"{"}agent_name{"}"} (who answers).
desk-cfg-delete = Delete
desk-keys-button = Keyboard shortcuts
desk-keys-title = Keyboard shortcuts
desk-keys-close = Close
desk-keys-next = next request in the queue, next message on a ticket
desk-keys-previous = previous request in the queue, previous message on a ticket
desk-keys-open = open the chosen request
desk-keys-reply = write a reply
desk-keys-note = write an internal note
desk-keys-assign = choose the assignee
desk-keys-help = show this list
desk-keys-escape = close this list
desk-keys-typing = Shortcuts do not work while you type in a field.
desk-keys-on = Use single-key shortcuts
desk-panel-signal-paid-service = { $count ->
    [one] paid service once in the last six months
   *[other] paid service { $count } times in the last six months
}
desk-panel-signal-repeated-category = { $count ->
    [one] { $count } request in the category { $detail } in the last six months
   *[other] { $count } requests in the category { $detail } in the last six months
}
desk-panel-signal-similar-questions = { $count ->
    [one] { $count } question like “{ $detail }” in the last six months
   *[other] { $count } similar questions like “{ $detail }” in the last six months
}
desk-history-field-sla-warning = SLA warning
desk-history-field-sla-notice = SLA notice sent
desk-history-field-time-entry = Time entry
desk-history-field-time-entry-note = Time entry note
desk-history-field-agreement-offered = Paid work offered
desk-history-field-agreement-accepted = Paid work agreed
desk-history-sla-warning = warning before the due time
desk-history-sla-breach = breach
desk-scope-answers = What the customer receives ({ $language })
