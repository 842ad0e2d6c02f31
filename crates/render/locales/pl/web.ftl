## Strony portalu klienta. Każdy klucz istnieje w sk, cs, pl i en (sprawdza to test).

web-brand = Wsparcie
web-skip-to-content = Przejdź do treści
web-nav-label = Menu główne
web-nav-requests = Moje zgłoszenia
web-nav-new = Nowe zgłoszenie
web-nav-profile = Profil
web-sign-out = Wyloguj się
web-language-label = Język
web-footer = Portal klienta wsparcia technicznego
web-back-home = Powrót do strony startowej

web-signin-title = Logowanie
web-signin-contact = Adresem e-mail
web-signin-organization = Identyfikatorem firmy
web-field-email = Adres e-mail
web-field-password = Hasło
web-field-company-id = NIP, IČO lub numer VAT
web-signin-button = Zaloguj się
web-error-signin-refused = Dane logowania są nieprawidłowe. Sprawdź je i spróbuj ponownie.
web-error-signin-locked = Zbyt wiele nieudanych prób. Możesz spróbować ponownie po { $until }.

web-title-requests = Moje zgłoszenia
web-title-org-requests = Zgłoszenia naszej organizacji
web-field-status = Stan
web-status-all = Wszystkie
web-filter-button = Filtruj
web-requests-count = { $count ->
    [one] { $count } zgłoszenie
    [few] { $count } zgłoszenia
    [many] { $count } zgłoszeń
   *[other] { $count } zgłoszenia
}
web-col-number = Numer
web-col-subject = Temat
web-col-status = Stan
web-col-changed = Ostatnia zmiana

web-status-new = Nowe
web-status-acknowledged = Przyjęte
web-status-in-progress = W realizacji
web-status-waiting-for-customer = Czeka na Ciebie
web-status-waiting-for-payment = Czeka na płatność
web-status-scheduled = Zaplanowane
web-status-resolved = Rozwiązane
web-status-closed = Zamknięte

web-title-new = Nowe zgłoszenie
web-form-has-errors = Zgłoszenie nie zostało wysłane. Popraw:
web-field-subject = Temat
web-field-description = Opis
web-description-hint = Najwyżej { $max } znaków.
web-field-matter-email = E-mail w tej sprawie
web-field-asset = Urządzenie lub usługa
web-asset-none = Żadne z nich
web-field-urgency = Pilność
web-urgency-normal = Zwykła
web-urgency-urgent = Pilna
web-field-attachment = Załącznik
web-attachment-hint = Jeden plik, najwyżej { $size }.
web-send-button = Wyślij zgłoszenie
web-error-too-long = Opis ma { $count } znaków, dozwolone jest najwyżej { $max }. Twój tekst został poniżej: skróć go i wyślij ponownie.
web-error-subject = Wpisz temat (jeden wiersz, najwyżej 250 znaków).
web-error-description = Opisz problem.
web-error-email = Podaj prawidłowy adres e-mail zarejestrowany u nas.
web-error-asset = Nie możesz zakładać zgłoszeń dotyczących tego urządzenia lub usługi.
web-error-urgency = Tego rodzaju zgłoszenie nie może być pilne.
web-error-file = Plik jest większy niż { $size }.
web-error-field = Sprawdź pole „{ $field }”.

web-title-created = Zgłoszenie wysłane
web-created-number = Numer Twojego zgłoszenia:
web-created-promise = Zareagujemy do { $due }.
web-created-no-promise = Zareagujemy jak najszybciej.
web-created-open = Pokaż zgłoszenie

web-field-reply = Twoja odpowiedź
web-reply-button = Wyślij odpowiedź
web-error-reply = Napisz odpowiedź (najwyżej 8 000 znaków).
web-notice-replied = Twoja odpowiedź została wysłana.

web-forgot-password = Nie pamiętasz hasła?
web-title-reset = Resetowanie hasła
web-reset-hint = Podaj adres e-mail, którym się logujesz. Wyślemy link do ustawienia nowego hasła.
web-reset-button = Wyślij link
web-notice-reset-sent = Jeśli adres jest u nas zarejestrowany, link do ustawienia nowego hasła jest w drodze. Jest ważny przez godzinę.
web-verdict-question = Oznaczyliśmy to zgłoszenie jako rozwiązane. Czy tak jest?
web-verdict-solved = Tak, jest rozwiązane
web-verdict-not-solved = Nie, nie jest rozwiązane
web-notice-closed = Dziękujemy. Zgłoszenie jest zamknięte.
web-notice-reopened = Zgłoszenie jest ponownie otwarte; skontaktujemy się z Tobą.
web-error-verdict = Tego zgłoszenia nie można teraz potwierdzić ani ponownie otworzyć. Jeśli problem wrócił, załóż nowe zgłoszenie.

web-title-password = Ustawienie hasła
web-field-new-password = Nowe hasło
web-password-hint = Co najmniej 8 znaków.
web-password-button = Zapisz hasło
web-link-dead = Ten link został już użyty lub wygasł. Poproś nas o nowy.
web-error-password-short = Hasło musi mieć co najmniej 8 znaków.
web-notice-password-set = Hasło zostało ustawione. Zaloguj się nim.

web-title-profile = Profil
web-profile-language-hint = W tym języku otrzymujesz strony i e-maile o swoich zgłoszeniach.
web-profile-password = Zmiana hasła
web-field-current-password = Obecne hasło
web-error-current-password = Obecne hasło jest nieprawidłowe.
web-notice-password-changed = Hasło zostało zmienione; inne urządzenia zostały wylogowane.
web-profile-sessions = Urządzenia
web-profile-sessions-hint = Wylogowuje Cię na wszystkich komputerach i telefonach, także na tym.
web-sign-out-everywhere = Wyloguj się wszędzie
web-notice-signed-out = Wylogowano.

web-title-not-found = Nie znaleziono
web-not-found = Ta strona nie istnieje lub nie możesz jej zobaczyć.
web-title-forbidden = Formularz wygasł
web-csrf-refused = Formularz wygasł lub został wysłany z innej strony. Wróć, odśwież stronę i wyślij go ponownie.
web-title-error = Coś poszło nie tak
web-error-generic = Nie udało się tego dokończyć. Spróbuj ponownie za chwilę.

web-nav-plan = Nasz plan
web-title-plan = Nasz plan wsparcia
web-plan-current = Twój plan: { $plan }
web-plan-basic-name = serwis podstawowy
web-plan-basic-hint = Nie masz umowy na plan wsparcia; obowiązuje serwis podstawowy. Plany, które oferujemy, są poniżej.
web-plan-coming = { $plan } (zacznie obowiązywać)
web-plan-period = od { $from } do { $to }
web-plan-period-open = od { $from }, na czas nieokreślony
web-plan-upsell = Sądząc po ostatnich zgłoszeniach, plan wsparcia może się opłacić. Chętnie go zaproponujemy.
web-plan-minutes-title = Czas wliczony w tym miesiącu
web-plan-col-kind = Rodzaj
web-plan-col-included = Wliczone
web-plan-col-used = Wykorzystane
web-plan-col-left = Pozostało
web-plan-kind-remote = Wsparcie zdalne
web-plan-kind-work = Praca
web-minutes = { $count ->
    [one] { $count } minuta
    [few] { $count } minuty
    [many] { $count } minut
   *[other] { $count } minuty
}
web-plan-over = { $count ->
    [one] { $count } minuta ponad limit jest fakturowana
    [few] { $count } minuty ponad limit są fakturowane
    [many] { $count } minut ponad limit jest fakturowanych
   *[other] { $count } minuty ponad limit są fakturowane
}
web-plan-onboarding-title = Usługi na start
web-onboarding-training = Szkolenie
web-onboarding-installation = Instalacja
web-onboarding-used = wykorzystane { $when }
web-onboarding-until = do wykorzystania do { $date }
web-onboarding-expired = wygasło { $date }
web-onboarding-no-limit = do wykorzystania bez ograniczenia czasowego
web-plan-channels-title = Jak się z nami skontaktować
web-channel-email = E-mail
web-channel-portal = Portal
web-channel-phone = Telefon
web-channel-chat = Czat
web-channel-api = API
web-channel-open-now = teraz otwarte
web-channel-opens = zamknięte, otwarcie { $when }
web-channel-closed = zamknięte
web-plan-offer-title = Plany w naszej ofercie
web-plan-col-plan = Plan
web-plan-col-price = Cena miesięczna netto
web-plan-col-channels = Kanały
web-plan-offer-hint = O plan poproś w nowym zgłoszeniu lub u swojego opiekuna handlowego.
web-field-category = Rodzaj zgłoszenia
web-category-none = Nie wiem / inne
web-category-plannable = { $name } (praca planowana, nie pilna)
web-urgency-plannable-hint = Pracy planowanej (np. zamknięcia okresu) nie można oznaczyć jako pilnej: pilna jest tylko nieprzewidziana awaria. Zgłoś ją z wyprzedzeniem.
web-error-plannable-urgent = { $category } to praca planowana i nie może być pilna: pilna jest tylko nieprzewidziana awaria. Wyślij ją z wyprzedzeniem jako zwykłe zgłoszenie.
web-error-category = Wybierz rodzaj zgłoszenia z listy.
web-files-label = Załączniki

web-search-label = Szukaj w zgłoszeniach
web-search-button = Szukaj
web-search-hint = Słowa, numer zgłoszenia lub adres e-mail; polskie znaki i wielkość liter nie mają znaczenia.
web-search-title = Wyszukiwanie: { $query }
web-search-invalid = Wpisz co najmniej jedno słowo, numer zgłoszenia lub adres e-mail (najwyżej 200 znaków).
web-search-show-all = Pokaż wszystkie zgłoszenia
web-col-found = Znaleziono

web-charges-title = Opłaty za to zgłoszenie
web-charges-col-item = Pozycja
web-charges-col-quantity = Ilość
web-charges-col-rate = Stawka
web-charges-col-discount = Rabat
web-charges-col-net = Kwota netto
web-charges-none = Za to zgłoszenie nic jeszcze nie naliczono.
web-charges-per-hour = { $amount } za godzinę
web-charges-pieces = { $count } ×
web-charges-covered-title = Nie naliczono
web-charges-covered-free = { $kind }, { $minutes }: bezpłatnie
web-charges-covered-included = { $kind }, { $minutes }: w ramach Twojego pakietu za { $month }
web-charges-covered-prepaid = { $kind }, { $minutes }: z Twoich przedpłaconych minut
web-charges-covered-plan = { $kind }, { $minutes }: pokrywa Twój pakiet
web-charges-covered-not_billable = { $kind }, { $minutes }: nie naliczamy, na nasz koszt
web-charges-unrated = Część pracy jest jeszcze wyceniana; pojawi się tutaj po wycenie.
web-charges-net = Razem netto: { $amount }
web-charges-vat = VAT { $rate }: { $amount }
web-charges-total = Razem brutto: { $amount }
web-work-remote = Wsparcie zdalne
web-work-on_site = Praca na miejscu
web-work-travel = Dojazd
web-work-phone = Wsparcie telefoniczne
web-work-training = Szkolenie
web-work-visit = Wizyta
web-usage-title = Czas serwisu w { $month }
web-usage-prepaid = Pozostałe przedpłacone minuty: { $minutes }
web-usage-prepaid-low = Przedpłacone minuty się kończą. Zamów kolejne, aby dalsza praca była z nich opłacana.
web-usage-billed = Naliczono w tym miesiącu netto: { $amount }
web-charges-held = Płatna praca przy tym zgłoszeniu czeka, aż zaakceptujesz ofertę poniżej; do tego czasu nie jest naliczana.
web-offers-title = Oferty płatnej pracy
web-offer-estimate = szacunkowo { $minutes }
web-offer-accept = Akceptuję ofertę
web-offer-accepted = zaakceptowano { $when }
