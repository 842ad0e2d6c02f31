## Portál: nárok z plánu na požiadanie, adresy a telefóny v profile, zdieľanie požiadaviek,
## história požiadavky, vypnutý prístup.

portal-signin-disabled = Prístup tohto účtu do portálu je vypnutý. Ak ho potrebujete, napíšte nám alebo zavolajte.

portal-entitlement-email = E-mail pre túto vec
portal-entitlement-ask = Požiadať: { $kind }
portal-entitlement-asked = Požiadavka { $number } je odoslaná; ozveme sa s termínom.
portal-entitlement-error-email = Zadajte platnú e-mailovú adresu pre túto vec.
portal-entitlement-error-taken = O tento nárok už bolo požiadané, bol využitý alebo vypršal.
portal-entitlement-pending = vyžiadané požiadavkou { $number }, čaká na termín
portal-entitlement-subject = Žiadosť o nárok z plánu: { $kind }
portal-entitlement-description = Prosíme o dohodnutie termínu: { $kind } z nášho plánu.

portal-address-heading = E-mailové adresy
portal-address-pending-title = Čaká na potvrdenie z odkazu v e-maile:
portal-address-pending-change = { $new } namiesto { $old }
portal-address-pending-add = { $new } (nová)
portal-address-new = Nová adresa
portal-address-hint = Pošleme na ňu odkaz; adresa platí, až keď ho otvoríte. Dovtedy používame doterajšiu.
portal-address-replaces = Nahradiť adresu
portal-address-replaces-none = Nenahrádzať, pridať ďalšiu
portal-address-button = Poslať odkaz na potvrdenie
portal-address-sent = Odkaz na potvrdenie sme poslali na novú adresu.
portal-address-error-invalid = Toto nie je platná e-mailová adresa, napríklad meno@firma.sk.
portal-address-error-taken = Táto adresa je už evidovaná.
portal-address-error-replaces = Vyberte jednu zo svojich adries.
portal-address-title = Potvrdenie e-mailovej adresy
portal-address-confirm-question = Potvrdiť adresu { $address } pre požiadavky?
portal-address-confirm-button = Potvrdiť adresu
portal-address-confirmed = Adresa je potvrdená a odteraz ju používame.
portal-address-link-dead = Odkaz už bol použitý alebo vypršal. V profile si môžete vyžiadať nový.
portal-address-subject = Potvrďte e-mailovú adresu pre zákaznícky portál
portal-address-intro = Vo vašom profile bola zadaná adresa { $address }. Potvrďte ju týmto odkazom:
portal-address-mail-button = Potvrdiť adresu
portal-address-valid = Odkaz funguje raz a platí { $hours }. Ak ste adresu nezadávali, správu ignorujte.

portal-phones-heading = Telefónne čísla
portal-phones-label = Čísla, každé na samostatnom riadku
portal-phones-hint = Medzinárodný tvar s predvoľbou, napríklad +421 905 123 456.
portal-phones-button = Uložiť čísla
portal-phones-saved = Telefónne čísla sú uložené.
portal-phone-error = Číslo „{ $number }“ nie je v medzinárodnom tvare: + a 8 až 15 číslic, napríklad +421 905 123 456.
portal-phone-error-count = Najviac { $count } čísel.

portal-zone-heading = Časové pásmo
portal-zone-label = Dátumy a časy zobrazovať v pásme
portal-zone-default = Pásmo podpory (Európa/Bratislava)
portal-zone-button = Uložiť pásmo
portal-zone-saved = Časové pásmo je uložené.
portal-zone-error = Vyberte pásmo zo zoznamu.

portal-share-title = Zdieľanie s kolegami
portal-share-hint = Kolega, s ktorým požiadavku zdieľate, ju uvidí medzi svojimi požiadavkami a môže na ňu odpovedať.
portal-share-shared = zdieľané
portal-share-with = Zdieľať: { $name }
portal-share-stop = Prestať zdieľať: { $name }

portal-history-title = História
portal-history-opened = Požiadavka prijatá
portal-history-staff-reply = Odpoveď podpory
portal-history-customer-reply = Správa od vás
portal-history-solved = Označená ako vyriešená
portal-history-confirmed = Potvrdili ste, že je vyriešená
portal-history-closed = Uzavretá
portal-history-not-solved = Znovu otvorená: uviedli ste, že nie je vyriešená
portal-history-reopened = Znovu otvorená
portal-history-status = Stav: { $status }

## Workspace: a contact's portal access.

desk-cfg-field-portal-access = Prístup do portálu
desk-portal-access-on = zapnutý
desk-portal-access-off = vypnutý
desk-portal-access-disable = Vypnúť prístup do portálu
desk-portal-access-enable = Zapnúť prístup do portálu
