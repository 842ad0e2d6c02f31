# Servisný čas na stránke požiadavky v pracovisku, ponuky platenej práce a odkaz z e-mailu.
sbill-title = Servisný čas a poplatky
sbill-entries-title = Záznamy času
sbill-entries-none = Na tejto požiadavke zatiaľ nie je zaznamenaný žiadny čas.
sbill-col-id = Č.
sbill-col-who = Kto
sbill-col-when = Kedy ({ $zone })
sbill-col-minutes = Čas
sbill-col-kind = Druh práce
sbill-col-intervention = Zásah
sbill-col-state = Fakturácia
sbill-col-note = Poznámka
sbill-visits = { $count ->
    [one] { $count } výjazd
    [few] { $count } výjazdy
   *[other] { $count } výjazdov
}
sbill-billable = účtuje sa
sbill-covered = nehradí zákazník
sbill-invoiced = vyfakturované { $when }
sbill-not-invoiced = nevyfakturované
sbill-preview-title = Náhľad poplatkov
sbill-held-notice = Platená práca je pozdržaná: zákazník neprijal ponuku a nekryje ju žiadny balík. Neúčtuje sa, kým zákazník ponuku neprijme alebo kým pracovník nižšie nezaznamená súhlas.
sbill-held = pozdržané, neúčtuje sa
sbill-intervention-heading = Zásah { $n }, { $when }
sbill-under-plan = v rámci balíka zákazníka
sbill-unrated = Neocenené: { $error }
sbill-quantity-minutes = { $charged } (odpracované { $worked })
sbill-covered-free = { $kind }, { $minutes }: bezplatné minúty sadzby
sbill-covered-included = { $kind }, { $minutes }: minúty v cene balíka za { $month }
sbill-covered-prepaid = { $kind }, { $minutes }: z predplatených minút
sbill-covered-plan = { $kind }, { $minutes }: kryje balík
sbill-covered-not_billable = { $kind }, { $minutes }: označené ako nehradené, neúčtuje sa
sbill-price-list = Ocenené podľa cenníka { $code }.
sbill-offers-title = Ponuky platenej práce
sbill-offers-none = Nie je zaznamenaná žiadna ponuka platenej práce.
sbill-offer-estimate = odhad { $minutes }
sbill-offer-offered = ponúknuté { $when }
sbill-offer-waiting = čaká na zákazníka
sbill-offer-accepted = prijaté { $when }, { $who } ({ $channel })
sbill-channel-portal = na portáli
sbill-channel-api = cez API
sbill-channel-staff = zaznamenal pracovník
sbill-channel-mail = odkazom z e-mailu
sbill-accept-reason = Ako a kedy zákazník súhlasil
sbill-accept-hint = Zaznamenaním súhlasu sa pozdržaná práca uvoľní; dôvod zostane v histórii požiadavky.
sbill-accept-button = Zaznamenať súhlas
sbill-log-title = Zapísať čas
sbill-when-hint = Zadajte začiatok a koniec, alebo dátum a minúty. Časy sú vo vašom pásme { $zone }.
sbill-field-start = Začiatok
sbill-field-end = Koniec
sbill-field-date = Dátum
sbill-field-minutes = Minúty
sbill-field-kind = Druh práce
sbill-field-visits = Výjazdy (paušál { $fee } za každý)
sbill-field-intervention = Zásah
sbill-intervention-new = Nový zásah
sbill-intervention-n = Zásah { $n }
sbill-field-billable = Fakturácia
sbill-log-button = Zapísať čas
sbill-correct-title = Opraviť záznam
sbill-correct-hint = Meniť sa dajú len nevyfakturované záznamy; vyfakturovaný záznam sa opraví novým záznamom. Prázdne polia zostanú, ako sú.
sbill-field-entry = Záznam
sbill-entry-choice = Č. { $id }: { $when }, { $minutes }, { $kind }
sbill-unchanged = (bez zmeny)
sbill-field-reason = Dôvod opravy
sbill-correct-button = Opraviť záznam
sbill-offer-title = Ponúknuť platenú prácu
sbill-offer-hint = Zákazník dostane ponuku e-mailom s odkazom na jej prijatie a uvidí ju aj na portáli.
sbill-field-description = Čo sa urobí
sbill-field-estimate = Odhad v minútach
sbill-offer-button = Zaznamenať a poslať ponuku
sbill-link-title = Ponuka platenej práce
sbill-link-for = Vaša požiadavka { $ticket }: { $subject }
sbill-link-hint = Prijatím súhlasíte, že táto práca bude účtovaná podľa nášho cenníka.
sbill-link-accept = Prijať ponuku
sbill-link-thanks = Ďakujeme.
sbill-link-accepted = Ponuka bola prijatá { $when }.
sbill-link-dead-unknown = Tento odkaz nie je platný. Skontrolujte, či ste ho skopírovali celý.
sbill-link-dead-used = Tento odkaz už bol použitý; funguje iba raz.
sbill-link-dead-expired = Platnosť tohto odkazu vypršala.
sbill-link-sign-in = Prihláste sa na portál, kde uvidíte svoje požiadavky a ich ponuky
offer-mail-subject = Ponuka platenej práce: { $subject }
offer-mail-intro = K vašej požiadavke { $ticket } ({ $subject }) vám ponúkame túto platenú prácu:
offer-mail-estimate = Odhadovaný čas: { $minutes ->
    [one] { $minutes } minúta
    [few] { $minutes } minúty
   *[other] { $minutes } minút
}
offer-mail-accept = Ak súhlasíte, prijmite ponuku týmto odkazom (alebo na zákazníckom portáli):
offer-mail-button = Zobraziť a prijať ponuku
offer-mail-valid = Odkaz funguje raz a platí { $days }.
sbill-done-time = Čas je zapísaný.
sbill-done-correct = Záznam je opravený; dôvod je v histórii.
sbill-done-offer = Ponuka je zaznamenaná; zákazník ju dostane e-mailom s odkazom na prijatie.
sbill-done-accept = Súhlas je zaznamenaný; pozdržaná práca sa odteraz účtuje.
sbill-done-offer-unmailed = Ponuka je zaznamenaná, ale neodoslaná: žiadateľ nemá e-mailovú adresu. Zákazník ju uvidí na portáli, alebo tu zaznamenajte jeho súhlas.
