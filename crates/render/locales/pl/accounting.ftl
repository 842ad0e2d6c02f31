accounting-export = Eksport do księgowości (CSV): faktury i korekty według daty wystawienia
accounting-from = Od
accounting-to = Do
accounting-download = Pobierz CSV
