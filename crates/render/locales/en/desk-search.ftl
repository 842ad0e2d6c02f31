# Searching tickets in the workspace.
desk-search-label = Search tickets
desk-search-placeholder = Search tickets
desk-search-button = Search
desk-search-hint = Words, a ticket number, an e-mail address or a company id; accents and capitals do not matter.
desk-search-title = Search: { $query }
desk-search-title-empty = Search tickets
desk-search-empty = Type words, a ticket number, an e-mail address or a company id to find tickets.
desk-search-invalid = Type at least one word, a ticket number, an e-mail address or a company id (200 characters at most).
desk-search-nothing = No ticket you may see matches. Try fewer or other words, or check the ticket number.
desk-search-count = { $count ->
    [one] { $count } ticket found
   *[other] { $count } tickets found
}
desk-search-col-number = Number
desk-search-col-subject = Subject
desk-search-col-found = Found
desk-search-col-matched = Matched in
desk-search-col-status = Status
desk-search-matched-number = ticket number
desk-search-matched-email = requester's e-mail
desk-search-matched-company-id = company id
desk-search-matched-subject = subject
desk-search-matched-message = message
desk-search-matched-note = internal note
desk-search-matched-attachment = attachment name
desk-search-pages = Pages of results
desk-search-prev = Previous
desk-search-next = Next
desk-search-page = Page { $page } of { $pages }
