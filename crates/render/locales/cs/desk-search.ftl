# Vyhledávání požadavků v pracovišti.
desk-search-label = Hledat požadavky
desk-search-placeholder = Hledat požadavky
desk-search-button = Hledat
desk-search-hint = Slova, číslo požadavku, e-mailová adresa nebo IČO; na diakritice ani velkých písmenech nezáleží.
desk-search-title = Hledání: { $query }
desk-search-title-empty = Hledat požadavky
desk-search-empty = Napište slova, číslo požadavku, e-mailovou adresu nebo IČO a najdete požadavky.
desk-search-invalid = Napište alespoň jedno slovo, číslo požadavku, e-mailovou adresu nebo IČO (nejvýše 200 znaků).
desk-search-nothing = Žádný požadavek, který smíte vidět, neodpovídá. Zkuste méně nebo jiná slova, nebo zkontrolujte číslo požadavku.
desk-search-count = { $count ->
    [one] Nalezen { $count } požadavek
    [few] Nalezeny { $count } požadavky
    [many] Nalezeno { $count } požadavku
   *[other] Nalezeno { $count } požadavků
}
desk-search-col-number = Číslo
desk-search-col-subject = Předmět
desk-search-col-found = Nalezeno
desk-search-col-matched = Shoda v
desk-search-col-status = Stav
desk-search-matched-number = číslo požadavku
desk-search-matched-email = e-mail žadatele
desk-search-matched-company-id = IČO firmy
desk-search-matched-subject = předmět
desk-search-matched-message = zpráva
desk-search-matched-note = interní poznámka
desk-search-matched-attachment = název přílohy
desk-search-pages = Stránky výsledků
desk-search-prev = Předchozí
desk-search-next = Další
desk-search-page = Stránka { $page } z { $pages }
