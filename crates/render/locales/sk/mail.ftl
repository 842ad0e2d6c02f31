## Texty e-mailov, ktoré podpora posiela. Premenné ({ $name }) dopĺňajú šablóny e-mailov;
## zoznam premenných pre každú správu je v README.md.

## Spoločné časti

greeting = Dobrý deň,
# Meno v oslovení by vyžadovalo titul (pán/pani), ktorý z mena kontaktu nevieme odvodiť,
# preto oslovujeme neutrálne.
greeting-named = Dobrý deň,
sign-off = S pozdravom
support-team = Zákaznícka podpora
automatic-notice = Táto správa bola odoslaná automaticky.
ticket-number = Číslo požiadavky: { $ticket }
reply-keep-number = Ak odpovedáte, ponechajte, prosím, číslo požiadavky v predmete správy.

## Potvrdenie novej požiadavky

confirmation-subject = Prijali sme vašu požiadavku: { $subject }
confirmation-intro = Ďakujeme za vašu správu. Vašu požiadavku sme zaevidovali pod číslom { $ticket }.
confirmation-reaction = Ozveme sa vám najneskôr do { $due }.
confirmation-add-files = Súbory alebo ďalšie informácie môžete doplniť jednoducho odpoveďou na tento e-mail.
confirmation-keep-number = Pri ďalšej komunikácii k tejto požiadavke, prosím, uvádzajte jej číslo.

## Odpoveď technika

agent-reply-subject = Re: { $subject }

## Správa z adresy, ktorá nepatrí registrovanému kontaktu

unknown-sender-subject = Vašu správu sme nemohli zaevidovať ako požiadavku
unknown-sender-intro = Dostali sme vašu správu z adresy { $sender }. Táto adresa však nie je registrovaná v systéme podpory spoločnosti { $company }, preto sme požiadavku nevytvorili.
unknown-sender-rule = Požiadavky môžu zadávať iba registrované kontaktné osoby našich zákazníkov.
unknown-sender-register = Ak pracujete pre niektorého z našich zákazníkov, požiadajte administrátora vo vašej spoločnosti o registráciu vašej adresy alebo nás kontaktujte na adrese { $support }.
unknown-sender-other-address = Ak ste už registrovaní, pošlite, prosím, požiadavku z registrovanej adresy.

## Požiadavka k zariadeniu alebo službe, ku ktorej kontakt nemá oprávnenie

asset-not-permitted-subject = Požiadavku sme nemohli prijať: { $subject }
asset-not-permitted-intro = K zariadeniu alebo službe { $asset } nemáte oprávnenie zadávať požiadavky, preto vašu požiadavku „{ $subject }“ nemôžeme spracovať.
asset-not-permitted-how = Ak by ste toto oprávnenie mali mať, požiadajte, prosím, administrátora vo vašej spoločnosti, aby vám ho pridelil.

## Požiadavka mimo rozsahu zmluvy

out-of-scope-subject = Mimo rozsahu podpory: { $subject }
out-of-scope-intro = Ďakujeme za vašu požiadavku { $ticket } „{ $subject }“. Žiaľ, nespadá do rozsahu vašej zmluvy o podpore.
out-of-scope-answer = Naša odpoveď:

## Upozornenia a porušenia SLA pre pracovníkov podpory

sla-warning-subject = Upozornenie SLA ({ $percent } %): { $subject }
sla-warning-intro = Blíži sa termín SLA požiadavky { $ticket }.
sla-breach-subject = Porušenie SLA: { $subject }
sla-breach-intro = Termín SLA požiadavky { $ticket } uplynul.
sla-breach-action = Prevezmite, prosím, požiadavku alebo ju eskalujte.
label-subject = Predmet: { $subject }
label-clock = Cieľ SLA: { $clock }
label-due = Termín: { $due }
label-used = Využitý čas: { $percent } %

## Znovu otvorená požiadavka

reopened-subject = Požiadavka bola znovu otvorená: { $subject }
reopened-intro = Vaša požiadavka { $ticket } bola znovu otvorená. Budeme na nej ďalej pracovať a ozveme sa vám.

## Lehoty SLA

clock-reaction = Reakcia
clock-first-answer = Prvá odpoveď
clock-remote-resolution = Vyriešenie na diaľku
clock-visit = Výjazd technika
clock-resolution = Vyriešenie

## Pozvánka do zákazníckeho portálu

portal-invite-subject = Váš prístup do zákazníckeho portálu
portal-invite-intro = Svoje požiadavky môžete odteraz sledovať a zakladať v našom zákazníckom portáli. Heslo si nastavíte cez tento odkaz:
portal-invite-button = Nastaviť heslo
portal-invite-valid = Odkaz funguje raz a platí { $days }. Ak vyprší, požiadajte nás o nový.
portal-reset-subject = Obnovenie hesla do zákazníckeho portálu
portal-reset-intro = Niekto, pravdepodobne vy, požiadal o obnovenie hesla do nášho zákazníckeho portálu. Nové heslo si nastavíte cez tento odkaz:
portal-reset-valid = Odkaz funguje raz a platí { $minutes }. Ak ste oň nežiadali, správu ignorujte: heslo zostáva nezmenené.
