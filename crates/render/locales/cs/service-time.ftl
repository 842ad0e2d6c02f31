# Servisní čas na stránce požadavku v pracovišti, nabídky placené práce a odkaz z e-mailu.
sbill-title = Servisní čas a poplatky
sbill-entries-title = Záznamy času
sbill-entries-none = U tohoto požadavku zatím není zaznamenaný žádný čas.
sbill-col-id = Č.
sbill-col-who = Kdo
sbill-col-when = Kdy ({ $zone })
sbill-col-minutes = Čas
sbill-col-kind = Druh práce
sbill-col-intervention = Zásah
sbill-col-state = Fakturace
sbill-col-note = Poznámka
sbill-visits = { $count ->
    [one] { $count } výjezd
    [few] { $count } výjezdy
   *[other] { $count } výjezdů
}
sbill-billable = účtuje se
sbill-covered = nehradí zákazník
sbill-invoiced = vyfakturováno { $when }
sbill-not-invoiced = nevyfakturováno
sbill-preview-title = Náhled poplatků
sbill-held-notice = Placená práce je pozdržena: zákazník nepřijal nabídku a nekryje ji žádný balíček. Neúčtuje se, dokud zákazník nabídku nepřijme nebo dokud pracovník níže nezaznamená souhlas.
sbill-held = pozdrženo, neúčtuje se
sbill-intervention-heading = Zásah { $n }, { $when }
sbill-under-plan = v rámci balíčku zákazníka
sbill-unrated = Neoceněno: { $error }
sbill-quantity-minutes = { $charged } (odpracováno { $worked })
sbill-covered-free = { $kind }, { $minutes }: bezplatné minuty sazby
sbill-covered-included = { $kind }, { $minutes }: minuty v ceně balíčku za { $month }
sbill-covered-prepaid = { $kind }, { $minutes }: z předplacených minut
sbill-covered-plan = { $kind }, { $minutes }: kryje balíček
sbill-covered-not_billable = { $kind }, { $minutes }: označeno jako nehrazené, neúčtuje se
sbill-price-list = Oceněno podle ceníku { $code }.
sbill-offers-title = Nabídky placené práce
sbill-offers-none = Není zaznamenána žádná nabídka placené práce.
sbill-offer-estimate = odhad { $minutes }
sbill-offer-offered = nabídnuto { $when }
sbill-offer-waiting = čeká na zákazníka
sbill-offer-accepted = přijato { $when }, { $who } ({ $channel })
sbill-channel-portal = na portálu
sbill-channel-api = přes API
sbill-channel-staff = zaznamenal pracovník
sbill-channel-mail = odkazem z e-mailu
sbill-accept-reason = Jak a kdy zákazník souhlasil
sbill-accept-hint = Zaznamenáním souhlasu se pozdržená práce uvolní; důvod zůstane v historii požadavku.
sbill-accept-button = Zaznamenat souhlas
sbill-log-title = Zapsat čas
sbill-when-hint = Zadejte začátek a konec, nebo datum a minuty. Časy jsou ve vašem pásmu { $zone }.
sbill-field-start = Začátek
sbill-field-end = Konec
sbill-field-date = Datum
sbill-field-minutes = Minuty
sbill-field-kind = Druh práce
sbill-field-visits = Výjezdy (paušál { $fee } za každý)
sbill-field-intervention = Zásah
sbill-intervention-new = Nový zásah
sbill-intervention-n = Zásah { $n }
sbill-field-billable = Fakturace
sbill-log-button = Zapsat čas
sbill-correct-title = Opravit záznam
sbill-correct-hint = Měnit lze jen nevyfakturované záznamy; vyfakturovaný záznam se opraví novým záznamem. Prázdná pole zůstanou beze změny.
sbill-field-entry = Záznam
sbill-entry-choice = Č. { $id }: { $when }, { $minutes }, { $kind }
sbill-unchanged = (beze změny)
sbill-field-reason = Důvod opravy
sbill-correct-button = Opravit záznam
sbill-offer-title = Nabídnout placenou práci
sbill-offer-hint = Zákazník dostane nabídku e-mailem s odkazem k jejímu přijetí a uvidí ji také na portálu.
sbill-field-description = Co se udělá
sbill-field-estimate = Odhad v minutách
sbill-offer-button = Zaznamenat a odeslat nabídku
sbill-link-title = Nabídka placené práce
sbill-link-for = Váš požadavek { $ticket }: { $subject }
sbill-link-hint = Přijetím souhlasíte, že tato práce bude účtována podle našeho ceníku.
sbill-link-accept = Přijmout nabídku
sbill-link-thanks = Děkujeme.
sbill-link-accepted = Nabídka byla přijata { $when }.
sbill-link-dead-unknown = Tento odkaz není platný. Zkontrolujte, zda jste ho zkopírovali celý.
sbill-link-dead-used = Tento odkaz už byl použit; funguje jen jednou.
sbill-link-dead-expired = Platnost tohoto odkazu vypršela.
sbill-link-sign-in = Přihlaste se na portál, kde uvidíte své požadavky a jejich nabídky
offer-mail-subject = Nabídka placené práce: { $subject }
offer-mail-intro = K vašemu požadavku { $ticket } ({ $subject }) vám nabízíme tuto placenou práci:
offer-mail-estimate = Odhadovaný čas: { $minutes ->
    [one] { $minutes } minuta
    [few] { $minutes } minuty
   *[other] { $minutes } minut
}
offer-mail-accept = Pokud souhlasíte, přijměte nabídku tímto odkazem (nebo na zákaznickém portálu):
offer-mail-button = Zobrazit a přijmout nabídku
offer-mail-valid = Odkaz funguje jednou a platí { $days }.
sbill-done-time = Čas je zapsán.
sbill-done-correct = Záznam je opraven; důvod je v historii.
sbill-done-offer = Nabídka je zaznamenána; zákazník ji dostane e-mailem s odkazem k přijetí.
sbill-done-accept = Souhlas je zaznamenán; pozdržená práce se od teď účtuje.
sbill-done-offer-unmailed = Nabídka je zaznamenána, ale neodeslána: žadatel nemá e-mailovou adresu. Zákazník ji uvidí na portálu, nebo zde zaznamenejte jeho souhlas.
