## Portál: nárok z plánu na požádání, adresy a telefony v profilu, sdílení požadavků,
## historie požadavku, vypnutý přístup.

portal-signin-disabled = Přístup tohoto účtu do portálu je vypnutý. Pokud jej potřebujete, napište nám nebo zavolejte.

portal-entitlement-email = E-mail pro tuto věc
portal-entitlement-ask = Požádat: { $kind }
portal-entitlement-asked = Požadavek { $number } je odeslán; ozveme se s termínem.
portal-entitlement-error-email = Zadejte platnou e-mailovou adresu pro tuto věc.
portal-entitlement-error-taken = O tento nárok už bylo požádáno, byl využit nebo vypršel.
portal-entitlement-pending = vyžádáno požadavkem { $number }, čeká na termín
portal-entitlement-subject = Žádost o nárok z plánu: { $kind }
portal-entitlement-description = Prosíme o domluvení termínu: { $kind } z našeho plánu.

portal-address-heading = E-mailové adresy
portal-address-pending-title = Čeká na potvrzení z odkazu v e-mailu:
portal-address-pending-change = { $new } místo { $old }
portal-address-pending-add = { $new } (nová)
portal-address-new = Nová adresa
portal-address-hint = Pošleme na ni odkaz; adresa platí, až jej otevřete. Do té doby používáme dosavadní.
portal-address-replaces = Nahradit adresu
portal-address-replaces-none = Nenahrazovat, přidat další
portal-address-button = Poslat odkaz k potvrzení
portal-address-sent = Odkaz k potvrzení jsme poslali na novou adresu.
portal-address-error-invalid = Toto není platná e-mailová adresa, například jmeno@firma.cz.
portal-address-error-taken = Tato adresa je už evidována.
portal-address-error-replaces = Vyberte jednu ze svých adres.
portal-address-title = Potvrzení e-mailové adresy
portal-address-confirm-question = Potvrdit adresu { $address } pro požadavky?
portal-address-confirm-button = Potvrdit adresu
portal-address-confirmed = Adresa je potvrzena a od teď ji používáme.
portal-address-link-dead = Odkaz už byl použit nebo vypršel. V profilu si můžete vyžádat nový.
portal-address-subject = Potvrďte e-mailovou adresu pro zákaznický portál
portal-address-intro = Ve vašem profilu byla zadána adresa { $address }. Potvrďte ji tímto odkazem:
portal-address-mail-button = Potvrdit adresu
portal-address-valid = Odkaz funguje jednou a platí { $hours }. Pokud jste adresu nezadávali, zprávu ignorujte.

portal-phones-heading = Telefonní čísla
portal-phones-label = Čísla, každé na samostatném řádku
portal-phones-hint = Mezinárodní tvar s předvolbou, například +420 601 123 456.
portal-phones-button = Uložit čísla
portal-phones-saved = Telefonní čísla jsou uložena.
portal-phone-error = Číslo „{ $number }“ není v mezinárodním tvaru: + a 8 až 15 číslic, například +420 601 123 456.
portal-phone-error-count = Nejvýše { $count } čísel.

portal-zone-heading = Časové pásmo
portal-zone-label = Data a časy zobrazovat v pásmu
portal-zone-default = Pásmo podpory (Evropa/Bratislava)
portal-zone-button = Uložit pásmo
portal-zone-saved = Časové pásmo je uloženo.
portal-zone-error = Vyberte pásmo ze seznamu.

portal-share-title = Sdílení s kolegy
portal-share-hint = Kolega, se kterým požadavek sdílíte, jej uvidí mezi svými požadavky a může na něj odpovídat.
portal-share-shared = sdíleno
portal-share-with = Sdílet: { $name }
portal-share-stop = Přestat sdílet: { $name }

portal-history-title = Historie
portal-history-opened = Požadavek přijat
portal-history-staff-reply = Odpověď podpory
portal-history-customer-reply = Zpráva od vás
portal-history-solved = Označen jako vyřešený
portal-history-confirmed = Potvrdili jste, že je vyřešený
portal-history-closed = Uzavřen
portal-history-not-solved = Znovu otevřen: uvedli jste, že není vyřešený
portal-history-reopened = Znovu otevřen
portal-history-status = Stav: { $status }

## Workspace: a contact's portal access.

desk-cfg-field-portal-access = Přístup do portálu
desk-portal-access-on = zapnutý
desk-portal-access-off = vypnutý
desk-portal-access-disable = Vypnout přístup do portálu
desk-portal-access-enable = Zapnout přístup do portálu
