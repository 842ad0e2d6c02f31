# Strona zgłoszenia: scalone zgłoszenie i obrazy w e-mailach.
desk-merged-write-there = Odpowiedzi i notatki do tego zgłoszenia pisze się w zgłoszeniu
desk-images-blocked = Obraz z { $host } jest zablokowany.
desk-images-missing = Brak osadzonego obrazu wśród plików wiadomości.
desk-images-note = Obrazy z serwerów zewnętrznych są zablokowane: nadawca dowiedziałby się z nich, kiedy i skąd otwarto wiadomość.
desk-images-show = Pokaż obrazy zewnętrzne tej wiadomości
desk-images-hide = Ukryj obrazy zewnętrzne
desk-history-field-sla-stopped = Terminy SLA zatrzymane scaleniem
