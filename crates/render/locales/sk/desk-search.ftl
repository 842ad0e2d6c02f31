# Vyhľadávanie tiketov v pracovisku.
desk-search-label = Hľadať požiadavky
desk-search-placeholder = Hľadať požiadavky
desk-search-button = Hľadať
desk-search-hint = Slová, číslo požiadavky, e-mailová adresa alebo IČO; na diakritike ani veľkých písmenách nezáleží.
desk-search-title = Hľadanie: { $query }
desk-search-title-empty = Hľadať požiadavky
desk-search-empty = Napíšte slová, číslo požiadavky, e-mailovú adresu alebo IČO a nájdete požiadavky.
desk-search-invalid = Napíšte aspoň jedno slovo, číslo požiadavky, e-mailovú adresu alebo IČO (najviac 200 znakov).
desk-search-nothing = Žiadna požiadavka, ktorú môžete vidieť, nezodpovedá. Skúste menej alebo iné slová, alebo skontrolujte číslo požiadavky.
desk-search-count = { $count ->
    [one] Nájdená { $count } požiadavka
    [few] Nájdené { $count } požiadavky
   *[other] Nájdených { $count } požiadaviek
}
desk-search-col-number = Číslo
desk-search-col-subject = Predmet
desk-search-col-found = Nájdené
desk-search-col-matched = Zhoda v
desk-search-col-status = Stav
desk-search-matched-number = číslo požiadavky
desk-search-matched-email = e-mail žiadateľa
desk-search-matched-company-id = IČO firmy
desk-search-matched-subject = predmet
desk-search-matched-message = správa
desk-search-matched-note = interná poznámka
desk-search-matched-attachment = názov prílohy
desk-search-pages = Strany výsledkov
desk-search-prev = Predchádzajúca
desk-search-next = Ďalšia
desk-search-page = Strana { $page } z { $pages }
