## Help (the knowledge base) in the portal. Every key exists in sk, cs, pl and en.

web-nav-help = Help
web-kb-title = Help and guides
web-kb-intro = Solutions to the most common problems: procedures and (video) guides, free and at any time.
web-kb-search-label = Search the help
web-kb-search-button = Search
web-kb-search-hint = For example "printer does not print". Accents and word endings do not matter.
web-kb-search-invalid = The search text is too long. Shorten it to 200 characters.
web-kb-categories = Topics
web-kb-all = Everything
web-kb-found = { $count ->
    [one] { $count } guide found
   *[other] { $count } guides found
}
web-kb-nothing-found = We found no guide. Try other words or send us a request.
web-kb-sign-in-for-more = Sign in to also see the guides for customers and for your support plan.
web-kb-back = Back to help
web-kb-fallback = This guide is not in your language yet; it is shown in { $language }.
web-kb-updated = Last changed { $when }.
web-kb-did-it-help = Did this guide help?
web-kb-yes = Yes, it helped
web-kb-no = No
web-kb-thanks = Thank you for your answer.
web-kb-still-need-help = Still need help? Send us a request.
web-kb-suggestions-title = This may help
web-kb-suggestions-hint = Before you send a request, see whether the help has the solution.
web-kb-suggestions-search = Search the help
web-kb-lang-sk = Slovak
web-kb-lang-cs = Czech
web-kb-lang-pl = Polish
web-kb-lang-en = English
