## Cenové nabídky s termínem (R-46): e-mail zákazníkovi, stránka požadavku v portálu, stránka
## tiketu v pracovišti a hodiny, kterými se přijatý termín stane.

clock-agreed-deadline = Dohodnutý termín

quote-mail-subject = Cenová nabídka k vašemu požadavku: { $subject }
quote-mail-intro = K vašemu požadavku { $ticket } „{ $subject }“ vám nabízíme:
quote-mail-price = Cena: { $price }
quote-mail-covers = Co zahrnuje: { $covers }
quote-mail-deadline = Termín: { $deadline }
quote-mail-decide = Nabídku prosím přijměte nebo odmítněte v zákaznickém portálu na stránce požadavku. Termín platí od přijetí.

quote-portal-title = Cenová nabídka
quote-portal-price = Cena
quote-portal-covers = Co zahrnuje
quote-portal-deadline = Termín
quote-portal-accept = Přijmout nabídku
quote-portal-decline = Odmítnout nabídku
quote-portal-reason = Proč odmítáte (nepovinné)
quote-portal-promised = Slíbený termín: { $deadline }
quote-portal-earlier = Předchozí nabídky
quote-portal-state-pending = čeká na vaše rozhodnutí
quote-portal-state-accepted = přijata { $when }
quote-portal-state-declined = odmítnuta { $when }
quote-portal-decided-already = Tato nabídka už byla přijata nebo odmítnuta.
quote-portal-expired = Termín této nabídky už uplynul. Požádejte nás prosím o novou nabídku.
quote-portal-closed = Požadavek je uzavřený; jeho nabídku už nelze přijmout.
quote-portal-back = Zpět na požadavek

quote-desk-title = Cenové nabídky
quote-desk-none = Zatím žádná nabídka.
quote-desk-new = Nová nabídka
quote-desk-price = Cena ({ $currency })
quote-desk-price-hint = Částka, například 1200 nebo 1200.50.
quote-desk-covers = Co zahrnuje
quote-desk-deadline = Termín
quote-desk-deadline-hint = Datum a čas ve vašem pásmu ({ $zone }).
quote-desk-submit = Poslat nabídku zákazníkovi
quote-desk-pending-hint = O čekající nabídce musí zákazník rozhodnout, než vznikne další.
quote-desk-state-pending = čeká
quote-desk-state-accepted = přijata
quote-desk-state-declined = odmítnuta
quote-desk-decided = { $state } { $when }, { $who } ({ $channel })
quote-desk-reason = Důvod: { $reason }
quote-desk-bad-deadline = Zadejte termín jako datum a čas, například 2026-12-10 16:00.
desk-history-field-quote-offered = Cenová nabídka vytvořena
desk-history-field-quote-accepted = Cenová nabídka přijata
desk-history-field-quote-declined = Cenová nabídka odmítnuta
