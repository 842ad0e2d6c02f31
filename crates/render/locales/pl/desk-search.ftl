# Wyszukiwanie zgłoszeń w obszarze roboczym.
desk-search-label = Szukaj zgłoszeń
desk-search-placeholder = Szukaj zgłoszeń
desk-search-button = Szukaj
desk-search-hint = Słowa, numer zgłoszenia, adres e-mail lub NIP; znaki diakrytyczne i wielkość liter nie mają znaczenia.
desk-search-title = Wyszukiwanie: { $query }
desk-search-title-empty = Szukaj zgłoszeń
desk-search-empty = Wpisz słowa, numer zgłoszenia, adres e-mail lub NIP, aby znaleźć zgłoszenia.
desk-search-invalid = Wpisz co najmniej jedno słowo, numer zgłoszenia, adres e-mail lub NIP (najwyżej 200 znaków).
desk-search-nothing = Żadne zgłoszenie, które możesz zobaczyć, nie pasuje. Spróbuj mniej lub innych słów albo sprawdź numer zgłoszenia.
desk-search-count = { $count ->
    [one] Znaleziono { $count } zgłoszenie
    [few] Znaleziono { $count } zgłoszenia
    [many] Znaleziono { $count } zgłoszeń
   *[other] Znaleziono { $count } zgłoszenia
}
desk-search-col-number = Numer
desk-search-col-subject = Temat
desk-search-col-found = Znaleziono
desk-search-col-matched = Dopasowanie w
desk-search-col-status = Status
desk-search-matched-number = numer zgłoszenia
desk-search-matched-email = e-mail zgłaszającego
desk-search-matched-company-id = identyfikator firmy
desk-search-matched-subject = temat
desk-search-matched-message = wiadomość
desk-search-matched-note = notatka wewnętrzna
desk-search-matched-attachment = nazwa załącznika
desk-search-pages = Strony wyników
desk-search-prev = Poprzednia
desk-search-next = Następna
desk-search-page = Strona { $page } z { $pages }
