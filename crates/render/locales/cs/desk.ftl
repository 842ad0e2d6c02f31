# Pracoviště agentů (/desk).
desk-area = Pracoviště
desk-nav-profile = Profil
desk-signin-title = Přihlášení pracovníků
desk-signin-hint = Pro pracovníky servisního pultu. Zákazníci se přihlašují na portál.
desk-error-signin-refused = E-mailová adresa nebo heslo nejsou správné, nebo je účet deaktivován. Zkontrolujte obojí a zkuste to znovu.
desk-title-refused = Nepovoleno
desk-refused = Vaše role toto nepovoluje. Pokud to potřebujete, obraťte se na administrátora.
desk-profile-title = Váš profil
desk-profile-roles = Role
desk-profile-preferences = Jazyk a časové pásmo
desk-field-time-zone = Časové pásmo
desk-profile-zone-hint = Termíny a data se na pracovišti zobrazují v tomto pásmu.
desk-save = Uložit
desk-notice-second-factor-required = Správci zde musí používat druhý faktor: nastavte si níže TOTP; ostatní stránky se otevřou, až bude zapnutý.
desk-notice-saved = Uloženo.
desk-error-zone = Vyberte časové pásmo ze seznamu.
desk-role-admin = administrátor
desk-role-dispatcher = dispečer
desk-role-technician = technik
desk-role-billing = fakturace
desk-nav-queue = Fronta
desk-queue-title = Fronta
desk-col-reason = Proč zde
desk-queue-count = { $count ->
    [one] { $count } otevřený požadavek
    [few] { $count } otevřené požadavky
   *[other] { $count } otevřených požadavků
}
desk-status-new = Nový
desk-status-acknowledged = Potvrzený
desk-status-in-progress = Řeší se
desk-status-waiting-for-customer = Čeká na zákazníka
desk-status-waiting-for-payment = Čeká na platbu
desk-status-scheduled = Naplánovaný
desk-status-resolved = Vyřešený
desk-status-closed = Uzavřený
desk-urgency-urgent = naléhavý
desk-urgency-normal = běžný
desk-plan-basic = Základní servis
desk-time-hm = { $h } h { $m } min
desk-time-h = { $h } h
desk-time-m = { $m } min
desk-countdown-left = zbývá { $time }
desk-countdown-over = po termínu o { $time }
desk-countdown-paused = pozastaveno
desk-countdown-none = bez SLA
desk-reason-plan = plán { $plan } (pořadí { $rank })
desk-reason-basic = základní servis, po všech zákaznících s plánem
desk-reason-copies = { $count ->
    [one] kopie { $count } našemu pracovníkovi
   *[other] kopie { $count } našim pracovníkům
}
desk-reason-due = { $clock } do { $when }
desk-reason-no-clock = žádné běžící SLA
desk-reason-reported = nahlášeno { $when }
desk-filter-any = Vše
desk-filter-clear = Zrušit filtry
desk-filter-team = Tým
desk-filter-no-team = Bez týmu
desk-filter-assignee = Řešitel
desk-filter-me = Já
desk-filter-unassigned = Nepřiděleno
desk-filter-organization = Zákazník
desk-filter-plan = Plán
desk-filter-channel = Kanál
desk-filter-category = Kategorie
desk-filter-urgency = Naléhavost
desk-queue-caption = V pořadí obsluhy: nejdřív zákazníci s plánem, vyšší plán dříve, naléhavé dříve, potom nejbližší termín. Zbývající čas se počítá v pracovní době.
desk-col-customer = Zákazník
desk-col-sla = SLA
desk-back-to-queue = Zpět na frontu
desk-others-on-ticket = Na tomto požadavku právě pracuje také
desk-conversation = Konverzace
desk-write = Napsat
desk-write-kind = Co píšete
desk-kind-reply = Odpověď zákazníkovi
desk-kind-note = Interní poznámka (jen pro pracovníky)
desk-field-text = Text
desk-send = Odeslat
desk-stale-warning = Po otevření požadavku k němu přibylo něco nového. Přečtěte si to výše; váš text zůstal zachován. Chcete-li jej přesto odeslat, zaškrtněte políčko.
desk-stale-confirm = Nové zprávy jsem si přečetl(a), odeslat mou odpověď
desk-details = Podrobnosti
desk-due = termín
desk-change = Stav a přidělení
desk-field-reason = Důvod
desk-reason-hint = Povinný při snížení naléhavosti.
desk-article-public-reply = Odpověď
desk-article-internal-note = Interní poznámka
desk-article-inbound-email = E-mail od zákazníka
desk-article-portal-message = Zpráva z portálu
desk-article-phone-note = Telefonát
desk-article-chat-message = Chat
desk-clock-running = běží
desk-clock-paused = pozastaveno
desk-clock-met = splněno
desk-clock-breached = překročeno
desk-code-title = Druhý faktor
desk-field-code = Kód
desk-code-hint = Šest číslic z vaší ověřovací aplikace nebo jeden z vašich záložních kódů.
desk-code-wrong = Kód není správný. Zadejte aktuálních šest číslic z aplikace nebo nepoužitý záložní kód.
desk-totp-title = Druhý faktor (TOTP)
desk-totp-on = Přihlášení vyžaduje kód z vaší ověřovací aplikace.
desk-totp-off = Přihlášení vyžaduje jen heslo. Pro vyšší bezpečnost přidejte kód z ověřovací aplikace.
desk-totp-start = Nastavit druhý faktor
desk-totp-secret-hint = Zadejte tento klíč do ověřovací aplikace (nebo otevřete adresu níže v telefonu) a pak napište kód, který zobrazí.
desk-totp-confirm = Zapnout
desk-recovery-hint = Tyto záložní kódy si uložte na bezpečné místo; každý vás jednou přihlásí, pokud ztratíte telefon. Znovu se nezobrazí.
desk-recovery-left = { $count ->
    [one] Zbývá { $count } záložní kód.
    [few] Zbývají { $count } záložní kódy.
   *[other] Zbývá { $count } záložních kódů.
}
