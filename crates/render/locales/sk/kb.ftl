## Pomoc (znalostná báza) na portáli. Každý kľúč existuje v sk, cs, pl aj en.

web-nav-help = Pomoc
web-kb-title = Pomoc a návody
web-kb-intro = Riešenia najčastejších problémov: postupy a (video)návody, kedykoľvek a zadarmo.
web-kb-search-label = Hľadať v pomoci
web-kb-search-button = Hľadať
web-kb-search-hint = Napríklad „tlačiareň netlačí“. Na diakritike ani tvaroch slov nezáleží.
web-kb-search-invalid = Hľadaný text je príliš dlhý. Skráťte ho na 200 znakov.
web-kb-categories = Témy
web-kb-all = Všetko
web-kb-found = { $count ->
    [one] Našiel sa { $count } návod
    [few] Našli sa { $count } návody
   *[other] Našlo sa { $count } návodov
}
web-kb-nothing-found = Nenašli sme žiadny návod. Skúste iné slová alebo nám pošlite požiadavku.
web-kb-sign-in-for-more = Po prihlásení uvidíte aj návody pre zákazníkov a pre váš balík podpory.
web-kb-back = Späť na pomoc
web-kb-fallback = Tento návod zatiaľ nie je vo vašom jazyku; zobrazujeme ho v jazyku: { $language }.
web-kb-updated = Naposledy upravené { $when }.
web-kb-did-it-help = Pomohol vám tento návod?
web-kb-yes = Áno, pomohol
web-kb-no = Nie
web-kb-thanks = Ďakujeme za odpoveď.
web-kb-still-need-help = Stále potrebujete pomoc? Pošlite nám požiadavku.
web-kb-suggestions-title = Možno vám pomôže
web-kb-suggestions-hint = Skôr než pošlete požiadavku, pozrite sa, či riešenie nie je v pomoci.
web-kb-suggestions-search = Hľadať v pomoci
web-kb-lang-sk = slovenčina
web-kb-lang-cs = čeština
web-kb-lang-pl = poľština
web-kb-lang-en = angličtina
