# Stanowisko agentów (/desk).
desk-area = Stanowisko
desk-nav-profile = Profil
desk-signin-title = Logowanie pracowników
desk-signin-hint = Dla pracowników działu wsparcia. Klienci logują się do portalu.
desk-error-signin-refused = Adres e-mail lub hasło są nieprawidłowe albo konto jest wyłączone. Sprawdź oba i spróbuj ponownie.
desk-title-refused = Niedozwolone
desk-refused = Twoja rola na to nie pozwala. Jeśli tego potrzebujesz, zwróć się do administratora.
desk-profile-title = Twój profil
desk-profile-roles = Role
desk-profile-preferences = Język i strefa czasowa
desk-field-time-zone = Strefa czasowa
desk-profile-zone-hint = Terminy i daty na stanowisku są pokazywane w tej strefie.
desk-save = Zapisz
desk-notice-second-factor-required = Administratorzy muszą tu używać drugiego składnika: skonfiguruj poniżej TOTP; pozostałe strony otworzą się, gdy będzie włączony.
desk-notice-saved = Zapisano.
desk-error-zone = Wybierz strefę czasową z listy.
desk-role-admin = administrator
desk-role-dispatcher = dyspozytor
desk-role-technician = technik
desk-role-billing = rozliczenia
desk-nav-queue = Kolejka
desk-queue-title = Kolejka
desk-col-reason = Dlaczego tutaj
desk-queue-count = { $count ->
    [one] { $count } otwarte zgłoszenie
    [few] { $count } otwarte zgłoszenia
    [many] { $count } otwartych zgłoszeń
   *[other] { $count } otwartego zgłoszenia
}
desk-status-new = Nowe
desk-status-acknowledged = Potwierdzone
desk-status-in-progress = W realizacji
desk-status-waiting-for-customer = Czeka na klienta
desk-status-waiting-for-payment = Czeka na płatność
desk-status-scheduled = Zaplanowane
desk-status-resolved = Rozwiązane
desk-status-closed = Zamknięte
desk-urgency-urgent = pilne
desk-urgency-normal = zwykłe
desk-plan-basic = Serwis podstawowy
desk-time-hm = { $h } h { $m } min
desk-time-h = { $h } h
desk-time-m = { $m } min
desk-countdown-left = zostało { $time }
desk-countdown-over = po terminie o { $time }
desk-countdown-paused = wstrzymane
desk-countdown-none = bez SLA
desk-reason-plan = plan { $plan } (pozycja { $rank })
desk-reason-basic = serwis podstawowy, po wszystkich klientach z planem
desk-reason-copies = { $count ->
    [one] kopia do { $count } naszego pracownika
   *[other] kopia do { $count } naszych pracowników
}
desk-reason-due = { $clock } do { $when }
desk-reason-no-clock = brak biegnącego SLA
desk-reason-reported = zgłoszone { $when }
desk-filter-any = Wszystkie
desk-filter-clear = Wyczyść filtry
desk-filter-team = Zespół
desk-filter-no-team = Bez zespołu
desk-filter-assignee = Przypisane do
desk-filter-me = Ja
desk-filter-unassigned = Nieprzypisane
desk-filter-organization = Klient
desk-filter-plan = Plan
desk-filter-channel = Kanał
desk-filter-category = Kategoria
desk-filter-urgency = Pilność
desk-queue-caption = W kolejności obsługi: najpierw klienci z planem, wyższy plan wcześniej, pilne wcześniej, potem najbliższy termin. Pozostały czas liczy się w godzinach pracy.
desk-col-customer = Klient
desk-col-sla = SLA
desk-back-to-queue = Wróć do kolejki
desk-others-on-ticket = Nad tym zgłoszeniem pracuje teraz także
desk-conversation = Rozmowa
desk-write = Napisz
desk-write-kind = Co piszesz
desk-kind-reply = Odpowiedź dla klienta
desk-kind-note = Notatka wewnętrzna (tylko dla pracowników)
desk-field-text = Tekst
desk-send = Wyślij
desk-stale-warning = Po otwarciu zgłoszenia pojawiło się w nim coś nowego. Przeczytaj to powyżej; twój tekst został zachowany. Aby mimo to go wysłać, zaznacz pole.
desk-stale-confirm = Przeczytałem(-am) nowe wiadomości, wyślij moją odpowiedź
desk-details = Szczegóły
desk-due = termin
desk-change = Status i przypisanie
desk-field-reason = Powód
desk-reason-hint = Wymagany przy obniżeniu pilności.
desk-article-public-reply = Odpowiedź
desk-article-internal-note = Notatka wewnętrzna
desk-article-inbound-email = E-mail od klienta
desk-article-portal-message = Wiadomość z portalu
desk-article-phone-note = Rozmowa telefoniczna
desk-article-chat-message = Czat
desk-clock-running = biegnie
desk-clock-paused = wstrzymane
desk-clock-met = dotrzymane
desk-clock-breached = przekroczone
desk-code-title = Drugi składnik
desk-field-code = Kod
desk-code-hint = Sześć cyfr z aplikacji uwierzytelniającej albo jeden z kodów zapasowych.
desk-code-wrong = Kod jest nieprawidłowy. Wpisz aktualne sześć cyfr z aplikacji albo niewykorzystany kod zapasowy.
desk-totp-title = Drugi składnik (TOTP)
desk-totp-on = Logowanie wymaga kodu z aplikacji uwierzytelniającej.
desk-totp-off = Logowanie wymaga tylko hasła. Dla większego bezpieczeństwa dodaj kod z aplikacji uwierzytelniającej.
desk-totp-start = Skonfiguruj drugi składnik
desk-totp-secret-hint = Wpisz ten klucz w aplikacji uwierzytelniającej (albo otwórz poniższy adres w telefonie), a potem wpisz kod, który pokaże.
desk-totp-confirm = Włącz
desk-recovery-hint = Zachowaj te kody zapasowe w bezpiecznym miejscu; każdy zaloguje cię raz, jeśli zgubisz telefon. Nie zostaną pokazane ponownie.
desk-recovery-left = { $count ->
    [one] Został { $count } kod zapasowy.
    [few] Zostały { $count } kody zapasowe.
    [many] Zostało { $count } kodów zapasowych.
   *[other] Zostało { $count } kodu zapasowego.
}
