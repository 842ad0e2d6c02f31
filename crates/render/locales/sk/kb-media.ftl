## Súbory znalostnej bázy, hlasy, výber plánov a hľadanie článkov na stránke požiadavky. Každý
## kľúč existuje v sk, cs, pl aj en.

web-kb-vote-change = Zmeňte odpoveď: pomohol vám tento návod?
desk-kb-files = Obrázky a súbory
desk-kb-files-hint = Po jednom súbore, najviac { $size }. Obrázok ukážete v texte tak, že jeho riadok Markdownu vložíte do textu v ktoromkoľvek jazyku.
desk-kb-file-field = Súbor
desk-kb-file-upload = Nahrať
desk-kb-file-none = Článok zatiaľ nemá žiadne súbory.
desk-kb-file-col-name = Súbor
desk-kb-file-col-size = Veľkosť
desk-kb-file-col-markdown = Markdown na vloženie
desk-kb-file-remove = Odstrániť
desk-kb-file-missing = Vyberte súbor, ktorý chcete nahrať.
desk-kb-file-too-large = Súbor je väčší ako { $size }. Zmenšite ho a nahrajte znova.
desk-kb-file-bad-type = Typ súboru sa nepodarilo rozpoznať. Nahrajte obrázok (PNG, JPEG, GIF, WebP) alebo dokument.
desk-kb-file-bad-name = Názov súboru musí mať 1 až 255 znakov, bez / a \.
desk-kb-file-too-many = Článok už má { $count } súborov. Najprv jeden odstráňte.
desk-kb-plans-label = Plány podpory (pre „zákazníkov daných plánov“)
desk-kb-plans-none = Katalóg zatiaľ nemá žiadne plány podpory.
desk-kb-plans-needed = Článok pre zákazníkov daných plánov potrebuje aspoň jeden zaškrtnutý plán.
desk-kb-plans-bad = Zaškrtnite plány zo zoznamu; „{ $value }“ medzi nimi nie je.
desk-kb-inline-title = Znalostná báza
desk-kb-inline-hint = Články v jazyku zákazníka ({ $language }).
desk-kb-inline-more = Všetko na stránke znalostnej bázy
