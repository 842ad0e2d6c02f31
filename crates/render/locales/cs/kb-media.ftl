## Soubory znalostní báze, hlasy, výběr plánů a hledání článků na stránce požadavku. Každý klíč
## existuje v sk, cs, pl i en.

web-kb-vote-change = Změňte odpověď: pomohl vám tento návod?
desk-kb-files = Obrázky a soubory
desk-kb-files-hint = Po jednom souboru, nejvýše { $size }. Obrázek ukážete v textu tak, že jeho řádek Markdownu vložíte do textu v kterémkoli jazyce.
desk-kb-file-field = Soubor
desk-kb-file-upload = Nahrát
desk-kb-file-none = Článek zatím nemá žádné soubory.
desk-kb-file-col-name = Soubor
desk-kb-file-col-size = Velikost
desk-kb-file-col-markdown = Markdown k vložení
desk-kb-file-remove = Odstranit
desk-kb-file-missing = Vyberte soubor, který chcete nahrát.
desk-kb-file-too-large = Soubor je větší než { $size }. Zmenšete jej a nahrajte znovu.
desk-kb-file-bad-type = Typ souboru se nepodařilo rozpoznat. Nahrajte obrázek (PNG, JPEG, GIF, WebP) nebo dokument.
desk-kb-file-bad-name = Název souboru musí mít 1 až 255 znaků, bez / a \.
desk-kb-file-too-many = Článek už má { $count } souborů. Nejprve jeden odstraňte.
desk-kb-plans-label = Plány podpory (pro „zákazníky daných plánů“)
desk-kb-plans-none = Katalog zatím nemá žádné plány podpory.
desk-kb-plans-needed = Článek pro zákazníky daných plánů potřebuje alespoň jeden zaškrtnutý plán.
desk-kb-plans-bad = Zaškrtněte plány ze seznamu; „{ $value }“ mezi nimi není.
desk-kb-inline-title = Znalostní báze
desk-kb-inline-hint = Články v jazyce zákazníka ({ $language }).
desk-kb-inline-more = Vše na stránce znalostní báze
