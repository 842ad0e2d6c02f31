## Portal: asking for a plan entitlement, addresses and phones in the profile, sharing requests,
## a request's history, disabled access.

portal-signin-disabled = This account's access to the portal is switched off. If you need it, write to us or call.

portal-entitlement-email = E-mail for this matter
portal-entitlement-ask = Ask for it: { $kind }
portal-entitlement-asked = Request { $number } is sent; we will get back to you with a date.
portal-entitlement-error-email = Enter a valid e-mail address for this matter.
portal-entitlement-error-taken = This entitlement was asked for already, was used or has expired.
portal-entitlement-pending = asked for with request { $number }, waiting for a date
portal-entitlement-subject = Asking for a plan entitlement: { $kind }
portal-entitlement-description = Please arrange a date: { $kind } from our plan.

portal-address-heading = E-mail addresses
portal-address-pending-title = Waiting for confirmation from the link in the e-mail:
portal-address-pending-change = { $new } instead of { $old }
portal-address-pending-add = { $new } (new)
portal-address-new = New address
portal-address-hint = We send a link to it; the address counts once you open it. Until then we use the current one.
portal-address-replaces = Replace address
portal-address-replaces-none = Do not replace, add another
portal-address-button = Send the confirmation link
portal-address-sent = We sent the confirmation link to the new address.
portal-address-error-invalid = This is not a valid e-mail address, e.g. name@company.com.
portal-address-error-taken = This address is on record already.
portal-address-error-replaces = Choose one of your addresses.
portal-address-title = Confirming an e-mail address
portal-address-confirm-question = Confirm { $address } for your requests?
portal-address-confirm-button = Confirm the address
portal-address-confirmed = The address is confirmed and in use from now on.
portal-address-link-dead = The link was used already or has expired. You can ask for a new one in your profile.
portal-address-subject = Confirm your e-mail address for the customer portal
portal-address-intro = The address { $address } was entered in your profile. Confirm it with this link:
portal-address-mail-button = Confirm the address
portal-address-valid = The link works once and is valid for { $hours }. If you did not enter this address, ignore this message.

portal-phones-heading = Phone numbers
portal-phones-label = Numbers, one per line
portal-phones-hint = International form with the country code, e.g. +421 905 123 456.
portal-phones-button = Save the numbers
portal-phones-saved = The phone numbers are saved.
portal-phone-error = The number “{ $number }” is not in international form: + and 8 to 15 digits, e.g. +421 905 123 456.
portal-phone-error-count = At most { $count } numbers.

portal-zone-heading = Time zone
portal-zone-label = Show dates and times in the zone
portal-zone-default = The support desk's zone (Europe/Bratislava)
portal-zone-button = Save the zone
portal-zone-saved = The time zone is saved.
portal-zone-error = Choose a zone from the list.

portal-share-title = Sharing with colleagues
portal-share-hint = A colleague you share the request with sees it among their requests and may answer it.
portal-share-shared = shared
portal-share-with = Share with { $name }
portal-share-stop = Stop sharing with { $name }

portal-history-title = History
portal-history-opened = Request received
portal-history-staff-reply = Reply from support
portal-history-customer-reply = Message from you
portal-history-solved = Marked solved
portal-history-confirmed = You confirmed it is solved
portal-history-closed = Closed
portal-history-not-solved = Reopened: you said it is not solved
portal-history-reopened = Reopened
portal-history-status = Status: { $status }

## Workspace: a contact's portal access.

desk-cfg-field-portal-access = Portal access
desk-portal-access-on = on
desk-portal-access-off = off
desk-portal-access-disable = Switch portal access off
desk-portal-access-enable = Switch portal access on
