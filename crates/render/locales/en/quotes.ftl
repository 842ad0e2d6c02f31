## Quotes with a deadline (R-46): the mail to the customer, the portal's request page, the
## workspace's ticket page, and the clock an accepted deadline becomes.

clock-agreed-deadline = Agreed deadline

quote-mail-subject = Quote for your request: { $subject }
quote-mail-intro = For your request { $ticket } “{ $subject }” we offer:
quote-mail-price = Price: { $price }
quote-mail-covers = What it covers: { $covers }
quote-mail-deadline = Done by: { $deadline }
quote-mail-decide = Please accept or decline the quote in the customer portal, on the request's page. The deadline applies once you accept.

quote-portal-title = Quote
quote-portal-price = Price
quote-portal-covers = What it covers
quote-portal-deadline = Done by
quote-portal-accept = Accept the quote
quote-portal-decline = Decline the quote
quote-portal-reason = Why you decline (optional)
quote-portal-promised = Promised deadline: { $deadline }
quote-portal-earlier = Earlier quotes
quote-portal-state-pending = waiting for your decision
quote-portal-state-accepted = accepted { $when }
quote-portal-state-declined = declined { $when }
quote-portal-decided-already = This quote was already accepted or declined.
quote-portal-expired = The deadline of this quote has passed. Please ask us for a new quote.
quote-portal-closed = The request is closed; its quote can no longer be accepted.
quote-portal-back = Back to the request

quote-desk-title = Quotes
quote-desk-none = No quote yet.
quote-desk-new = New quote
quote-desk-price = Price ({ $currency })
quote-desk-price-hint = An amount such as 1200 or 1200.50.
quote-desk-covers = What it covers
quote-desk-deadline = Deadline
quote-desk-deadline-hint = Date and time in your zone ({ $zone }).
quote-desk-submit = Send the quote to the customer
quote-desk-pending-hint = The customer decides on the pending quote before another can be made.
quote-desk-state-pending = pending
quote-desk-state-accepted = accepted
quote-desk-state-declined = declined
quote-desk-decided = { $state } { $when } by { $who } ({ $channel })
quote-desk-reason = Reason: { $reason }
quote-desk-bad-deadline = Give the deadline as a date and time, such as 2026-12-10 16:00.
desk-history-field-quote-offered = Quote made
desk-history-field-quote-accepted = Quote accepted
desk-history-field-quote-declined = Quote declined
