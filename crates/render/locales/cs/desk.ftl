# Pracoviště agentů (/desk).
desk-area = Pracoviště
desk-nav-profile = Profil
desk-signin-title = Přihlášení pracovníků
desk-signin-hint = Pro pracovníky servisního pultu. Zákazníci se přihlašují na portál.
desk-error-signin-refused = E-mailová adresa nebo heslo nejsou správné, nebo je účet deaktivován. Zkontrolujte obojí a zkuste to znovu.
desk-title-refused = Nepovoleno
desk-refused = Vaše role toto nepovoluje. Pokud to potřebujete, obraťte se na administrátora.
desk-profile-title = Váš profil
desk-profile-roles = Role
desk-profile-preferences = Jazyk a časové pásmo
desk-field-time-zone = Časové pásmo
desk-profile-zone-hint = Termíny a data se na pracovišti zobrazují v tomto pásmu.
desk-save = Uložit
desk-notice-saved = Uloženo.
desk-error-zone = Vyberte časové pásmo ze seznamu.
desk-role-admin = administrátor
desk-role-dispatcher = dispečer
desk-role-technician = technik
desk-role-billing = fakturace
desk-nav-queue = Fronta
desk-queue-title = Fronta
desk-col-reason = Proč zde
desk-queue-count = { $count ->
    [one] { $count } otevřený požadavek
    [few] { $count } otevřené požadavky
   *[other] { $count } otevřených požadavků
}
