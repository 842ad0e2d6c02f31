# Pracovisko agentov (/desk).
desk-area = Pracovisko
desk-nav-profile = Profil
desk-signin-title = Prihlásenie pracovníkov
desk-signin-hint = Pre pracovníkov servisného pultu. Zákazníci sa prihlasujú na portál.
desk-error-signin-refused = E-mailová adresa alebo heslo nie sú správne, alebo je účet deaktivovaný. Skontrolujte oboje a skúste to znova.
desk-title-refused = Nepovolené
desk-refused = Vaša rola toto nepovoľuje. Ak to potrebujete, obráťte sa na administrátora.
desk-profile-title = Váš profil
desk-profile-roles = Roly
desk-profile-preferences = Jazyk a časové pásmo
desk-field-time-zone = Časové pásmo
desk-profile-zone-hint = Termíny a dátumy sa na pracovisku zobrazujú v tomto pásme.
desk-save = Uložiť
desk-notice-saved = Uložené.
desk-error-zone = Vyberte časové pásmo zo zoznamu.
desk-role-admin = administrátor
desk-role-dispatcher = dispečer
desk-role-technician = technik
desk-role-billing = fakturácia
desk-nav-queue = Rad
desk-queue-title = Rad
desk-col-reason = Prečo tu
desk-queue-count = { $count ->
    [one] { $count } otvorená požiadavka
    [few] { $count } otvorené požiadavky
   *[other] { $count } otvorených požiadaviek
}
