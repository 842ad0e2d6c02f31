## Cenové ponuky s termínom (R-46): e-mail zákazníkovi, stránka požiadavky v portáli, stránka
## tiketu v pracovisku a hodiny, ktorými sa prijatý termín stane.

clock-agreed-deadline = Dohodnutý termín

quote-mail-subject = Cenová ponuka k vašej požiadavke: { $subject }
quote-mail-intro = K vašej požiadavke { $ticket } „{ $subject }“ vám ponúkame:
quote-mail-price = Cena: { $price }
quote-mail-covers = Čo zahŕňa: { $covers }
quote-mail-deadline = Termín: { $deadline }
quote-mail-decide = Ponuku prosím prijmite alebo odmietnite v zákazníckom portáli na stránke požiadavky. Termín platí od prijatia.

quote-portal-title = Cenová ponuka
quote-portal-price = Cena
quote-portal-covers = Čo zahŕňa
quote-portal-deadline = Termín
quote-portal-accept = Prijať ponuku
quote-portal-decline = Odmietnuť ponuku
quote-portal-reason = Prečo odmietate (nepovinné)
quote-portal-promised = Sľúbený termín: { $deadline }
quote-portal-earlier = Predchádzajúce ponuky
quote-portal-state-pending = čaká na vaše rozhodnutie
quote-portal-state-accepted = prijatá { $when }
quote-portal-state-declined = odmietnutá { $when }
quote-portal-decided-already = Táto ponuka už bola prijatá alebo odmietnutá.
quote-portal-expired = Termín tejto ponuky už uplynul. Požiadajte nás prosím o novú ponuku.
quote-portal-closed = Požiadavka je uzavretá; jej ponuku už nemožno prijať.
quote-portal-back = Späť na požiadavku

quote-desk-title = Cenové ponuky
quote-desk-none = Zatiaľ žiadna ponuka.
quote-desk-new = Nová ponuka
quote-desk-price = Cena ({ $currency })
quote-desk-price-hint = Suma, napríklad 1200 alebo 1200.50.
quote-desk-covers = Čo zahŕňa
quote-desk-deadline = Termín
quote-desk-deadline-hint = Dátum a čas vo vašom pásme ({ $zone }).
quote-desk-submit = Poslať ponuku zákazníkovi
quote-desk-pending-hint = O čakajúcej ponuke musí zákazník rozhodnúť, kým vznikne ďalšia.
quote-desk-state-pending = čaká
quote-desk-state-accepted = prijatá
quote-desk-state-declined = odmietnutá
quote-desk-decided = { $state } { $when }, { $who } ({ $channel })
quote-desk-reason = Dôvod: { $reason }
quote-desk-bad-deadline = Zadajte termín ako dátum a čas, napríklad 2026-12-10 16:00.
desk-history-field-quote-offered = Cenová ponuka vytvorená
desk-history-field-quote-accepted = Cenová ponuka prijatá
desk-history-field-quote-declined = Cenová ponuka odmietnutá
