## Pomoc (baza wiedzy) w portalu. Każdy klucz istnieje w sk, cs, pl i en.

web-nav-help = Pomoc
web-kb-title = Pomoc i poradniki
web-kb-intro = Rozwiązania najczęstszych problemów: procedury i poradniki (wideo), zawsze i bezpłatnie.
web-kb-search-label = Szukaj w pomocy
web-kb-search-button = Szukaj
web-kb-search-hint = Na przykład „drukarka nie drukuje”. Polskie znaki ani odmiana słów nie mają znaczenia.
web-kb-search-invalid = Szukany tekst jest za długi. Skróć go do 200 znaków.
web-kb-categories = Tematy
web-kb-all = Wszystko
web-kb-found = { $count ->
    [one] Znaleziono { $count } poradnik
    [few] Znaleziono { $count } poradniki
    [many] Znaleziono { $count } poradników
   *[other] Znaleziono { $count } poradnika
}
web-kb-nothing-found = Nie znaleźliśmy żadnego poradnika. Spróbuj innych słów albo wyślij nam zgłoszenie.
web-kb-sign-in-for-more = Po zalogowaniu zobaczysz także poradniki dla klientów i dla Twojego pakietu wsparcia.
web-kb-back = Powrót do pomocy
web-kb-fallback = Ten poradnik nie jest jeszcze dostępny w Twoim języku; pokazujemy go w języku: { $language }.
web-kb-updated = Ostatnia zmiana { $when }.
web-kb-did-it-help = Czy ten poradnik pomógł?
web-kb-yes = Tak, pomógł
web-kb-no = Nie
web-kb-thanks = Dziękujemy za odpowiedź.
web-kb-still-need-help = Nadal potrzebujesz pomocy? Wyślij nam zgłoszenie.
web-kb-suggestions-title = Może to pomoże
web-kb-suggestions-hint = Zanim wyślesz zgłoszenie, sprawdź, czy rozwiązania nie ma w pomocy.
web-kb-suggestions-search = Szukaj w pomocy
web-kb-lang-sk = słowacki
web-kb-lang-cs = czeski
web-kb-lang-pl = polski
web-kb-lang-en = angielski
