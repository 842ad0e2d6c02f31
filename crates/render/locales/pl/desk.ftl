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
