# Stránka požadavku v pracovišti: připravené odpovědi, kategorie, mimo rozsah, plán zákazníka,
# historie a klávesové zkratky; konfigurační stránka připravených odpovědí.
desk-lang-sk = slovenština
desk-lang-cs = čeština
desk-lang-pl = polština
desk-lang-en = angličtina
desk-answers-label = Připravená odpověď ({ $language }, jazyk zákazníka)
desk-answers-use = Vložit odpověď
desk-answers-choose = Vyberte jednu z nabízených připravených odpovědí; váš text zůstal zachován.
desk-category-none = Bez kategorie
desk-scope-title = Mimo rozsah
desk-scope-item = Co požadavek žádá
desk-scope-hint = Zákazník dostane připravenou odpověď položky ve svém jazyce a označení se zapíše do historie.
desk-scope-mark = Označit jako mimo rozsah a poslat odpověď
desk-scope-choose = Vyberte položku mimo rozsah ze seznamu.
desk-scope-done = Označeno jako mimo rozsah; připravená odpověď je na cestě k zákazníkovi.
desk-panel-title = Plán zákazníka
desk-panel-contract = Smlouva
desk-panel-contract-from = od { $from }
desk-panel-contract-until = od { $from } do { $to }
desk-panel-minutes-title = Zahrnutý čas tento měsíc
desk-panel-minutes = { $kind }: zbývá { $left } min z { $included } min
desk-panel-minutes-over = { $kind }: vyčerpáno všech { $included } min, { $over } min navíc (fakturuje se)
desk-panel-kind-remote = Vzdálená podpora
desk-panel-kind-work = Práce
desk-panel-entitlements = Nároky při zahájení
desk-panel-entitlement-usable = { $kind }: lze využít
desk-panel-entitlement-used = { $kind }: využito
desk-panel-entitlement-expired = { $kind }: vypršelo
desk-panel-candidate = Kandidát na plán: nabídněte plán podpory
desk-history-title = Historie
desk-history-when = Kdy
desk-history-who = Kdo
desk-history-what = Co
desk-history-before = Předtím
desk-history-after = Potom
desk-history-none = Zatím beze změn.
desk-history-customer = zákazník
desk-history-system = systém
desk-history-field-created = Vytvořen
desk-history-field-status = Stav
desk-history-field-urgency = Naléhavost
desk-history-field-subject = Předmět
desk-history-field-category = Kategorie
desk-history-field-team-id = Tým
desk-history-field-assignee-id = Řešitel
desk-history-field-out-of-scope = Mimo rozsah
desk-cfg-prepared-answers = Připravené odpovědi
desk-cfg-new-prepared-answer = Nová připravená odpověď
desk-cfg-field-body = Text
desk-cfg-hint-body = Zástupné znaky vyplněné pro každý požadavek: {"{"}contact_name{"}"} (kdo se ptá), {"{"}organization_name{"}"}, {"{"}ticket_number{"}"}, {"{"}ticket_subject{"}"}, {"{"}agent_name{"}"} (kdo odpovídá).
desk-cfg-delete = Smazat
desk-keys-button = Klávesové zkratky
desk-keys-title = Klávesové zkratky
desk-keys-close = Zavřít
desk-keys-next = další požadavek ve frontě, další zpráva v požadavku
desk-keys-previous = předchozí požadavek ve frontě, předchozí zpráva v požadavku
desk-keys-open = otevřít vybraný požadavek
desk-keys-reply = napsat odpověď
desk-keys-note = napsat interní poznámku
desk-keys-assign = vybrat řešitele
desk-keys-help = zobrazit tento seznam
desk-keys-escape = zavřít tento seznam
desk-keys-typing = Zkratky nefungují, dokud píšete do pole.
desk-keys-on = Používat zkratky jednou klávesou
desk-panel-signal-paid-service = { $count ->
    [one] placený servis jednou za posledních šest měsíců
   *[other] placený servis { $count }× za posledních šest měsíců
}
desk-panel-signal-repeated-category = { $count ->
    [one] { $count } požadavek v kategorii { $detail } za posledních šest měsíců
    [few] { $count } požadavky v kategorii { $detail } za posledních šest měsíců
   *[other] { $count } požadavků v kategorii { $detail } za posledních šest měsíců
}
desk-panel-signal-similar-questions = { $count ->
    [one] { $count } otázka jako „{ $detail }“ za posledních šest měsíců
    [few] { $count } podobné otázky jako „{ $detail }“ za posledních šest měsíců
   *[other] { $count } podobných otázek jako „{ $detail }“ za posledních šest měsíců
}
desk-history-field-sla-warning = Upozornění SLA
desk-history-field-sla-notice = Odesláno oznámení SLA
desk-history-field-time-entry = Záznam času
desk-history-field-time-entry-note = Poznámka k záznamu času
desk-history-field-agreement-offered = Nabídnutá placená práce
desk-history-field-agreement-accepted = Odsouhlasená placená práce
desk-history-sla-warning = upozornění před termínem
desk-history-sla-breach = překročení termínu
desk-scope-answers = Co zákazník dostane ({ $language })
