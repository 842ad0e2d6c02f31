# Stránka požiadavky v pracovisku: pripravené odpovede, kategória, mimo rozsahu, plán zákazníka,
# história a klávesové skratky; konfiguračná stránka pripravených odpovedí.
desk-lang-sk = slovenčina
desk-lang-cs = čeština
desk-lang-pl = poľština
desk-lang-en = angličtina
desk-answers-label = Pripravená odpoveď ({ $language }, jazyk zákazníka)
desk-answers-use = Vložiť odpoveď
desk-answers-choose = Vyberte jednu z ponúknutých pripravených odpovedí; váš text zostal zachovaný.
desk-category-none = Bez kategórie
desk-scope-title = Mimo rozsahu
desk-scope-item = Čo požiadavka žiada
desk-scope-hint = Zákazník dostane pripravenú odpoveď položky vo svojom jazyku a označenie sa zapíše do histórie.
desk-scope-mark = Označiť ako mimo rozsahu a poslať odpoveď
desk-scope-choose = Vyberte položku mimo rozsahu zo zoznamu.
desk-scope-done = Označené ako mimo rozsahu; pripravená odpoveď je na ceste k zákazníkovi.
desk-panel-title = Plán zákazníka
desk-panel-contract = Zmluva
desk-panel-contract-from = od { $from }
desk-panel-contract-until = od { $from } do { $to }
desk-panel-minutes-title = Zahrnutý čas tento mesiac
desk-panel-minutes = { $kind }: zostáva { $left } min z { $included } min
desk-panel-minutes-over = { $kind }: vyčerpaných všetkých { $included } min, { $over } min navyše (fakturuje sa)
desk-panel-kind-remote = Vzdialená podpora
desk-panel-kind-work = Práca
desk-panel-entitlements = Nároky pri začiatku
desk-panel-entitlement-usable = { $kind }: možno využiť
desk-panel-entitlement-used = { $kind }: využité
desk-panel-entitlement-expired = { $kind }: vypršalo
desk-panel-candidate = Kandidát na plán: ponúknite plán podpory
desk-history-title = História
desk-history-when = Kedy
desk-history-who = Kto
desk-history-what = Čo
desk-history-before = Predtým
desk-history-after = Potom
desk-history-none = Zatiaľ bez zmien.
desk-history-customer = zákazník
desk-history-system = systém
desk-history-field-created = Vytvorená
desk-history-field-status = Stav
desk-history-field-urgency = Naliehavosť
desk-history-field-subject = Predmet
desk-history-field-category = Kategória
desk-history-field-team-id = Tím
desk-history-field-assignee-id = Riešiteľ
desk-history-field-out-of-scope = Mimo rozsahu
desk-cfg-prepared-answers = Pripravené odpovede
desk-cfg-new-prepared-answer = Nová pripravená odpoveď
desk-cfg-field-body = Text
desk-cfg-hint-body = Zástupné znaky vyplnené pre každú požiadavku: {"{"}contact_name{"}"} (kto sa pýta), {"{"}organization_name{"}"}, {"{"}ticket_number{"}"}, {"{"}ticket_subject{"}"}, {"{"}agent_name{"}"} (kto odpovedá).
desk-cfg-delete = Vymazať
desk-keys-button = Klávesové skratky
desk-keys-title = Klávesové skratky
desk-keys-close = Zavrieť
desk-keys-next = ďalšia požiadavka v rade, ďalšia správa na požiadavke
desk-keys-previous = predchádzajúca požiadavka v rade, predchádzajúca správa na požiadavke
desk-keys-open = otvoriť vybranú požiadavku
desk-keys-reply = napísať odpoveď
desk-keys-note = napísať internú poznámku
desk-keys-assign = vybrať riešiteľa
desk-keys-help = zobraziť tento zoznam
desk-keys-escape = zavrieť tento zoznam
desk-keys-typing = Skratky nefungujú, kým píšete do poľa.
desk-keys-on = Používať skratky jedným klávesom
desk-panel-signal-paid-service = { $count ->
    [one] platený servis raz za posledných šesť mesiacov
   *[other] platený servis { $count }-krát za posledných šesť mesiacov
}
desk-panel-signal-repeated-category = { $count ->
    [one] { $count } požiadavka v kategórii { $detail } za posledných šesť mesiacov
    [few] { $count } požiadavky v kategórii { $detail } za posledných šesť mesiacov
   *[other] { $count } požiadaviek v kategórii { $detail } za posledných šesť mesiacov
}
desk-panel-signal-similar-questions = { $count ->
    [one] { $count } otázka ako „{ $detail }“ za posledných šesť mesiacov
    [few] { $count } podobné otázky ako „{ $detail }“ za posledných šesť mesiacov
   *[other] { $count } podobných otázok ako „{ $detail }“ za posledných šesť mesiacov
}
desk-history-field-sla-warning = Upozornenie SLA
desk-history-field-sla-notice = Odoslané oznámenie SLA
desk-history-field-time-entry = Záznam času
desk-history-field-time-entry-note = Poznámka k záznamu času
desk-history-field-agreement-offered = Ponúknutá platená práca
desk-history-field-agreement-accepted = Odsúhlasená platená práca
desk-history-sla-warning = upozornenie pred termínom
desk-history-sla-breach = prekročenie termínu
desk-scope-answers = Čo zákazník dostane ({ $language })
