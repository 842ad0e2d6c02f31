## Pliki bazy wiedzy, głosy, wybór planów i wyszukiwanie artykułów na stronie zgłoszenia. Każdy
## klucz istnieje w sk, cs, pl i en.

web-kb-vote-change = Zmień odpowiedź: czy ten poradnik pomógł?
desk-kb-files = Obrazy i pliki
desk-kb-files-hint = Jeden plik naraz, najwyżej { $size }. Aby pokazać obraz w tekście, wklej jego wiersz Markdown do tekstu w dowolnym języku.
desk-kb-file-field = Plik
desk-kb-file-upload = Prześlij
desk-kb-file-none = Artykuł nie ma jeszcze plików.
desk-kb-file-col-name = Plik
desk-kb-file-col-size = Rozmiar
desk-kb-file-col-markdown = Markdown do wklejenia
desk-kb-file-remove = Usuń
desk-kb-file-missing = Wybierz plik do przesłania.
desk-kb-file-too-large = Plik jest większy niż { $size }. Zmniejsz go i prześlij ponownie.
desk-kb-file-bad-type = Nie rozpoznano typu pliku. Prześlij obraz (PNG, JPEG, GIF, WebP) lub dokument.
desk-kb-file-bad-name = Nazwa pliku musi mieć od 1 do 255 znaków, bez / i \.
desk-kb-file-too-many = Artykuł ma już { $count } plików. Najpierw usuń jeden.
desk-kb-plans-label = Plany wsparcia (dla „klientów wybranych planów”)
desk-kb-plans-none = Katalog nie ma jeszcze planów wsparcia.
desk-kb-plans-needed = Artykuł dla klientów wybranych planów wymaga zaznaczenia co najmniej jednego planu.
desk-kb-plans-bad = Zaznacz plany z listy; „{ $value }” do nich nie należy.
desk-kb-inline-title = Baza wiedzy
desk-kb-inline-hint = Artykuły w języku klienta ({ $language }).
desk-kb-inline-more = Wszystko na stronie bazy wiedzy
