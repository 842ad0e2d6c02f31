# Pracovisko agentov (/desk).
desk-area = Pracovisko
desk-nav-profile = Profil
desk-signin-title = Prihlásenie pracovníkov
desk-signin-hint = Pre pracovníkov servisného pultu. Zákazníci sa prihlasujú na portál.
desk-error-signin-refused = E-mailová adresa alebo heslo nie sú správne, alebo je účet deaktivovaný. Skontrolujte oboje a skúste to znova.
desk-title-refused = Nepovolené
desk-refused = Vaša rola toto nepovoľuje. Ak to potrebujete, obráťte sa na administrátora.
desk-profile-title = Váš profil
desk-profile-roles = Roly
desk-profile-preferences = Jazyk a časové pásmo
desk-field-time-zone = Časové pásmo
desk-profile-zone-hint = Termíny a dátumy sa na pracovisku zobrazujú v tomto pásme.
desk-save = Uložiť
desk-notice-second-factor-required = Správcovia tu musia používať druhý faktor: nastavte si nižšie TOTP; ostatné stránky sa otvoria, keď bude zapnutý.
desk-notice-saved = Uložené.
desk-error-zone = Vyberte časové pásmo zo zoznamu.
desk-role-admin = administrátor
desk-role-dispatcher = dispečer
desk-role-technician = technik
desk-role-billing = fakturácia
desk-nav-queue = Rad
desk-queue-title = Rad
desk-col-reason = Prečo tu
desk-queue-count = { $count ->
    [one] { $count } otvorená požiadavka
    [few] { $count } otvorené požiadavky
   *[other] { $count } otvorených požiadaviek
}
desk-status-new = Nová
desk-status-acknowledged = Potvrdená
desk-status-in-progress = Rieši sa
desk-status-waiting-for-customer = Čaká na zákazníka
desk-status-waiting-for-payment = Čaká na platbu
desk-status-scheduled = Naplánovaná
desk-status-resolved = Vyriešená
desk-status-closed = Uzavretá
desk-urgency-urgent = naliehavá
desk-urgency-normal = bežná
desk-plan-basic = Základný servis
desk-time-hm = { $h } h { $m } min
desk-time-h = { $h } h
desk-time-m = { $m } min
desk-countdown-left = zostáva { $time }
desk-countdown-over = po termíne o { $time }
desk-countdown-paused = pozastavené
desk-countdown-none = bez SLA
desk-reason-plan = plán { $plan } (poradie { $rank })
desk-reason-basic = základný servis, po všetkých zákazníkoch s plánom
desk-reason-copies = { $count ->
    [one] kópia { $count } nášmu pracovníkovi
   *[other] kópie { $count } našim pracovníkom
}
desk-reason-due = { $clock } do { $when }
desk-reason-no-clock = žiadne bežiace SLA
desk-reason-reported = nahlásené { $when }
desk-filter-any = Všetky
desk-filter-clear = Zrušiť filtre
desk-filter-team = Tím
desk-filter-no-team = Bez tímu
desk-filter-assignee = Riešiteľ
desk-filter-me = Ja
desk-filter-unassigned = Nepridelené
desk-filter-organization = Zákazník
desk-filter-plan = Plán
desk-filter-channel = Kanál
desk-filter-category = Kategória
desk-filter-urgency = Naliehavosť
desk-queue-caption = V poradí obsluhy: najprv zákazníci s plánom, vyšší plán skôr, naliehavé skôr, potom najbližší termín. Zostávajúci čas sa počíta v pracovnom čase.
desk-col-customer = Zákazník
desk-col-sla = SLA
desk-back-to-queue = Späť na rad
desk-others-on-ticket = Na tejto požiadavke práve pracuje aj
desk-conversation = Konverzácia
desk-write = Napísať
desk-write-kind = Čo píšete
desk-kind-reply = Odpoveď zákazníkovi
desk-kind-note = Interná poznámka (len pre pracovníkov)
desk-field-text = Text
desk-send = Odoslať
desk-stale-warning = Po otvorení požiadavky k nej pribudlo niečo nové. Prečítajte si to vyššie; váš text zostal zachovaný. Ak ho chcete odoslať aj tak, zaškrtnite políčko.
desk-stale-confirm = Nové správy som si prečítal(a), odoslať moju odpoveď
desk-details = Podrobnosti
desk-due = termín
desk-change = Stav a pridelenie
desk-field-reason = Dôvod
desk-reason-hint = Povinný pri znížení naliehavosti.
desk-article-public-reply = Odpoveď
desk-article-internal-note = Interná poznámka
desk-article-inbound-email = E-mail od zákazníka
desk-article-portal-message = Správa z portálu
desk-article-phone-note = Telefonát
desk-article-chat-message = Chat
desk-clock-running = beží
desk-clock-paused = pozastavené
desk-clock-met = splnené
desk-clock-breached = prekročené
desk-code-title = Druhý faktor
desk-field-code = Kód
desk-code-hint = Šesť číslic z vašej overovacej aplikácie alebo jeden z vašich záložných kódov.
desk-code-wrong = Kód nie je správny. Zadajte aktuálnych šesť číslic z aplikácie alebo nepoužitý záložný kód.
desk-totp-title = Druhý faktor (TOTP)
desk-totp-on = Prihlásenie vyžaduje kód z vašej overovacej aplikácie.
desk-totp-off = Prihlásenie vyžaduje len heslo. Pre vyššiu bezpečnosť pridajte kód z overovacej aplikácie.
desk-totp-start = Nastaviť druhý faktor
desk-totp-secret-hint = Zadajte tento kľúč do overovacej aplikácie (alebo otvorte adresu nižšie v telefóne) a potom napíšte kód, ktorý zobrazí.
desk-totp-confirm = Zapnúť
desk-recovery-hint = Tieto záložné kódy si uložte na bezpečné miesto; každý vás raz prihlási, ak stratíte telefón. Znova sa nezobrazia.
desk-recovery-left = { $count ->
    [one] Zostáva { $count } záložný kód.
    [few] Zostávajú { $count } záložné kódy.
   *[other] Zostáva { $count } záložných kódov.
}
