## The customer portal's pages. Every key exists in sk, cs, pl and en (a test checks).

web-brand = Support
web-skip-to-content = Skip to content
web-nav-label = Main menu
web-nav-requests = My requests
web-nav-new = New request
web-nav-profile = Profile
web-sign-out = Sign out
web-language-label = Language
web-footer = Customer support portal
web-back-home = Back to the start page

web-signin-title = Sign in
web-signin-contact = With your e-mail address
web-signin-organization = With your company id
web-field-email = E-mail address
web-field-password = Password
web-field-company-id = Company id (IČO, NIP or VAT id)
web-signin-button = Sign in
web-error-signin-refused = The sign-in details are not right. Check them and try again.
web-error-signin-locked = Too many unsuccessful attempts. You can try again after { $until }.

web-title-requests = My requests
web-title-org-requests = Our organization's requests
web-field-status = Status
web-status-all = All
web-filter-button = Filter
web-requests-count = { $count ->
    [one] { $count } request
   *[other] { $count } requests
}
web-col-number = Number
web-col-subject = Subject
web-col-status = Status
web-col-changed = Last change

web-status-new = New
web-status-acknowledged = Received
web-status-in-progress = In progress
web-status-waiting-for-customer = Waiting for you
web-status-waiting-for-payment = Waiting for payment
web-status-scheduled = Scheduled
web-status-resolved = Solved
web-status-closed = Closed

web-title-new = New request
web-form-has-errors = The request was not sent. Please correct:
web-field-subject = Subject
web-field-description = Description
web-description-hint = At most { $max } characters.
web-field-matter-email = E-mail for this matter
web-field-asset = Device or service
web-asset-none = None of these
web-field-urgency = Urgency
web-urgency-normal = Normal
web-urgency-urgent = Urgent
web-field-attachment = Attachment
web-attachment-hint = One file, at most { $size }.
web-send-button = Send the request
web-error-too-long = The description is { $count } characters long; at most { $max } are allowed. Your text is kept below: shorten it and send again.
web-error-subject = Fill in the subject (one line, at most 250 characters).
web-error-description = Describe the problem.
web-error-email = Enter a valid e-mail address registered with us.
web-error-asset = You cannot open requests about this device or service.
web-error-urgency = This kind of request cannot be marked urgent.
web-error-file = The file is larger than { $size }.
web-error-field = Check the field “{ $field }”.

web-title-created = Request sent
web-created-number = Your request number:
web-created-promise = We will react by { $due }.
web-created-no-promise = We will react as soon as possible.
web-created-open = Show the request

web-field-reply = Your reply
web-reply-button = Send the reply
web-error-reply = Write the reply (at most 8,000 characters).
web-notice-replied = Your reply was sent.

web-forgot-password = Forgot your password?
web-title-reset = Reset the password
web-reset-hint = Enter the e-mail address you sign in with. We will send you a link to set a new password.
web-reset-button = Send the link
web-notice-reset-sent = If the address is registered with us, a link to set a new password is on its way. It is valid for an hour.
web-verdict-question = We marked this request solved. Is it?
web-verdict-solved = Yes, it is solved
web-verdict-not-solved = No, it is not solved
web-notice-closed = Thank you. The request is closed.
web-notice-reopened = The request is open again; we will get back to you.
web-error-verdict = This request cannot be confirmed or reopened now. If the problem is back, open a new request.

web-title-password = Set your password
web-field-new-password = New password
web-password-hint = At least 8 characters.
web-password-button = Save the password
web-link-dead = This link is used up or expired. Ask us for a new one.
web-error-password-short = The password must have at least 8 characters.
web-notice-password-set = Your password is set. Sign in with it.

web-title-profile = Profile
web-profile-language-hint = Pages and mail about your requests come in this language.
web-profile-password = Change the password
web-field-current-password = Current password
web-error-current-password = The current password is not right.
web-notice-password-changed = Your password was changed; other devices were signed out.
web-profile-sessions = Devices
web-profile-sessions-hint = Signs you out on every computer and phone, this one included.
web-sign-out-everywhere = Sign out everywhere
web-notice-signed-out = You have signed out.

web-title-not-found = Not found
web-not-found = This page does not exist, or you cannot see it.
web-title-forbidden = The form has expired
web-csrf-refused = The form has expired or was sent from another page. Go back, reload the page and send it again.
web-title-error = Something went wrong
web-error-generic = We could not finish this. Try again in a while.

web-nav-plan = Our plan
web-title-plan = Our support plan
web-plan-current = Your plan: { $plan }
web-plan-basic-name = basic service
web-plan-basic-hint = You have no support plan contract; the basic service applies. The plans we offer are below.
web-plan-coming = { $plan } (starting)
web-plan-period = from { $from } to { $to }
web-plan-period-open = from { $from }, with no end date
web-plan-upsell = Judging by your recent requests, a support plan could pay off for you. We will gladly make you an offer.
web-plan-minutes-title = Included time this month
web-plan-col-kind = Kind
web-plan-col-included = Included
web-plan-col-used = Used
web-plan-col-left = Left
web-plan-kind-remote = Remote support
web-plan-kind-work = Work
web-minutes = { $count ->
    [one] { $count } minute
   *[other] { $count } minutes
}
web-plan-over = { $count ->
    [one] { $count } minute beyond the included time is billed
   *[other] { $count } minutes beyond the included time are billed
}
web-plan-onboarding-title = Onboarding services
web-onboarding-training = Training
web-onboarding-installation = Installation
web-onboarding-used = used on { $when }
web-onboarding-until = can be used until { $date }
web-onboarding-expired = expired on { $date }
web-onboarding-no-limit = can be used with no time limit
web-plan-channels-title = How to reach us
web-channel-email = E-mail
web-channel-portal = Portal
web-channel-phone = Phone
web-channel-chat = Chat
web-channel-api = API
web-channel-open-now = open now
web-channel-opens = closed, opens { $when }
web-channel-closed = closed
web-plan-offer-title = Plans we offer
web-plan-col-plan = Plan
web-plan-col-price = Monthly price excl. VAT
web-plan-col-channels = Channels
web-plan-offer-hint = Ask for a plan in a new request or from your account manager.
web-field-category = Kind of request
web-category-none = Not sure / other
web-category-plannable = { $name } (plannable work, not urgent)
web-urgency-plannable-hint = Plannable work (such as period-end reports) cannot be marked urgent: urgent means an unforeseeable failure. Ask for it in advance.
web-error-plannable-urgent = { $category } is plannable work and cannot be urgent: urgent means an unforeseeable failure. Send it in advance as a normal request.
web-error-category = Choose a kind of request from the list.
web-files-label = Attachments

web-search-label = Search your requests
web-search-button = Search
web-search-hint = Words, a request number or an e-mail address; accents and capitals do not matter.
web-search-title = Search: { $query }
web-search-invalid = Type at least one word, a request number or an e-mail address (200 characters at most).
web-search-show-all = Show all requests
web-col-found = Found

web-charges-title = Charges for this request
web-charges-col-item = Item
web-charges-col-quantity = Quantity
web-charges-col-rate = Rate
web-charges-col-discount = Discount
web-charges-col-net = Amount excl. VAT
web-charges-none = Nothing is billed for this request so far.
web-charges-per-hour = { $amount } per hour
web-charges-pieces = { $count } ×
web-charges-covered-title = Not billed
web-charges-covered-free = { $kind }, { $minutes }: free of charge
web-charges-covered-included = { $kind }, { $minutes }: included in your plan for { $month }
web-charges-covered-prepaid = { $kind }, { $minutes }: paid from your prepaid minutes
web-charges-covered-plan = { $kind }, { $minutes }: covered by your plan
web-charges-covered-not_billable = { $kind }, { $minutes }: not billed, on us
web-charges-unrated = Part of the work is still being priced; it will show here once it is.
web-charges-net = Total excl. VAT: { $amount }
web-charges-vat = VAT { $rate }: { $amount }
web-charges-total = Total incl. VAT: { $amount }
web-work-remote = Remote support
web-work-on_site = Work on site
web-work-travel = Travel
web-work-phone = Phone support
web-work-training = Training
web-work-visit = Visit
web-usage-title = Service time in { $month }
web-usage-prepaid = Prepaid minutes left: { $minutes }
web-usage-prepaid-low = Your prepaid minutes are running out. Order more so further work is paid from them.
web-usage-billed = Billed this month, excl. VAT: { $amount }
web-charges-held = Paid work on this request waits for you to accept an offer below; until then it is not billed.
web-offers-title = Offers of paid work
web-offer-estimate = estimated { $minutes }
web-offer-accept = Accept the offer
web-offer-accepted = accepted { $when }
