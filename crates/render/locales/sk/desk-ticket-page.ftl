# Stránka požiadavky: zlúčená požiadavka a obrázky v e-mailoch.
desk-merged-write-there = Odpovede a poznámky k tejto požiadavke sa píšu v požiadavke
desk-images-blocked = Obrázok z { $host } je zablokovaný.
desk-images-missing = Vložený obrázok medzi súbormi správy chýba.
desk-images-note = Obrázky zo vzdialených serverov sú zablokované: odosielateľ by z nich zistil, kedy a odkiaľ ste správu otvorili.
desk-images-show = Zobraziť vzdialené obrázky tejto správy
desk-images-hide = Skryť vzdialené obrázky
desk-history-field-sla-stopped = Lehoty SLA zastavené zlúčením
