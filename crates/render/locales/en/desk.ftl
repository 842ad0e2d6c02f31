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
