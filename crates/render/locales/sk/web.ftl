## Stránky zákazníckeho portálu. Každý kľúč existuje v sk, cs, pl aj en (kontroluje to test).

web-brand = Podpora
web-skip-to-content = Preskočiť na obsah
web-nav-label = Hlavné menu
web-nav-requests = Moje požiadavky
web-nav-new = Nová požiadavka
web-nav-profile = Profil
web-sign-out = Odhlásiť sa
web-language-label = Jazyk
web-footer = Zákaznícky portál podpory
web-back-home = Späť na úvodnú stránku

web-signin-title = Prihlásenie
web-signin-contact = E-mailovou adresou
web-signin-organization = IČO firmy
web-field-email = E-mailová adresa
web-field-password = Heslo
web-field-company-id = IČO, NIP alebo IČ DPH
web-signin-button = Prihlásiť sa
web-error-signin-refused = Prihlasovacie údaje nie sú správne. Skontrolujte ich a skúste znova.
web-error-signin-locked = Príliš veľa neúspešných pokusov. Znova to môžete skúsiť po { $until }.

web-title-requests = Moje požiadavky
web-title-org-requests = Požiadavky našej organizácie
web-field-status = Stav
web-status-all = Všetky
web-filter-button = Filtrovať
web-requests-count = { $count ->
    [one] { $count } požiadavka
    [few] { $count } požiadavky
    [many] { $count } požiadavky
   *[other] { $count } požiadaviek
}
web-col-number = Číslo
web-col-subject = Predmet
web-col-status = Stav
web-col-changed = Posledná zmena

web-status-new = Nová
web-status-acknowledged = Prijatá
web-status-in-progress = Rieši sa
web-status-waiting-for-customer = Čaká na vás
web-status-waiting-for-payment = Čaká na platbu
web-status-scheduled = Naplánovaná
web-status-resolved = Vyriešená
web-status-closed = Uzavretá

web-title-new = Nová požiadavka
web-form-has-errors = Požiadavka nebola odoslaná. Opravte, prosím:
web-field-subject = Predmet
web-field-description = Popis
web-description-hint = Najviac { $max } znakov.
web-field-matter-email = E-mail pre túto vec
web-field-asset = Zariadenie alebo služba
web-asset-none = Nič z tohto
web-field-urgency = Naliehavosť
web-urgency-normal = Bežná
web-urgency-urgent = Naliehavá
web-field-attachment = Príloha
web-attachment-hint = Jeden súbor, najviac { $size }.
web-send-button = Odoslať požiadavku
web-error-too-long = Popis má { $count } znakov, povolených je najviac { $max }. Váš text zostal nižšie: skráťte ho a odošlite znova.
web-error-subject = Vyplňte predmet (jeden riadok, najviac 250 znakov).
web-error-description = Popíšte problém.
web-error-email = Zadajte platnú e-mailovú adresu, ktorú u nás máte.
web-error-asset = K tomuto zariadeniu alebo službe nemôžete zakladať požiadavky.
web-error-urgency = Tento druh požiadavky nemôže byť naliehavý.
web-error-file = Súbor je väčší ako { $size }.
web-error-field = Skontrolujte pole „{ $field }“.

web-title-created = Požiadavka odoslaná
web-created-number = Číslo vašej požiadavky:
web-created-promise = Zareagujeme do { $due }.
web-created-no-promise = Zareagujeme čo najskôr.
web-created-open = Zobraziť požiadavku

web-field-reply = Vaša odpoveď
web-reply-button = Odoslať odpoveď
web-error-reply = Napíšte odpoveď (najviac 8 000 znakov).
web-notice-replied = Vaša odpoveď bola odoslaná.

web-forgot-password = Zabudli ste heslo?
web-title-reset = Obnovenie hesla
web-reset-hint = Zadajte e-mailovú adresu, ktorou sa prihlasujete. Pošleme vám odkaz na nastavenie nového hesla.
web-reset-button = Poslať odkaz
web-notice-reset-sent = Ak je adresa u nás registrovaná, odkaz na nastavenie nového hesla je na ceste. Platí hodinu.
web-verdict-question = Túto požiadavku sme označili ako vyriešenú. Je to tak?
web-verdict-solved = Áno, je vyriešená
web-verdict-not-solved = Nie, nie je vyriešená
web-notice-closed = Ďakujeme. Požiadavka je uzavretá.
web-notice-reopened = Požiadavka je znova otvorená; ozveme sa vám.
web-error-verdict = Túto požiadavku teraz nemožno potvrdiť ani znova otvoriť. Ak sa problém vrátil, založte novú požiadavku.

web-title-password = Nastavenie hesla
web-field-new-password = Nové heslo
web-password-hint = Aspoň 8 znakov.
web-password-button = Uložiť heslo
web-link-dead = Tento odkaz je už použitý alebo vypršal. Požiadajte nás o nový.
web-error-password-short = Heslo musí mať aspoň 8 znakov.
web-notice-password-set = Heslo je nastavené. Prihláste sa ním.

web-title-profile = Profil
web-profile-language-hint = V tomto jazyku dostávate stránky aj e-maily o svojich požiadavkách.
web-profile-password = Zmena hesla
web-field-current-password = Súčasné heslo
web-error-current-password = Súčasné heslo nie je správne.
web-notice-password-changed = Heslo bolo zmenené; ostatné zariadenia boli odhlásené.
web-profile-sessions = Zariadenia
web-profile-sessions-hint = Odhlási vás na všetkých počítačoch a telefónoch, aj na tomto.
web-sign-out-everywhere = Odhlásiť sa všade
web-notice-signed-out = Boli ste odhlásený.

web-title-not-found = Nenájdené
web-not-found = Táto stránka neexistuje alebo ju nemôžete vidieť.
web-title-forbidden = Formulár vypršal
web-csrf-refused = Formulár vypršal alebo bol odoslaný z inej stránky. Vráťte sa, obnovte stránku a odošlite ho znova.
web-title-error = Niečo sa pokazilo
web-error-generic = Nepodarilo sa to dokončiť. Skúste to o chvíľu znova.

web-nav-plan = Náš plán
web-title-plan = Náš plán podpory
web-plan-current = Váš plán: { $plan }
web-plan-basic-name = základný servis
web-plan-basic-hint = Nemáte zmluvu o pláne podpory; platí pre vás základný servis. Plány, ktoré ponúkame, sú nižšie.
web-plan-coming = { $plan } (začne platiť)
web-plan-period = od { $from } do { $to }
web-plan-period-open = od { $from }, na dobu neurčitú
web-plan-upsell = Podľa vašich nedávnych požiadaviek by sa vám plán podpory mohol oplatiť. Radi vám ho ponúkneme.
web-plan-minutes-title = Zahrnutý čas v tomto mesiaci
web-plan-col-kind = Druh
web-plan-col-included = Zahrnuté
web-plan-col-used = Čerpané
web-plan-col-left = Zostáva
web-plan-kind-remote = Vzdialená podpora
web-plan-kind-work = Práca
web-minutes = { $count ->
    [one] { $count } minúta
    [few] { $count } minúty
    [many] { $count } minúty
   *[other] { $count } minút
}
web-plan-over = { $count ->
    [one] { $count } minúta nad rámec sa fakturuje
    [few] { $count } minúty nad rámec sa fakturujú
    [many] { $count } minúty nad rámec sa fakturuje
   *[other] { $count } minút nad rámec sa fakturuje
}
web-plan-onboarding-title = Úvodné služby
web-onboarding-training = Školenie
web-onboarding-installation = Inštalácia
web-onboarding-used = využité { $when }
web-onboarding-until = môžete využiť do { $date }
web-onboarding-expired = platnosť skončila { $date }
web-onboarding-no-limit = môžete využiť bez časového obmedzenia
web-plan-channels-title = Ako nás zastihnete
web-channel-email = E-mail
web-channel-portal = Portál
web-channel-phone = Telefón
web-channel-chat = Chat
web-channel-api = API
web-channel-open-now = teraz otvorené
web-channel-opens = zatvorené, otvára sa { $when }
web-channel-closed = zatvorené
web-plan-offer-title = Plány, ktoré ponúkame
web-plan-col-plan = Plán
web-plan-col-price = Cena za mesiac bez DPH
web-plan-col-channels = Kanály
web-plan-offer-hint = O plán požiadajte novou požiadavkou alebo u svojho obchodného zástupcu.
web-field-category = Druh požiadavky
web-category-none = Neviem / iné
web-category-plannable = { $name } (plánovaná práca, nie naliehavá)
web-urgency-plannable-hint = Plánovanú prácu (napríklad uzávierky) nemožno označiť ako naliehavú: naliehavá je len nepredvídaná porucha. Požiadajte o ňu vopred.
web-error-plannable-urgent = { $category } je plánovaná práca a nemôže byť naliehavá: naliehavá je len nepredvídaná porucha. Pošlite ju vopred ako bežnú požiadavku.
web-error-category = Vyberte druh požiadavky zo zoznamu.
web-files-label = Prílohy

web-search-label = Hľadať v požiadavkách
web-search-button = Hľadať
web-search-hint = Slová, číslo požiadavky alebo e-mailová adresa; na diakritike a veľkosti písmen nezáleží.
web-search-title = Hľadanie: { $query }
web-search-invalid = Zadajte aspoň jedno slovo, číslo požiadavky alebo e-mailovú adresu (najviac 200 znakov).
web-search-show-all = Zobraziť všetky požiadavky
web-col-found = Nájdené

web-charges-title = Poplatky za túto požiadavku
web-charges-col-item = Položka
web-charges-col-quantity = Množstvo
web-charges-col-rate = Sadzba
web-charges-col-discount = Zľava
web-charges-col-net = Suma bez DPH
web-charges-none = Za túto požiadavku sa zatiaľ nič neúčtuje.
web-charges-per-hour = { $amount } za hodinu
web-charges-pieces = { $count } ×
web-charges-covered-title = Neúčtuje sa
web-charges-covered-free = { $kind }, { $minutes }: zdarma
web-charges-covered-included = { $kind }, { $minutes }: v cene vášho balíka za { $month }
web-charges-covered-prepaid = { $kind }, { $minutes }: z vašich predplatených minút
web-charges-covered-plan = { $kind }, { $minutes }: hradí váš balík
web-charges-covered-not_billable = { $kind }, { $minutes }: neúčtujeme, na naše náklady
web-charges-unrated = Časť práce ešte oceňujeme; zobrazí sa tu, keď bude ocenená.
web-charges-net = Spolu bez DPH: { $amount }
web-charges-vat = DPH { $rate }: { $amount }
web-charges-total = Spolu s DPH: { $amount }
web-work-remote = Vzdialená podpora
web-work-on_site = Práca na mieste
web-work-travel = Cesta
web-work-phone = Telefonická podpora
web-work-training = Školenie
web-work-visit = Výjazd
web-usage-title = Servisný čas za { $month }
web-usage-prepaid = Zostávajúce predplatené minúty: { $minutes }
web-usage-prepaid-low = Predplatené minúty sa míňajú. Objednajte si ďalšie, aby sa z nich hradila aj ďalšia práca.
web-usage-billed = Vyúčtované tento mesiac bez DPH: { $amount }
web-charges-held = Platená práca na tejto požiadavke čaká, kým prijmete ponuku nižšie; dovtedy sa neúčtuje.
web-offers-title = Ponuky platenej práce
web-offer-estimate = odhad { $minutes }
web-offer-accept = Prijať ponuku
web-offer-accepted = prijaté { $when }
