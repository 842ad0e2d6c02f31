# The agent workspace (/desk).
desk-area = Workspace
desk-nav-profile = Profile
desk-signin-title = Staff sign-in
desk-signin-hint = For the staff of the service desk. Customers sign in to the portal.
desk-error-signin-refused = The e-mail address or the password is wrong, or the account is deactivated. Check both and try again.
desk-title-refused = Not allowed
desk-refused = Your role does not allow this. Ask an administrator if you need it.
desk-profile-title = Your profile
desk-profile-roles = Roles
desk-profile-preferences = Language and time zone
desk-field-time-zone = Time zone
desk-profile-zone-hint = Due times and dates in the workspace are shown in this zone.
desk-save = Save
desk-notice-saved = Saved.
desk-error-zone = Choose a time zone from the list.
desk-role-admin = administrator
desk-role-dispatcher = dispatcher
desk-role-technician = technician
desk-role-billing = billing
desk-nav-queue = Queue
desk-queue-title = Queue
desk-col-reason = Why here
desk-queue-count = { $count ->
    [one] { $count } open request
   *[other] { $count } open requests
}
desk-status-new = New
desk-status-acknowledged = Acknowledged
desk-status-in-progress = In progress
desk-status-waiting-for-customer = Waiting for the customer
desk-status-waiting-for-payment = Waiting for payment
desk-status-scheduled = Scheduled
desk-status-resolved = Resolved
desk-status-closed = Closed
desk-urgency-urgent = urgent
desk-urgency-normal = normal
desk-plan-basic = Basic service
desk-time-hm = { $h } h { $m } min
desk-time-h = { $h } h
desk-time-m = { $m } min
desk-countdown-left = { $time } left
desk-countdown-over = overdue by { $time }
desk-countdown-paused = paused
desk-countdown-none = no SLA clock
desk-reason-plan = plan { $plan } (rank { $rank })
desk-reason-basic = basic service, after every plan customer
desk-reason-copies = { $count ->
    [one] copied to { $count } of our staff
   *[other] copied to { $count } of our staff
}
desk-reason-due = { $clock } due { $when }
desk-reason-no-clock = no running SLA clock
desk-reason-reported = reported { $when }
desk-filter-any = Any
desk-filter-clear = Clear the filters
desk-filter-team = Team
desk-filter-no-team = No team
desk-filter-assignee = Assignee
desk-filter-me = Me
desk-filter-unassigned = Unassigned
desk-filter-organization = Customer
desk-filter-plan = Plan
desk-filter-channel = Channel
desk-filter-category = Category
desk-filter-urgency = Urgency
desk-queue-caption = In service order: plan customers first, a higher plan first, urgent first, then the nearest due time. Times left count business time.
desk-col-customer = Customer
desk-col-sla = SLA
