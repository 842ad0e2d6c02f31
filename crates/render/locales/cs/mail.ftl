## Texty e-mailů, které podpora posílá. Proměnné ({ $name }) doplňují šablony e-mailů;
## seznam proměnných pro každou zprávu je v README.md.

## Společné části

greeting = Dobrý den,
# Jméno v oslovení by vyžadovalo 5. pád a titul (pane/paní), které z jména kontaktu
# neodvodíme, proto oslovujeme neutrálně.
greeting-named = Dobrý den,
sign-off = S pozdravem
support-team = Zákaznická podpora
automatic-notice = Tato zpráva byla odeslána automaticky.
ticket-number = Číslo požadavku: { $ticket }
reply-keep-number = Při odpovědi prosím ponechte číslo požadavku v předmětu zprávy.

## Potvrzení nového požadavku

confirmation-subject = Přijali jsme váš požadavek: { $subject }
confirmation-intro = Děkujeme za vaši zprávu. Váš požadavek jsme zaevidovali pod číslem { $ticket }.
confirmation-reaction = Ozveme se vám nejpozději do { $due }.
confirmation-add-files = Soubory nebo další informace můžete doplnit jednoduše odpovědí na tento e-mail.
confirmation-keep-number = Při další komunikaci k tomuto požadavku prosím uvádějte jeho číslo.

## Odpověď technika

agent-reply-subject = Re: { $subject }

## Zpráva z adresy, která nepatří registrovanému kontaktu

unknown-sender-subject = Vaši zprávu jsme nemohli zaevidovat jako požadavek
unknown-sender-intro = Obdrželi jsme vaši zprávu z adresy { $sender }. Tato adresa však není registrována v systému podpory společnosti { $company }, a proto jsme požadavek nevytvořili.
unknown-sender-rule = Požadavky mohou zadávat pouze registrované kontaktní osoby našich zákazníků.
unknown-sender-register = Pokud pracujete pro některého z našich zákazníků, požádejte správce ve vaší společnosti o registraci vaší adresy, nebo nás kontaktujte na adrese { $support }.
unknown-sender-other-address = Pokud už registrováni jste, pošlete prosím požadavek z registrované adresy.

## Požadavek k zařízení nebo službě, ke které kontakt nemá oprávnění

asset-not-permitted-subject = Požadavek jsme nemohli přijmout: { $subject }
asset-not-permitted-intro = K zařízení nebo službě { $asset } nemáte oprávnění zadávat požadavky, proto váš požadavek „{ $subject }“ nemůžeme zpracovat.
asset-not-permitted-how = Pokud byste toto oprávnění měli mít, požádejte prosím správce ve vaší společnosti, aby vám ho přidělil.

## Požadavek mimo rozsah smlouvy

out-of-scope-subject = Mimo rozsah podpory: { $subject }
out-of-scope-intro = Děkujeme za váš požadavek { $ticket } „{ $subject }“. Bohužel nespadá do rozsahu vaší smlouvy o podpoře.
out-of-scope-answer = Naše odpověď:

## Upozornění a porušení SLA pro pracovníky podpory

sla-warning-subject = Upozornění SLA ({ $percent } %): { $subject }
sla-warning-intro = Blíží se termín SLA požadavku { $ticket }.
sla-breach-subject = Porušení SLA: { $subject }
sla-breach-intro = Termín SLA požadavku { $ticket } uplynul.
sla-breach-action = Převezměte prosím požadavek, nebo jej eskalujte.
label-subject = Předmět: { $subject }
label-clock = Cíl SLA: { $clock }
label-due = Termín: { $due }
label-used = Využitý čas: { $percent } %

## Znovu otevřený požadavek

reopened-subject = Požadavek byl znovu otevřen: { $subject }
reopened-intro = Váš požadavek { $ticket } byl znovu otevřen. Budeme na něm dále pracovat a ozveme se vám.

## Lhůty SLA

clock-reaction = Reakce
clock-first-answer = První odpověď
clock-remote-resolution = Vyřešení na dálku
clock-visit = Výjezd technika
clock-resolution = Vyřešení

## Pozvánka do zákaznického portálu

portal-invite-subject = Váš přístup do zákaznického portálu
portal-invite-intro = Své požadavky můžete nyní sledovat a zakládat v našem zákaznickém portálu. Heslo si nastavíte tímto odkazem:
portal-invite-button = Nastavit heslo
portal-invite-valid = Odkaz funguje jednou a platí { $days }. Pokud vyprší, požádejte nás o nový.
portal-reset-subject = Obnovení hesla do zákaznického portálu
portal-reset-intro = Někdo, pravděpodobně vy, požádal o obnovení hesla do našeho zákaznického portálu. Nové heslo si nastavíte tímto odkazem:
portal-reset-valid = Odkaz funguje jednou a platí { $minutes }. Pokud jste o něj nežádali, zprávu ignorujte: heslo zůstává beze změny.
