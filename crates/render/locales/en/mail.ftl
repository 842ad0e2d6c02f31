## Texts of the mails podpora sends. Placeables ({ $name }) are filled in by the mail templates;
## README.md lists which variables each message receives.

## Shared pieces

greeting = Hello,
greeting-named = Hello { $name },
sign-off = Kind regards,
support-team = Customer support
automatic-notice = This message was sent automatically.
ticket-number = Request number: { $ticket }
reply-keep-number = When you reply, please keep the request number in the subject.

## Confirmation of a new request

confirmation-subject = We have received your request: { $subject }
confirmation-intro = Thank you for your message. We have registered your request under number { $ticket }.
confirmation-reaction = We will respond by { $due }.
confirmation-add-files = To add files or further information, simply reply to this e-mail.
confirmation-keep-number = Please quote the request number in any further message about this request.

## An agent's reply

agent-reply-subject = Re: { $subject }

## Mail from an address that is not a registered contact

unknown-sender-subject = Your message could not be registered as a request
unknown-sender-intro = We have received your message from { $sender }. This address is not registered in the { $company } service desk, so no request was created.
unknown-sender-rule = Only registered contacts of our customers can submit requests.
unknown-sender-register = If you work for one of our customers, please ask your company's administrator to register your address, or contact us at { $support }.
unknown-sender-other-address = If you are already registered, please send your request from your registered address.

## A request about an asset the contact has no rights to

asset-not-permitted-subject = Request not accepted: { $subject }
asset-not-permitted-intro = You are not authorised to submit requests about the device or service { $asset }, so we cannot process your request “{ $subject }”.
asset-not-permitted-how = If you should have this permission, please ask your company's administrator to grant it.

## A request outside the support agreement

out-of-scope-subject = Outside the support agreement: { $subject }
out-of-scope-intro = Thank you for your request { $ticket } “{ $subject }”. Unfortunately, it falls outside the scope of your support agreement.
out-of-scope-answer = Our answer:

## SLA warnings and breaches, sent to staff

sla-warning-subject = SLA warning ({ $percent }%): { $subject }
sla-warning-intro = The SLA deadline of request { $ticket } is approaching.
sla-breach-subject = SLA breached: { $subject }
sla-breach-intro = The SLA deadline of request { $ticket } has passed.
sla-breach-action = Please take over the request or escalate it.
label-subject = Subject: { $subject }
label-clock = SLA target: { $clock }
label-due = Due: { $due }
label-used = Time used: { $percent }%

## A request reopened

reopened-subject = Request reopened: { $subject }
reopened-intro = Your request { $ticket } has been reopened. We will continue working on it and get back to you.

## SLA clocks

clock-reaction = Reaction
clock-first-answer = First answer
clock-remote-resolution = Remote resolution
clock-visit = On-site visit
clock-resolution = Resolution

## An invitation to the customer portal

portal-invite-subject = Your access to the customer portal
portal-invite-intro = You can now follow and open your requests in our customer portal. Set your password with this link:
portal-invite-button = Set the password
portal-invite-valid = The link works once and is valid for { $days }. If it expires, ask us for a new one.
portal-reset-subject = Resetting your customer portal password
portal-reset-intro = Someone, probably you, asked to reset your password for our customer portal. Set a new one with this link:
portal-reset-valid = The link works once and is valid for { $minutes }. If you did not ask for it, ignore this message: your password stays as it is.
