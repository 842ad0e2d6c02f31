# Czas serwisowy na stronie zgłoszenia w panelu pracownika, oferty płatnej pracy i link z e-maila.
sbill-title = Czas serwisowy i opłaty
sbill-entries-title = Wpisy czasu
sbill-entries-none = Przy tym zgłoszeniu nie zapisano jeszcze czasu.
sbill-col-id = Nr
sbill-col-who = Kto
sbill-col-when = Kiedy ({ $zone })
sbill-col-minutes = Czas
sbill-col-kind = Rodzaj pracy
sbill-col-intervention = Interwencja
sbill-col-state = Rozliczenie
sbill-col-note = Notatka
sbill-visits = { $count ->
    [one] { $count } dojazd
    [few] { $count } dojazdy
   *[many] { $count } dojazdów
}
sbill-billable = płatne
sbill-covered = bez opłaty dla klienta
sbill-invoiced = zafakturowano { $when }
sbill-not-invoiced = niezafakturowane
sbill-preview-title = Podgląd opłat
sbill-held-notice = Płatna praca jest wstrzymana: klient nie przyjął oferty i nie obejmuje jej żaden pakiet. Nie jest rozliczana, dopóki klient nie przyjmie oferty lub pracownik nie zapisze zgody poniżej.
sbill-held = wstrzymane, nierozliczane
sbill-intervention-heading = Interwencja { $n }, { $when }
sbill-under-plan = w ramach pakietu klienta
sbill-unrated = Niewycenione: { $error }
sbill-quantity-minutes = { $charged } (przepracowano { $worked })
sbill-covered-free = { $kind }, { $minutes }: bezpłatne minuty stawki
sbill-covered-included = { $kind }, { $minutes }: minuty w cenie pakietu za { $month }
sbill-covered-prepaid = { $kind }, { $minutes }: z przedpłaconych minut
sbill-covered-plan = { $kind }, { $minutes }: pokrywa pakiet
sbill-covered-not_billable = { $kind }, { $minutes }: oznaczone jako bezpłatne, nierozliczane
sbill-price-list = Wycenione według cennika { $code }.
sbill-offers-title = Oferty płatnej pracy
sbill-offers-none = Nie zapisano żadnej oferty płatnej pracy.
sbill-offer-estimate = szacunkowo { $minutes }
sbill-offer-offered = zaoferowano { $when }
sbill-offer-waiting = czeka na klienta
sbill-offer-accepted = przyjęto { $when }, { $who } ({ $channel })
sbill-channel-portal = w portalu
sbill-channel-api = przez API
sbill-channel-staff = zapisane przez pracownika
sbill-channel-mail = linkiem z e-maila
sbill-accept-reason = Jak i kiedy klient wyraził zgodę
sbill-accept-hint = Zapisanie zgody zwalnia wstrzymaną pracę; powód zostaje w historii zgłoszenia.
sbill-accept-button = Zapisz zgodę
sbill-log-title = Zapisz czas
sbill-when-hint = Podaj początek i koniec albo datę i minuty. Czasy są w Twojej strefie { $zone }.
sbill-field-start = Początek
sbill-field-end = Koniec
sbill-field-date = Data
sbill-field-minutes = Minuty
sbill-field-kind = Rodzaj pracy
sbill-field-visits = Dojazdy (ryczałt { $fee } za każdy)
sbill-field-intervention = Interwencja
sbill-intervention-new = Nowa interwencja
sbill-intervention-n = Interwencja { $n }
sbill-field-billable = Rozliczenie
sbill-log-button = Zapisz czas
sbill-correct-title = Popraw wpis
sbill-correct-hint = Zmieniać można tylko niezafakturowane wpisy; zafakturowany wpis koryguje się nowym wpisem. Puste pola pozostają bez zmian.
sbill-field-entry = Wpis
sbill-entry-choice = Nr { $id }: { $when }, { $minutes }, { $kind }
sbill-unchanged = (bez zmian)
sbill-field-reason = Powód poprawki
sbill-correct-button = Popraw wpis
sbill-offer-title = Zaoferuj płatną pracę
sbill-offer-hint = Klient otrzyma ofertę e-mailem z linkiem do jej przyjęcia i zobaczy ją także w portalu.
sbill-field-description = Co zostanie zrobione
sbill-field-estimate = Szacowane minuty
sbill-offer-button = Zapisz i wyślij ofertę
sbill-link-title = Oferta płatnej pracy
sbill-link-for = Twoje zgłoszenie { $ticket }: { $subject }
sbill-link-hint = Przyjmując ofertę, zgadzasz się, że ta praca zostanie rozliczona według naszego cennika.
sbill-link-accept = Przyjmij ofertę
sbill-link-thanks = Dziękujemy.
sbill-link-accepted = Oferta została przyjęta { $when }.
sbill-link-dead-unknown = Ten link jest nieprawidłowy. Sprawdź, czy skopiowano go w całości.
sbill-link-dead-used = Ten link został już użyty; działa tylko raz.
sbill-link-dead-expired = Ten link wygasł.
sbill-link-sign-in = Zaloguj się do portalu, aby zobaczyć swoje zgłoszenia i ich oferty
offer-mail-subject = Oferta płatnej pracy: { $subject }
offer-mail-intro = Do Twojego zgłoszenia { $ticket } ({ $subject }) oferujemy następującą płatną pracę:
offer-mail-estimate = Szacowany czas: { $minutes ->
    [one] { $minutes } minuta
    [few] { $minutes } minuty
   *[many] { $minutes } minut
}
offer-mail-accept = Jeśli się zgadzasz, przyjmij ofertę tym linkiem (lub w portalu klienta):
offer-mail-button = Zobacz i przyjmij ofertę
offer-mail-valid = Link działa raz i jest ważny { $days }.
sbill-done-time = Czas zapisany.
sbill-done-correct = Wpis poprawiony; powód jest w historii.
sbill-done-offer = Oferta zapisana; klient otrzyma ją e-mailem z linkiem do przyjęcia.
sbill-done-accept = Zgoda zapisana; wstrzymana praca jest od teraz rozliczana.
sbill-done-offer-unmailed = Oferta zapisana, ale niewysłana: zgłaszający nie ma adresu e-mail. Klient zobaczy ją w portalu albo zapisz tutaj jego zgodę.
