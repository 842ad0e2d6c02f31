## Nápověda (znalostní báze) na portálu. Každý klíč existuje v sk, cs, pl i en.

web-nav-help = Nápověda
web-kb-title = Nápověda a návody
web-kb-intro = Řešení nejčastějších problémů: postupy a (video)návody, kdykoli a zdarma.
web-kb-search-label = Hledat v nápovědě
web-kb-search-button = Hledat
web-kb-search-hint = Například „tiskárna netiskne“. Na diakritice ani tvarech slov nezáleží.
web-kb-search-invalid = Hledaný text je příliš dlouhý. Zkraťte ho na 200 znaků.
web-kb-categories = Témata
web-kb-all = Vše
web-kb-found = { $count ->
    [one] Nalezen { $count } návod
    [few] Nalezeny { $count } návody
   *[other] Nalezeno { $count } návodů
}
web-kb-nothing-found = Nenašli jsme žádný návod. Zkuste jiná slova nebo nám pošlete požadavek.
web-kb-sign-in-for-more = Po přihlášení uvidíte i návody pro zákazníky a pro váš balíček podpory.
web-kb-back = Zpět na nápovědu
web-kb-fallback = Tento návod zatím není ve vašem jazyce; zobrazujeme ho v jazyce: { $language }.
web-kb-updated = Naposledy upraveno { $when }.
web-kb-did-it-help = Pomohl vám tento návod?
web-kb-yes = Ano, pomohl
web-kb-no = Ne
web-kb-thanks = Děkujeme za odpověď.
web-kb-still-need-help = Stále potřebujete pomoc? Pošlete nám požadavek.
web-kb-suggestions-title = Možná vám pomůže
web-kb-suggestions-hint = Než pošlete požadavek, podívejte se, zda řešení není v nápovědě.
web-kb-suggestions-search = Hledat v nápovědě
web-kb-lang-sk = slovenština
web-kb-lang-cs = čeština
web-kb-lang-pl = polština
web-kb-lang-en = angličtina
