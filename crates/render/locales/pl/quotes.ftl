## Oferty cenowe z terminem (R-46): e-mail do klienta, strona zgłoszenia w portalu, strona
## zgłoszenia w panelu pracownika i zegar, którym staje się przyjęty termin.

clock-agreed-deadline = Uzgodniony termin

quote-mail-subject = Oferta do Państwa zgłoszenia: { $subject }
quote-mail-intro = Do Państwa zgłoszenia { $ticket } „{ $subject }” proponujemy:
quote-mail-price = Cena: { $price }
quote-mail-covers = Zakres: { $covers }
quote-mail-deadline = Termin: { $deadline }
quote-mail-decide = Prosimy przyjąć lub odrzucić ofertę w portalu klienta, na stronie zgłoszenia. Termin obowiązuje od przyjęcia.

quote-portal-title = Oferta cenowa
quote-portal-price = Cena
quote-portal-covers = Zakres
quote-portal-deadline = Termin
quote-portal-accept = Przyjmij ofertę
quote-portal-decline = Odrzuć ofertę
quote-portal-reason = Powód odrzucenia (opcjonalnie)
quote-portal-promised = Obiecany termin: { $deadline }
quote-portal-earlier = Wcześniejsze oferty
quote-portal-state-pending = czeka na Państwa decyzję
quote-portal-state-accepted = przyjęta { $when }
quote-portal-state-declined = odrzucona { $when }
quote-portal-decided-already = Ta oferta została już przyjęta lub odrzucona.
quote-portal-expired = Termin tej oferty już minął. Prosimy poprosić o nową ofertę.
quote-portal-closed = Zgłoszenie jest zamknięte; jego oferty nie można już przyjąć.
quote-portal-back = Wróć do zgłoszenia

quote-desk-title = Oferty cenowe
quote-desk-none = Brak ofert.
quote-desk-new = Nowa oferta
quote-desk-price = Cena ({ $currency })
quote-desk-price-hint = Kwota, na przykład 1200 lub 1200.50.
quote-desk-covers = Zakres
quote-desk-deadline = Termin
quote-desk-deadline-hint = Data i godzina w Twojej strefie ({ $zone }).
quote-desk-submit = Wyślij ofertę klientowi
quote-desk-pending-hint = Klient musi zdecydować o oczekującej ofercie, zanim powstanie kolejna.
quote-desk-state-pending = oczekuje
quote-desk-state-accepted = przyjęta
quote-desk-state-declined = odrzucona
quote-desk-decided = { $state } { $when }, { $who } ({ $channel })
quote-desk-reason = Powód: { $reason }
quote-desk-bad-deadline = Podaj termin jako datę i godzinę, na przykład 2026-12-10 16:00.
desk-history-field-quote-offered = Oferta cenowa utworzona
desk-history-field-quote-accepted = Oferta cenowa przyjęta
desk-history-field-quote-declined = Oferta cenowa odrzucona
