# Strona zgłoszenia w panelu: gotowe odpowiedzi, kategoria, poza zakresem, plan klienta,
# historia i skróty klawiszowe; strona konfiguracji gotowych odpowiedzi.
desk-lang-sk = słowacki
desk-lang-cs = czeski
desk-lang-pl = polski
desk-lang-en = angielski
desk-answers-label = Gotowa odpowiedź ({ $language }, język klienta)
desk-answers-use = Wstaw odpowiedź
desk-answers-choose = Wybierz jedną z proponowanych gotowych odpowiedzi; Twój tekst został zachowany.
desk-category-none = Bez kategorii
desk-scope-title = Poza zakresem
desk-scope-item = O co prosi zgłoszenie
desk-scope-hint = Klient otrzyma gotową odpowiedź tej pozycji w swoim języku, a oznaczenie zostanie zapisane w historii.
desk-scope-mark = Oznacz jako poza zakresem i wyślij odpowiedź
desk-scope-choose = Wybierz pozycję poza zakresem z listy.
desk-scope-done = Oznaczono jako poza zakresem; gotowa odpowiedź jest w drodze do klienta.
desk-panel-title = Plan klienta
desk-panel-contract = Umowa
desk-panel-contract-from = od { $from }
desk-panel-contract-until = od { $from } do { $to }
desk-panel-minutes-title = Czas wliczony w tym miesiącu
desk-panel-minutes = { $kind }: zostało { $left } min z { $included } min
desk-panel-minutes-over = { $kind }: wykorzystano wszystkie { $included } min, { $over } min ponad (płatne)
desk-panel-kind-remote = Wsparcie zdalne
desk-panel-kind-work = Praca
desk-panel-entitlements = Uprawnienia na start
desk-panel-entitlement-usable = { $kind }: można wykorzystać
desk-panel-entitlement-used = { $kind }: wykorzystane
desk-panel-entitlement-expired = { $kind }: wygasło
desk-panel-candidate = Kandydat na plan: zaproponuj plan wsparcia
desk-history-title = Historia
desk-history-when = Kiedy
desk-history-who = Kto
desk-history-what = Co
desk-history-before = Przedtem
desk-history-after = Potem
desk-history-none = Na razie bez zmian.
desk-history-customer = klient
desk-history-system = system
desk-history-field-created = Utworzone
desk-history-field-status = Status
desk-history-field-urgency = Pilność
desk-history-field-subject = Temat
desk-history-field-category = Kategoria
desk-history-field-team-id = Zespół
desk-history-field-assignee-id = Osoba przypisana
desk-history-field-out-of-scope = Poza zakresem
desk-cfg-prepared-answers = Gotowe odpowiedzi
desk-cfg-new-prepared-answer = Nowa gotowa odpowiedź
desk-cfg-field-body = Tekst
desk-cfg-hint-body = Symbole zastępcze wypełniane dla każdego zgłoszenia: {"{"}contact_name{"}"} (kto pyta), {"{"}organization_name{"}"}, {"{"}ticket_number{"}"}, {"{"}ticket_subject{"}"}, {"{"}agent_name{"}"} (kto odpowiada).
desk-cfg-delete = Usuń
desk-keys-button = Skróty klawiszowe
desk-keys-title = Skróty klawiszowe
desk-keys-close = Zamknij
desk-keys-next = następne zgłoszenie w kolejce, następna wiadomość w zgłoszeniu
desk-keys-previous = poprzednie zgłoszenie w kolejce, poprzednia wiadomość w zgłoszeniu
desk-keys-open = otwórz wybrane zgłoszenie
desk-keys-reply = napisz odpowiedź
desk-keys-note = napisz notatkę wewnętrzną
desk-keys-assign = wybierz osobę przypisaną
desk-keys-help = pokaż tę listę
desk-keys-escape = zamknij tę listę
desk-keys-typing = Skróty nie działają podczas pisania w polu.
desk-keys-on = Używaj skrótów jednym klawiszem
desk-panel-signal-paid-service = { $count ->
    [one] płatny serwis raz w ostatnich sześciu miesiącach
   *[other] płatny serwis { $count } razy w ostatnich sześciu miesiącach
}
desk-panel-signal-repeated-category = { $count ->
    [one] { $count } zgłoszenie w kategorii { $detail } w ostatnich sześciu miesiącach
    [few] { $count } zgłoszenia w kategorii { $detail } w ostatnich sześciu miesiącach
    [many] { $count } zgłoszeń w kategorii { $detail } w ostatnich sześciu miesiącach
   *[other] { $count } zgłoszenia w kategorii { $detail } w ostatnich sześciu miesiącach
}
desk-panel-signal-similar-questions = { $count ->
    [one] { $count } pytanie jak „{ $detail }” w ostatnich sześciu miesiącach
    [few] { $count } podobne pytania jak „{ $detail }” w ostatnich sześciu miesiącach
    [many] { $count } podobnych pytań jak „{ $detail }” w ostatnich sześciu miesiącach
   *[other] { $count } podobnego pytania jak „{ $detail }” w ostatnich sześciu miesiącach
}
desk-history-field-sla-warning = Ostrzeżenie SLA
desk-history-field-sla-notice = Wysłane powiadomienie SLA
desk-history-field-time-entry = Wpis czasu
desk-history-field-time-entry-note = Notatka do wpisu czasu
desk-history-field-agreement-offered = Zaproponowana płatna praca
desk-history-field-agreement-accepted = Zaakceptowana płatna praca
desk-history-sla-warning = ostrzeżenie przed terminem
desk-history-sla-breach = przekroczenie terminu
desk-scope-answers = Co otrzyma klient ({ $language })
