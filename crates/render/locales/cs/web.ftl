## Stránky zákaznického portálu. Každý klíč existuje v sk, cs, pl i en (kontroluje to test).

web-brand = Podpora
web-skip-to-content = Přeskočit na obsah
web-nav-label = Hlavní menu
web-nav-requests = Moje požadavky
web-nav-new = Nový požadavek
web-nav-profile = Profil
web-sign-out = Odhlásit se
web-language-label = Jazyk
web-footer = Zákaznický portál podpory
web-back-home = Zpět na úvodní stránku

web-signin-title = Přihlášení
web-signin-contact = E-mailovou adresou
web-signin-organization = IČO firmy
web-field-email = E-mailová adresa
web-field-password = Heslo
web-field-company-id = IČO, NIP nebo DIČ
web-signin-button = Přihlásit se
web-error-signin-refused = Přihlašovací údaje nejsou správné. Zkontrolujte je a zkuste to znovu.
web-error-signin-locked = Příliš mnoho neúspěšných pokusů. Znovu to můžete zkusit po { $until }.

web-title-requests = Moje požadavky
web-title-org-requests = Požadavky naší organizace
web-field-status = Stav
web-status-all = Všechny
web-filter-button = Filtrovat
web-requests-count = { $count ->
    [one] { $count } požadavek
    [few] { $count } požadavky
    [many] { $count } požadavku
   *[other] { $count } požadavků
}
web-col-number = Číslo
web-col-subject = Předmět
web-col-status = Stav
web-col-changed = Poslední změna

web-status-new = Nový
web-status-acknowledged = Přijatý
web-status-in-progress = Řeší se
web-status-waiting-for-customer = Čeká na vás
web-status-waiting-for-payment = Čeká na platbu
web-status-scheduled = Naplánovaný
web-status-resolved = Vyřešený
web-status-closed = Uzavřený

web-title-new = Nový požadavek
web-form-has-errors = Požadavek nebyl odeslán. Opravte prosím:
web-field-subject = Předmět
web-field-description = Popis
web-description-hint = Nejvýše { $max } znaků.
web-field-matter-email = E-mail pro tuto věc
web-field-asset = Zařízení nebo služba
web-asset-none = Nic z toho
web-field-urgency = Naléhavost
web-urgency-normal = Běžná
web-urgency-urgent = Naléhavá
web-field-attachment = Příloha
web-attachment-hint = Jeden soubor, nejvýše { $size }.
web-send-button = Odeslat požadavek
web-error-too-long = Popis má { $count } znaků, povoleno je nejvýše { $max }. Váš text zůstal níže: zkraťte ho a odešlete znovu.
web-error-subject = Vyplňte předmět (jeden řádek, nejvýše 250 znaků).
web-error-description = Popište problém.
web-error-email = Zadejte platnou e-mailovou adresu, kterou u nás máte.
web-error-asset = K tomuto zařízení nebo službě nemůžete zakládat požadavky.
web-error-urgency = Tento druh požadavku nemůže být naléhavý.
web-error-file = Soubor je větší než { $size }.
web-error-field = Zkontrolujte pole „{ $field }“.

web-title-created = Požadavek odeslán
web-created-number = Číslo vašeho požadavku:
web-created-promise = Zareagujeme do { $due }.
web-created-no-promise = Zareagujeme co nejdříve.
web-created-open = Zobrazit požadavek

web-field-reply = Vaše odpověď
web-reply-button = Odeslat odpověď
web-error-reply = Napište odpověď (nejvýše 8 000 znaků).
web-notice-replied = Vaše odpověď byla odeslána.

web-forgot-password = Zapomněli jste heslo?
web-title-reset = Obnovení hesla
web-reset-hint = Zadejte e-mailovou adresu, kterou se přihlašujete. Pošleme vám odkaz pro nastavení nového hesla.
web-reset-button = Poslat odkaz
web-notice-reset-sent = Pokud je adresa u nás registrovaná, odkaz pro nastavení nového hesla je na cestě. Platí hodinu.
web-verdict-question = Tento požadavek jsme označili jako vyřešený. Je to tak?
web-verdict-solved = Ano, je vyřešený
web-verdict-not-solved = Ne, není vyřešený
web-notice-closed = Děkujeme. Požadavek je uzavřen.
web-notice-reopened = Požadavek je znovu otevřen; ozveme se vám.
web-error-verdict = Tento požadavek teď nelze potvrdit ani znovu otevřít. Pokud se problém vrátil, založte nový požadavek.

web-title-password = Nastavení hesla
web-field-new-password = Nové heslo
web-password-hint = Alespoň 8 znaků.
web-password-button = Uložit heslo
web-link-dead = Tento odkaz je už použitý nebo vypršel. Požádejte nás o nový.
web-error-password-short = Heslo musí mít alespoň 8 znaků.
web-notice-password-set = Heslo je nastaveno. Přihlaste se jím.

web-title-profile = Profil
web-profile-language-hint = V tomto jazyce dostáváte stránky i e-maily o svých požadavcích.
web-profile-password = Změna hesla
web-field-current-password = Současné heslo
web-error-current-password = Současné heslo není správné.
web-notice-password-changed = Heslo bylo změněno; ostatní zařízení byla odhlášena.
web-profile-sessions = Zařízení
web-profile-sessions-hint = Odhlásí vás na všech počítačích a telefonech, i na tomto.
web-sign-out-everywhere = Odhlásit se všude
web-notice-signed-out = Byli jste odhlášeni.

web-title-not-found = Nenalezeno
web-not-found = Tato stránka neexistuje nebo ji nemůžete vidět.
web-title-forbidden = Formulář vypršel
web-csrf-refused = Formulář vypršel nebo byl odeslán z jiné stránky. Vraťte se, obnovte stránku a odešlete ho znovu.
web-title-error = Něco se pokazilo
web-error-generic = Nepodařilo se to dokončit. Zkuste to za chvíli znovu.

web-nav-plan = Náš plán
web-title-plan = Náš plán podpory
web-plan-current = Váš plán: { $plan }
web-plan-basic-name = základní servis
web-plan-basic-hint = Nemáte smlouvu o plánu podpory; platí pro vás základní servis. Plány, které nabízíme, jsou níže.
web-plan-coming = { $plan } (začne platit)
web-plan-period = od { $from } do { $to }
web-plan-period-open = od { $from }, na dobu neurčitou
web-plan-upsell = Podle vašich nedávných požadavků by se vám plán podpory mohl vyplatit. Rádi vám ho nabídneme.
web-plan-minutes-title = Zahrnutý čas v tomto měsíci
web-plan-col-kind = Druh
web-plan-col-included = Zahrnuto
web-plan-col-used = Čerpáno
web-plan-col-left = Zbývá
web-plan-kind-remote = Vzdálená podpora
web-plan-kind-work = Práce
web-minutes = { $count ->
    [one] { $count } minuta
    [few] { $count } minuty
    [many] { $count } minuty
   *[other] { $count } minut
}
web-plan-over = { $count ->
    [one] { $count } minuta navíc se fakturuje
    [few] { $count } minuty navíc se fakturují
    [many] { $count } minuty navíc se fakturuje
   *[other] { $count } minut navíc se fakturuje
}
web-plan-onboarding-title = Úvodní služby
web-onboarding-training = Školení
web-onboarding-installation = Instalace
web-onboarding-used = využito { $when }
web-onboarding-until = můžete využít do { $date }
web-onboarding-expired = platnost skončila { $date }
web-onboarding-no-limit = můžete využít bez časového omezení
web-plan-channels-title = Jak nás zastihnete
web-channel-email = E-mail
web-channel-portal = Portál
web-channel-phone = Telefon
web-channel-chat = Chat
web-channel-api = API
web-channel-open-now = nyní otevřeno
web-channel-opens = zavřeno, otevírá se { $when }
web-channel-closed = zavřeno
web-plan-offer-title = Plány, které nabízíme
web-plan-col-plan = Plán
web-plan-col-price = Cena za měsíc bez DPH
web-plan-col-channels = Kanály
web-plan-offer-hint = O plán požádejte novým požadavkem nebo u svého obchodního zástupce.
web-field-category = Druh požadavku
web-category-none = Nevím / jiné
web-category-plannable = { $name } (plánovaná práce, ne naléhavá)
web-urgency-plannable-hint = Plánovanou práci (například uzávěrky) nelze označit jako naléhavou: naléhavá je jen nepředvídaná porucha. Požádejte o ni předem.
web-error-plannable-urgent = { $category } je plánovaná práce a nemůže být naléhavá: naléhavá je jen nepředvídaná porucha. Pošlete ji předem jako běžný požadavek.
web-error-category = Vyberte druh požadavku ze seznamu.
web-files-label = Přílohy

web-search-label = Hledat v požadavcích
web-search-button = Hledat
web-search-hint = Slova, číslo požadavku nebo e-mailová adresa; na diakritice a velikosti písmen nezáleží.
web-search-title = Hledání: { $query }
web-search-invalid = Zadejte alespoň jedno slovo, číslo požadavku nebo e-mailovou adresu (nejvýše 200 znaků).
web-search-show-all = Zobrazit všechny požadavky
web-col-found = Nalezeno

web-charges-title = Poplatky za tento požadavek
web-charges-col-item = Položka
web-charges-col-quantity = Množství
web-charges-col-rate = Sazba
web-charges-col-discount = Sleva
web-charges-col-net = Částka bez DPH
web-charges-none = Za tento požadavek se zatím nic neúčtuje.
web-charges-per-hour = { $amount } za hodinu
web-charges-pieces = { $count } ×
web-charges-covered-title = Neúčtuje se
web-charges-covered-free = { $kind }, { $minutes }: zdarma
web-charges-covered-included = { $kind }, { $minutes }: v ceně vašeho balíčku za { $month }
web-charges-covered-prepaid = { $kind }, { $minutes }: z vašich předplacených minut
web-charges-covered-plan = { $kind }, { $minutes }: hradí váš balíček
web-charges-covered-not_billable = { $kind }, { $minutes }: neúčtujeme, na naše náklady
web-charges-unrated = Část práce ještě oceňujeme; zobrazí se zde, jakmile bude oceněna.
web-charges-net = Celkem bez DPH: { $amount }
web-charges-vat = DPH { $rate }: { $amount }
web-charges-total = Celkem s DPH: { $amount }
web-work-remote = Vzdálená podpora
web-work-on_site = Práce na místě
web-work-travel = Cesta
web-work-phone = Telefonická podpora
web-work-training = Školení
web-work-visit = Výjezd
web-usage-title = Servisní čas za { $month }
web-usage-prepaid = Zbývající předplacené minuty: { $minutes }
web-usage-prepaid-low = Předplacené minuty docházejí. Objednejte si další, aby se z nich hradila i další práce.
web-usage-billed = Vyúčtováno tento měsíc bez DPH: { $amount }
web-charges-held = Placená práce na tomto požadavku čeká, až přijmete nabídku níže; do té doby se neúčtuje.
web-offers-title = Nabídky placené práce
web-offer-estimate = odhad { $minutes }
web-offer-accept = Přijmout nabídku
web-offer-accepted = přijato { $when }
