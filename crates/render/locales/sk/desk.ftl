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
