## Portal: uprawnienie z planu na życzenie, adresy i telefony w profilu, udostępnianie zgłoszeń,
## historia zgłoszenia, wyłączony dostęp.

portal-signin-disabled = Dostęp tego konta do portalu jest wyłączony. Jeśli jest potrzebny, prosimy o wiadomość lub telefon.

portal-entitlement-email = E-mail w tej sprawie
portal-entitlement-ask = Poproś: { $kind }
portal-entitlement-asked = Zgłoszenie { $number } zostało wysłane; odezwiemy się z terminem.
portal-entitlement-error-email = Prosimy podać prawidłowy adres e-mail w tej sprawie.
portal-entitlement-error-taken = O to uprawnienie już poproszono, zostało wykorzystane lub wygasło.
portal-entitlement-pending = zamówione zgłoszeniem { $number }, czeka na termin
portal-entitlement-subject = Prośba o uprawnienie z planu: { $kind }
portal-entitlement-description = Prosimy o ustalenie terminu: { $kind } z naszego planu.

portal-address-heading = Adresy e-mail
portal-address-pending-title = Czeka na potwierdzenie linkiem z e-maila:
portal-address-pending-change = { $new } zamiast { $old }
portal-address-pending-add = { $new } (nowy)
portal-address-new = Nowy adres
portal-address-hint = Wyślemy na niego link; adres obowiązuje dopiero po jego otwarciu. Do tego czasu używamy dotychczasowego.
portal-address-replaces = Zastąp adres
portal-address-replaces-none = Nie zastępuj, dodaj kolejny
portal-address-button = Wyślij link potwierdzający
portal-address-sent = Link potwierdzający wysłaliśmy na nowy adres.
portal-address-error-invalid = To nie jest prawidłowy adres e-mail, na przykład imie@firma.pl.
portal-address-error-taken = Ten adres jest już zapisany.
portal-address-error-replaces = Prosimy wybrać jeden ze swoich adresów.
portal-address-title = Potwierdzenie adresu e-mail
portal-address-confirm-question = Potwierdzić adres { $address } dla zgłoszeń?
portal-address-confirm-button = Potwierdź adres
portal-address-confirmed = Adres jest potwierdzony i od teraz go używamy.
portal-address-link-dead = Link został już użyty lub wygasł. Nowy można zamówić w profilu.
portal-address-subject = Prosimy potwierdzić adres e-mail do portalu klienta
portal-address-intro = W Państwa profilu podano adres { $address }. Prosimy potwierdzić go tym linkiem:
portal-address-mail-button = Potwierdź adres
portal-address-valid = Link działa jeden raz i jest ważny przez { $hours }. Jeśli nie podawali Państwo tego adresu, prosimy zignorować tę wiadomość.

portal-phones-heading = Numery telefonów
portal-phones-label = Numery, każdy w osobnym wierszu
portal-phones-hint = Format międzynarodowy z kierunkowym, na przykład +48 22 123 45 67.
portal-phones-button = Zapisz numery
portal-phones-saved = Numery telefonów zostały zapisane.
portal-phone-error = Numer „{ $number }” nie jest w formacie międzynarodowym: + i od 8 do 15 cyfr, na przykład +48 22 123 45 67.
portal-phone-error-count = Najwyżej { $count } numerów.

portal-zone-heading = Strefa czasowa
portal-zone-label = Pokazuj daty i godziny w strefie
portal-zone-default = Strefa wsparcia (Europa/Bratysława)
portal-zone-button = Zapisz strefę
portal-zone-saved = Strefa czasowa została zapisana.
portal-zone-error = Prosimy wybrać strefę z listy.

portal-share-title = Udostępnianie współpracownikom
portal-share-hint = Współpracownik, któremu udostępnią Państwo zgłoszenie, zobaczy je wśród swoich zgłoszeń i może na nie odpowiadać.
portal-share-shared = udostępnione
portal-share-with = Udostępnij: { $name }
portal-share-stop = Przestań udostępniać: { $name }

portal-history-title = Historia
portal-history-opened = Zgłoszenie przyjęte
portal-history-staff-reply = Odpowiedź wsparcia
portal-history-customer-reply = Wiadomość od Państwa
portal-history-solved = Oznaczone jako rozwiązane
portal-history-confirmed = Potwierdzili Państwo, że jest rozwiązane
portal-history-closed = Zamknięte
portal-history-not-solved = Ponownie otwarte: podali Państwo, że nie jest rozwiązane
portal-history-reopened = Ponownie otwarte
portal-history-status = Stan: { $status }

## Workspace: a contact's portal access.

desk-cfg-field-portal-access = Dostęp do portalu
desk-portal-access-on = włączony
desk-portal-access-off = wyłączony
desk-portal-access-disable = Wyłącz dostęp do portalu
desk-portal-access-enable = Włącz dostęp do portalu
