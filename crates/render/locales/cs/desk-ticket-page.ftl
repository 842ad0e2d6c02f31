# Stránka požadavku: sloučený požadavek a obrázky v e-mailech.
desk-merged-write-there = Odpovědi a poznámky k tomuto požadavku se píší v požadavku
desk-images-blocked = Obrázek z { $host } je zablokovaný.
desk-images-missing = Vložený obrázek mezi soubory zprávy chybí.
desk-images-note = Obrázky ze vzdálených serverů jsou zablokované: odesílatel by z nich zjistil, kdy a odkud jste zprávu otevřeli.
desk-images-show = Zobrazit vzdálené obrázky této zprávy
desk-images-hide = Skrýt vzdálené obrázky
desk-history-field-sla-stopped = Lhůty SLA zastavené sloučením
