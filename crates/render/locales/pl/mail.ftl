## Teksty wiadomości wysyłanych przez podpora. Zmienne ({ $name }) uzupełniają szablony wiadomości;
## listę zmiennych każdej wiadomości zawiera README.md.

## Części wspólne

greeting = Dzień dobry,
# Imię w powitaniu wymagałoby wołacza i formy Pan/Pani, których nie da się ustalić
# na podstawie samego imienia i nazwiska, dlatego powitanie jest neutralne.
greeting-named = Dzień dobry,
sign-off = Z poważaniem
support-team = Dział wsparcia
automatic-notice = Ta wiadomość została wysłana automatycznie.
ticket-number = Numer zgłoszenia: { $ticket }
reply-keep-number = Odpowiadając, prosimy zachować numer zgłoszenia w temacie wiadomości.

## Potwierdzenie nowego zgłoszenia

confirmation-subject = Otrzymaliśmy Państwa zgłoszenie: { $subject }
confirmation-intro = Dziękujemy za wiadomość. Państwa zgłoszenie zostało zarejestrowane pod numerem { $ticket }.
confirmation-reaction = Odpowiemy najpóźniej do { $due }.
confirmation-add-files = Pliki lub dodatkowe informacje można przesłać, po prostu odpowiadając na tę wiadomość.
confirmation-keep-number = W dalszej korespondencji dotyczącej tego zgłoszenia prosimy podawać jego numer.

## Odpowiedź technika

agent-reply-subject = Re: { $subject }

## Wiadomość z adresu, który nie należy do zarejestrowanej osoby kontaktowej

unknown-sender-subject = Nie mogliśmy zarejestrować Państwa wiadomości jako zgłoszenia
unknown-sender-intro = Otrzymaliśmy Państwa wiadomość z adresu { $sender }. Ten adres nie jest jednak zarejestrowany w systemie obsługi zgłoszeń firmy { $company }, dlatego zgłoszenie nie zostało utworzone.
unknown-sender-rule = Zgłoszenia mogą przesyłać wyłącznie zarejestrowane osoby kontaktowe naszych klientów.
unknown-sender-register = Jeśli pracują Państwo dla jednego z naszych klientów, prosimy zwrócić się do administratora w swojej firmie o zarejestrowanie adresu lub napisać do nas na adres { $support }.
unknown-sender-other-address = Jeśli są już Państwo zarejestrowani, prosimy wysłać zgłoszenie z zarejestrowanego adresu.

## Zgłoszenie dotyczące urządzenia lub usługi, do której osoba kontaktowa nie ma uprawnień

asset-not-permitted-subject = Nie mogliśmy przyjąć zgłoszenia: { $subject }
asset-not-permitted-intro = Nie mają Państwo uprawnień do zgłaszania spraw dotyczących urządzenia lub usługi { $asset }, dlatego nie możemy rozpatrzyć zgłoszenia „{ $subject }”.
asset-not-permitted-how = Jeśli powinni Państwo mieć to uprawnienie, prosimy zwrócić się do administratora w swojej firmie o jego nadanie.

## Zgłoszenie poza zakresem umowy

out-of-scope-subject = Poza zakresem wsparcia: { $subject }
out-of-scope-intro = Dziękujemy za zgłoszenie { $ticket } „{ $subject }”. Niestety wykracza ono poza zakres Państwa umowy serwisowej.
out-of-scope-answer = Nasza odpowiedź:

## Ostrzeżenia i przekroczenia SLA dla pracowników wsparcia

sla-warning-subject = Ostrzeżenie SLA ({ $percent }%): { $subject }
sla-warning-intro = Zbliża się termin SLA zgłoszenia { $ticket }.
sla-breach-subject = Przekroczenie SLA: { $subject }
sla-breach-intro = Termin SLA zgłoszenia { $ticket } upłynął.
sla-breach-action = Prosimy przejąć zgłoszenie lub je eskalować.
label-subject = Temat: { $subject }
label-clock = Cel SLA: { $clock }
label-due = Termin: { $due }
label-used = Wykorzystany czas: { $percent }%

## Ponownie otwarte zgłoszenie

reopened-subject = Zgłoszenie zostało ponownie otwarte: { $subject }
reopened-intro = Państwa zgłoszenie { $ticket } zostało ponownie otwarte. Będziemy nad nim dalej pracować i skontaktujemy się z Państwem.

## Terminy SLA

clock-reaction = Reakcja
clock-first-answer = Pierwsza odpowiedź
clock-remote-resolution = Rozwiązanie zdalne
clock-visit = Wizyta technika
clock-resolution = Rozwiązanie

## Zaproszenie do portalu klienta

portal-invite-subject = Dostęp do portalu klienta
portal-invite-intro = Od teraz mogą Państwo śledzić i zakładać zgłoszenia w naszym portalu klienta. Hasło ustawią Państwo za pomocą tego linku:
portal-invite-button = Ustaw hasło
portal-invite-valid = Link działa jeden raz i jest ważny przez { $days }. Jeśli wygaśnie, prosimy poprosić nas o nowy.
portal-reset-subject = Resetowanie hasła do portalu klienta
portal-reset-intro = Ktoś, prawdopodobnie Państwo, poprosił o zresetowanie hasła do naszego portalu klienta. Nowe hasło ustawią Państwo za pomocą tego linku:
portal-reset-valid = Link działa jeden raz i jest ważny przez { $minutes }. Jeśli nie prosili Państwo o to, prosimy zignorować tę wiadomość: hasło pozostaje bez zmian.
